import Foundation
import OnomaText

/// Output formats of the batch job.
public enum BatchFormat: String, Sendable, CaseIterable {
    /// Tab-separated values with a header row; tabs, line breaks and backslashes in values are escaped as `\t`,
    /// `\n`, `\r` and `\\`.
    case tsv
    /// One JSON object per line, with the same names as keys.
    case jsonl
}

/// Writes ``BatchRow``s to a file descriptor through a large buffer.
public final class RowWriter {
    private let format: BatchFormat
    private let withEntity: Bool
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    /// Encoded result columns by ``BatchRow/resultID``: a repeated name is encoded once.
    private var encoded: [Int: [UInt8]] = [:]

    /// The output columns, in order.
    public let columns: [String]

    /// A writer to `descriptor` (1 for standard output). `withEntity` adds the matching columns.
    public init(format: BatchFormat, withEntity: Bool, descriptor: Int32 = 1) {
        self.format = format
        self.withEntity = withEntity
        self.descriptor = descriptor
        self.columns = ["input", "normalized", "key", "script", "latin"]
            + (withEntity ? ["entity", "canonical", "method", "score"] : []) + ["error"]
        buffer.reserveCapacity(1 << 16)
    }

    deinit { try? flush() }

    /// Writes the header row (TSV only).
    public func writeHeader() {
        if format == .tsv { append(columns.joined(separator: "\t") + "\n") }
    }

    /// Writes one row.
    public func write(_ row: BatchRow) throws {
        if let id = row.resultID, let tail = encoded[id] {
            writeInput(row.input)
            buffer.append(contentsOf: tail)
        } else {
            let start = buffer.count
            encode(row)
            if let id = row.resultID {
                // Everything after the input column is the same for every row with this result.
                let inputLength = inputEncodingLength(row.input)
                if encoded.count > 500_000 { encoded.removeAll(keepingCapacity: true) }
                encoded[id] = Array(buffer[(start + inputLength)...])
            }
        }
        if buffer.count >= 1 << 16 { try flush() }
    }

    private func writeInput(_ input: String) {
        switch format {
        case .tsv: append(Self.escapeTSV(input))
        case .jsonl: append("{\"input\":" + Self.jsonString(input))
        }
    }

    private func inputEncodingLength(_ input: String) -> Int {
        switch format {
        case .tsv: return Self.escapeTSV(input).utf8.count
        case .jsonl: return ("{\"input\":" + Self.jsonString(input)).utf8.count
        }
    }

    private func encode(_ row: BatchRow) {
        let name = row.name
        var values: [String?] = [row.input, name?.normalized, name?.key, name?.script, name?.latin]
        if withEntity {
            values += [row.entity?.entity, row.entity?.canonical, row.entity?.method,
                       row.entity.map { Self.score($0.score) }]
        }
        values.append(row.error)
        switch format {
        case .tsv:
            append(values.map { Self.escapeTSV($0 ?? "") }.joined(separator: "\t"))
        case .jsonl:
            var line = "{"
            for (i, (column, value)) in zip(columns, values).enumerated() {
                if i > 0 { line += "," }
                line += "\"\(column)\":"
                if let value {
                    line += column == "score" ? value : Self.jsonString(value)
                } else {
                    line += "null"
                }
            }
            append(line + "}")
        }
        append("\n")
    }

    /// Writes out what is buffered.
    public func flush() throws {
        var start = 0
        while start < buffer.count {
            let n = buffer.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress! + start, $0.count - start) }
            if n < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                buffer.removeAll(keepingCapacity: true)
                throw BatchInputError(description: "cannot write output: \(reason)")
            }
            start += n
        }
        buffer.removeAll(keepingCapacity: true)
    }

    private func append(_ text: String) { buffer.append(contentsOf: text.utf8) }

    static func score(_ value: Double) -> String { String(format: "%.3f", value) }

    static func escapeTSV(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0x5C }) else { return text }
        var out = ""
        for c in text.unicodeScalars {
            switch c {
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\\": out += "\\\\"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// A JSON string literal (RFC 8259 escaping).
    public static func jsonString(_ text: String) -> String {
        var out = "\""
        for c in text.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20:
                out += String(format: "\\u%04x", c.value)
            default: out.unicodeScalars.append(c)
            }
        }
        return out + "\""
    }
}
