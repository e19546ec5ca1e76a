public import OnomaText

/// What the batch job links a name to, when a store is given (the matching columns of the output).
public struct LinkedEntity: Hashable, Sendable {
    /// The concept id.
    public var entity: String
    /// The concept's canonical form in the target language.
    public var canonical: String
    /// How it matched (`exact`, `key`, `transliteration`, `transcription`, `fuzzy`).
    public var method: String
    /// The calibrated score in [0, 1].
    public var score: Double

    /// Creates a value from its parts.
    public init(entity: String, canonical: String, method: String, score: Double) {
        self.entity = entity
        self.canonical = canonical
        self.method = method
        self.score = score
    }
}

/// Links normalized names to entities for the batch job. Implemented by the matching layer.
public protocol NameLinker: Sendable {
    /// The best entity for `name`, or nil for no match.
    func link(_ name: NormalizedName, language: LanguageHint) -> LinkedEntity?
}

/// One output row of the batch job: exactly one per input row, in input order.
public struct BatchRow: Sendable {
    /// The input name (or, for a row that could not be read, the raw line shown with replacement characters).
    public var input: String
    /// The normalized forms, or nil for an error row.
    public var name: NormalizedName?
    /// The linked entity, when matching is on and the name matched.
    public var entity: LinkedEntity?
    /// Why the row has no result.
    public var error: String?
    /// The input file's name and the row's 1-based line, for messages.
    public var file: String
    public var line: Int
    /// The row's output line, already encoded by the job when it was given an output format.
    public var encoded: ArraySlice<UInt8>?

    /// Creates a row.
    public init(input: String, name: NormalizedName?, entity: LinkedEntity?, error: String?, file: String, line: Int,
                encoded: ArraySlice<UInt8>? = nil) {
        self.input = input
        self.name = name
        self.entity = entity
        self.error = error
        self.file = file
        self.line = line
        self.encoded = encoded
    }
}
