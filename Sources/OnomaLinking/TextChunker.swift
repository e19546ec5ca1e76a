public import Foundation

/// Cuts a stream of UTF-8 text into chunks that end at whitespace, so a document of any size is linked with
/// bounded memory and no word or name is cut in two.
///
/// A chunk ends after a paragraph break when the window holds one, else after a line break, else after a space;
/// a window with no whitespace at all (one 50 MB word, binary data) is cut between two UTF-8 sequences.
///
/// ```swift
/// var chunker = TextChunker(FileHandle(forReadingAtPath: "article.txt")!)
/// while let chunk = try chunker.next() { _ = try session.link(chunk) }
/// ```
public struct TextChunker {
    /// The usual chunk size in bytes.
    public static let defaultSize = 256 * 1024

    private let handle: FileHandle
    private let size: Int
    private var pending: [UInt8] = []
    private var finished = false
    /// Bytes read so far.
    public private(set) var bytesRead = 0

    /// A chunker reading `handle`, cutting chunks of about `size` bytes.
    public init(_ handle: FileHandle, size: Int = TextChunker.defaultSize) {
        self.handle = handle
        self.size = max(size, 64)
    }

    /// The next chunk, or nil at the end of the input.
    public mutating func next() throws -> [UInt8]? {
        while !finished && pending.count < size {
            let data = try handle.read(upToCount: size) ?? Data()
            if data.isEmpty {
                finished = true
            } else {
                bytesRead += data.count
                pending.append(contentsOf: data)
            }
        }
        if pending.isEmpty { return nil }
        if finished && pending.count <= size {
            defer { pending.removeAll() }
            return pending
        }
        let cut = Self.cut(pending, limit: size)
        let chunk = Array(pending[..<cut])
        pending.removeFirst(cut)
        return chunk
    }

    /// Where to end a chunk of `bytes` of at most about `limit` bytes: after whitespace in the window's second half
    /// when there is some, else at a UTF-8 sequence boundary.
    static func cut(_ bytes: [UInt8], limit: Int) -> Int {
        let end = min(bytes.count, limit)
        let floor = end / 2
        var newline: Int?
        var space: Int?
        var i = end - 1
        while i >= floor {
            let byte = bytes[i]
            if byte == 0x0A {
                if i > 0, bytes[i - 1] == 0x0A { return i + 1 }  // a paragraph break: the best place
                if newline == nil { newline = i + 1 }
            } else if (byte == 0x20 || byte == 0x09) && space == nil {
                space = i + 1
            }
            i -= 1
        }
        if let newline { return newline }
        if let space { return space }
        // The byte at the cut must begin a sequence; the last sequence may be incomplete, so it goes to the next chunk.
        var cut = min(end, bytes.count - 1)
        while cut > 1, bytes[cut] & 0xC0 == 0x80 { cut -= 1 }
        return max(cut, 1)
    }
}
