extension ICU {
    /// Runs `body` with the UTF-16 code units of `text` in a temporary buffer (on the stack for names).
    ///
    /// ICU works in UTF-16 and Swift strings are UTF-8: this transcodes in one pass without the intermediate array
    /// and the generic iterator of `Array(text.utf16)`. A UTF-8 string never has more UTF-16 units than bytes, so the
    /// buffer is sized by the byte count.
    ///
    /// - Parameters:
    ///   - text: the text to transcode.
    ///   - body: receives the code units; the buffer is valid only during the call.
    /// - Returns: what `body` returns.
    /// - Throws: what `body` throws.
    @inline(__always)
    static func withUTF16<R, E: Error>(_ text: String, _ body: (UnsafeBufferPointer<UInt16>) throws(E) -> R)
        throws(E) -> R
    {
        var text = text
        let result: Result<R, E> = text.withUTF8 { utf8 in
            withUnsafeTemporaryAllocation(of: UInt16.self, capacity: max(utf8.count, 1)) { units in
                let count = transcode(utf8, into: units.baseAddress!)
                do throws(E) {
                    return .success(try body(UnsafeBufferPointer(start: units.baseAddress, count: count)))
                } catch {
                    return .failure(error)
                }
            }
        }
        return try result.get()
    }

    /// Writes the UTF-16 form of valid UTF-8 `utf8` to `units` (room for `utf8.count` units) and returns the count.
    @inline(__always)
    static func transcode(_ utf8: UnsafeBufferPointer<UInt8>, into units: UnsafeMutablePointer<UInt16>) -> Int {
        var i = 0
        var n = 0
        let count = utf8.count
        while i < count {
            let b0 = UInt32(utf8[i])
            if b0 < 0x80 {
                units[n] = UInt16(b0)
                i += 1
                n += 1
            } else if b0 < 0xE0 {
                units[n] = UInt16(((b0 & 0x1F) << 6) | (UInt32(utf8[i + 1]) & 0x3F))
                i += 2
                n += 1
            } else if b0 < 0xF0 {
                units[n] = UInt16(((b0 & 0x0F) << 12) | ((UInt32(utf8[i + 1]) & 0x3F) << 6)
                    | (UInt32(utf8[i + 2]) & 0x3F))
                i += 3
                n += 1
            } else {
                let scalar = ((b0 & 0x07) << 18) | ((UInt32(utf8[i + 1]) & 0x3F) << 12)
                    | ((UInt32(utf8[i + 2]) & 0x3F) << 6) | (UInt32(utf8[i + 3]) & 0x3F)
                let v = scalar - 0x10000
                units[n] = UInt16(0xD800 + (v >> 10))
                units[n + 1] = UInt16(0xDC00 + (v & 0x3FF))
                i += 4
                n += 2
            }
        }
        return n
    }

    /// A string from UTF-16 code units, as `String(decoding: units, as: UTF16.self)` makes it (an unpaired surrogate
    /// becomes U+FFFD), through a direct transcoder rather than Swift's generic one.
    ///
    /// - Parameter units: the code units ICU wrote.
    /// - Returns: the string.
    static func string(utf16 units: UnsafeBufferPointer<UInt16>) -> String {
        let count = units.count
        if count == 0 { return "" }
        // At most 3 UTF-8 bytes per UTF-16 unit (a surrogate pair is 2 units for 4 bytes).
        return String(unsafeUninitializedCapacity: count * 3) { bytes in
            var n = 0
            var i = 0
            while i < count {
                let u = UInt32(units[i])
                i += 1
                if u < 0x80 {
                    bytes[n] = UInt8(u)
                    n += 1
                } else if u < 0x800 {
                    bytes[n] = UInt8(0xC0 | (u >> 6))
                    bytes[n + 1] = UInt8(0x80 | (u & 0x3F))
                    n += 2
                } else if u & 0xF800 != 0xD800 {
                    bytes[n] = UInt8(0xE0 | (u >> 12))
                    bytes[n + 1] = UInt8(0x80 | ((u >> 6) & 0x3F))
                    bytes[n + 2] = UInt8(0x80 | (u & 0x3F))
                    n += 3
                } else if u < 0xDC00, i < count, units[i] & 0xFC00 == 0xDC00 {
                    let scalar = 0x10000 + ((u - 0xD800) << 10) + (UInt32(units[i]) - 0xDC00)
                    i += 1
                    bytes[n] = UInt8(0xF0 | (scalar >> 18))
                    bytes[n + 1] = UInt8(0x80 | ((scalar >> 12) & 0x3F))
                    bytes[n + 2] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
                    bytes[n + 3] = UInt8(0x80 | (scalar & 0x3F))
                    n += 4
                } else {
                    // An unpaired surrogate: U+FFFD, as Swift's decoder repairs it.
                    bytes[n] = 0xEF
                    bytes[n + 1] = 0xBF
                    bytes[n + 2] = 0xBD
                    n += 3
                }
            }
            return n
        }
    }
}
