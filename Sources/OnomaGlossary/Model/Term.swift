public import OnomaText

/// One name of a concept in one language (TBX `termSec`).
public struct Term: Hashable, Sendable, Codable {
    /// The term as written.
    public var text: String
    /// Its language, canonical BCP 47 (`fr`, `hy-Latn`, `az-Cyrl`).
    public var language: LanguageTag
    /// Preferred, admitted or deprecated in its language.
    public var status: TermStatus
    /// Full name, short form, acronym, adjective or transliteration.
    public var kind: TermKind
    /// Where this form is attested, when it differs from the concept's sources.
    public var source: String?

    /// Creates a term.
    public init(text: String, language: LanguageTag, status: TermStatus = .preferred, kind: TermKind = .full,
                source: String? = nil) {
        self.text = text
        self.language = language
        self.status = status
        self.kind = kind
        self.source = source
    }

    /// TBX part of speech: entity names are nouns, adjectives and demonym adjectives are adjectives.
    public var partOfSpeech: String { kind == .adjective ? "adjective" : "noun" }
}

/// A term's standing in its language (TBX `administrativeStatus`).
public enum TermStatus: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
    /// The form to use.
    case preferred
    /// An acceptable alternative.
    case admitted
    /// A form to avoid; never canonical, exported marked as deprecated.
    case deprecated

    /// TBX's value (`preferredTerm-admn-sts`).
    public var tbxValue: String { rawValue + "Term-admn-sts" }

    /// Parses TBX values (`preferredTerm-admn-sts`, `admittedTerm`, `deprecatedTerm-admn-sts`, `supersededTerm`)
    /// and plain names.
    public init?(tbx value: String) {
        let v = value.lowercased()
        if v.hasPrefix("preferred") { self = .preferred }
        else if v.hasPrefix("admitted") { self = .admitted }
        else if v.hasPrefix("deprecated") || v.hasPrefix("superseded") || v.hasPrefix("notrecommended") {
            self = .deprecated
        } else { return nil }
    }

    private var rank: Int { self == .preferred ? 0 : self == .admitted ? 1 : 2 }
    public static func < (lhs: TermStatus, rhs: TermStatus) -> Bool { lhs.rank < rhs.rank }
}

/// What sort of name a term is.
public enum TermKind: String, Hashable, Sendable, Codable, CaseIterable {
    /// The full name (Nikol Pashinyan, Nagorno-Karabakh).
    case full
    /// A short form: surname alone, short name (Pashinyan).
    case short
    /// An acronym or abbreviation (NATO, OTAN).
    case acronym
    /// An adjective or demonym (Armenian, arménienne).
    case adjective
    /// A transliteration of a native form.
    case transliteration

    /// TBX `termType` value for the kind (`fullForm`, `shortForm`, `acronym`, …).
    public var tbxTermType: String {
        switch self {
        case .full: return "fullForm"
        case .short: return "shortForm"
        case .acronym: return "acronym"
        case .adjective: return "fullForm"
        case .transliteration: return "transliteratedForm"
        }
    }

    /// Parses a kind name or a TBX termType value.
    public init?(name: String) {
        switch name.lowercased() {
        case "full", "fullform", "": self = .full
        case "short", "shortform", "abbreviation", "abbreviatedform": self = .short
        case "acronym", "initialism": self = .acronym
        case "adjective", "adj", "demonym": self = .adjective
        case "transliteration", "transliteratedform", "transcribedform", "romanizedform": self = .transliteration
        default: return nil
        }
    }
}
