/// Where one field of a delimited record lies in the file.
struct FieldSpan: Sendable {
    /// First content byte (after the opening quote of a quoted field).
    var start: Int
    /// One past the last content byte (before the closing quote).
    var end: Int
    /// Offset of the field's first byte (its opening quote when quoted), for error locations.
    var fieldStart: Int
    /// Whether the content holds `""` pairs that stand for one quote each.
    var hasEscapedQuotes: Bool
}

/// Splits UTF-8 bytes into delimited records (RFC 4180 quoting, LF or CRLF line ends) without copying.
///
/// A field that starts with `"` is quoted: it ends at the next lone `"`, `""` stands for one quote, and it may span
/// lines. Unquoted fields run to the next delimiter or line end, quotes included. Blank lines and lines starting
/// with `#` are skipped between records. The byte-level twin of `OnomaText.DelimitedParser`, for whole files.
struct RecordSplitter {
    /// The file's bytes.
    let buffer: UnsafeBufferPointer<UInt8>
    /// The field delimiter (`\t`, `,` or `;`).
    let delimiter: UInt8
    /// The next byte to read.
    private(set) var position: Int

    private static let quote = UInt8(ascii: "\"")
    private static let lineFeed = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")
    private static let hash = UInt8(ascii: "#")

    /// A splitter over `buffer` from byte `start`.
    init(_ buffer: UnsafeBufferPointer<UInt8>, delimiter: UInt8, start: Int) {
        self.buffer = buffer
        self.delimiter = delimiter
        self.position = start
    }

    /// A problem found while splitting, at a byte offset.
    struct Problem: Error {
        /// The error code to report.
        var code: GlossaryError.Code
        /// Byte offset of the problem.
        var offset: Int
        /// What is wrong.
        var message: String
    }

    /// Skips blank and comment lines and reads the next record's fields into `fields`.
    ///
    /// - Returns: the record's first byte offset, or nil at the end of the input.
    /// - Throws: ``Problem`` for an unterminated quoted field or a character after a closing quote.
    mutating func next(into fields: inout [FieldSpan]) throws(Problem) -> Int? {
        fields.removeAll(keepingCapacity: true)
        let count = buffer.count
        // Skip blank and comment lines.
        while position < count {
            let byte = buffer[position]
            if byte == Self.lineFeed {
                position += 1
            } else if byte == Self.carriageReturn && position + 1 < count && buffer[position + 1] == Self.lineFeed {
                position += 2
            } else if byte == Self.hash {
                while position < count && buffer[position] != Self.lineFeed { position += 1 }
                position += 1
            } else {
                break
            }
        }
        guard position < count else {
            position = count
            return nil
        }
        let recordStart = position
        while true {
            let fieldStart = position
            if position < count && buffer[position] == Self.quote {
                var index = position + 1
                var escaped = false
                while true {
                    guard index < count else {
                        throw Problem(code: .unterminatedQuote, offset: fieldStart,
                                      message: "unterminated quoted field: the quote opened here never closes "
                                          + "(a quote inside a quoted field is written \"\")")
                    }
                    if buffer[index] == Self.quote {
                        if index + 1 < count && buffer[index + 1] == Self.quote {
                            escaped = true
                            index += 2
                            continue
                        }
                        break
                    }
                    index += 1
                }
                fields.append(FieldSpan(start: fieldStart + 1, end: index, fieldStart: fieldStart,
                                        hasEscapedQuotes: escaped))
                position = index + 1
                guard position < count else { return recordStart }
                let byte = buffer[position]
                if byte == delimiter {
                    position += 1
                    continue
                }
                if byte == Self.lineFeed {
                    position += 1
                    return recordStart
                }
                if byte == Self.carriageReturn && (position + 1 == count || buffer[position + 1] == Self.lineFeed) {
                    position = min(position + 2, count)
                    return recordStart
                }
                let shown = byte < 0x80 ? "\"\(Character(Unicode.Scalar(byte)))\"" : "a character"
                throw Problem(code: .malformedRecord, offset: position,
                              message: "unexpected \(shown) after the closing quote of a quoted field "
                                  + "(a quote inside a quoted field is written \"\")")
            }
            var index = position
            while index < count {
                let byte = buffer[index]
                if byte == delimiter || byte == Self.lineFeed { break }
                index += 1
            }
            var end = index
            let atLineEnd = index == count || buffer[index] == Self.lineFeed
            if atLineEnd && end > position && buffer[end - 1] == Self.carriageReturn { end -= 1 }
            fields.append(FieldSpan(start: position, end: end, fieldStart: position, hasEscapedQuotes: false))
            if index < count && buffer[index] == delimiter {
                position = index + 1
                continue
            }
            position = min(index + 1, count)
            return recordStart
        }
    }

    /// The field's text, with `""` pairs unescaped.
    func string(_ field: FieldSpan) -> String {
        guard field.hasEscapedQuotes else {
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[field.start..<field.end]), as: UTF8.self)
        }
        return String(decoding: unescaped(field), as: UTF8.self)
    }

    /// The field's bytes with `""` pairs unescaped.
    func unescaped(_ field: FieldSpan) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(field.end - field.start)
        var index = field.start
        while index < field.end {
            let byte = buffer[index]
            bytes.append(byte)
            index += byte == Self.quote ? 2 : 1
        }
        return bytes
    }

    /// Maps an offset in ``unescaped(_:)``'s output back to the file.
    func fileOffset(_ field: FieldSpan, unescapedOffset: Int) -> Int {
        var index = field.start
        var produced = 0
        while index < field.end && produced < unescapedOffset {
            index += buffer[index] == Self.quote ? 2 : 1
            produced += 1
        }
        return index
    }

    /// Guesses the delimiter from the first record line: the most frequent of tab, comma and semicolon outside
    /// quotes; `preferred` on a tie or when none occurs.
    static func detectDelimiter(_ buffer: UnsafeBufferPointer<UInt8>, start: Int, preferred: UInt8) -> UInt8 {
        var position = start
        let count = buffer.count
        // Skip blank and comment lines to the header.
        while position < count {
            let byte = buffer[position]
            if byte == lineFeed || byte == carriageReturn {
                position += 1
            } else if byte == hash {
                while position < count && buffer[position] != lineFeed { position += 1 }
            } else {
                break
            }
        }
        var tabs = 0, commas = 0, semicolons = 0
        var inQuotes = false
        while position < count {
            let byte = buffer[position]
            if byte == quote {
                inQuotes.toggle()
            } else if !inQuotes {
                if byte == lineFeed { break }
                if byte == UInt8(ascii: "\t") { tabs += 1 }
                if byte == UInt8(ascii: ",") { commas += 1 }
                if byte == UInt8(ascii: ";") { semicolons += 1 }
            }
            position += 1
        }
        let counts: [(UInt8, Int)] = [(UInt8(ascii: "\t"), tabs), (UInt8(ascii: ","), commas),
                                      (UInt8(ascii: ";"), semicolons)]
        let best = counts.map(\.1).max() ?? 0
        guard best > 0 else { return preferred }
        if counts.contains(where: { $0.0 == preferred && $0.1 == best }) { return preferred }
        return counts.first { $0.1 == best }?.0 ?? preferred
    }
}
