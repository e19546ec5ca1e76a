import OnomaGlossary
import OnomaText

/// Real names, with the tricky bits each format must carry.
enum Samples {
    static let en = LanguageTag(canonical: "en")
    static let fr = LanguageTag(canonical: "fr")
    static let de = LanguageTag(canonical: "de")
    static let ru = LanguageTag(canonical: "ru")
    static let hy = LanguageTag(canonical: "hy")
    static let hyLatn = LanguageTag(canonical: "hy-Latn")
    static let azCyrl = LanguageTag(canonical: "az-Cyrl")
    static let frFR = LanguageTag(canonical: "fr-FR")

    /// Concepts using every field of the model, per-term sources and non-Wikidata ids included.
    static let rich: [Concept] = [
        Concept(
            id: "nikol-pashinyan", type: .person, domain: "politics", note: "Prime Minister of Armenia since 2018.",
            sources: ["en.wikipedia: Nikol Pashinyan", "fr.wikipedia: Nikol Pachinian"],
            externalIDs: ["wikidata": "Q7037913"],
            terms: [
                Term(text: "Nikol Pashinyan", language: en, source: "en.wikipedia"),
                Term(text: "Pashinyan", language: en, status: .admitted, kind: .short),
                Term(text: "Nikol Pachinian", language: fr),
                Term(text: "Pachinian", language: fr, status: .admitted, kind: .short),
                Term(text: "Nikol Pashinyan", language: fr, status: .deprecated, kind: .transliteration),
                Term(text: "Nikol Paschinjan", language: de),
                Term(text: "Paschinjan", language: de, status: .admitted, kind: .short),
                Term(text: "Никол Пашинян", language: ru),
                Term(text: "Пашинян", language: ru, status: .admitted, kind: .short),
                Term(text: "Նիկոլ Փաշինյան", language: hy),
                Term(text: "Nikol Phashinyan", language: hyLatn, kind: .transliteration),
            ]),
        Concept(
            id: "yerevan", type: .place, domain: "geography", note: "Capital of Armenia.",
            externalIDs: ["wikidata": "Q1953", "iso3166-2": "AM-ER"],
            terms: [
                Term(text: "Yerevan", language: en),
                Term(text: "-Yerevan", language: en, status: .admitted),
                Term(text: "Erevan", language: fr),
                Term(text: "Érevan", language: fr, status: .admitted),
                Term(text: "Eriwan", language: de),
                Term(text: "Ереван", language: ru),
                Term(text: "Երևան", language: hy),
                Term(text: "Иреван", language: azCyrl, source: "az.wikipedia"),
            ]),
        Concept(
            id: "nagorno-karabakh", type: .place, domain: "geography",
            terms: [
                Term(text: "Nagorno-Karabakh", language: en),
                Term(text: "Haut-Karabakh", language: fr),
                Term(text: "Artsakh", language: fr, status: .admitted),
                Term(text: "Karabagh", language: frFR, status: .admitted),
                Term(text: "Bergkarabach", language: de),
            ]),
        Concept(
            id: "nato", type: .organization, domain: "military",
            sources: ["en.wikipedia: NATO"], externalIDs: ["wikidata": "Q7184"],
            terms: [
                Term(text: "North Atlantic Treaty Organization", language: en),
                Term(text: "NATO", language: en, status: .admitted, kind: .acronym),
                Term(text: "OTAN", language: fr, status: .preferred, kind: .acronym),
                Term(text: "Organisation du traité de l’Atlantique nord", language: fr),
            ]),
        Concept(
            id: "armenian", type: .term, note: "Adjective and demonym; every inflected form is its own term.",
            terms: [
                Term(text: "Armenian", language: en, kind: .adjective),
                Term(text: "arménien", language: fr, kind: .adjective),
                Term(text: "arménienne", language: fr, status: .admitted, kind: .adjective),
                Term(text: "arméniens", language: fr, status: .deprecated, kind: .adjective),
            ]),
        Concept(
            id: "formula.cells_1", type: "event", domain: "=SUM(1)",
            note: "Quote \"this\", a tab\there, <tags> & ampersands,\nsecond line\r\nthird; CRLF above",
            sources: ["@x", "-y", "'=already quoted"],
            terms: [
                Term(text: "=SUM(1)", language: en),
                Term(text: "@x", language: en, status: .admitted),
                Term(text: "+33 1", language: en, status: .admitted),
                Term(text: "'=quoted", language: en, status: .admitted),
                Term(text: "Foo {bar}", language: en, status: .admitted),
                Term(text: "\"Azerbaijan\" Airlines", language: en, status: .admitted),
                Term(text: "#hashtag", language: en, status: .admitted),
                Term(text: "comma, inside", language: fr),
                Term(text: "second preferred", language: fr, status: .preferred, kind: .short),
                Term(text: "admitted first", language: de, status: .admitted),
                Term(text: "then preferred", language: de, status: .preferred),
            ]),
        Concept(id: "no-terms", type: .product),
    ]

    /// ``rich`` without what TSV and CSV cannot hold: per-term sources and external ids other than Wikidata.
    static var tabular: [Concept] {
        rich.map { concept in
            var concept = concept
            concept.terms = concept.terms.map { term in
                var term = term
                term.source = nil
                return term
            }
            concept.externalIDs = concept.externalIDs.filter { $0.key == "wikidata" }
            return concept
        }
    }

    /// Concepts keyed by id, terms grouped by language the way the writers group them (English first, then by tag).
    static func normalized(_ concepts: [Concept]) -> [String: Concept] {
        var result: [String: Concept] = [:]
        for var concept in concepts {
            concept.terms = concept.terms.enumerated().sorted { lhs, rhs in
                let l = (lhs.element.language.matches(en) ? 0 : 1, lhs.element.language.description, lhs.offset)
                let r = (rhs.element.language.matches(en) ? 0 : 1, rhs.element.language.description, rhs.offset)
                return l < r
            }.map(\.element)
            result[concept.id] = concept
        }
        return result
    }

    /// The UTF-8 bytes of `text`.
    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }
}
