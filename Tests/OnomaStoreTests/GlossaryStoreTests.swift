import Foundation
import OnomaGlossary
@testable import OnomaStore
import OnomaText
import Synchronization
import TestResources
import Testing

@Suite struct GlossaryStoreRoundTripTests {
    @Test func everyFieldSurvivesTheStore() throws {
        let store = try makeStore()
        let summary = try store.import([pashinyan, nato])
        #expect(summary.conceptsAdded == 2 && summary.termsAdded == pashinyan.terms.count + nato.terms.count)
        #expect(try store.concept(id: "nikol-pashinyan") == pashinyan)
        #expect(try store.concept(id: "nato") == nato)
        #expect(try store.concept(id: "nobody") == nil)
        #expect(try store.concepts() == [pashinyan, nato], "stored order is import order")
    }

    @Test func shippedSampleRoundTripsThroughStoreAndFormats() throws {
        let concepts = try sampleConcepts()
        #expect(concepts.count == 4)
        let store = try makeStore()
        try store.import(concepts)
        let stored = try store.concepts()
        #expect(stored == concepts)
        for format in [GlossaryFormat.jsonl, .tbx, .tsv] {
            var options = GlossaryExportOptions()
            options.sortsByTerm = false
            let text = GlossaryWriter.write(stored, format: format, options: options)
            let reread = try GlossaryReader.read(Array(text.utf8), file: "export.\(format)", format: format)
            #expect(reread.map(\.id) == concepts.map(\.id), "\(format)")
            #expect(Set(reread.flatMap(\.terms).map(\.text)) == Set(concepts.flatMap(\.terms).map(\.text)), "\(format)")
        }
        // JSONL holds every field of the model: the second trip through a new store is exact.
        let jsonl = GlossaryWriter.write(stored, format: .jsonl, options: GlossaryExportOptions(sortsByTerm: false))
        let second = try makeStore()
        try second.import(try GlossaryReader.read(Array(jsonl.utf8), file: "a.jsonl", format: .jsonl))
        #expect(try second.concepts() == concepts)
    }

    @Test func filtersByTypeAndDomain() throws {
        let store = try makeStore()
        try store.import(try sampleConcepts())
        #expect(try store.concepts(types: [.place]).map(\.id) == ["yerevan", "nagorno-karabakh"])
        #expect(try store.concepts(domains: ["military"]).map(\.id) == ["nato"])
        #expect(try store.concepts(types: [.person], domains: ["military"]).isEmpty)
        let places = try store.concepts(types: [.place])
        #expect(places.allSatisfy { !$0.terms.isEmpty })
    }
}

@Suite struct GlossaryStoreContentsTests {
    @Test func contentsAreTheConceptsAndTermsReadInOneScan() throws {
        let store = try makeStore()
        try store.import(try sampleConcepts())
        try store.add(pashinyan)
        // Terms stored out of their order: a concept whose terms are replaced keeps its row, its new terms come last.
        try store.import([Concept(id: "nato", type: .organization, terms: [
            Term(text: "OTAN", language: tag("fr"), kind: .acronym),
            Term(text: "NATO", language: tag("en"), kind: .acronym),
        ])], mode: .replace)
        let contents = try store.contents()
        #expect(contents.concepts == (try store.concepts()))
        #expect(contents.terms == (try store.allTerms()))
        #expect(contents.writeStamp == (try store.writeStamp()) && contents.writeStamp.count == 32)
    }

    @Test func everyWriteGivesANewStamp() throws {
        let store = try makeStore()
        var stamps = [try store.writeStamp()]
        try store.import(try sampleConcepts())
        stamps.append(try store.writeStamp())
        try store.add(pashinyan)
        stamps.append(try store.writeStamp())
        #expect(try store.remove(id: pashinyan.id))
        stamps.append(try store.writeStamp())
        #expect(Set(stamps).count == stamps.count, "\(stamps)")
        // Nothing written, same stamp: a dry run, a removal of nothing.
        try store.add(pashinyan)
        let stamp = try store.writeStamp()
        try store.import([nato], dryRun: true)
        #expect(!(try store.remove(id: "no-such-concept")))
        #expect(try store.writeStamp() == stamp)
    }
}

@Suite struct GlossaryStoreLookupTests {
    static let store: GlossaryStore = {
        let store = try! makeStore()
        try! store.import(try! sampleConcepts())
        try! store.import([pashinyan])  // merged into the sample's concept
        return store
    }()

