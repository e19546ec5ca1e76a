import Foundation
public import OnomaText

/// Output formats of the batch job.
public enum BatchFormat: String, Sendable, CaseIterable {
    /// Tab-separated values with a header row; tabs, line breaks and backslashes in values are escaped as `\t`,
    /// `\n`, `\r` and `\\`.
    case tsv
    /// One JSON object per line, with the same names as keys.
    case jsonl
}

/// How rows are encoded: the column list and the byte encoding of each part of a line.
///
/// A line is the encoded `input` followed by the *tail* (every other column and the line end); the tail depends
/// only on the name's result, so the batch job encodes it once per distinct name.
public struct RowEncoding: Sendable {
    /// The output format.
    public let format: BatchFormat
    /// The output columns, in order.
    public let columns: [String]
    private let withEntity: Bool

    /// An encoding for `format`; `withEntity` adds the matching columns.
    public init(format: BatchFormat, withEntity: Bool) {
        self.format = format
        self.withEntity = withEntity
        self.columns = ["input", "normalized", "key", "script", "latin"]
            + (withEntity ? ["entity", "canonical", "method", "score"] : []) + ["error"]
    }

    /// The header line (TSV only), with its line end.
    public var header: String? { format == .tsv ? columns.joined(separator: "\t") + "\n" : nil }

    /// Appends the encoded `input` column (the start of a line) to `bytes`.
    public func appendInput(_ input: String, to bytes: inout [UInt8]) {
        switch format {
        case .tsv:
            Self.appendTSV(input, to: &bytes)
        case .jsonl:
            bytes.append(contentsOf: #"{"input":"#.utf8)
            Self.appendJSONString(input, to: &bytes)
        }
    }

    /// The encoded rest of a line after `input`, with the line end.
    public func tail(name: NormalizedName?, entity: LinkedEntity?, error: String?) -> [UInt8] {
        if format == .tsv {
            // Once per distinct name: cell by cell, without a list of the values.
            var bytes: [UInt8] = []
            bytes.reserveCapacity(64)
            func cell(_ value: String?) {
                bytes.append(0x09)
                Self.appendTSV(value ?? "", to: &bytes)
            }
            cell(name?.normalized)
            cell(name?.key)
            cell(name?.script)
            cell(name?.latin)
            if withEntity {
                cell(entity?.entity)
                cell(entity?.canonical)
                cell(entity?.method)
                cell(entity.map { Self.score($0.score) })
            }
            cell(error)
            bytes.append(0x0A)
            return bytes
        }
        var values: [String?] = [name?.normalized, name?.key, name?.script, name?.latin]
        if withEntity {
            values += [entity?.entity, entity?.canonical, entity?.method, entity.map { Self.score($0.score) }]
        }
        values.append(error)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(64)
        switch format {
        case .tsv:
            for value in values {
                bytes.append(0x09)
                Self.appendTSV(value ?? "", to: &bytes)
            }
        case .jsonl:
            for (column, value) in zip(columns.dropFirst(), values) {
                bytes.append(contentsOf: ",\"\(column)\":".utf8)
                if let value {
                    if column == "score" { bytes.append(contentsOf: value.utf8) } else {
                        Self.appendJSONString(value, to: &bytes)
                    }
                } else {
                    bytes.append(contentsOf: "null".utf8)
                }
            }
            bytes.append(0x7D)
        }
        bytes.append(0x0A)
        return bytes
    }

    /// A score with three decimals, as `String(format: "%.3f")` writes it.
    static func score(_ value: Double) -> String {
        // Most linked names have one of a few scores (the cascade's certain steps): those are formatted once, here,
        // since Foundation's formatting was ~3 % of a batch's CPU with repeats. Found by equality, so the same text.
        for (known, text) in commonScores where known == value { return text }
        return String(format: "%.3f", value)
    }

    /// The scores of the certain steps, formatted.
    private static let commonScores: [(Double, String)] = [1.0, 0.97, 0.94, 0.9, 0.88].map {
        ($0, String(format: "%.3f", $0))
    }

    /// TSV escaping of one value: tab, LF, CR and backslash become `\t`, `\n`, `\r`, `\\`.
    static func appendTSV(_ text: String, to bytes: inout [UInt8]) {
        var text = text
        let plain = text.withUTF8 { buffer -> Bool in
            // Most values need no escaping: copy them in one go.
            guard !buffer.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0x5C }) else { return false }
            bytes.append(contentsOf: buffer)
            return true
        }
        if plain { return }
        for byte in text.utf8 {
            switch byte {
            case 0x09: bytes.append(0x5C); bytes.append(0x74)
            case 0x0A: bytes.append(0x5C); bytes.append(0x6E)
            case 0x0D: bytes.append(0x5C); bytes.append(0x72)
            case 0x5C: bytes.append(0x5C); bytes.append(0x5C)
            default: bytes.append(byte)
            }
        }
    }

    /// A JSON string literal (RFC 8259 escaping).
    static func appendJSONString(_ text: String, to bytes: inout [UInt8]) {
        JSONText.appendString(text, to: &bytes)
    }

    /// A JSON string literal as text.
    public static func jsonString(_ text: String) -> String { JSONText.quoted(text) }
}

/// Writes ``BatchRow``s to a file descriptor through a large buffer.
public final class RowWriter {
    /// The encoding rows are written in.
    public let encoding: RowEncoding
    private let descriptor: Int32
    private var buffer: [UInt8] = []

    /// The output columns, in order.
    public var columns: [String] { encoding.columns }

    /// A writer to `descriptor` (1 for standard output). `withEntity` adds the matching columns.
    public init(format: BatchFormat, withEntity: Bool, descriptor: Int32 = 1) {
        self.encoding = RowEncoding(format: format, withEntity: withEntity)
        self.descriptor = descriptor
        buffer.reserveCapacity(1 << 17)
    }

    deinit { try? flush() }

    /// Writes the header row (TSV only).
    public func writeHeader() {
        if let header = encoding.header { buffer.append(contentsOf: header.utf8) }
    }

    /// Writes one row, using its pre-encoded line when the job made one.
    public func write(_ row: BatchRow) throws {
        if let encoded = row.encoded {
            buffer.append(contentsOf: encoded)
        } else {
            encoding.appendInput(row.input, to: &buffer)
            buffer.append(contentsOf: encoding.tail(name: row.name, entity: row.entity, error: row.error))
        }
        if buffer.count >= 1 << 17 { try flush() }
    }

    /// Writes already encoded bytes (a run of rows from ``BatchNormalizer/BatchChunk/encoded(upTo:)``).
    public func write(bytes: ArraySlice<UInt8>) throws {
        if buffer.count + bytes.count > 1 << 17 { try flush() }
        if bytes.count >= 1 << 17 {
            try writeOut(bytes)
        } else {
            buffer.append(contentsOf: bytes)
        }
    }

    /// Writes out what is buffered.
    public func flush() throws {
        defer { buffer.removeAll(keepingCapacity: true) }
        try writeOut(buffer[...])
    }

    private func writeOut(_ bytes: ArraySlice<UInt8>) throws {
        var start = 0
        while start < bytes.count {
            let n = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress! + start, $0.count - start) }
            if n < 0 {
                if errno == EINTR { continue }
                throw BatchInputError(description: "cannot write output: \(String(cString: strerror(errno)))")
            }
            start += n
        }
    }
}
