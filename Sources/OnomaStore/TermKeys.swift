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
        // For a Latin term the Latin form is the normalized form, whose key is already known.
        let latinKey = name.latin == name.normalized ? name.key
            : try normalizer.normalize(name.latin, language: tag, memo: memo).key
        self.init(normalized: name.normalized, key: name.key, script: name.script, latin: name.latin,
                  latinKey: latinKey)
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
        if inputs.isEmpty { return [] }
        let results = UnsafeMutableBufferPointer<Result<TermKeys, NameError>>.allocate(capacity: inputs.count)
        results.initialize(repeating: .failure(.empty))
        defer {
            results.deinitialize()
            results.deallocate()
        }
        let box = ResultBox(buffer: results)
        let workers = ProcessInfo.processInfo.activeProcessorCount
        // Few slices, so that each worker's memo of word results serves many names.
        let slices = inputs.count < 256 ? 1 : workers * 2
        let per = (inputs.count + slices - 1) / slices
        inputs.withUnsafeBufferPointer { inputs in
            let source = InputBox(buffer: inputs)
            DispatchQueue.concurrentPerform(iterations: slices) { slice in
                let lower = slice * per
                let upper = min(source.buffer.count, lower + per)
                guard lower < upper else { return }
                let memo = NormalizationMemo()
                for i in lower..<upper {
                    let input = source.buffer[i]
                    box.buffer[i] = Result { () throws(NameError) -> TermKeys in
                        try TermKeys(text: input.text, language: input.language, normalizer: normalizer, memo: memo)
                    }
                    if let progress, (i - lower) % 8192 == 8191 { progress(8192) }
                }
                if let progress { progress((upper - lower) % 8192) }
            }
        }
        return Array(results)
    }

    /// Hands the result buffer to the workers.
    ///
    /// `Sendable` notes: each worker writes a disjoint index range, and the buffer outlives `concurrentPerform`.
    private struct ResultBox: @unchecked Sendable {
        let buffer: UnsafeMutableBufferPointer<Result<TermKeys, NameError>>
    }

    /// Hands the inputs to the workers.
    ///
    /// `Sendable` notes: the buffer is only read, and it outlives `concurrentPerform`.
    private struct InputBox: @unchecked Sendable {
        let buffer: UnsafeBufferPointer<Input>
    }
}