    /// (query text, its language, which lookup, expected concept, expected matching term text).
    @Test(arguments: [
        ("Pashinyan", "en", "latinKey", "nikol-pashinyan", "Пашинян"),
        ("Pashinyan", "en", "latinKey", "nikol-pashinyan", "Փաշինյան"),
        ("Pashinyan", "en", "key", "nikol-pashinyan", "Pashinyan"),
        ("PACHINIAN", "fr", "key", "nikol-pashinyan", "Pachinian"),
        ("Paschinjan", "de", "key", "nikol-pashinyan", "Paschinjan"),
        ("пашинян", "ru", "key", "nikol-pashinyan", "Пашинян"),
        ("Erevan", "fr", "key", "yerevan", "Erevan"),
        ("Yerevan", "en", "latinKey", "yerevan", "Ереван"),
        ("Haut-Karabakh", "fr", "normalized", "nagorno-karabakh", "Haut-Karabakh"),
        ("haut karabakh", "fr", "key", "nagorno-karabakh", "Haut-Karabakh"),
        ("OTAN", "fr", "key", "nato", "OTAN"),
        ("NATO", "en", "normalized", "nato", "NATO"),
    ])
    func findsTerm(query: String, language: String, lookup: String, concept: String, text: String) throws {
        let keys = try TermKeys(text: query, language: tag(language))
        let found: [IndexedTerm]
        switch lookup {
        case "key": found = try Self.store.terms(key: keys.key)
        case "latinKey": found = try Self.store.terms(latinKey: keys.latinKey)
        default: found = try Self.store.terms(normalized: keys.normalized)
        }
        #expect(found.contains { $0.conceptId == concept && $0.text == text },
                "\(lookup) of \(query): \(found.map { "\($0.conceptId)/\($0.text)" })")
    }

    @Test func everyStoredTermIsFoundByItsNormalizedForm() throws {
        // Through the key index (no index on the normalized form): French elision and Turkic casing included.
        let concepts = try sampleConcepts() + [
            Concept(id: "istanbul", type: .place, terms: [
                Term(text: "İstanbul", language: tag("tr")), Term(text: "Istanbul", language: tag("en")),
            ]),
            Concept(id: "ivory-coast", type: .place, terms: [Term(text: "Côte d'Ivoire", language: tag("fr"))]),
        ]
        let store = try makeStore()
        try store.import(concepts)
        let all = try store.allTerms()
        #expect(all.count >= 20)
        for term in all {
            let found = try store.terms(normalized: term.normalized)
            #expect(found.contains { $0.conceptId == term.conceptId && $0.text == term.text
                                     && $0.language == term.language },
                    "\(term.text) (\(term.language)) by \(term.normalized)")
        }
        #expect(try store.terms(normalized: "Istanbul").map(\.text) == ["Istanbul"])
        #expect(try store.terms(normalized: "istanbul").isEmpty)
    }

    @Test func cyrillicTermHasTheLatinKeyOfItsTransliteration() throws {
        let found = try Self.store.terms(latinKey: "pashinyan")
        let russian = try #require(found.first { $0.text == "Пашинян" })
        #expect(russian.language == tag("ru"))
        #expect(russian.keys.latin == "Pashinyan")
        #expect(russian.key == "пашинян")
        #expect(russian.keys.script == "Cyrillic")
        #expect(russian.status == .admitted && russian.kind == .short)
    }

    @Test func allTermsCarriesEveryTermWithItsKeys() throws {
        let all = try Self.store.allTerms()
        let expected = (try sampleConcepts() + [pashinyan]).reduce(into: Set<String>()) { ids, concept in
            concept.terms.forEach { ids.insert("\(concept.id)|\($0.language)|\($0.text)") }
        }
        #expect(Set(all.map { "\($0.conceptId)|\($0.language)|\($0.text)" }) == expected)
        #expect(all.count == expected.count)
        for term in all {
            #expect(try term.keys == TermKeys(text: term.text, language: term.language), "\(term.text)")
        }
        var streamed = 0
        try Self.store.forEachTerm { _ in streamed += 1 }
        #expect(streamed == all.count)
    }

    @Test(arguments: [
        ("pash", ["Nikol Pashinyan", "Пашинян", "Никол Пашинян", "Փաշինյան"]),
        ("PASCHIN", ["Paschinjan", "Nikol Paschinjan"]),
        ("haut kar", ["Haut-Karabakh"]),
        ("otan", ["OTAN"]),
        ("Փաշ", ["Փաշինյան", "Նիկոլ Փաշինյան"]),
        ("ереван", ["Ереван"]),
        ("erevan", ["Erevan"]),
        ("yerev", ["Yerevan", "Ереван", "Երևան"]),
    ])
    func searchFindsPrefixesInAnyScript(query: String, expected: [String]) throws {
        let hits = try Self.store.search(query, limit: 50)
        let texts = Set(hits.map(\.term.text))
        for text in expected {
            #expect(texts.contains(text), "search \(query) → \(hits.map(\.term.text))")
        }
    }

    @Test func searchReportsConceptAndType() throws {
        let hit = try #require(try Self.store.search("otan").first)
        #expect(hit.conceptId == "nato" && hit.type == .organization && hit.term.language == tag("fr"))
    }

    @Test(arguments: ["", "   ", "\"", "NOT AND OR", "*", "pash\"*) OR (", "zzzzqqq", "a:b", "NEAR(x y)"])
    func searchNeverFailsOnOddInput(query: String) throws {
        _ = try Self.store.search(query)
    }

    @Test func searchHonoursTheLimit() throws {
        #expect(try Self.store.search("n", limit: 3).count == 3)
        #expect(try Self.store.search("n", limit: 0).isEmpty)
    }

    @Test func statsCountByTypeAndLanguage() throws {
        let stats = try Self.store.stats()
        #expect(stats.conceptCount == 4)
        #expect(stats.conceptsByType.first { $0.type == .place }?.count == 2)
        #expect(stats.termsByLanguage.first { $0.language == tag("en") }?.count == 8)
        #expect(stats.termCount == stats.termsByLanguage.reduce(0) { $0 + $1.count })
        #expect(stats.schemaVersion == StoreSchema.version)
        #expect(stats.keyFormatVersion == NameNormalizer.keyFormatVersion)
        #expect(stats.sizeOnDisk > 0)
        #expect(!stats.isDefault && stats.defaultStoreFingerprint == nil)
    }
}

