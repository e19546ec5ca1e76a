public import Foundation

extension LinkSession {
    /// Links a whole input read from `handle` in ``TextChunker`` chunks, handing each linked chunk and its bytes to
    /// `body`: the one reading loop of `onoma link` and ``DocumentGlossary``.
    ///
    /// ```swift
    /// try session.link(reading: handle, file: "article.txt") { chunk, bytes, bytesRead in
    ///     print(chunk.mentions.count)
    /// }
    /// ```
    /// - Parameters:
    ///   - file: the input's name, put into errors.
    ///   - chunkSize: the size of the chunks.
    ///   - body: called once per chunk, in order, with the bytes read so far.
    /// - Throws: ``LinkError``: `unreadableInput` when the handle cannot be read, `binaryInput` for a NUL byte, and
    ///   whatever `body` throws; each with `file` set.
    public func link(reading handle: FileHandle, file: String?, chunkSize: Int = TextChunker.defaultSize,
                     _ body: (LinkedChunk, [UInt8], Int) throws(LinkError) -> Void) throws(LinkError) {
        var chunker = TextChunker(handle, size: chunkSize)
        while true {
            let bytes: [UInt8]
            do {
                guard let next = try chunker.next() else { return }
                bytes = next
            } catch {
                throw LinkError(.unreadableInput, "cannot read: \(error.localizedDescription)", file: file,
                                byteOffset: chunker.bytesRead)
            }
            do {
                let chunk = try bytes.withUnsafeBufferPointer { buffer throws(LinkError) in try link(buffer) }
                try body(chunk, bytes, chunker.bytesRead)
            } catch {
                var error = error
                error.file = error.file ?? file
                throw error
            }
        }
    }
}
