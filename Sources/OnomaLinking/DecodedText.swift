/// A chunk of input decoded to UTF-16 for ICU, with the exact offsets of every code unit in the original bytes.
///
/// Offsets users see are computed on the input as it was, never on a normalized copy: the scalar offset (Unicode
/// code points from the start of the input) and the UTF-8 byte offset. Invalid UTF-8 is decoded as U+FFFD, one per
/// invalid byte, so the replacement counts as one scalar and as the one byte it stands for.
struct DecodedText {
    /// The text as UTF-16 code units.
    var units: [UInt16] = []
    /// `byteOffsets[i]` is the input byte offset where code unit `i` begins; one more entry marks the end.
    var byteOffsets: Offsets
    /// `scalarOffsets[i]` is the input scalar offset of code unit `i`'s scalar; one more entry marks the end.
    var scalarOffsets: Offsets

    /// Offsets into the whole input, stored relative to the chunk's start in 32 bits (chunks are far below 4 GB).
    struct Offsets {
        var base: Int
        var relative: [UInt32] = []
        subscript(_ i: Int) -> Int { base + Int(relative[i]) }
        var last: Int? { relative.last.map { base + Int($0) } }
        var first: Int? { relative.first.map { base + Int($0) } }
        @inline(__always) mutating func append(_ value: Int) {
            relative.append(UInt32(truncatingIfNeeded: value - base))
        }
        mutating func reserveCapacity(_ n: Int) { relative.reserveCapacity(n) }
    }
    /// Byte offsets (in the whole input) of invalid UTF-8 bytes, at most ``invalidLimit`` of them.
    var invalidBytes: [Int] = []
    /// Byte offset of the first NUL byte, if any.
    var firstNUL: Int?

    /// Invalid bytes remembered per chunk (the count goes on).
    static let invalidLimit = 16

    /// Decodes `bytes`, which start at `byteBase` bytes and `scalarBase` scalars into the input.
    /// The chunk's bytes as read.
    let bytes: [UInt8]
    /// The offset of the chunk's first byte in the input.
    let byteBase: Int

    init(_ bytes: UnsafeBufferPointer<UInt8>, byteBase: Int, scalarBase: Int) {
        self.bytes = Array(bytes)
        self.byteBase = byteBase
        self.byteOffsets = Offsets(base: byteBase)
        self.scalarOffsets = Offsets(base: scalarBase)
        units.reserveCapacity(bytes.count)
        byteOffsets.reserveCapacity(bytes.count + 1)
        scalarOffsets.reserveCapacity(bytes.count + 1)
        var i = 0
        var scalar = scalarBase
        let n = bytes.count
        @inline(__always) func append(_ value: UInt32, at start: Int) {
            if value < 0x10000 {
                units.append(UInt16(value))
                byteOffsets.append(byteBase + start)
                scalarOffsets.append(scalar)
            } else {
                let v = value - 0x10000
                units.append(UInt16(0xD800 + (v >> 10)))
                units.append(UInt16(0xDC00 + (v & 0x3FF)))
                byteOffsets.append(byteBase + start)
                byteOffsets.append(byteBase + start)
                scalarOffsets.append(scalar)
                scalarOffsets.append(scalar)
            }
            scalar += 1
        }
        while i < n {
            let b0 = bytes[i]
            if b0 < 0x80 {
                if b0 == 0, firstNUL == nil { firstNUL = byteBase + i }
                append(UInt32(b0), at: i)
                i += 1
                continue
            }
            var length = 0
            var value: UInt32 = 0
            var minimum: UInt32 = 0
            switch b0 {
            case 0xC2...0xDF: length = 2; value = UInt32(b0 & 0x1F); minimum = 0x80
            case 0xE0...0xEF: length = 3; value = UInt32(b0 & 0x0F); minimum = 0x800
            case 0xF0...0xF4: length = 4; value = UInt32(b0 & 0x07); minimum = 0x10000
            default: length = 0
            }
            var valid = length > 0 && i + length <= n
            if valid {
                for k in 1..<length {
                    let b = bytes[i + k]
                    if b & 0xC0 != 0x80 { valid = false; break }
                    value = value << 6 | UInt32(b & 0x3F)
                }
                if valid, value < minimum || value > 0x10FFFF || (0xD800...0xDFFF).contains(value) { valid = false }
            }
            if valid {
                append(value, at: i)
                i += length
            } else {
                if invalidBytes.count < Self.invalidLimit { invalidBytes.append(byteBase + i) }
                invalidCount += 1
                append(0xFFFD, at: i)
                i += 1
            }
        }
        byteOffsets.append(byteBase + n)
        scalarOffsets.append(scalar)
    }

    /// The number of invalid bytes in the chunk.
    var invalidCount = 0

    /// The scalars decoded.
    var scalarCount: Int { (scalarOffsets.last ?? 0) - (scalarOffsets.first ?? 0) }

    /// The text of code units `range`.
    func string(_ range: Range<Int>) -> String {
        if invalidCount == 0 {
            // From the UTF-8 bytes: String's fast path (no transcoding), exact when the chunk is valid.
            let lower = byteOffsets[range.lowerBound] - byteBase
            let upper = byteOffsets[range.upperBound] - byteBase
            return bytes[lower..<upper].withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
        }
        return units[range].withUnsafeBufferPointer { String(decoding: $0, as: UTF16.self) }
    }
}