@Suite struct GlossaryStoreWriteTests {
    let nato2 = Concept(id: "nato", type: .organization, domain: "military", note: "Alliance.",
                        sources: ["nato.int"], terms: [
                            Term(text: "NATO", language: tag("de"), kind: .acronym),
                            Term(text: "OTAN", language: tag("fr"), status: .admitted, kind: .acronym),
                            Term(text: "Organisation du traité de l'Atlantique nord", language: tag("fr")),
                        ])

    @Test func mergeAddsNewTermsAndUpdatesExistingOnes() throws {
        let store = try makeStore()
        try store.import([nato])
        let summary = try store.import([nato2], mode: .merge)
        #expect(summary.conceptsUpdated == 1 && summary.conceptsAdded == 0)
        #expect(summary.termsAdded == 2 && summary.termsUpdated == 1 && summary.termsRemoved == 0)
        let merged = try #require(try store.concept(id: "nato"))
        #expect(merged.terms.map(\.text) == ["NATO", "OTAN", "NATO", "Organisation du traité de l'Atlantique nord"])
        #expect(merged.terms.map(\.language) == [tag("en"), tag("fr"), tag("de"), tag("fr")])
        #expect(merged.terms[1].status == .admitted, "the later file's status wins")
        #expect(merged.domain == "military" && merged.note == "Alliance." && merged.sources == ["nato.int"])
        // Merging again changes nothing and duplicates nothing.
        let again = try store.import([nato2], mode: .merge)
        #expect(again.conceptsUnchanged == 1 && again.termsAdded == 0 && again.termsUpdated == 0)
        #expect(try store.concept(id: "nato")?.terms.count == 4)
        // Merging the first version back re-adds nothing but restores OTAN's status.
        let back = try store.import([nato], mode: .merge)
        #expect(back.termsAdded == 0 && back.termsUpdated == 1)
    }

    @Test func mergeKeepsWhatTheImportDoesNotGive() throws {
        let store = try makeStore()
        try store.import([pashinyan])
        let bare = Concept(id: "nikol-pashinyan", type: .person, externalIDs: ["wikidata": "Q7242353"],
                           terms: [Term(text: "Pachinian", language: tag("fr"), status: .admitted, kind: .short)])
        let summary = try store.import([bare])
        #expect(summary.conceptsUnchanged == 1 && summary.termsAdded == 0 && summary.termsUpdated == 0)
        #expect(try store.concept(id: "nikol-pashinyan") == pashinyan)
    }

    @Test func replaceReplacesTheConceptWholly() throws {
        let store = try makeStore()
        try store.import([nato, pashinyan])
        let summary = try store.import([nato2], mode: .replace)
        #expect(summary.conceptsUpdated == 1 && summary.termsRemoved == 2 && summary.termsAdded == 3)
        #expect(try store.concept(id: "nato") == nato2)
        #expect(try store.concept(id: "nikol-pashinyan") == pashinyan, "other concepts are untouched")
        #expect(try store.terms(key: "otan").count == 1)
        #expect(try store.search("organisation").map(\.conceptId) == ["nato"])
        #expect(try store.import([nato2], mode: .replace).conceptsUnchanged == 1)
    }

    @Test func duplicateTermsInOneConceptAreStoredOnce() throws {
        var concept = nato
        concept.terms.append(Term(text: "NATO", language: tag("en"), status: .admitted))
        let store = try makeStore()
        #expect(try store.import([concept]).termsAdded == 2)
        #expect(try store.concept(id: "nato") == nato)
    }

