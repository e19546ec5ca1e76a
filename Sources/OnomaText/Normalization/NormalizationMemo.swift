/// A per-worker memo of word-level results that makes repeated words cost one dictionary look-up.
///
/// Names share words far more than they repeat whole (*Nikol Pashinyan*, *Pashinyan government*), and the costly
/// steps, the comparison key and above all transliteration, work word by word: a name's key is its words' keys
/// joined by spaces, and its Latin form is its words' transliterations. So the normalizer computes each distinct
/// word once per memo.
///
/// Not `Sendable`: give each worker thread or task its own memo. It empties itself past `limit` entries, so memory
/// stays bounded.
public final class NormalizationMemo {
    /// Entries kept per table before it is emptied.
    public let limit: Int
    var keys: [ByteKey: String] = [:]
    var latin: [ByteKey: String] = [:]

    /// A memo holding at most `limit` words per table.
    public init(limit: Int = 200_000) {
        self.limit = limit
    }

    @inline(__always)
    func key(_ word: Substring, language: LanguageHint, compute: (String) throws(ICUError) -> String)
        throws(ICUError) -> String
    {
        // Keys depend on the language (French elision, Turkic casing), so the language is part of the memo key.
        var bytes = Array((language.tag ?? "").utf8)
        bytes.append(0)
        bytes.append(contentsOf: word.utf8)
        let id = ByteKey(bytes)
        if let hit = keys[id] { return hit }
        if keys.count >= limit { keys.removeAll(keepingCapacity: true) }
        let value = try compute(String(word))
        keys[id] = value
        return value
    }

    @inline(__always)
    func latin(_ word: Substring, transliterator: String, compute: (String) throws(ICUError) -> String)
        throws(ICUError) -> String
    {
        var bytes = Array(transliterator.utf8)
        bytes.append(0)
        bytes.append(contentsOf: word.utf8)
        let id = ByteKey(bytes)
        if let hit = latin[id] { return hit }
        if latin.count >= limit { latin.removeAll(keepingCapacity: true) }
        let value = try compute(String(word))
        latin[id] = value
        return value
    }
}
