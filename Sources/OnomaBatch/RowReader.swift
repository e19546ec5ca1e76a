import Foundation
import OnomaText

/// Which part of each input record holds the name.
public enum InputLayout: Sendable, Hashable {
    /// Each line is one name.
    case lines
    /// A column of a CSV or TSV file, by 1-based number or header name; `header` nil means detect it.
    case column(ColumnSelector, delimiter: Character?, header: Bool?)
    /// A string field of JSON Lines objects.
    case field(String)
}

/// A column chosen by 1-based position or by header name.
public enum ColumnSelector: Sendable, Hashable, CustomStringConvertible {
    case number(Int)
    case name(String)

    /// Parses `3` as a number and anything else as a header name.
    public init(_ text: String) {
        if let n = Int(text), n > 0 { self = .number(n) } else { self = .name(text) }
    }

    public var description: String {
        switch self {
        case .number(let n): return "\(n)"
        case .name(let name): return "\"\(name)\""
        }
    }
}

/// A fatal problem with the input as a whole (not one row): an unknown column name, an unreadable file.
public struct BatchInputError: Error, CustomStringConvertible, Sendable {
    /// `file:line: reason`.
    public var description: String
}

/// Turns an ``InputSource`` into rows of raw names according to an ``InputLayout``.
struct RowReader {
    /// A raw row: the name text or the reason it could not be read.
    struct RawRow: Sendable {
        var text: String
        var error: String?
        var line: Int
    }

    /// A chunk of rows as raw bytes: the names back to back, with the rows that could not be read kept apart.
    ///
    /// Plain lines are copied as they are, without being decoded: a worker checks a name's UTF-8 only when it is
    /// not in the cache already (a cached name's bytes were checked when it was computed), so a repeated name costs
    /// the reading thread one copy and no `String`.
    struct Block: Sendable {
        /// Row `i`'s bytes are `bytes[ends[i]..<ends[i + 1]]` (empty for a problem row).
        var bytes: [UInt8] = []
        var ends: [Int] = [0]
        /// Each row's 1-based line in its source (the first line of a multi-line CSV record).
        var lines: [Int] = []
        /// Each row's byte offset in its source, for the message of invalid UTF-8 found later (plain lines only;
        /// empty for the other layouts, whose reader decodes every row itself).
        var offsets: [Int] = []
        /// Rows that cannot be normalized, with the text shown for them and why, by ascending row index.
        var problems: [(row: Int, text: String, error: String)] = []

        /// The number of rows.
        var count: Int { lines.count }

        init(capacity: Int) {
            ends.reserveCapacity(capacity + 1)
            lines.reserveCapacity(capacity)
        }

        /// Row `index`'s bytes.
        func withRow<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
            bytes.withUnsafeBufferPointer { all in body(UnsafeBufferPointer(rebasing: all[ends[index]..<ends[index + 1]])) }
        }

        /// Row `index`'s text (for a problem row, the text shown for it).
        func text(_ index: Int) -> String {
            if let problem = problem(index) { return problem.text }
            return withRow(index) { String(decoding: $0, as: UTF8.self) }
        }

        /// The problem of row `index`, if any.
        func problem(_ index: Int) -> (row: Int, text: String, error: String)? {
            var low = 0
            var high = problems.count
            while low < high {
                let mid = (low + high) / 2
                if problems[mid].row < index { low = mid + 1 } else { high = mid }
            }
            return low < problems.count && problems[low].row == index ? problems[low] : nil
        }

        mutating func append(_ row: RawRow) {
            if let error = row.error {
                problems.append((lines.count, row.text, error))
            } else {
                var text = row.text
                text.withUTF8 { bytes.append(contentsOf: $0) }
            }
            ends.append(bytes.count)
            lines.append(row.line)
        }

