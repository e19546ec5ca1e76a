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

    /// The comparison key of `word`, computed once per language: keys depend on it (French elision, Turkic casing).
    @inline(__always)
    func key(_ word: Substring, language: LanguageHint, compute: (String) throws(ICUError) -> String)
        throws(ICUError) -> String
    {
        try Self.memoized(word, under: language.tag ?? "", in: &keys, limit: limit, compute)
    }

    /// The transliteration of `word` by `transliterator`, computed once per transliterator.
    @inline(__always)
    func latin(_ word: Substring, transliterator: String, compute: (String) throws(ICUError) -> String)
        throws(ICUError) -> String
    {
        try Self.memoized(word, under: transliterator, in: &latin, limit: limit, compute)
    }

    /// Looks `word` up in `table` under `scope`, computing and storing it on a miss; empties a full table.
    @inline(__always)
    private static func memoized(_ word: Substring, under scope: String, in table: inout [ByteKey: String],
                                 limit: Int, _ compute: (String) throws(ICUError) -> String) throws(ICUError) -> String {
        var bytes = Array(scope.utf8)
        bytes.append(0)
        bytes.append(contentsOf: word.utf8)
        let id = ByteKey(bytes)
        if let hit = table[id] { return hit }
        if table.count >= limit { table.removeAll(keepingCapacity: true) }
        let value = try compute(String(word))
        table[id] = value
        return value
    }
}
