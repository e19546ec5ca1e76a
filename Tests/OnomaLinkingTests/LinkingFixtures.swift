import Foundation
import OnomaGlossary
import OnomaLinking
import OnomaText
import TestResources

/// Linkers over small in-memory glossaries and over the shipped curated glossary.
enum LinkingFixtures {
    static func term(_ text: String, _ language: String, _ status: TermStatus = .preferred,
                     _ kind: TermKind = .full) -> Term {
        Term(text: text, language: LanguageTag(canonical: language), status: status, kind: kind)
    }

    static let french = LanguageTag(canonical: "fr")
    static let english = LanguageTag(canonical: "en")

    /// Real names, each with its English and native forms and some French ones.
    static let concepts: [Concept] = [
        Concept(id: "nikol-pashinyan", type: .person, terms: [
            term("Nikol Pashinyan", "en"), term("Pashinyan", "en", .admitted, .short),
            term("Նիկոլ Փաշինյան", "hy"), term("Пашинян", "ru", .admitted, .short),
        ]),
        Concept(id: "ilham-aliyev", type: .person, terms: [
            term("Ilham Aliyev", "en"), term("Ilham Aliev", "fr"), term("İlham Əliyev", "az"),
        ]),
        Concept(id: "heydar-aliyev", type: .person, terms: [
            term("Heydar Aliyev", "en"), term("Heydar Aliev", "fr"), term("Aliev", "fr", .admitted, .short),
        ]),
        Concept(id: "yerevan", type: .place, terms: [term("Yerevan", "en"), term("Erevan", "fr"), term("Երևան", "hy")]),
        Concept(id: "armenia", type: .place, terms: [
            term("Armenia", "en"), term("Armenian", "en", .preferred, .adjective), term("Arménie", "fr"),
            term("arménien", "fr", .preferred, .adjective), term("arménienne", "fr", .admitted, .adjective),
        ]),
        Concept(id: "nagorno-karabakh", type: .place, terms: [
            term("Nagorno-Karabakh", "en"), term("Haut-Karabakh", "fr"), term("Karabakh", "fr", .admitted, .short),
        ]),
        Concept(id: "washington-dc", type: .place, terms: [
            term("Washington, D.C.", "en"), term("Washington, DC", "en", .admitted), term("Washington", "fr"),
        ]),
        Concept(id: "south-caucasus", type: .place, terms: [
            term("South Caucasus", "en"), term("Caucase du Sud", "fr"),
        ]),
        Concept(id: "nato", type: .organization, terms: [
            term("NATO", "en", .preferred, .acronym), term("OTAN", "fr", .preferred, .acronym),
        ]),
        Concept(id: "ministry-of-defence-russia", type: .organization, terms: [
            term("Ministry of Defence of the Russian Federation", "en"),
            term("ministère russe de la Défense", "fr"),
        ]),
        Concept(id: "russian-armed-forces", type: .organization, terms: [
            term("Russian Armed Forces", "en"), term("armée russe", "fr"),
        ]),
        Concept(id: "russia", type: .place, terms: [
            term("Russia", "en"), term("Russian", "en", .preferred, .adjective), term("Russie", "fr"),
            term("russe", "fr", .preferred, .adjective),
        ]),
        Concept(id: "russian-language", type: .language, terms: [term("Russian", "en"), term("russe", "fr")]),
        Concept(id: "drone", type: .term, terms: [term("drone", "en"), term("drone", "fr")]),
        Concept(id: "georgia-country", type: .place, domain: "geography", terms: [
            term("Georgia", "en"), term("Géorgie", "fr"), term("Tbilisi", "en", .admitted, .short),
        ]),
        Concept(id: "georgia-us-state", type: .place, domain: "geography", terms: [
            term("Georgia", "en"), term("Géorgie", "fr"), term("Atlanta", "en", .admitted, .short),
        ]),
    ]

    static let linker = EntityLinker(automaton: TermAutomaton(concepts: concepts))

    static func options(_ language: String? = "fr") -> EntityLinker.Options {
        EntityLinker.Options(language: language.map { LanguageTag(canonical: $0) }, target: english)
    }

    /// Every concept of the shipped curated glossaries.
    static let curatedConcepts: [Concept] = {
        let folder = CorpusFixtures.packageRoot.appendingPathComponent("Glossaries/curated")
        var concepts: [Concept] = []
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for file in files.sorted() where file.hasSuffix(".tsv") {
            let url = folder.appendingPathComponent(file)
            guard let data = try? Data(contentsOf: url),
                  let read = try? GlossaryReader.read(Array(data), file: url.path, format: .tsv) else { continue }
            concepts += read
        }
        return concepts
    }()

    static let curatedLinker = EntityLinker(automaton: TermAutomaton(concepts: curatedConcepts))
}

/// The scalar offsets of `needle`'s occurrences in `text`.
func scalarOffsets(of needle: String, in text: String) -> [Int] {
    let scalars = Array(text.unicodeScalars)
    let pattern = Array(needle.unicodeScalars)
    guard !pattern.isEmpty, pattern.count <= scalars.count else { return [] }
    return (0...(scalars.count - pattern.count)).filter { Array(scalars[$0..<($0 + pattern.count)]) == pattern }
}
