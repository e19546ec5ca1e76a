/// Splits delimiter-separated records (CSV per RFC 4180, TSV) that arrive line by line.
///
/// A field that starts with `"` is quoted: it ends at the next lone `"`, `""` stands for one quote, and it may span
/// lines (the parser then asks for more input). Unquoted fields are taken as they are.
///
/// ```swift
/// var parser = DelimitedParser(delimiter: ",")
/// parser.feed("id,\"Haut-Karabakh, région\"")   // .record(["id", "Haut-Karabakh, région"])
/// ```
public struct DelimitedParser: Sendable {
    /// The outcome of feeding one line.
    public enum Outcome: Equatable, Sendable {
        /// A whole record.
        case record([String])
        /// The line ends inside a quoted field: feed the next line.
        case needsMore
        /// A quote is followed by something other than a delimiter, at this 1-based column of the line.
        case malformed(column: Int, reason: String)
    }

    /// The field delimiter (`,`, `\t`, `;`).
    public let delimiter: Character
    private var fields: [String] = []
    private var current = ""
    private var inQuotes = false

    /// A parser for `delimiter`.
    public init(delimiter: Character) { self.delimiter = delimiter }

    /// Whether the parser holds a partial record (an open quoted field) waiting for more lines.
    public var isPending: Bool { inQuotes }

    /// Feeds one line (without its line end).
    public mutating func feed(_ line: String) -> Outcome {
        if inQuotes { current.append("\n") }
        var column = 0
        var iterator = line.makeIterator()
        var atFieldStart = !inQuotes
        while let c = iterator.next() {
            column += 1
            if inQuotes {
                if c == "\"" {
                    // Either an escaped quote or the end of the field.
                    guard let next = iterator.next() else {
                        inQuotes = false
                        break
                    }
                    column += 1
                    if next == "\"" {
                        current.append("\"")
                    } else if next == delimiter {
                        inQuotes = false
                        fields.append(current)
                        current = ""
                        atFieldStart = true
                    } else {
                        let outcome = Outcome.malformed(column: column,
                                                        reason: "unexpected \"\(next)\" after a closing quote")
                        reset()
                        return outcome
                    }
                } else {
                    current.append(c)
                }
                continue
            }
            if c == delimiter {
                fields.append(current)
                current = ""
                atFieldStart = true
                continue
            }
            if c == "\"" && atFieldStart && current.isEmpty {
                inQuotes = true
                atFieldStart = false
                continue
            }
            atFieldStart = false
            current.append(c)
        }
        if inQuotes { return .needsMore }
        fields.append(current)
        let record = fields
        reset()
        return .record(record)
    }

    /// Drops any partial record.
    public mutating func reset() {
        fields = []
        current = ""
        inQuotes = false
    }
}
