public import Foundation
import GRDB
import OnomaGlossary
import OnomaText

/// A glossary store: concepts and their terms in an SQLite file, indexed for lookup by normalized form, comparison
/// key and Latin key, and searchable by word prefix.
///
/// ```swift
/// let store = try GlossaryStore.open(path: "names.sqlite")   // created empty when missing
/// let summary = try store.import(concepts)                      // one transaction: all or nothing
/// store.terms(latinKey: "pashinyan").map(\.conceptId)          // ["nikol-pashinyan", …] (Пашинян, Փաշինյան …)
/// let pashinyan = try store.concept(id: "nikol-pashinyan")
/// ```
///
/// Every write (an import, an added concept, a removal) is one transaction, so a failure or a killed process leaves
/// the store as it was. Several processes may read and write one store at once: SQLite's WAL mode lets readers run
/// beside the writer, and a writer waits up to ``busyTimeout`` for another process's write to finish.
///
/// `Sendable` notes: the store holds a GRDB `DatabasePool`, which serializes writes and runs reads concurrently, and
/// a stateless ``OnomaText/NameNormalizer``; one store serves every task.
///
/// ## Topics
/// - ``open(path:)``
/// - ``openDefault(environment:)``
/// - ``import(_:mode:dryRun:progress:)``
/// - ``allTerms()``
public final class GlossaryStore: Sendable {
    /// The store's file.
    public let path: String
    /// Whether this is the embedded default store built from the shipped `Glossaries/` files (read-only).
    public let isDefault: Bool
    /// How long a write waits for another process's write to finish before failing with ``StoreError/Code/busy``.
    /// An import of a few thousand concepts can hold the store for more than 10 s on a busy two-core machine (a CI
    /// run's parallel tests made one of two concurrent imports give up so), and waiting is what a second import wants.
    public static let busyTimeout: TimeInterval = 60

    /// The number of terms from which a write suspends the secondary indexes and rebuilds them at the end (when the
    /// store does not already hold many more terms).
    static let bulkThreshold = 20_000

    let pool: DatabasePool
    let normalizer: NameNormalizer

    // MARK: - Opening

    private init(path: String, isDefault: Bool, pool: DatabasePool, normalizer: NameNormalizer) {
        self.path = path
        self.isDefault = isDefault
        self.pool = pool
        self.normalizer = normalizer
    }

    /// Opens the store at `path`, creating an empty one when the file does not exist.
    ///
    /// An older store is migrated to the current schema; a store whose terms were indexed under another
    /// ``OnomaText/NameNormalizer/keyFormatVersion`` is re-indexed, in one transaction.
    ///
    /// - Throws: ``StoreError`` when the file is not a store, was written by a newer Onoma
    ///   (``StoreError/Code/newerSchema``), or cannot be created.
    public static func open(path: String) throws(StoreError) -> GlossaryStore {
        try open(path: path, isDefault: false, normalizer: NameNormalizer())
    }

    static func open(path rawPath: String, isDefault: Bool, normalizer: NameNormalizer) throws(StoreError)
        -> GlossaryStore
    {
        // SQLite answers SQLITE_BUSY at once, without its busy handler, in a few moments of a WAL database's life:
        // while another process creates the same new store, or closes its last connection to it and cleans up
        // (sqlite.org/wal.html, "Sometimes Queries Return SQLITE_BUSY In WAL Mode"). Two imports started together on
        // a new store met it once in a loaded test run. Opening is retried, a little later each time, until the
        // busy timeout has passed.
        let deadline = Date().addingTimeInterval(busyTimeout)
        var pause: UInt32 = 20_000
        while true {
            do {
                return try openOnce(path: rawPath, isDefault: isDefault, normalizer: normalizer)
            } catch where error.code == .busy && Date() < deadline {
                usleep(pause + UInt32.random(in: 0..<pause))
                pause = min(pause * 2, 500_000)
            }
        }
    }

