import Foundation

/// A byte stream read in large blocks: a file or standard input.
///
/// Reads with `read(2)` into a reused buffer so memory stays bounded whatever the input size.
public final class InputSource {
    /// The name used in messages: the path, or `<stdin>`.
    public let name: String
    /// The total size in bytes when known (regular files), for progress.
    public let size: Int?
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private var finished = false
    /// Bytes consumed so far.
    public private(set) var offset = 0

    /// Opens `path`, or standard input for `-`.
    ///
    /// - Throws: ``InputError`` naming the path when it cannot be opened.
    public init(path: String, blockSize: Int = 1 << 20) throws(InputError) {
        if path == "-" {
            self.name = "<stdin>"
            self.descriptor = 0
            self.ownsDescriptor = false
            self.size = nil
        } else {
            let fd = open(path, O_RDONLY)
            guard fd >= 0 else { throw InputError(path: path, reason: String(cString: strerror(errno))) }
            var info = stat()
            if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
                close(fd)
                throw InputError(path: path, reason: "is a directory")
            }
            self.name = path
            self.descriptor = fd
            self.ownsDescriptor = true
            self.size = (info.st_mode & S_IFMT) == S_IFREG ? Int(info.st_size) : nil
        }
        self.buffer = [UInt8](repeating: 0, count: blockSize)
    }

    /// Reads from bytes already in memory (tests, in-process use).
    public init(name: String, bytes: [UInt8]) {
        self.name = name
        self.descriptor = -1
        self.ownsDescriptor = false
        self.size = bytes.count
        self.buffer = bytes
        self.end = bytes.count
        self.finished = true
    }

    deinit { if ownsDescriptor { close(descriptor) } }

    /// Refills the buffer; returns false at end of input.
    private func fill() throws(InputError) -> Bool {
        if finished { return false }
        if start > 0 {
            // Keep the unread tail at the front.
            let tail = end - start
            if tail > 0 { buffer.withUnsafeMutableBufferPointer { $0.baseAddress!.update(from: $0.baseAddress! + start, count: tail) } }
            start = 0
            end = tail
        }
        if end == buffer.count { buffer.append(contentsOf: repeatElement(0, count: buffer.count)) }
        while true {
            let n = buffer.withUnsafeMutableBufferPointer { read(descriptor, $0.baseAddress! + end, $0.count - end) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 { throw InputError(path: name, reason: String(cString: strerror(errno))) }
            if n == 0 {
                finished = true
                return false
            }
            end += n
            return true
        }
    }

    /// One line of input.
    public struct Line {
        /// The line's bytes without LF or CRLF, cut to the reader's limit. Valid until the next read.
        public var bytes: ArraySlice<UInt8>
        /// Whether the line was longer than the limit.
        public var truncated: Bool
        /// The full length of the line in bytes.
        public var length: Int
        /// The byte offset of the line's start in the input.
        public var offset: Int
    }

    /// The next line without its LF (and without a CR before it), or nil at end of input.
    ///
    /// A line longer than `limit` bytes comes back cut to `limit` with ``Line/truncated`` set; the rest is skipped
    /// without being kept, so a single 2 GB line costs no more memory than a short one.
    public func nextLine(limit: Int) throws(InputError) -> Line? {
        let lineOffset = offset
        var kept: [UInt8]?
        var skipped = 0
        var scanFrom = start
        while true {
            if let newline = Self.find(0x0A, in: buffer, from: scanFrom, to: end) {
                var bytes = kept.map { $0[...] } ?? buffer[start..<newline]
                var length = skipped + (newline - start)
                if kept == nil, bytes.last == 0x0D {
                    bytes = bytes.dropLast()
                    length -= 1
                }
                let truncated = kept != nil || bytes.count > limit
                offset += newline + 1 - start
                start = newline + 1
                return Line(bytes: bytes.prefix(limit), truncated: truncated, length: length, offset: lineOffset)
            }
            if kept == nil, end - start > limit { kept = Array(buffer[start..<(start + limit)]) }
            if kept != nil {
                // Past the limit nothing more of this line is kept.
                skipped += end - start
                offset += end - start
                start = end
            }
            let scanned = end - start
            guard try fill() else {
                if kept == nil, start == end { return nil }
                var bytes = kept.map { $0[...] } ?? buffer[start..<end]
                var length = skipped + (end - start)
                if kept == nil, bytes.last == 0x0D {
                    bytes = bytes.dropLast()
                    length -= 1
                }
                offset += end - start
                start = end
                return Line(bytes: bytes.prefix(limit), truncated: kept != nil || bytes.count > limit, length: length,
                            offset: lineOffset)
            }
            scanFrom = start + scanned
        }
    }

    /// Gives `body` each line already whole in the buffer, as ``nextLine(limit:)`` would (without its LF or a CR
    /// before it), with its byte offset in the input, until `body` returns false or the next line is not whole in the
    /// buffer or is longer than `limit` bytes: the caller reads that one with ``nextLine(limit:)``.
    ///
    /// The batch job's path for plain lines: no ``Line`` (and its reference to the buffer) per line. The bytes are
    /// valid during the call only, and `body` must not read from this source.
    ///
    /// - Returns: the number of lines given.
    public func forEachBufferedLine(limit: Int, _ body: (UnsafeBufferPointer<UInt8>, _ offset: Int) -> Bool) -> Int {
        var count = 0
        buffer.withUnsafeBufferPointer { base in
            guard let address = base.baseAddress else { return }
            while start < end, let found = memchr(address + start, 0x0A, end - start) {
                let newline = address.distance(to: found.assumingMemoryBound(to: UInt8.self))
                var stop = newline
                if stop > start, base[stop - 1] == 0x0D { stop -= 1 }
                if stop - start > limit { return }
                let lineOffset = offset
                offset += newline + 1 - start
                let line = UnsafeBufferPointer(rebasing: base[start..<stop])
                start = newline + 1
                count += 1
                if !body(line, lineOffset) { return }
            }
        }
        return count
    }

    /// The index of the first `byte` in `buffer[from..<to]`, found with `memchr`.
    @inline(__always)
    private static func find(_ byte: UInt8, in buffer: [UInt8], from: Int, to: Int) -> Int? {
        guard from < to else { return nil }
        return buffer.withUnsafeBufferPointer { base -> Int? in
            guard let found = memchr(base.baseAddress! + from, Int32(byte), to - from) else { return nil }
            return base.baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
    }

    /// Reads everything that is left (for whole-document readers such as XML).
    public func readAll() throws(InputError) -> [UInt8] {
        while try fill() {}
        let rest = Array(buffer[start..<end])
        offset += end - start
        start = end
        return rest
    }
}

/// An input file that cannot be read.
public struct InputError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The path as given.
    public var path: String
    /// What went wrong.
    public var reason: String
    public var description: String { "\(path): \(reason)" }
}
