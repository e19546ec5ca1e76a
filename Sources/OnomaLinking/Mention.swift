public import OnomaGlossary
import OnomaText

/// One entity mention found in running text.
///
/// Offsets are exact on the input as read: `start`/`end` count Unicode scalars, `byteStart`/`byteEnd` count UTF-8
/// bytes, both from the start of the input, end exclusive.
///
/// ```swift
/// for mention in try linker.link("Erevan accuse Bakou.") {
///     print(mention.surface, mention.conceptID, mention.canonical ?? "")   // Erevan yerevan Yerevan
/// }
/// ```
public struct Mention: Sendable, Hashable {
    /// Whether the mention names the entity or is an adjective or demonym derived from it.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A proper name, short form or acronym (*Ilham Aliev*, *Aliev*, *OTAN*).
        case name
        /// An adjective or demonym (*russe*, *azerbaïdjanaise*, *Arméniens*).
        case adjective
    }

    /// How the mention was linked.
    public enum Method: String, Sendable, Hashable, CaseIterable {
        /// The text is a term of the store as written (normalized form).
        case exact
        /// The text is a term of the store up to case, diacritics and punctuation.
        case key
        /// The matching cascade found it through transliteration.
        case transliteration
        /// The matching cascade found it through transcription conventions.
        case transcription
        /// The matching cascade found it by fuzzy transcription keys.
        case fuzzy
        /// A surname or short form alone, linked to the full name found earlier in the same document.
        case document
    }

    /// Scalar offset of the first scalar.
    public var start: Int
    /// Scalar offset after the last scalar.
    public var end: Int
    /// UTF-8 byte offset of the first byte.
    public var byteStart: Int
    /// UTF-8 byte offset after the last byte.
    public var byteEnd: Int
    /// The text as written in the input.
    public var surface: String
    /// The linked concept's id.
    public var conceptID: String
    /// The linked concept's type.
    public var type: ConceptType
    /// Name or adjective.
    public var kind: Kind
    /// The canonical form in the target language (for an adjective, the target language's adjective when the store
    /// has one).
    public var canonical: String?
    /// How it was linked.
    public var method: Method
    /// The score in [0, 1], on the scale of the matching cascade.
    public var score: Double
    /// The store term the surface matched.
    public var matchedTerm: Term
    /// Other concepts the same text may name, best first (ambiguity that the document resolved).
    public var alternatives: [String]

    /// Creates a value from its parts.
    public init(start: Int, end: Int, byteStart: Int, byteEnd: Int, surface: String, conceptID: String,
                type: ConceptType, kind: Kind, canonical: String?, method: Method, score: Double, matchedTerm: Term,
                alternatives: [String] = []) {
        self.start = start
        self.end = end
        self.byteStart = byteStart
        self.byteEnd = byteEnd
        self.surface = surface
        self.conceptID = conceptID
        self.type = type
        self.kind = kind
        self.canonical = canonical
        self.method = method
        self.score = score
        self.matchedTerm = matchedTerm
        self.alternatives = alternatives
    }
}

/// A capitalized span of text that no concept matched: what a glossary of the document lacks.
public struct UnlinkedSpan: Sendable, Hashable {
    /// Scalar offsets, end exclusive.
    public var start: Int
    public var end: Int
    /// UTF-8 byte offsets, end exclusive.
    public var byteStart: Int
    public var byteEnd: Int
    /// The text as written.
    public var surface: String
    /// The closest concepts, best first: empty from ``LinkSession`` (running text asks no fuzzy look-ups);
    /// ``DocumentGlossary`` fills them from ``EntityLinker/candidates(for:options:limit:)``.
    public var candidates: [Candidate]

    /// A candidate concept for an unlinked span.
    public struct Candidate: Sendable, Hashable {
        /// The concept id.
        public var conceptID: String
        /// Its canonical form in the target language.
        public var canonical: String?
        /// The cascade's score (below the linking threshold).
        public var score: Double

        /// Creates a value from its parts.
        public init(conceptID: String, canonical: String?, score: Double) {
            self.conceptID = conceptID
            self.canonical = canonical
            self.score = score
        }
    }
}

extension Mention {
    /// Appends the mention as one line of `onoma link --format jsonl` to `bytes`: the keys `file` (when given),
    /// `start`, `end`, `byteStart`, `byteEnd`, `surface`, `entity`, `type`, `kind`, `canonical`, `method`, `score`
    /// and `alternatives`, then a line feed.
    ///
    /// Written byte by byte with no intermediate `String`, so the encoding costs little next to the linking; the CLI
    /// and the linking benchmark share it.
    public func appendJSONLine(to bytes: inout [UInt8], file: String? = nil) {
        bytes.append(0x7B)  // {
        if let file { Self.field("file", file, into: &bytes) }
        Self.field("start", start, into: &bytes)
        Self.field("end", end, into: &bytes)
        Self.field("byteStart", byteStart, into: &bytes)
        Self.field("byteEnd", byteEnd, into: &bytes)
        Self.field("surface", surface, into: &bytes)
        Self.field("entity", conceptID, into: &bytes)
        Self.field("type", type.rawValue, into: &bytes)
        Self.field("kind", kind.rawValue, into: &bytes)
        Self.field("canonical", canonical, into: &bytes)
        Self.field("method", method.rawValue, into: &bytes)
        bytes.append(contentsOf: #""score":"#.utf8)
        bytes.append(contentsOf: Self.formatted(score: score).utf8)
        bytes.append(contentsOf: #","alternatives":["#.utf8)
        for (i, id) in alternatives.enumerated() {
            if i > 0 { bytes.append(0x2C) }
            JSONText.appendString(id, to: &bytes)
        }
        bytes.append(contentsOf: "]}\n".utf8)
    }

    /// A score with three decimals (`0.970`), without Foundation's locale-aware formatting.
    public static func formatted(score value: Double) -> String {
        let thousandths = Int((min(max(value, 0), 1) * 1000).rounded())
        let fraction = String(thousandths % 1000)
        return "\(thousandths / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }

    /// `"name":"text",` (or `null`) appended to a JSON line.
    private static func field(_ name: String, _ text: String?, into bytes: inout [UInt8]) {
        bytes.append(0x22)
        bytes.append(contentsOf: name.utf8)
        bytes.append(contentsOf: #"":"#.utf8)
        if let text { JSONText.appendString(text, to: &bytes) } else { bytes.append(contentsOf: "null".utf8) }
        bytes.append(0x2C)
    }

    /// `"name":123,` appended to a JSON line.
    private static func field(_ name: String, _ number: Int, into bytes: inout [UInt8]) {
        bytes.append(0x22)
        bytes.append(contentsOf: name.utf8)
        bytes.append(contentsOf: #"":"#.utf8)
        bytes.append(contentsOf: String(number).utf8)
        bytes.append(0x2C)
    }
}
