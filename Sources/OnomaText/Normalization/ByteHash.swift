/// A fast 64-bit hash of bytes for in-memory tables of names and words.
///
/// Not a defence against chosen collisions: a collision only costs the table a byte comparison. Eight bytes at a
/// time with a multiply-xorshift step, the tail packed into one word, then a final avalanche (MurmurHash3's fmix64),
/// so the low bits that pick a slot depend on every byte.
///
/// ```swift
/// let hash = "Pashinyan".utf8.withContiguousStorageIfAvailable { ByteHash.hash($0, seed: 0) }
/// ```
public enum ByteHash {
    /// The hash of `bytes` under `seed` (a table's scope, for example).
    ///
    /// - Parameters:
    ///   - bytes: the bytes.
    ///   - seed: mixed in first; equal bytes under different seeds hash differently.
    /// - Returns: the 64-bit hash.
    @inline(__always)
    public static func hash(_ bytes: UnsafeBufferPointer<UInt8>, seed: UInt64) -> UInt64 {
        var h = (seed &+ 1) &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        let n = bytes.count
        var i = 0
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while i + 8 <= n {
                h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
                h ^= h >> 32
                i += 8
            }
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while i < n {
                tail |= UInt64(base[i]) << shift
                shift += 8
                i += 1
            }
            h = (h ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        }
        h ^= h >> 33
        h = h &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        return h
    }
}
