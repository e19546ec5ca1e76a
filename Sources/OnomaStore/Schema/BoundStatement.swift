import GRDB
// GRDB's own SQLite module: the C API below GRDB's statements. Used only here, for the import's hot loop.
import GRDBSQLite

/// A prepared statement bound and run through SQLite's C API: the row-by-row writes of a large import.
///
/// GRDB's `Statement.execute(arguments:)` boxes every argument into a `DatabaseValue` array, which costs more than
/// SQLite's own work for a narrow insert; a million-term import spends most of its write time there. This wrapper
/// binds Swift strings and integers directly (SQLite copies them: `SQLITE_TRANSIENT`) and steps the statement once.
///
/// ``forEachRow(_:)`` reads rows the same way, without GRDB's `Row` values, for the look-ups a merge does per
/// concept.
///
/// Use it only inside a GRDB access block (the statement belongs to that connection). GRDB does not see these
/// executions: no transaction observer may depend on them.
struct BoundStatement {
    private let statement: Statement

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
            // A non-null pointer even for the empty string, so that SQLite binds '' and not NULL.
            let base = bytes.baseAddress.map { UnsafeRawPointer($0) } ?? UnsafeRawPointer(Self.empty.utf8Start)
            _ = sqlite3_bind_text(handle, index, base.assumingMemoryBound(to: CChar.self), Int32(bytes.count),
                                  Self.transient)
        }
    }

    /// Binds `value` to the 1-based parameter `index`.
    func bind(_ value: Int, at index: Int32) {
        sqlite3_bind_int64(handle, index, Int64(value))
    }

    /// Runs the statement once with the bound values, then resets it for the next row.
    func execute() throws {
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else {
            let message = sqlite3_db_handle(handle).flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
            sqlite3_reset(handle)
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
        }
        sqlite3_reset(handle)
    }

    /// Runs the query with the bound values, calling `body` with each row, then resets it.
    func forEachRow(_ body: (Columns) throws -> Void) throws {
        defer { sqlite3_reset(handle) }
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

        /// Column `index` (0-based) as an integer.
        func int(_ index: Int32) -> Int { Int(sqlite3_column_int64(handle, index)) }
    }

    /// `SQLITE_TRANSIENT`: SQLite copies the bound bytes before `bind` returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
    private static let empty: StaticString = ""
}
