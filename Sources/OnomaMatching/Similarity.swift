/// String similarity on transcription keys.
enum Similarity {
    /// Levenshtein distance of two byte strings, with an early exit once it exceeds `limit`.
    ///
    /// The dynamic-programming reference: ``BitParallelPattern`` gives the same distances faster for patterns of up
    /// to 64 bytes, and falls back to this for longer ones.
    static func levenshtein(_ a: [UInt8], _ b: [UInt8], limit: Int = .max) -> Int {
        a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in levenshtein(x, y, limit: limit) } }
    }

    /// ``levenshtein(_:_:limit:)`` on buffers.
    static func levenshtein(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>,
                            limit: Int = .max) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        if abs(a.count - b.count) > limit { return limit + 1 }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMin = current[0]
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                rowMin = min(rowMin, current[j])
            }
            if rowMin > limit { return limit + 1 }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// `1 − lev(a, b) / max(|a|, |b|)` of byte strings, or 0 as soon as it is known to be below `atLeast` (the
    /// length difference alone, or a DP row, already exceeds the edit budget).
    static func levenshteinSimilarity(_ a: [UInt8], _ b: [UInt8], atLeast minimum: Double) -> Double {
        let longest = max(a.count, b.count)
        if longest == 0 { return 1 }
        let budget = editBudget(longest: longest, atLeast: minimum)
        if abs(a.count - b.count) > budget { return 0 }
        let distance = levenshtein(a, b, limit: budget)
        return distance > budget ? 0 : 1 - Double(distance) / Double(longest)
    }

    /// The most edits two strings whose longer one has `longest` bytes may differ by and keep a similarity of
    /// `minimum`: what ``levenshteinSimilarity(_:_:atLeast:)`` tests.
    @inline(__always)
    static func editBudget(longest: Int, atLeast minimum: Double) -> Int {
        Int((1 - minimum) * Double(longest) + 1e-9)
    }

    /// Edit distance in half edits, where the edits transcription conventions and language adaptation make most
    /// often cost one half: a vowel for another vowel, a vowel or *h* added or dropped, an *r* that ends a syllable
    /// added or dropped, a consonant for one of its kin (b p f v, d t, g k, m n, v u, k h, i j: voicing, *w*/*u* and
    /// *y*/*j* glides, *kh*/*h*), a *j* for a *g* before *e* or *i* (English's soft *g*). Every other edit costs a
    /// whole one (2), and any edit of the first letter costs double (names differ least at their start).
    ///
    /// Keys are compared without their spaces; the result is the number of half edits, so `weighted / 2` is in edits.
    static func weightedDistance(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        if a.isEmpty || b.isEmpty {
            let rest = a.isEmpty ? b : a
            return rest.indices.reduce(0) { sum, index in sum + indelCost(rest, index) * (index == 0 ? 2 : 1) }
        }
        var previous = [Int](repeating: 0, count: b.count + 1)
        var current = [Int](repeating: 0, count: b.count + 1)
        let insertions = (0..<b.count).map { j in indelCost(b, j) * (j == 0 ? 2 : 1) }
        for j in 1...b.count { previous[j] = previous[j - 1] + insertions[j - 1] }
        for i in 1...a.count {
            let deletion = indelCost(a, i - 1) * (i == 1 ? 2 : 1)
            current[0] = previous[0] + deletion
            for j in 1...b.count {
                let substitution = substitutionCost(a, i - 1, b, j - 1) * (i == 1 && j == 1 ? 2 : 1)
                current[j] = min(previous[j] + deletion, current[j - 1] + insertions[j - 1],
                                 previous[j - 1] + substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// Edit distance with learned costs (``EditCosts``), in hundredths of an edit: what each edit costs depends on
    /// its letters and on where it is (first letter, inside, last two letters), as learned from pairs of spellings
    /// of the same place against pairs of different places (`Benchmarks/matching/learn_costs.py`). A substitution's
    /// position is taken on the longer key, an added or dropped letter's on its own key.
    static func learnedDistance(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>,
                                costs: EditCosts) -> Int {
        let n = a.count, m = b.count, longest = max(n, m)
        var previous = [Int](repeating: 0, count: m + 1)
        var current = [Int](repeating: 0, count: m + 1)
        var insertions = [Int](repeating: 0, count: m + 1)
        for j in stride(from: 1, through: m, by: 1) {
            insertions[j] = costs.indel(b[j - 1], at: .of(j - 1, in: m))
            previous[j] = previous[j - 1] + insertions[j]
        }
        for i in stride(from: 1, through: n, by: 1) {
            let deletion = costs.indel(a[i - 1], at: .of(i - 1, in: n))
            current[0] = previous[0] + deletion
            for j in stride(from: 1, through: m, by: 1) {
                let substitution = costs.substitution(a[i - 1], b[j - 1], at: .of(max(i, j) - 1, in: longest))
                current[j] = min(previous[j] + deletion, current[j - 1] + insertions[j],
                                 previous[j - 1] + substitution)
            }
            swap(&previous, &current)
        }
        return previous[m]
    }

    /// Whether a key byte is a vowel letter (a e i o u).
    @inline(__always)
    static func isVowel(_ byte: UInt8) -> Bool {
        byte == 0x61 || byte == 0x65 || byte == 0x69 || byte == 0x6F || byte == 0x75
    }

    /// Whether `long` is `short` with vowels added at its end and nothing else (*tunisi* and *tunis*, *algeri* and
    /// *alger*): how a country named after its capital differs from it in a key, as often as two spellings of one
    /// place differ, so no evidence that they are one.
    static func addsOnlyVowels(_ long: some Collection<UInt8>, to short: some Collection<UInt8>) -> Bool {
        long.count >= short.count && long.starts(with: short) && long.dropFirst(short.count).allSatisfy(isVowel)
    }

    /// Whether `long` is `short` with a first *h* before a vowel added (*haiti*, *aiti*): the languages without the
    /// sound do not write it (Bambara *Ayiti*, Greek *Αϊτή*, Haiti).
    ///
    /// Not a syllable's last *r*, which non-rhotic English does not say either (``weightedDistance(_:_:)`` charges
    /// it half an edit in longer keys): in keys of four or five letters it found Qatar's *Kata*, but joined Gambia and
    /// Gambier, Dhaka and Dakar; on the CLDR set's development slice, 60 names more found, 55 lost to a look-alike
    /// and 236 more false matches.
    static func addsFirstH(_ long: UnsafeBufferPointer<UInt8>, to short: UnsafeBufferPointer<UInt8>) -> Bool {
        long.count == short.count + 1 && long.count > 1 && long[0] == 0x68 && isVowel(long[1])
            && long[1...].elementsEqual(short)
    }

    /// Per byte, a bit set of the kin classes of ``weightedDistance(_:_:)`` (bit 0: vowels).
    private static let kin: [UInt16] = {
        var table = [UInt16](repeating: 0, count: 256)
        for (bit, letters) in ["aeiou", "bpfv", "dt", "gk", "mn", "vu", "kh", "ij"].enumerated() {
            for byte in letters.utf8 { table[Int(byte)] |= 1 << UInt16(bit) }
        }
        return table
    }()

    @inline(__always)
    private static func indelCost(_ byte: UInt8) -> Int { isVowel(byte) || byte == 0x68 ? 1 : 2 }

    /// ``indelCost(_:)`` of a key's letter at `index`, where an *r* that ends a syllable (after a vowel, before a
    /// consonant or at the key's end) costs half: non-rhotic English drops it, and the languages that take English
    /// names by ear or cannot end a syllable in *r* write none (Lao ແອນຕາດຕິກາ, Antarctica; Swahili *Denmaki*,
    /// Denmark; Chinese 霍巴特 *hobat*, Hobart).
    @inline(__always)
    private static func indelCost(_ key: UnsafeBufferPointer<UInt8>, _ index: Int) -> Int {
        let byte = key[index]
        if byte == 0x72, index > 0, isVowel(key[index - 1]), index + 1 == key.count || !isVowel(key[index + 1]) {
            return 1
        }
        return indelCost(byte)
    }

    /// The cost of `a[i]` for `b[j]`: none for the same letter, half for kin letters, and half for a *g* before *e*
    /// or *i* and a *j*: English's soft *g*, said [dʒ], which the languages that write names by their sound write
    /// with their letter for that sound, *j* in a key (*Algeria*: Yoruba *Aljeria*, Hindi अल्जीरिया *aljīriyā*;
    /// *Argentina*: Swahili *Ajentina*). Not a *g* before another letter (*Gordon*, *Jordan*), which English says hard.
    @inline(__always)
    private static func substitutionCost(_ a: UnsafeBufferPointer<UInt8>, _ i: Int,
                                         _ b: UnsafeBufferPointer<UInt8>, _ j: Int) -> Int {
        let x = a[i], y = b[j]
        if x == y { return 0 }
        if kin[Int(x)] & kin[Int(y)] != 0 { return 1 }
        if x == 0x67, y == 0x6A { return precedesEOrI(a, i) ? 1 : 2 }
        if x == 0x6A, y == 0x67 { return precedesEOrI(b, j) ? 1 : 2 }
        return 2
    }

    /// Whether the letter at `index` of a key is followed by *e* or *i*: where a *g* is English's soft *g*
    /// (``weightedDistance(_:_:)``), and where a *j* may stand for one (the fuzzy step's soft-*g* skeleton).
    @inline(__always)
    static func precedesEOrI<Key: RandomAccessCollection<UInt8>>(_ key: Key, _ index: Int) -> Bool
    where Key.Index == Int {
        index + 1 < key.endIndex && (key[index + 1] == 0x65 || key[index + 1] == 0x69)
    }

    /// Edit distance, in eighths of an edit, of an abjad reading to a key
    /// (``EntityMatcher/abjadMatches(latin:script:original:language:)``).
    ///
    /// A name written in Arabic or Hebrew letters has its consonants and some of its vowels, never its short ones. So
    /// a vowel of `key` the reading lacks costs a quarter edit; an *h* of `key` it lacks, or a vowel or *h* of its own
    /// that `key` lacks, half an edit; a vowel read for another vowel half an edit, but its *a* for an *o* a quarter
    /// (the short *o* of English, heard as an open *a*, is written with alef, आ or ா: Urdu *مالدووا*, Moldova; Tamil
    /// *எட்மான்டான்*, Edmonton; on the CLDR set, 24 more names in 23 languages, no more false matches); any other
    /// edit a whole one (8).
    ///
    /// - Parameters:
    ///   - uForO: what the reading's *u* for a key's *o* costs. One letter stands for both in Arabic and Hebrew (waw,
    ///     vav) and in Khmer as it writes foreign names, so an eighth there: at a quarter, a name with three *o*
    ///     (Toronto, *تورنتو*, *turntu*) fell under ``EntityMatcher/abjadSimilarity``. Indic scripts write *o* with
    ///     its own letter: a quarter.
    ///   - iForA: what the reading's *i* for a key's *a* costs: half an edit, a quarter in the languages that write
    ///     an English *a* with ya (``EntityMatcher/yaForA``).
    ///   - finalVowels: whether the script writes a name's last vowel after a consonant (an abjad: alef, waw, ya, a
    ///     final ha), so that one the reading lacks costs half an edit (Persian *نوم*, *num*, Nome, is not Noumea's
    ///     *numi*). Not the Indic scripts, whose consonant letter's unwritten vowel, which the reading drops, may be a
    ///     foreign name's last (Sinhala *කොළඹ*, *koḷaba*, Colombo).
    static func abjadDistance(_ reading: UnsafeBufferPointer<UInt8>, _ key: UnsafeBufferPointer<UInt8>,
                              uForO: Int = 2, iForA: Int = 4, finalVowels: Bool = false) -> Int {
        @inline(__always) func missing(_ byte: UInt8) -> Int { isVowel(byte) ? 2 : byte == 0x68 ? 4 : 8 }
        @inline(__always) func extra(_ byte: UInt8) -> Int { isVowel(byte) || byte == 0x68 ? 4 : 8 }
        var previous = [Int](repeating: 0, count: key.count + 1)
        var current = previous
        // Not the second vowel of a diphthong, which the writer may leave out (*Norway*, *norwei*).
        let last = key.count - 1
        let finalVowel = finalVowels && last >= 0 && isVowel(key[last]) && (last == 0 || !isVowel(key[last - 1]))
        @inline(__always) func missing(_ byte: UInt8, at j: Int) -> Int {
            j == last && finalVowel ? 4 : missing(byte)
        }
        for j in key.indices { previous[j + 1] = previous[j] + missing(key[j], at: j) }
        for a in reading {
            current[0] = previous[0] + extra(a)
            for j in key.indices {
                let b = key[j]
                let substitution = a == b ? 0 : b == 0x6F && a == 0x75 ? uForO : b == 0x6F && a == 0x61 ? 2
                    : b == 0x61 && a == 0x69 ? iForA
                    : isVowel(a) && isVowel(b) ? 4 : 8
                current[j + 1] = min(previous[j + 1] + extra(a), current[j] + missing(b, at: j),
                                     previous[j] + substitution)
            }
            swap(&previous, &current)
        }
        return previous[key.count]
    }

    /// The edit distance of two byte strings in which two neighbours swapped count as one edit, as a typing error
    /// makes them (optimal string alignment: no substring is edited twice).
    static func transpositionDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var before = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], before[j - 2] + 1)
                }
            }
            (before, previous, current) = (previous, current, before)
        }
        return previous[b.count]
    }

    /// `1 − lev(a, b) / max(|a|, |b|)`, spaces ignored.
    static func levenshteinSimilarity(_ a: String, _ b: String) -> Double {
        let x = Array(a.utf8.filter { $0 != 0x20 })
        let y = Array(b.utf8.filter { $0 != 0x20 })
        let longest = max(x.count, y.count)
        if longest == 0 { return 1 }
        return 1 - Double(levenshtein(x, y)) / Double(longest)
    }
}

