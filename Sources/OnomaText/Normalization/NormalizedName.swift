/// One name after normalization: the four derived forms the store indexes and the matcher compares.
///
/// The forms are stable across releases for a given ``NameNormalizer/keyFormatVersion``; the store records that
/// version and re-indexes when it changes.
public struct NormalizedName: Hashable, Sendable, Codable {
    /// The raw name as given.
    public var input: String
    /// NFC, trimmed, whitespace collapsed, typographic apostrophes, quotes and dashes unified, invisible format
    /// characters removed. Meant for display and exact comparison.
    public var normalized: String
    /// The comparison key: case-folded, diacritics removed, special letters folded (ß→ss, œ→oe, ə→a), punctuation
    /// turned into single spaces, French elided articles dropped when the language is French.
    public var key: String
    /// The dominant script's Unicode name (`Latin`, `Cyrillic`, `Armenian` …), `Common` when the name has no letter.
    public var script: String
    /// A Latin-script rendering: the normalized form itself for Latin names, otherwise ICU's transliteration chosen
    /// by language (BGN/PCGN where ICU has it) or by script. The words of other scripts in a mostly Latin name go
    /// through ICU's `Any-Latin`, as do letters the chosen transliterator leaves; only letters of scripts ICU cannot
    /// transliterate (Cherokee, Adlam …) stay as they are.
    public var latin: String

    /// Creates a value from its parts.
    public init(input: String, normalized: String, key: String, script: String, latin: String) {
        self.input = input
        self.normalized = normalized
        self.key = key
        self.script = script
        self.latin = latin
    }
}

/// Why a name could not be normalized. Carries a message a user can act on.
public struct NameError: Error, Hashable, Sendable, CustomStringConvertible {
    private enum Storage: Hashable, Sendable {
        case empty
        case tooLong(length: Int, limit: Int)
        case nul(offset: Int)
        case icu(String)
    }

    private let storage: Storage

    /// The name is empty once blanks and invisible characters are removed.
    public static let empty = NameError(storage: .empty)

    /// The name has more than `limit` UTF-8 bytes.
    public static func tooLong(length: Int, limit: Int) -> NameError {
        NameError(storage: .tooLong(length: length, limit: limit))
    }

    /// The name holds a NUL character at a scalar offset.
    public static func nul(offset: Int) -> NameError { NameError(storage: .nul(offset: offset)) }

    /// ICU failed on the name.
    public static func icu(_ error: ICUError) -> NameError { NameError(storage: .icu(error.description)) }

    public var description: String {
        switch storage {
        case .empty: return "empty name"
        case let .tooLong(length, limit): return "name too long (\(length) bytes; the limit is \(limit))"
        case let .nul(offset): return "NUL character at offset \(offset)"
        case let .icu(message): return "ICU error: \(message)"
        }
    }
}
