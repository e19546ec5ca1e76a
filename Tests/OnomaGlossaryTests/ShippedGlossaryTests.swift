import Foundation
import OnomaGlossary
import OnomaText
import TestResources
import Testing

/// Consistency of the curated glossary shipped in `Glossaries/curated/`.
@Suite struct CuratedGlossaryTests {
    static let files = ["people.tsv", "places.tsv", "organizations.tsv", "other.tsv"]

    static func concepts() throws -> [Concept] {
        try files.flatMap { file -> [Concept] in
            let url = CorpusFixtures.packageRoot.appendingPathComponent("Glossaries/curated/\(file)")
            let bytes = Array(try Data(contentsOf: url))
            return try GlossaryReader.read(bytes, file: url.path, format: .tsv)
        }
    }

    @Test func everyFileReadsAndTheSizeIsRight() throws {
        let concepts = try Self.concepts()
        #expect(concepts.count >= 300, "\(concepts.count) concepts")
    }

    @Test func everyConceptHasAnEnglishPreferredTermAndAType() throws {
        for concept in try Self.concepts() {
            let english = concept.terms.filter { $0.language.language == "en" && $0.status == .preferred }
            #expect(!english.isEmpty, "\(concept.id) has no English preferred term")
            #expect(ConceptType.isValid(concept.type.rawValue), "\(concept.id): type \(concept.type)")
        }
    }

    @Test func idsAreUniqueAndValidXMLNames() throws {
        let ids = try Self.concepts().map(\.id)
        #expect(Set(ids).count == ids.count, "duplicate ids")
        for id in ids {
            #expect(Concept.isValidID(id), "\(id)")
            // c- + id must be an XML NCName: letters, digits, '-', '_', '.'; it starts with a letter.
            #expect(("c-" + id).allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) })
        }
    }

    @Test func sharedPreferredTermsAreToldApartByTypeOrNote() throws {
        var byTerm: [String: [Concept]] = [:]
        for concept in try Self.concepts() {
            for term in concept.terms where term.status == .preferred && term.kind == .full {
                byTerm["\(term.language)\t\(term.text)", default: []].append(concept)
            }
        }
        for (term, concepts) in byTerm where concepts.count > 1 {
            let types = Set(concepts.map(\.type))
            let notes = Set(concepts.compactMap(\.note))
            #expect(types.count == concepts.count || notes.count == concepts.count,
                    "\(term) is preferred in \(concepts.map(\.id)) with nothing to tell them apart")
        }
    }

    @Test func languageTagsAreValid() throws {
        for concept in try Self.concepts() {
            for term in concept.terms {
                #expect(throws: Never.self) { _ = try LanguageTag(term.language.description) }
            }
        }
    }

    /// The script each language is written in, checked with ICU's script detection.
    static let scripts: [String: ICU.Script] = [
        "hy": .armenian, "ru": .cyrillic, "uk": .cyrillic, "ka": .georgian, "fa": .arabic,
        "az": .latin, "tr": .latin, "en": .latin, "fr": .latin, "de": .latin,
    ]

    @Test func nativeFormsAreInTheirLanguagesScript() throws {
        var checked = 0
        for concept in try Self.concepts() {
            for term in concept.terms {
                guard term.language.script == nil, let expected = Self.scripts[term.language.language] else { continue }
                let found = ICU.Script.all(in: term.text)
                #expect(found == [expected] || found.isEmpty,
                        "\(concept.id): \(term.language) \"\(term.text)\" is in \(found.map(\.name))")
                checked += 1
            }
        }
        #expect(checked > 2000)
    }

    @Test func theExampleArticlesNamesAreCovered() throws {
        // Names of the example article, as the French press writes them (see Glossaries/examples/fr-names.txt).
        let keys = Set(try Self.concepts().flatMap(\.terms).filter { $0.language.language == "fr" }
            .map { try NameNormalizer().normalize($0.text, language: "fr").key })
        for name in ["Pachinian", "Erevan", "Bakou", "Haut-Karabakh", "Poutine", "Aliev", "Caucase du Sud", "OTAN",
                     "Aghajanian", "Contrat civil", "Farukh", "Bayraktar TB2", "Fédération de Russie"] {
            let key = try NameNormalizer().normalize(name, language: "fr").key
            #expect(keys.contains(key), "\(name) is missing")
        }
    }
}

/// The CLDR gazetteer generator, on a few locales (the full run is the shipped `Glossaries/cldr/`).
@Suite struct CLDRGazetteerTests {
    static let gazetteer: CLDRGazetteer? = try? CLDRGazetteer.generate(locales: ["en", "fr", "de", "ru", "hy", "es"])

    @Test func knownValues() throws {
        let gazetteer = try #require(Self.gazetteer)
        let yerevan = try #require(gazetteer.cities.first { $0.id == "tz-asia-yerevan" })
        func text(_ concept: Concept, _ language: String) -> String? {
            concept.terms.first { $0.language.description == language }?.text
        }
        #expect(text(yerevan, "en") == "Yerevan")
        #expect(text(yerevan, "fr") == "Erevan")
        #expect(text(yerevan, "de") == "Eriwan")
        #expect(text(yerevan, "ru") == "Ереван")
        let armenia = try #require(gazetteer.territories.first { $0.id == "region-am" })
        #expect(text(armenia, "fr") == "Arménie")
        #expect(armenia.externalIDs["iso3166"] == "AM")
        #expect(armenia.note?.contains("ARM") == true)
        let azerbaijan = try #require(gazetteer.territories.first { $0.id == "region-az" })
        #expect(text(azerbaijan, "de") == "Aserbaidschan")
        // es writes "Armenia" as English does: an inherited name is not a new term.
        #expect(text(armenia, "es") == nil)
        #expect(armenia.terms.first?.language.description == "en" && armenia.terms.first?.status == .preferred)
    }

    @Test func countsPerKind() throws {
        let gazetteer = try #require(Self.gazetteer)
        #expect(gazetteer.territories.count > 240)
        #expect(gazetteer.cities.count > 350)
        #expect(gazetteer.languages.count > 100)
        #expect(gazetteer.scripts.count > 10)
        #expect(gazetteer.all.allSatisfy { Concept.isValidID($0.id) })
        #expect(Set(gazetteer.all.map(\.id)).count == gazetteer.all.count)
    }

    @Test func shippedFilesMatchTheGenerator() throws {
        // The committed files are the generator's output: regenerate a kind and compare a slice of it.
        let url = CorpusFixtures.packageRoot.appendingPathComponent("Glossaries/cldr/territories.tsv")
        let shipped = try GlossaryReader.read(Array(try Data(contentsOf: url)), file: url.path, format: .tsv)
        let regenerated = try CLDRGazetteer.generate(kinds: [.territories]).territories
        #expect(shipped.count == regenerated.count)
        let byID = Dictionary(uniqueKeysWithValues: shipped.map { ($0.id, $0) })
        for concept in regenerated.prefix(20) {
            let shippedTerms = Set(byID[concept.id]?.terms.map { "\($0.language)\t\($0.text)" } ?? [])
            let expected = Set(concept.terms.map { "\($0.language)\t\($0.text)" })
            #expect(shippedTerms == expected, "\(concept.id): \(shippedTerms.symmetricDifference(expected).sorted())")
        }
    }
}