    private static func openOnce(path rawPath: String, isDefault: Bool, normalizer: NameNormalizer)
        throws(StoreError) -> GlossaryStore
    {
        let path = (rawPath as NSString).expandingTildeInPath
        try checkFile(path)
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.label = "onoma.store"
        configuration.prepareDatabase { db in
            // 16 KB pages for a store this connection creates (no effect on an existing file, whatever its page
            // size): a large import builds its indexes and writes its log in a quarter of the pages of SQLite's
            // 4 KB default, for about 15 % less CPU.
            try db.execute(sql: "PRAGMA page_size = 16384")
            // 32 MB of page cache per connection: the lookup indexes of a million terms stay in memory.
            try db.execute(sql: "PRAGMA cache_size = -32768")
        }
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw StoreError(wrapping: error, path: path)
        }
        let store = GlossaryStore(path: path, isDefault: isDefault, pool: pool, normalizer: normalizer)
        do {
            try store.checkSchema()
            try store.migrate()
            try store.reindexIfNeeded()
        } catch {
            throw StoreError(wrapping: error, path: path)
        }
        return store
    }

    /// Rejects a directory, a missing parent directory, and a file that is not SQLite, before SQLite sees them.
    private static func checkFile(_ path: String) throws(StoreError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            if isDirectory.boolValue { throw .cannotOpen(path: path, reason: "it is a directory") }
            guard let handle = FileHandle(forReadingAtPath: path) else {
                throw .cannotOpen(path: path, reason: "permission denied")
            }
            let header = (try? handle.read(upToCount: 16)) ?? Data()
            try? handle.close()
            if !header.isEmpty && header != Data("SQLite format 3\0".utf8) {
                throw .notAStore(path: path, reason: "not an SQLite database")
            }
        } else {
            let parent = (path as NSString).deletingLastPathComponent
            if !parent.isEmpty && !FileManager.default.fileExists(atPath: parent, isDirectory: &isDirectory) {
                throw .cannotOpen(path: path, reason: "directory \(parent) does not exist")
            }
        }
    }

    /// Fails on a store written by a newer Onoma, and on an SQLite file that holds something else.
    private func checkSchema() throws {
        try pool.read { db in
            let migrator = StoreSchema.migrator
            let hasInfo = try db.tableExists("storeInfo")
            var found = 0
            if hasInfo {
                found = try Int.fetchOne(db, sql: "SELECT schemaVersion FROM storeInfo") ?? 0
            }
            let superseded = try db.tableExists("grdb_migrations") && migrator.hasBeenSuperseded(db)
            if found > StoreSchema.version || superseded {
                throw StoreError.newerSchema(path: path, found: max(found, StoreSchema.version + 1),
                                             known: StoreSchema.version)
            }
            if !hasInfo {
                let tables = try String.fetchAll(db, sql: """
                    SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
                    AND name NOT LIKE 'grdb_%'
                    """)
                if !tables.isEmpty {
                    throw StoreError.notAStore(path: path, reason: "an SQLite database holding other tables: "
                                               + tables.prefix(5).joined(separator: ", "))
                }
            }
        }
    }

    /// Applies the migrations this store lacks.
    ///
    /// Two processes may open a new store at the same moment. Each migration runs in its own transaction, so the
    /// slower process's copy of a migration fails (the table exists) and rolls back; it then finds the work done.
    private func migrate() throws {
        let migrator = StoreSchema.migrator
        var attempt = 0
        while true {
            do {
                try migrator.migrate(pool)
                return
            } catch {
                attempt += 1
                if try pool.read(migrator.hasCompletedMigrations) { return }
                if let error = error as? DatabaseError, error.resultCode == .SQLITE_BUSY { throw error }
                if attempt >= 5 { throw error }
                Thread.sleep(forTimeInterval: 0.05 * Double(attempt))
            }
        }
    }

    /// Closes the store's connections; later calls fail. Optional: a store closes when released.
    public func close() throws(StoreError) {
        do { try pool.close() } catch { throw StoreError(wrapping: error, path: path) }
    }

    /// Fails on the default store, which is rebuilt from the shipped files and must not be edited.
    func checkWritable() throws(StoreError) {
        if isDefault { throw .readOnly(path: path) }
    }
}

// MARK: - Errors from GRDB

extension StoreError {
    /// Turns any error met while using the store into a ``StoreError``.
    init(wrapping error: any Error, path: String) {
        if let error = error as? StoreError {
            self = error
            return
        }
        guard let error = error as? DatabaseError else {
            self.init(.database, path: path, message: "store \(path): \(error)")
            return
        }
        let reason = error.message ?? "SQLite error \(error.extendedResultCode.rawValue)"
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            self.init(.busy, path: path, message: "store \(path) is locked by another process (waited "
                      + "\(Int(GlossaryStore.busyTimeout)) s): try again")
        case .SQLITE_NOTADB:
            self = .notAStore(path: path, reason: reason)
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_READONLY:
            self = .cannotOpen(path: path, reason: reason)
        case .SQLITE_CORRUPT:
            self.init(.database, path: path, message: "store \(path) is damaged (\(reason)): rebuild it from "
                      + "your glossary files")
        case .SQLITE_FULL:
            self.init(.database, path: path, message: "store \(path): the disk is full")
        default:
            self.init(.database, path: path, message: "store \(path): \(reason)")
        }
    }
}
