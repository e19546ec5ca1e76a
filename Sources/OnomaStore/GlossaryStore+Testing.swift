import Foundation
import GRDB

// Hooks for the module's tests (`@testable import OnomaStore`): they reach the SQL below the API without the tests
// depending on GRDB themselves.
extension GlossaryStore {
    /// Runs SQL statements in one write transaction, which gives the store a new write stamp as every write does.
    func executeForTesting(_ sql: String) throws {
        try pool.write { db in
            try db.execute(sql: sql)
            try Self.stampWrite(db)
        }
    }

    /// The first column of every row of a query, as text.
    func stringsForTesting(_ sql: String) throws -> [String] {
        try pool.read { db in try Row.fetchAll(db, sql: sql).map { $0[0].map { "\($0)" } ?? "NULL" } }
    }

    /// The steps of SQLite's plan for a query (`EXPLAIN QUERY PLAN`): `SEARCH term USING INDEX …`, `SCAN …`.
    func queryPlanForTesting(_ sql: String) throws -> [String] {
        try pool.read { db in try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] } }
    }

    /// `PRAGMA integrity_check`, `PRAGMA foreign_key_check` and the search index's own check: `["ok"]` when
    /// sound.
    func integrityCheck() throws -> [String] {
        try pool.writeWithoutTransaction { db in
            var problems = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            problems += try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").map { "foreign key: \($0)" }
            do {
                try db.execute(sql: "INSERT INTO termSearch(termSearch, rank) VALUES ('integrity-check', 1)")
            } catch {
                problems.append("search index: \(error)")
            }
            return problems
        }
    }

    /// Creates a store at `path` migrated only up to `migration` (an older schema), runs `sql` in it, and closes
    /// it.
    static func createForTesting(path: String, upTo migration: String, sql: String) throws {
        let queue = try DatabaseQueue(path: path)
        try StoreSchema.migrator.migrate(queue, upTo: migration)
        try queue.write { try $0.execute(sql: sql) }
        try queue.close()
    }
}