/// A byte string prepared for many Levenshtein distances against it: Myers' bit-parallel algorithm (Hyyrö's
/// formulation for the edit distance of whole strings), one 64-bit word per text byte, when the pattern has at most
/// 64 bytes; the DP of ``Similarity/levenshtein(_:_:limit:)`` otherwise. Same distances as the DP, every time.
///
/// Reference: H. Hyyrö, "Explaining and extending the bit-parallel approximate string matching algorithm of Myers"
/// (2001), and G. Myers, "A fast bit-vector algorithm for approximate string matching based on dynamic programming"
/// (J. ACM 46(3), 1999).
struct BitParallelPattern {
    /// The pattern.
    let bytes: [UInt8]
    /// Per byte value, the positions where the pattern holds it (bit i = byte i); empty when the pattern is longer
    /// than 64 bytes.
    private let positions: [UInt64]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var positions: [UInt64] = []
        if !bytes.isEmpty, bytes.count <= 64 {
            positions = [UInt64](repeating: 0, count: 256)
            for (i, byte) in bytes.enumerated() { positions[Int(byte)] |= 1 << UInt64(i) }
        }
        self.positions = positions
    }

    /// The Levenshtein distance to `text`; for a pattern over 64 bytes, `limit + 1` once the DP knows it exceeds
    /// `limit`, as ``Similarity/levenshtein(_:_:limit:)``.
    func distance(to text: UnsafeBufferPointer<UInt8>, limit: Int = .max) -> Int {
        let m = bytes.count
        if m == 0 { return text.count }
        if text.isEmpty { return m }
        guard !positions.isEmpty else {
            return bytes.withUnsafeBufferPointer { Similarity.levenshtein($0, text, limit: limit) }
        }
        return positions.withUnsafeBufferPointer { peq in
            let last: UInt64 = 1 << UInt64(m - 1)
            var vp: UInt64 = m == 64 ? ~0 : (1 << UInt64(m)) - 1
            var vn: UInt64 = 0
            var score = m
            for byte in text {
                let eq = peq[Int(byte)]
                let xv = eq | vn
                let xh = (((eq & vp) &+ vp) ^ vp) | eq
                var hp = vn | ~(xh | vp)
                var hn = vp & xh
                if hp & last != 0 { score += 1 } else if hn & last != 0 { score -= 1 }
                // Row 0 of the DP counts the text's bytes: a horizontal +1 enters at the bottom.
                hp = (hp << 1) | 1
                hn <<= 1
                vp = hn | ~(xv | hp)
                vn = hp & xv
            }
            return score
        }
    }

    /// ``Similarity/levenshteinSimilarity(_:_:atLeast:)`` of the pattern and `text`: the same value.
    func similarity(to text: UnsafeBufferPointer<UInt8>, atLeast minimum: Double) -> Double {
        let longest = max(bytes.count, text.count)
        if longest == 0 { return 1 }
        let budget = Similarity.editBudget(longest: longest, atLeast: minimum)
        if abs(bytes.count - text.count) > budget { return 0 }
        let distance = distance(to: text, limit: budget)
        return distance > budget ? 0 : 1 - Double(distance) / Double(longest)
    }
}
