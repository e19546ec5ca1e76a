/// An error of the linker, with the place in the input it concerns.
///
/// ```swift
/// do { try linker.link(bytes) } catch { print(error) }   // doc.txt: byte 1024: binary input (NUL byte)
/// ```
public struct LinkError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, for programs.
    public struct Code: RawRepresentable, Hashable, Sendable {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The input holds a NUL byte: it is binary, not text.
        public static let binaryInput = Code(rawValue: "binaryInput")
        /// The input is not valid UTF-8 (reported with `--strict`; otherwise bytes are replaced and reported).
        public static let invalidUTF8 = Code(rawValue: "invalidUTF8")
        /// The input could not be read.
        public static let unreadableInput = Code(rawValue: "unreadableInput")
        /// The linking rule file could not be read.
        public static let unreadableRules = Code(rawValue: "unreadableRules")
        /// The linking rule file is malformed.
        public static let invalidRules = Code(rawValue: "invalidRules")
        /// The glossary store could not be read.
        public static let store = Code(rawValue: "store")
    }

    /// The kind of failure.
    public var code: Code
    /// A message a user can act on.
    public var message: String
    /// The file concerned, when known.
    public var file: String?
    /// 1-based line and column, for rule files.
    public var line: Int?
    public var column: Int?
    /// Byte offset in the input, for text being linked.
    public var byteOffset: Int?

    /// Creates an error.
    public init(_ code: Code, _ message: String, file: String? = nil, line: Int? = nil, column: Int? = nil,
                byteOffset: Int? = nil) {
        self.code = code
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.byteOffset = byteOffset
    }

    /// `file:line:column: message`, or `file: byte N: message`.
    public var description: String {
        var place = file ?? "<input>"
        if let line {
            place += ":\(line)"
            if let column { place += ":\(column)" }
        } else if let byteOffset {
            place += ": byte \(byteOffset)"
        }
        return "\(place): \(message)"
    }
}
