import Dispatch
import Foundation
public import OnomaText

/// The forms a term is indexed under: what the store writes next to each term and what a matcher must compute the
/// same way for the names it looks up.
///
/// ```swift
/// let keys = try TermKeys(text: "Пашинян", language: LanguageTag(canonical: "ru"))
/// keys.key        // "пашинян"
/// keys.latin      // "Pashinyan"
/// keys.latinKey   // "pashinyan": the key of the Latin form, so a Latin spelling finds the Cyrillic term
/// ```
public struct TermKeys: Hashable, Sendable {
    /// The display-safe normalized form (``OnomaText/NormalizedName/normalized``).
    public var normalized: String
    /// The comparison key (``OnomaText/NormalizedName/key``).
    public var key: String
    /// The dominant script's name (`Latin`, `Cyrillic`, `Armenian` …).
    public var script: String
    /// The Latin rendering (``OnomaText/NormalizedName/latin``); the normalized form itself for Latin terms.
    public var latin: String
    /// The comparison key of ``latin``, computed with the term's language: equal to ``key`` for Latin terms.
    public var latinKey: String

    /// Creates a value from its parts.
    public init(normalized: String, key: String, script: String, latin: String, latinKey: String) {
        self.normalized = normalized
        self.key = key
        self.script = script
        self.latin = latin
        self.latinKey = latinKey
    }

    /// Computes the forms of `text` in `language`.
    ///
    /// - Throws: ``OnomaText/NameError`` when the text is not a name (empty once cleaned, too long, holds a NUL).
    public init(text: String, language: LanguageTag, normalizer: NameNormalizer = NameNormalizer()) throws(NameError) {
        try self.init(text: text, language: language, normalizer: normalizer, memo: nil)
    }

    /// Computes the forms of `text` in `language`, reusing the word results of `memo` (one memo per thread).
    init(text: String, language: LanguageTag, normalizer: NameNormalizer, memo: NormalizationMemo?)
        throws(NameError)
    {
        let tag = language.description
        let name = try normalizer.normalize(text, language: tag, memo: memo)
        self.init(normalized: name.normalized, key: name.key, script: name.script, latin: name.latin,
                  latinKey: try Self.latinKey(of: name, language: tag, normalizer: normalizer, memo: memo))
    }

    /// The comparison key of a name's Latin form: what the store indexes as ``latinKey`` and what a matcher must
    /// compute the same way for the names it looks up.
    public static func latinKey(of name: NormalizedName, language: String?, normalizer: NameNormalizer,
                                memo: NormalizationMemo? = nil) throws(NameError) -> String {
        // For a Latin name the Latin form is the normalized form, whose key is already known.
        name.latin == name.normalized ? name.key : try normalizer.normalize(name.latin, language: language, memo: memo).key
    }
}

// MARK: - Batch computation

extension TermKeys {
    /// A text in a language: the unit the forms depend on.
    struct Input: Hashable, Sendable {
        var text: String
        var language: LanguageTag
    }

    /// Computes the forms of every distinct input on all cores; the result is in input order.
    ///
    /// - Parameter progress: called from worker threads with the number of inputs just done.
    static func compute(_ inputs: [Input], normalizer: NameNormalizer,
                        progress: (@Sendable (Int) -> Void)? = nil) -> [Result<TermKeys, NameError>] {
        // Few slices, so that each worker's memo of word results serves many names.
        let slices = inputs.count < 256 ? 1 : Parallel.workers * 2
        return Parallel.mapRanges(count: inputs.count, slices: slices) { _, range in
            let memo = NormalizationMemo()
            var results: [Result<TermKeys, NameError>] = []
            results.reserveCapacity(range.count)
            for i in range {
                let input = inputs[i]
                results.append(Result { () throws(NameError) -> TermKeys in
                    try TermKeys(text: input.text, language: input.language, normalizer: normalizer, memo: memo)
                })
                if let progress, (i - range.lowerBound) % 8192 == 8191 { progress(8192) }
            }
            if let progress { progress(range.count % 8192) }
            return results
        }
    }
}
