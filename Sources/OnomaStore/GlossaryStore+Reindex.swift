import Foundation
import GRDB
import OnomaText

extension GlossaryStore {
    /// Recomputes every term's normalized form and keys when the store's key format is not this build's.
    ///
    /// The keys are computed on all cores outside the write transaction; the transaction then checks the version
    /// again (another process may have re-indexed meanwhile), writes the new keys of every term, rebuilds the
    /// indexes once and records the version, so readers see the old keys or the new ones, never a mix.
    func reindexIfNeeded() throws {
        let current = NameNormalizer.keyFormatVersion
        guard try storedKeyFormatVersion() != current else { return }
        let inputs = try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT text, language FROM term").map {
                TermKeys.Input(text: $0[0], language: LanguageTag(canonical: $0[1]))
            }
        }
        var computed: [TermKeys.Input: TermKeys] = [:]
        computed.reserveCapacity(inputs.count)
        for (input, result) in zip(inputs, TermKeys.compute(inputs, normalizer: normalizer)) {
            computed[input] = Self.keys(result, text: input.text)
        }
        try pool.write { db in
            guard try Int.fetchOne(db, sql: "SELECT keyFormatVersion FROM storeInfo") != current else { return }
            let rows = try Row.fetchAll(db, sql: "SELECT id, text, language FROM term")
            let suspended = rows.count >= GlossaryStore.bulkThreshold ? try SuspendedIndexes(db) : nil
            let update = try db.cachedStatement(sql: """
                UPDATE term SET normalized = ?, key = ?, script = ?, latin = ?, latinKey = ? WHERE id = ?
                """)
            for row in rows {
                let input = TermKeys.Input(text: row[1], language: LanguageTag(canonical: row[2]))
                let keys = computed[input] ?? Self.keys(Result { () throws(NameError) -> TermKeys in
                    try TermKeys(text: input.text, language: input.language, normalizer: normalizer)
                }, text: input.text)
                try update.execute(arguments: [
                    StoredForms.normalized(keys, text: input.text), keys.key, keys.script, StoredForms.latin(keys),
                    StoredForms.latinKey(keys, text: input.text), row[0] as Int64,
                ])
            }
            try suspended?.restore(db)
            try db.execute(sql: "UPDATE storeInfo SET keyFormatVersion = ?", arguments: [current])
            try Self.stampWrite(db)
        }
    }

    /// The key-format version the store's terms are indexed under (0 for a new store).
    func storedKeyFormatVersion() throws -> Int {
        try pool.read { try Int.fetchOne($0, sql: "SELECT keyFormatVersion FROM storeInfo") ?? 0 }
    }

    /// The keys of a stored term; a term that no longer normalizes under new rules keeps its text and empty keys,
    /// so it stays visible in its concept but matches nothing.
    private static func keys(_ result: Result<TermKeys, NameError>, text: String) -> TermKeys {
        switch result {
        case let .success(keys): return keys
        case .failure: return TermKeys(normalized: text, key: "", script: "Common", latin: text, latinKey: "")
        }
    }
}
