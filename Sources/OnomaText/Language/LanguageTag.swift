/// A validated, canonical BCP 47 language tag (`fr`, `fr-FR`, `hy-Latn`, `az-Cyrl`).
import Foundation
///
/// ```swift
/// try LanguageTag("fr_FR").description   // "fr-FR"
/// try LanguageTag("fra").description     // "fr"
/// ```
public struct LanguageTag: Hashable, Sendable, Codable, CustomStringConvertible, Comparable {
    /// The canonical tag.
    public let description: String

    /// Canonicalizes `text` with ICU (`FR-fr`, `fr_FR` → `fr-FR`; `fre`, `fra` → `fr`).
    ///
    /// - Throws: ``LanguageTagError`` when the text is not a well-formed tag or its language is unknown to ICU.
    public init(_ text: String) throws(LanguageTagError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
        else { throw LanguageTagError(text: text) }
        var parts = trimmed.split(whereSeparator: { $0 == "-" || $0 == "_" }).map(String.init)
        if let code = parts.first.map({ $0.lowercased() }), let terminology = Self.bibliographicCodes[code] {
            parts[0] = terminology
        }
        guard let canonical = try? ICU.Locale.canonicalTag(parts.joined(separator: "-")), ICU.Locale.isKnownLanguage(canonical) else {
            throw LanguageTagError(text: text)
        }
        self.description = canonical
    }

    /// ISO 639-2 bibliographic codes that differ from the terminology codes ICU knows (`fre` is `fra`, so `fr`).
    static let bibliographicCodes: [String: String] = [
        "alb": "sq", "arm": "hy", "baq": "eu", "bur": "my", "chi": "zh", "cze": "cs", "dut": "nl", "fre": "fr",
        "geo": "ka", "ger": "de", "gre": "el", "ice": "is", "mac": "mk", "mao": "mi", "may": "ms", "per": "fa",
        "rum": "ro", "slo": "sk", "tib": "bo", "wel": "cy",
    ]

    /// Wraps a tag known to be canonical (from the store).
    public init(canonical: String) { self.description = canonical }

    /// The primary language subtag (`fr` for `fr-CA`).
    public var language: String {
        // Found in the bytes: a walk over `Character`s was a visible part of building the term automaton and of
        // each cascade query.
        guard let dash = description.utf8.firstIndex(of: UInt8(ascii: "-")) else { return description }
        return String(description[..<dash])
    }

    /// The script subtag, if present (`Latn` for `hy-Latn`).
    public var script: String? {
        description.split(separator: "-").dropFirst().first { $0.count == 4 && $0.first!.isLetter }.map(String.init)
    }

    /// Whether a term tagged `self` answers a query for `query`: `fr` matches `fr`, `fr-FR`, `fr-CA`;
    /// `fr-FR` matches only `fr-FR` (and its extensions).
    public func matches(_ query: LanguageTag) -> Bool {
        description == query.description || description.hasPrefix(query.description + "-")
    }

    /// The hint the normalizer uses.
    public var hint: LanguageHint { LanguageHint(description) }

    public static func < (lhs: LanguageTag, rhs: LanguageTag) -> Bool { lhs.description < rhs.description }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { try self.init(text) } catch { throw error }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// A language tag that is not well-formed BCP 47 or names a language ICU does not know.
public struct LanguageTagError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The rejected text.
    public var text: String
    public var description: String {
        "unknown or malformed language tag \"\(text)\" (expected BCP 47, e.g. en, fr-FR, hy-Latn, az-Cyrl)"
    }
}
