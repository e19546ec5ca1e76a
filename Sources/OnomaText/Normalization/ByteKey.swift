/// A dictionary key made of raw bytes, hashed in one call rather than byte by byte.
///
/// Caches of names key on UTF-8 bytes: byte equality is what "the same input" means for them, and it avoids
/// `String`'s Unicode-normalizing hash and comparison on the hot path.
public struct ByteKey: Hashable, Sendable {
    /// The bytes.
    public let bytes: [UInt8]

    /// Wraps `bytes`.
    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The UTF-8 bytes of `text`.
    public init<S: StringProtocol>(utf8 text: S) { self.bytes = Array(text.utf8) }

    public func hash(into hasher: inout Hasher) {
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
    }
}
