import Foundation

/// A dictionary key made of raw bytes, hashed once when it is made.
///
/// Caches of names key on UTF-8 bytes: byte equality is what "the same input" means for them, and it avoids
/// `String`'s Unicode-normalizing hash and comparison on the hot path. The hash is computed once and compared first,
/// so the equality checks of a dictionary probe rarely touch the bytes.
public struct ByteKey: Hashable, Sendable {
    /// The bytes.
    public let bytes: [UInt8]
    private let digest: Int

    /// Wraps `bytes`.
    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var hasher = Hasher()
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
        self.digest = hasher.finalize()
    }

    /// The UTF-8 bytes of `text`.
    public init<S: StringProtocol>(utf8 text: S) { self.init(Array(text.utf8)) }

    public static func == (lhs: ByteKey, rhs: ByteKey) -> Bool {
        guard lhs.digest == rhs.digest, lhs.bytes.count == rhs.bytes.count else { return false }
        if lhs.bytes.isEmpty { return true }
        return lhs.bytes.withUnsafeBytes { a in
            rhs.bytes.withUnsafeBytes { b in memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0 }
        }
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(digest) }
}