        /// A plain line's bytes (a ``OnomaText/InputSource/Line``'s, or the input's buffer's), checked later.
        mutating func append(bytes line: some Collection<UInt8>, line number: Int, offset: Int) {
            bytes.append(contentsOf: line)
            ends.append(bytes.count)
            lines.append(number)
            offsets.append(offset)
        }
    }

    /// Bytes of names a chunk holds at most, whatever its number of rows: keeps the batch job's name tables, whose
    /// offsets are 32-bit, far from 4 GB even for a chunk of long distinct names.
    static let chunkByteLimit = 16 << 20

    /// Bytes kept of one line: longer lines become error rows (a name is never this long).
    static let lineLimit = 64 * 1024

    let source: InputSource
    let layout: InputLayout
    private var lineNumber = 0
    private var parser: DelimitedParser?
    private var columnIndex: Int?
    private var headerDone = false

    init(source: InputSource, layout: InputLayout) {
        self.source = source
        self.layout = layout
        if case .column(_, let delimiter, _) = layout {
            let guess: Character = delimiter ?? (source.name.lowercased().hasSuffix(".csv") ? "," : "\t")
            parser = DelimitedParser(delimiter: guess)
        }
    }

    /// Decodes a line, reporting the first invalid byte.
    private static func decode(_ line: InputSource.Line) -> (String, String?) {
        if line.truncated {
            let shown = String(decoding: line.bytes.prefix(80), as: UTF8.self) + "…"
            return (shown, "line too long (\(line.length) bytes; a name is at most \(NameNormalizer.maximumLength))")
        }
        if let text = String(validating: line.bytes, as: UTF8.self) {
            return (text, nil)
        }
        let (text, error) = line.bytes.withUnsafeBufferPointer { decodeInvalid($0, offset: line.offset) }
        return (text, error)
    }

    /// The text shown for an invalid UTF-8 line and the message naming its first bad byte.
    static func decodeInvalid(_ bytes: UnsafeBufferPointer<UInt8>, offset: Int) -> (String, String) {
        // Find the first bad byte for the message.
        var position = 0
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): position += UTF8.width(scalar)
            case .emptyInput: break loop
            case .error: break loop
            }
        }
        return (String(decoding: bytes, as: UTF8.self),
                "invalid UTF-8 at byte \(position + 1) of the line (byte offset \(offset + position) in the file)")
    }

    /// Appends up to `count` rows to `block`; fewer only at the end of the source or past ``chunkByteLimit``.
    mutating func read(_ count: Int, into block: inout Block) throws {
        guard case .lines = layout else {
            while block.count < count, block.bytes.count < Self.chunkByteLimit, let row = try next() {
                block.append(row)
            }
            return
        }
        // Plain lines: the bytes as they are, checked later (see `Block`).
        while block.count < count, block.bytes.count < Self.chunkByteLimit {
            // The lines whole in the input's buffer, copied from it directly; the first line (which may start with
            // a byte order mark), a line cut by the buffer's end and an overlong one go the general way.
            if lineNumber > 0 {
                let given = source.forEachBufferedLine(limit: Self.lineLimit) { bytes, offset in
                    lineNumber += 1
                    block.append(bytes: bytes, line: lineNumber, offset: offset)
                    return block.count < count && block.bytes.count < Self.chunkByteLimit
                }
                if given > 0 { continue }
            }
            guard var line = try source.nextLine(limit: Self.lineLimit) else { break }
            lineNumber += 1
            if lineNumber == 1, line.bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
                // A UTF-8 byte order mark is not part of the first name.
                line.bytes = line.bytes.dropFirst(3)
            }
            if line.truncated {
                let (text, error) = Self.decode(line)
                block.append(RawRow(text: text, error: error, line: lineNumber))
                block.offsets.append(line.offset)
            } else {
                block.append(bytes: line.bytes, line: lineNumber, offset: line.offset)
            }
        }
    }

    /// The next row, nil at end of input.
    mutating func next() throws -> RawRow? {
        while true {
            guard let line = try source.nextLine(limit: Self.lineLimit) else {
                if let parser, parser.isPending {
                    self.parser?.reset()
                    return RawRow(text: "", error: "unterminated quoted field at end of input", line: lineNumber)
                }
                return nil
            }
            lineNumber += 1
            if lineNumber == 1, line.bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
                // A UTF-8 byte order mark is not part of the first name.
                var trimmed = line
                trimmed.bytes = line.bytes.dropFirst(3)
                if let row = try handle(trimmed) { return row }
                continue
            }
            if let row = try handle(line) { return row }
        }
    }

    private var pendingStart = 0

    private mutating func handle(_ line: InputSource.Line) throws -> RawRow? {
        let (text, error) = Self.decode(line)
        switch layout {
        case .lines:
            return RawRow(text: text, error: error, line: lineNumber)
        case .field(let field):
            if let error { return RawRow(text: text, error: error, line: lineNumber) }
            return Self.jsonField(text, field: field, line: lineNumber)
        case .column(let selector, _, let header):
            if let error {
                parser?.reset()
                return RawRow(text: text, error: error, line: lineNumber)
            }
            if parser?.isPending != true { pendingStart = lineNumber }
            switch parser!.feed(text) {
            case .needsMore:
                return nil
            case .malformed(let column, let reason):
                return RawRow(text: text, error: "column \(column): \(reason)", line: lineNumber)
            case .record(let fields):
                if !headerDone {
                    headerDone = true
                    if try resolveHeader(fields, selector: selector, header: header) { return nil }
                }
                let index = columnIndex!
                guard index < fields.count else {
                    return RawRow(text: text, error: "row has \(fields.count) columns; column \(selector) is missing",
                                  line: pendingStart)
                }
                return RawRow(text: fields[index], error: nil, line: pendingStart)
            }
        }
    }

    /// Words that name a column of names; a first row whose selected cell is one of them is a header.
    private static let headerWords: Set<String> = [
        "name", "names", "nom", "noms", "name_en", "label", "term", "terms", "entity", "mention", "mentions", "text",
        "title", "input", "string", "surface", "form", "value", "person", "place", "city", "country", "organization",
    ]

    /// Decides whether the first record is a header and which column to read; returns true when it is a header.
    private mutating func resolveHeader(_ fields: [String], selector: ColumnSelector, header: Bool?) throws -> Bool {
        switch selector {
        case .name(let name):
            if header == false {
                throw BatchInputError(description: "\(source.name): --column \(selector) needs a header row")
            }
            guard let index = fields.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == name })
                ?? fields.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces).lowercased() == name.lowercased() })
            else {
                let shown = fields.prefix(12).map { "\"\($0)\"" }.joined(separator: ", ")
                throw BatchInputError(description: "\(source.name):1: no column named \"\(name)\"; the header has \(shown)")
            }
            columnIndex = index
            return true
        case .number(let n):
            columnIndex = n - 1
            if let header { return header }
            guard n - 1 < fields.count else { return false }
            let cell = fields[n - 1].trimmingCharacters(in: .whitespaces)
            let lower = cell.lowercased()
            return Self.headerWords.contains(lower)
                || (!cell.isEmpty && cell == lower && cell.allSatisfy { $0.isASCII && ($0.isLetter || $0 == "_") })
        }
    }

    private static func jsonField(_ text: String, field: String, line: Int) -> RawRow {
        guard let data = text.data(using: .utf8),
              let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        else {
            return RawRow(text: text, error: "not valid JSON", line: line)
        }
        guard let dictionary = object as? [String: Any] else {
            return RawRow(text: text, error: "not a JSON object", line: line)
        }
        guard let value = dictionary[field] else {
            return RawRow(text: text, error: "no field \"\(field)\"", line: line)
        }
        if let string = value as? String { return RawRow(text: string, error: nil, line: line) }
        if value is NSNull { return RawRow(text: "", error: "field \"\(field)\" is null", line: line) }
        return RawRow(text: text, error: "field \"\(field)\" is not a string", line: line)
    }
}
