import GRDB
// GRDB's own SQLite module: the C API below GRDB's statements. Used only here, for the import's hot loop.
import GRDBSQLite

/// A prepared statement bound and run through SQLite's C API: the row-by-row writes of a large import.
///
/// GRDB's `Statement.execute(arguments:)` boxes every argument into a `DatabaseValue` array, which costs more than
/// SQLite's own work for a narrow insert; a million-term import spends most of its write time there. This wrapper
/// binds Swift strings and integers directly and steps the statement once.
///
/// Text is copied once into the statement's ``Arena`` and bound without a copy by SQLite (`SQLITE_STATIC`): SQLite's
/// own copy (`SQLITE_TRANSIENT`) is a `malloc` and a `free` per value, under SQLite's memory mutex, eleven times per
/// term. The bytes stay valid until ``execute()`` or ``forEachRow(_:)`` has run, which then clears the bindings:
/// bind every parameter, then run the statement, every time.
///
/// ``forEachRow(_:)`` reads rows the same way, without GRDB's `Row` values, for the look-ups a merge does per
/// concept.
///
/// Use it only inside a GRDB access block (the statement belongs to that connection). GRDB does not see these
/// executions: no transaction observer may depend on them.
struct BoundStatement {
    private let statement: Statement
    private let arena = Arena()

    init(_ db: Database, sql: String) throws {
        statement = try db.cachedStatement(sql: sql)
    }

    private var handle: OpaquePointer { statement.sqliteStatement }

    /// Binds `text` to the 1-based parameter `index`, or NULL.
    func bind(_ text: String?, at index: Int32) {
        guard var text else {
            sqlite3_bind_null(handle, index)
            return
        }
        text.withUTF8 { bytes in
            // The arena's pointer is never null, even for the empty string: SQLite binds '' and not NULL.
            let copy = arena.copy(UnsafeRawBufferPointer(bytes))
            _ = sqlite3_bind_text(handle, index, copy.assumingMemoryBound(to: CChar.self), Int32(bytes.count), nil)
        }
    }

    /// Binds `value` to the 1-based parameter `index`.
    func bind(_ value: Int, at index: Int32) {
        sqlite3_bind_int64(handle, index, Int64(value))
    }

    /// Runs the statement once with the bound values, then resets it for the next row.
    func execute() throws {
        defer { clear() }
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else {
            let message = sqlite3_db_handle(handle).flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
        }
    }

    /// Runs the query with the bound values, calling `body` with each row, then resets it.
    func forEachRow(_ body: (Columns) throws -> Void) throws {
        defer { clear() }
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else {
                let message = sqlite3_db_handle(handle).flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
            }
            try body(Columns(handle: handle))
        }
    }

    /// The current row's columns, valid only inside ``forEachRow(_:)``'s body.
    struct Columns {
        fileprivate let handle: OpaquePointer

        /// Column `index` (0-based) as text; "" for NULL.
        func string(_ index: Int32) -> String {
            guard let text = sqlite3_column_text(handle, index) else { return "" }
            let count = Int(sqlite3_column_bytes(handle, index))
            return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
        }

        /// Column `index` (0-based) as text, or nil for NULL.
        func optionalString(_ index: Int32) -> String? {
            sqlite3_column_type(handle, index) == SQLITE_NULL ? nil : string(index)
        }

        /// Calls `body` with the UTF-8 bytes of column `index` (0-based; none for NULL), valid only inside it.
        func withBytes<R>(_ index: Int32, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
            // The text first, then its size (SQLite's order: a conversion to text changes the size).
            let text = sqlite3_column_text(handle, index)
            return try body(UnsafeRawBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, index))))
        }

        /// Column `index` (0-based) as an integer.
        func int(_ index: Int32) -> Int { Int(sqlite3_column_int64(handle, index)) }
    }

    /// Resets the statement and unbinds its parameters, so that no binding outlives the arena's bytes.
    private func clear() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        arena.reset()
    }

    /// The bytes of one row's text values, in chunks that never move while the row is bound, reused row after
    /// row. An arena belongs to one statement of one connection, used by one thread at a time.
    final class Arena {
        private var chunks: [UnsafeMutableRawBufferPointer] = []
        /// The chunk being filled, and how many of its bytes are taken.
        private var current = 0
        private var used = 0
        private static let chunkSize = 4096

        /// Copies `bytes` and returns where the copy is (never null, even for no bytes); valid until ``reset()``.
        func copy(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawPointer {
            while current < chunks.count && chunks[current].count - used < bytes.count {
                current += 1
                used = 0
            }
            if current == chunks.count {
                chunks.append(.allocate(byteCount: max(Self.chunkSize, bytes.count), alignment: 1))
            }
            let target = chunks[current].baseAddress.unsafelyUnwrapped + used
            if let source = bytes.baseAddress { target.copyMemory(from: source, byteCount: bytes.count) }
            used += bytes.count
            return UnsafeRawPointer(target)
        }

        /// Makes every chunk free for the next row.
        func reset() {
            current = 0
            used = 0
        }

        deinit {
            for chunk in chunks { chunk.deallocate() }
        }
    }
}
