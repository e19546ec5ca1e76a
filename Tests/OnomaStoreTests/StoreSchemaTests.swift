import Foundation
import OnomaGlossary
@testable import OnomaStore
import OnomaText
import Synchronization
import TestResources
import Testing

@Suite struct StoreSchemaTests {
    @Test func newStoreIsCreatedEmptyAtTheCurrentVersions() throws {
        let path = try temporaryStorePath()
        #expect(!FileManager.default.fileExists(atPath: path))
        let store = try GlossaryStore.open(path: path)
        #expect(FileManager.default.fileExists(atPath: path))
        let stats = try store.stats()
        #expect(stats.conceptCount == 0 && stats.termCount == 0)
        #expect(stats.schemaVersion == StoreSchema.version)
        #expect(stats.keyFormatVersion == NameNormalizer.keyFormatVersion)
        #expect(try store.stringsForTesting("PRAGMA journal_mode") == ["wal"])
        #expect(try store.stringsForTesting("PRAGMA foreign_keys") == ["1"])
        #expect(try store.stringsForTesting("PRAGMA page_size") == ["16384"])
    }

    @Test func storeWrittenByANewerOnomaIsRefusedWithAClearMessage() throws {
        let path = try temporaryStorePath()
        let store = try GlossaryStore.open(path: path)
        try store.add(nato)
        // Two migrations this build does not know, as a newer build would have applied them.
        let newer = StoreSchema.version + 2
        try store.executeForTesting("""
            UPDATE storeInfo SET schemaVersion = \(newer);
            INSERT INTO grdb_migrations (identifier) VALUES ('v\(newer - 1)'), ('v\(newer)');
            """)
        try store.close()
        #expect {
            try GlossaryStore.open(path: path)
        } throws: { error in
            let error = error as? StoreError
            return error?.code == .newerSchema && error?.description == "store \(path) was written by a newer Onoma "
                + "(schema \(newer); this build knows \(StoreSchema.version)): upgrade onoma"
        }
    }

    @Test func olderStoreIsMigratedAndItsTermsBecomeSearchable() throws {
        // A store written by a build that had only the first migration, with one concept in it.
        let path = try temporaryStorePath()
        let keys = try TermKeys(text: "Пашинян", language: tag("ru"))
        try GlossaryStore.createForTesting(path: path, upTo: "v1", sql: """
            INSERT INTO concept (id, type) VALUES ('nikol-pashinyan', 'person');
            INSERT INTO term (conceptId, text, language, status, kind, normalized, key, script, latin, latinKey,
                position)
            VALUES ('nikol-pashinyan', 'Пашинян', 'ru', 'preferred', 'short', '\(keys.normalized)', '\(keys.key)',
                '\(keys.script)', '\(keys.latin)', '\(keys.latinKey)', 0);
            UPDATE storeInfo SET keyFormatVersion = \(NameNormalizer.keyFormatVersion);
            """)
        let store = try GlossaryStore.open(path: path)
        let stats = try store.stats()
        #expect(stats.schemaVersion == StoreSchema.version)
        #expect(stats.conceptCount == 1)
        #expect(try store.search("pashin").map(\.term.text) == ["Пашинян"])
        #expect(try store.terms(latinKey: "pashinyan").map(\.conceptId) == ["nikol-pashinyan"])
        #expect(try store.integrityCheck() == ["ok"])
    }

    @Test func schema6StoreIsCompactedAndReadsBackTheSame() throws {
        // Terms as schema 6 stored them: every derived form written out. The French one is in NFD (its normalized
        // form is NFC, so it must stay written out: the two are canonically equivalent but not the same bytes).
        let names: [(text: String, language: String)] = [
            ("Nikol Pashinyan", "en"), ("O'Brien", "en"), ("Straße", "de"), ("Пашинян", "ru"), ("Փաշինյան", "hy"),
            ("Erevan", "fr"), ("E\u{301}tienne", "fr"), ("Haut-Karabakh", "fr"),
        ]
        func quoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }
        let rows = try names.enumerated().map { index, name in
            let keys = try TermKeys(text: name.text, language: tag(name.language))
            let values = [name.text, name.language, "preferred", "full", keys.normalized, keys.key, keys.script,
                          keys.latin, keys.latinKey].map(quoted)
            return "('nikol-pashinyan', \(values.joined(separator: ", ")), \(index))"
        }
        let path = try temporaryStorePath()
        try GlossaryStore.createForTesting(path: path, upTo: "v6", sql: """
            INSERT INTO concept (id, type) VALUES ('nikol-pashinyan', 'person');
            INSERT INTO term (conceptId, text, language, status, kind, normalized, key, script, latin, latinKey,
                position) VALUES \(rows.joined(separator: ", "));
            UPDATE storeInfo SET keyFormatVersion = \(NameNormalizer.keyFormatVersion);
            """)
        let store = try GlossaryStore.open(path: path)
        #expect(try store.stats().schemaVersion == StoreSchema.version)
        // Read back: the forms computed now, for every term.
        for (term, name) in zip(try store.allTerms(), names) {
            #expect(term.text == name.text)
            #expect(term.keys == (try TermKeys(text: name.text, language: tag(name.language))), "\(name.text)")
        }
        // Stored: '' where a form repeats the one it derives from.
        let stored = try store.stringsForTesting("""
            SELECT text || '|' || normalized || '|' || latin || '|' || latinKey FROM term ORDER BY position
            """)
        #expect(stored == [
            "Nikol Pashinyan|||", "O'Brien|||obrien", "Straße|||strasse", "Пашинян||Pashinyan|pashinyan",
            "Փաշինյան||P'ashinyan|pashinyan", "Erevan|||", "E\u{301}tienne|Étienne||etienne", "Haut-Karabakh|||",
        ])
        // Every look-up and the search still find them.
        #expect(try store.terms(latinKey: "pashinyan").map(\.text) == ["Пашинян", "Փաշինյան"])
        #expect(try store.terms(latinKey: "nikol pashinyan").map(\.text) == ["Nikol Pashinyan"])
        #expect(try store.terms(latinKey: "obrien").map(\.text) == ["O'Brien"])
        #expect(try store.terms(normalized: "Erevan").map(\.text) == ["Erevan"])
        #expect(try store.terms(normalized: "Étienne").map(\.text) == ["E\u{301}tienne"])
        #expect(try store.search("obrien").map(\.term.text) == ["O'Brien"])
        #expect(try store.search("strasse").map(\.term.text) == ["Straße"])
        #expect(try store.search("karabakh").map(\.term.text) == ["Haut-Karabakh"])
        #expect(try store.integrityCheck() == ["ok"])
    }

    @Test(arguments: GlossaryStore.TermLookup.allCases)
    func everyLookupIsAnsweredByAnIndex(lookup: GlossaryStore.TermLookup) throws {
        let store = try makeStore()
        try store.import(try sampleConcepts())
        let sql = lookup.sql.replacingOccurrences(of: #"\?\d"#, with: "'x'", options: .regularExpression)
        let plan = try store.queryPlanForTesting(sql)
        #expect(plan.contains { $0.contains("USING INDEX") }, "\(plan)")
        #expect(!plan.contains { $0.hasPrefix("SCAN") }, "a lookup reads the whole table: \(plan)")
    }

    @Test func termsAreReindexedWhenTheKeyFormatChanges() throws {
        let path = try temporaryStorePath()
        let store = try GlossaryStore.open(path: path)
        try store.import(try sampleConcepts())
        let expected = try store.allTerms()
        // As if an older build with other key rules had indexed the terms.
        try store.executeForTesting("""
            UPDATE storeInfo SET keyFormatVersion = \(NameNormalizer.keyFormatVersion + 41);
            UPDATE term SET normalized = 'stale', key = 'stale', latin = 'stale', latinKey = 'stale', script = 'x';
            """)
        #expect(try store.terms(key: "stale").count == expected.count)
        let staleStamp = try store.writeStamp()
        try store.close()

        let reopened = try GlossaryStore.open(path: path)
        #expect(try reopened.stats().keyFormatVersion == NameNormalizer.keyFormatVersion)
        #expect(try reopened.writeStamp() != staleStamp, "re-indexing is a write: caches of the old keys are stale")
        #expect(try reopened.allTerms() == expected)
        #expect(try reopened.terms(key: "stale").isEmpty)
        #expect(try reopened.search("stale").isEmpty, "the search index follows the new keys")
        #expect(try reopened.terms(latinKey: "pashinyan").contains { $0.text == "Пашинян" })
        #expect(try reopened.integrityCheck() == ["ok"])
    }

    @Test func fileThatIsNotAStoreIsRefused() throws {
        let directory = try temporaryDirectory()
        let text = directory.appendingPathComponent("people.tsv")
        try Data("id\ttype\ten\nnato\torganization\tNATO\n".utf8).write(to: text)
        #expect { try GlossaryStore.open(path: text.path) } throws: { error in
            (error as? StoreError)?.code == .notAStore && "\(error)".contains("not an SQLite database")
        }
        #expect(try String(contentsOf: text, encoding: .utf8).hasPrefix("id\t"), "the file is left alone")
        #expect { try GlossaryStore.open(path: directory.path) } throws: { error in
            (error as? StoreError)?.code == .cannotOpen && "\(error)".contains("directory")
        }
        let nowhere = directory.appendingPathComponent("missing/dir/store.sqlite").path
        #expect { try GlossaryStore.open(path: nowhere) } throws: { error in
            (error as? StoreError)?.code == .cannotOpen && "\(error)".contains("does not exist")
        }
    }
}