    @Test func identicalDuplicateConceptsAreOneAndConflictingOnesAnError() throws {
        let store = try makeStore()
        #expect(try store.import([nato, nato]).conceptsAdded == 1)
        var other = nato
        other.note = "different"
        #expect {
            try store.import([pashinyan, nato, other])
        } throws: { error in
            (error as? StoreError)?.code == .duplicateConcept && "\(error)".contains("\"nato\"")
        }
        #expect(try store.counts().concepts == 1, "nothing of the failed batch was written")
    }

    @Test(arguments: [
        (Concept(id: "Bad ID", type: .person, terms: [Term(text: "X", language: tag("en"))]), "invalid id"),
        (Concept(id: "x", type: "Not A Type", terms: [Term(text: "X", language: tag("en"))]), "invalid type"),
        (Concept(id: "x", type: .person, terms: [Term(text: "  \u{200B} ", language: tag("en"))]), "empty name"),
        (Concept(id: "x", type: .person, terms: [Term(text: "a\u{0}b", language: tag("en"))]), "NUL"),
    ])
    func badConceptRejectsTheWholeBatch(concept: Concept, message: String) throws {
        let store = try makeStore()
        try store.import([nato])
        let before = try store.counts()
        #expect {
            try store.import(syntheticConcepts(50) + [concept])
        } throws: { error in
            (error as? StoreError)?.code == .invalidConcept && "\(error)".contains(message)
        }
        #expect(try store.counts() == before)
    }

    @Test func dryRunReportsButChangesNothing() throws {
        let store = try makeStore()
        try store.import([nato])
        let summary = try store.import([nato2, pashinyan], dryRun: true)
        #expect(summary.conceptsAdded == 1 && summary.conceptsUpdated == 1)
        #expect(try store.counts() == (1, 2))
        #expect(try store.concept(id: "nato") == nato)
    }

    @Test func addAndRemove() throws {
        let store = try makeStore()
        #expect(try store.add(nato).conceptsAdded == 1)
        #expect(try store.remove(id: "nato"))
        #expect(try !store.remove(id: "nato"))
        #expect(try store.counts() == (0, 0), "terms go with their concept")
        #expect(try store.search("otan").isEmpty, "and leave the search index")
        #expect(try store.integrityCheck() == ["ok"])
    }

    @Test func largeImportRebuildsIndexesOnce() throws {
        let store = try makeStore()
        defer { try? FileManager.default.removeItem(atPath: (store.path as NSString).deletingLastPathComponent) }
        try store.import([nato])
        let indexesBefore = try store.stringsForTesting(
            "SELECT name FROM sqlite_master WHERE tbl_name = 'term' AND type IN ('index', 'trigger') ORDER BY name")
        let concepts = syntheticConcepts(3_000, languages: ["en", "fr", "de", "ru", "hy", "tr", "es"])
        let phases = Mutex<Set<ImportProgress.Phase>>([])
        let summary = try store.import(concepts) { progress in phases.withLock { _ = $0.insert(progress.phase) } }
        #expect(summary.termsAdded == 21_000)
        #expect(phases.withLock { $0 } == [.normalizing, .writing, .indexing])
        let indexesAfter = try store.stringsForTesting(
            "SELECT name FROM sqlite_master WHERE tbl_name = 'term' AND type IN ('index', 'trigger') ORDER BY name")
        #expect(indexesAfter == indexesBefore)
        #expect(try store.integrityCheck() == ["ok"])
        #expect(try store.terms(key: "nikol pashinyan 0").count == 7)
        #expect(try store.search("otan").map(\.conceptId) == ["nato"])
        #expect(try store.search("nikol pashinyan 0").count == 7)
        // A small import into the now large store takes the row-by-row path and keeps the indexes current.
        try store.import([pashinyan])
        #expect(try store.terms(latinKey: "pashinyan").contains { $0.text == "Пашинян" })
        #expect(try store.search("paschinjan").map(\.conceptId) == ["nikol-pashinyan"])
    }

    @Test func writesToTheDefaultStoreAreRefused() throws {
        let directory = try temporaryDirectory("default")
        let glossaries = directory.appendingPathComponent("Glossaries")
        try FileManager.default.createDirectory(at: glossaries, withIntermediateDirectories: true)
        let store = try GlossaryStore.openDefault(glossaries: glossaries,
                                                  cacheDirectory: directory.appendingPathComponent("cache"))
        #expect(store.isDefault)
        #expect { try store.add(nato) } throws: { ($0 as? StoreError)?.code == .readOnlyStore }
        #expect { try store.remove(id: "nato") } throws: { ($0 as? StoreError)?.code == .readOnlyStore }
    }
}
