import OnomaGlossary
import OnomaText
import Testing
import TestResources

/// `Concept.canonicalTerm(in:)` reads the terms once; these tests hold it to the documented fallback order, written
/// out the direct way (filter per group of candidates, first preferred full, preferred, full term).
@Suite struct CanonicalTermTests {
    /// The fallback order as the documentation states it.
    static func reference(_ concept: Concept, _ language: LanguageTag) -> Term? {
        let usable = concept.terms.filter { $0.status != .deprecated }
        func best(_ candidates: [Term]) -> Term? {
            candidates.first { $0.status == .preferred && $0.kind == .full }
                ?? candidates.first { $0.status == .preferred }
                ?? candidates.first { $0.kind == .full }
        }
        if let term = best(usable.filter { $0.language == language }) { return term }
        if let term = best(usable.filter { $0.language.matches(LanguageTag(canonical: language.language)) }) {
            return term
        }
        if let term = best(usable.filter { $0.language.language == "en" }) { return term }
        return best(usable) ?? usable.first
    }

    static let tags = ["en", "en-GB", "eng", "fr", "fr-CA", "fr-FR", "de", "hy", "hy-Latn", "ru", "az-Cyrl", "az"]
        .map(LanguageTag.init(canonical:))

    @Test func sameTermAsTheFallbackOrderOnRandomConcepts() {
        var generator = SplitMix(seed: 7)
        for round in 0..<3_000 {
            let terms = (0..<Int.random(in: 0...9, using: &generator)).map { i in
                Term(text: "t\(i)", language: Self.tags.randomElement(using: &generator)!,
                     status: TermStatus.allCases.randomElement(using: &generator)!,
                     kind: TermKind.allCases.randomElement(using: &generator)!)
            }
            let concept = Concept(id: "c\(round)", type: .place, terms: terms)
            for language in Self.tags {
                #expect(concept.canonicalTerm(in: language) == Self.reference(concept, language),
                        "\(terms.map { "\($0.text) \($0.language) \($0.status) \($0.kind)" }) in \(language)")
            }
        }
    }

    @Test func fallbackOrderOnNamedCases() {
        let en = LanguageTag(canonical: "en"), fr = LanguageTag(canonical: "fr"), frCA = LanguageTag(canonical: "fr-CA")
        let concept = Concept(id: "x", type: .place, terms: [
            Term(text: "Old", language: fr, status: .deprecated),
            Term(text: "Short", language: fr, status: .admitted, kind: .short),
            Term(text: "Québec form", language: frCA, status: .preferred),
            Term(text: "English", language: en, status: .admitted),
            Term(text: "Admitted full", language: fr, status: .admitted),
        ])
        #expect(concept.canonicalTerm(in: fr)?.text == "Admitted full")
        #expect(concept.canonicalTerm(in: frCA)?.text == "Québec form")
        #expect(concept.canonicalTerm(in: LanguageTag(canonical: "fr-FR"))?.text == "Québec form")
        #expect(concept.canonicalTerm(in: LanguageTag(canonical: "de"))?.text == "English")
        #expect(Concept(id: "y", type: .place, terms: [Term(text: "Gone", language: en, status: .deprecated)])
            .canonicalTerm(in: en) == nil)
    }
}
