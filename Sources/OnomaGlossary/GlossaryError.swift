/// A problem in a glossary file, located at `file:line:column`, with a reason a user can act on.
///
/// Readers stop at the first problem and throw it; nothing of the file is kept (all-or-nothing).
///
/// ```swift
/// do {
///     _ = try GlossaryReader.read(bytes, file: "people.tsv", format: .tsv)
/// } catch {
///     print(error)   // people.tsv:7:12: empty term between bars
///     if error.code == .emptyTerm { … }
/// }
/// ```
public struct GlossaryError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem a ``GlossaryError`` reports, for callers that branch on it.
    ///
    /// Codes compare by name; new codes may be added, so a `switch` over them needs a `default`.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Storage: String, Hashable, Sendable {
            case invalidUTF8, unterminatedQuote, malformedRecord, columnCount, missingColumn, duplicateColumn
            case unknownLanguage, invalidID, duplicateID, invalidValue, emptyTerm, unknownMarker
            case malformedXML, unsafeXML, malformedJSON, unsupportedFormat
        }

        private let storage: Storage
        private init(_ storage: Storage) { self.storage = storage }

        /// The code's name (`emptyTerm`).
        public var description: String { storage.rawValue }

        /// The bytes are not UTF-8; the location is the first bad byte.
        public static let invalidUTF8 = Code(.invalidUTF8)
        /// A quoted field (`"…`) never closes; the location is its opening quote.
        public static let unterminatedQuote = Code(.unterminatedQuote)
        /// A closing quote is followed by something other than a delimiter or a line end.
        public static let malformedRecord = Code(.malformedRecord)
        /// A row has more or fewer cells than the header.
        public static let columnCount = Code(.columnCount)
        /// A required column (`id`, `type`) or element is missing.
        public static let missingColumn = Code(.missingColumn)
        /// A header names the same column twice (also `fr_FR` next to `fr-FR`).
        public static let duplicateColumn = Code(.duplicateColumn)
        /// A language tag (header cell, `xml:lang`, JSON `language`) is malformed or unknown.
        public static let unknownLanguage = Code(.unknownLanguage)
        /// A concept id is empty or not a valid slug (see ``Concept/isValidID(_:)``).
        public static let invalidID = Code(.invalidID)
        /// A concept id occurs twice in one file with different data.
        public static let duplicateID = Code(.duplicateID)
        /// A cell or value is not allowed there (a bad type name, a malformed Wikidata id, conflicting markers).
        public static let invalidValue = Code(.invalidValue)
        /// A language cell holds an empty term (`A |  | B`, `{short}` alone).
        public static let emptyTerm = Code(.emptyTerm)
        /// A term carries a marker that the format does not define (`{shrot}`).
        public static let unknownMarker = Code(.unknownMarker)
        /// The XML is not well-formed, or is not TBX.
        public static let malformedXML = Code(.malformedXML)
        /// The XML declares entities (external or internal) or a non-UTF-8 encoding: refused without parsing.
        public static let unsafeXML = Code(.unsafeXML)
        /// A JSON Lines line is not a valid concept object.
        public static let malformedJSON = Code(.malformedJSON)
        /// The format can be written but not read (OmegaT glossaries carry no ids or language tags).
        public static let unsupportedFormat = Code(.unsupportedFormat)
    }

    /// The kind of problem.
    public let code: Code
    /// The file name given to the reader.
    public let file: String
    /// The 1-based line of the problem.
    public let line: Int
    /// The 1-based column (in Unicode scalars) of the problem, when known.
    public let column: Int?
    /// What is wrong and, where it helps, what to do about it.
    public let message: String

    /// Creates an error.
    public init(_ code: Code, file: String, line: Int, column: Int?, message: String) {
        self.code = code
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `file:line:column: message` (or `file:line: message` without a column).
    public var description: String {
        if let column { return "\(file):\(line):\(column): \(message)" }
        return "\(file):\(line): \(message)"
    }
}
