/// A file's bytes after UTF-8 validation, with the byte-offset → `line:column` mapping that error messages need.
///
/// Readers work on byte offsets in the hot path and only turn an offset into a line and column when they throw, so
/// locating costs one scan of the file, once.
struct SourceText: Sendable {
    /// The file name used in errors.
    let file: String
    /// The whole file.
    let bytes: [UInt8]
    /// Where the content starts: 3 after a UTF-8 byte order mark, else 0.
    let start: Int

    /// Validates `bytes` as UTF-8 and skips a leading byte order mark.
    ///
    /// - Throws: ``GlossaryError/Code/invalidUTF8`` at the first byte that is not part of a well-formed UTF-8
    ///   sequence (a UTF-16 byte order mark gets its own message).
    init(_ bytes: [UInt8], file: String) throws(GlossaryError) {
        self.file = file
        self.bytes = bytes
        let hasBOM = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        self.start = hasBOM ? 3 : 0
        if bytes.count >= 2 && (bytes[0] == 0xFF && bytes[1] == 0xFE || bytes[0] == 0xFE && bytes[1] == 0xFF) {
            throw GlossaryError(.invalidUTF8, file: file, line: 1, column: 1,
                                message: "the file is UTF-16, not UTF-8: save it as UTF-8 and import it again")
        }
        if let bad = Self.firstInvalidUTF8(bytes, from: start) {
            let (line, column) = location(of: bad)
            let hex = "0x" + String(bytes[bad], radix: 16, uppercase: true)
            throw GlossaryError(.invalidUTF8, file: file, line: line, column: column,
                                message: "invalid UTF-8 (byte \(hex)): the file must be UTF-8; convert it "
                                    + "(e.g. iconv -f WINDOWS-1252 -t UTF-8) and import it again")
        }
    }

    /// The 1-based line and column (in Unicode scalars, not counting a byte order mark) of byte `offset`.
    func location(of offset: Int) -> (line: Int, column: Int) {
        let end = min(max(offset, start), bytes.count)
        var line = 1
        var lineStart = start
        var index = start
        while index < end {
            if bytes[index] == 0x0A {
                line += 1
                lineStart = index + 1
            }
            index += 1
        }
        var column = 1
        index = lineStart
        while index < end {
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return (line, column)
    }

    /// The byte offset of 1-based `line` and `column` counted in bytes, as libxml2 reports them.
    func offset(line: Int, byteColumn: Int) -> Int {
        var current = 1
        var index = start
        while current < line && index < bytes.count {
            if bytes[index] == 0x0A { current += 1 }
            index += 1
        }
        return min(index + max(byteColumn - 1, 0), bytes.count)
    }

    /// An error located at byte `offset`.
    func error(_ code: GlossaryError.Code, at offset: Int, _ message: String) -> GlossaryError {
        let (line, column) = location(of: offset)
        return GlossaryError(code, file: file, line: line, column: column, message: message)
    }

    /// The offset of the first byte that is not part of a well-formed UTF-8 sequence (Unicode table 3-7), or nil.
    static func firstInvalidUTF8(_ bytes: [UInt8], from start: Int) -> Int? {
        bytes.withUnsafeBufferPointer { buffer -> Int? in
            guard let base = buffer.baseAddress else { return nil }
            let count = buffer.count
            var i = start
            while i < count {
                // ASCII fast path, 8 bytes at a time.
                while i + 8 <= count {
                    let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                    if word & 0x8080_8080_8080_8080 != 0 { break }
                    i += 8
                }
                guard i < count else { return nil }
                let b0 = buffer[i]
                if b0 < 0x80 {
                    i += 1
                    continue
                }
                func continuation(_ j: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
                    j < count && buffer[j] >= low && buffer[j] <= high
                }
                switch b0 {
                case 0xC2...0xDF:
                    guard continuation(i + 1) else { return i }
                    i += 2
                case 0xE0...0xEF:
                    let low: UInt8 = b0 == 0xE0 ? 0xA0 : 0x80
                    let high: UInt8 = b0 == 0xED ? 0x9F : 0xBF
                    guard continuation(i + 1, low, high), continuation(i + 2) else { return i }
                    i += 3
                case 0xF0...0xF4:
                    let low: UInt8 = b0 == 0xF0 ? 0x90 : 0x80
                    let high: UInt8 = b0 == 0xF4 ? 0x8F : 0xBF
                    guard continuation(i + 1, low, high), continuation(i + 2), continuation(i + 3) else { return i }
                    i += 4
                default:
                    return i
                }
            }
            return nil
        }
    }
}
