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
        // Find the first bad byte for the message.
        var position = 0
        var iterator = line.bytes.makeIterator()
        var decoder = UTF8()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): position += UTF8.width(scalar)
            case .emptyInput: break loop
            case .error: break loop
            }
        }
        return (String(decoding: line.bytes, as: UTF8.self),
                "invalid UTF-8 at byte \(position + 1) of the line (byte offset \(line.offset + position) in the file)")
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
