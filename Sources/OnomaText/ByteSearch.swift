/// Where a short byte string occurs in a longer one: the search the XML pre-checks (`<!ENTITY`) and the matcher's
/// convention markers (`sz`, `ł` in UTF-8) both do.
///
/// `package` and `@inlinable`: the matcher calls it for each marker of a name of unknown language, on the batch job's
/// path.
package enum ByteSearch {
    /// The first index at or after `start` where `needle` begins in `bytes`; nil when it does not occur, or is empty.
    @inlinable
    package static func firstIndex(of needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from start: Int = 0)
        -> Int?
    {
        guard let first = needle.first, bytes.count >= needle.count else { return nil }
        var index = start
        let last = bytes.count - needle.count
        while index <= last {
            if bytes[index] == first {
                var offset = 1
                while offset < needle.count, bytes[index + offset] == needle[offset] { offset += 1 }
                if offset == needle.count { return index }
            }
            index += 1
        }
        return nil
    }
}
