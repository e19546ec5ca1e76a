import Foundation
import OnomaText
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The generic words of place and title names (`Rules/generic-words.txt`): words that languages translate rather
/// than transcribe (*Îles*, *Islands*, *Adaları*; *Saint*, *San*, *Svatý*; *North*, *Kuzey*, *Severní*), mapped to
/// language-neutral tokens, and the small words languages add or leave out inside names (*de*, *of*, *et*).
///
/// A name that holds such words gets one more transcription key (``TranscriptionRules/keys(prepared:convention:)``):
/// its other words, in their order, then its tokens as one upper-case letter each, sorted. "Îles Salomon" and
/// "Solomon Islands" both give `… I`, and compare on *Salomon* / *Solomon*; "Severní Korea" (`kori N`) never meets
/// "South Korea" (`kori Z`), since the fuzzy step compares only keys with the same tokens.
///
/// ```swift
/// let generic = try GenericWords(text: "@island I\nfr: île îles\n")
/// generic.split("îles salomon")?.base     // "salomon"
/// generic.split("îles salomon")?.tokens   // "I"
/// ```
///
/// `Sendable` notes: immutable after `init`, but for the memo of words already split (``WordMemo``), which keeps one
/// table per thread.
public struct GenericWords: Sendable {
    /// What ``split(_:)`` found in a name.
    public struct Split: Sendable, Equatable {
        /// The name's other words, in their order, separated by single spaces.
        public var base: String
        /// The tokens of its generic words, one letter each, sorted (empty when it only had small words).
        public var tokens: String
        /// What each generic or small word became, in the name's order (`îles→island`, `de→∅`).
        public var fired: [String]
    }

    /// Folded word → its token letter, or nil for a small word dropped without a token.
    private let words: [String: Character?]
    /// Word beginnings and endings ("nord-", "-inseln") with their token letters.
    private let prefixes: [(text: String, token: Character?)]
    private let suffixes: [(text: String, token: Character?)]
    /// Folded elided words (French and Italian *d'*, *l'*, *dell'*), dropped only from a name with a generic word:
    /// their apostrophe is gone from a prepared name, where the same letter alone may be an initial (*Irina D.
    /// Bayramova*, *Massimo D'Alema*), and beside a generic word it is the place name's preposition or article
    /// (*province d'Ararat*, *lac d'Annecy*).
    private let elided: Set<String>
    /// The longest elided word's UTF-8 length: a longer word is none (and is not folded to check).
    private let longestElided: Int
    /// Token letter → token name (`I` → `island`).
    public let tokenNames: [Character: String]
    /// The letters of the tokens marked `optional`: words that say what kind of place a name is (*island*, *city*),
    /// which languages add to a name or leave out, unlike those that tell two places apart (*north*, *new*) or a state
    /// from its land (*republic*, *province*).
    public let optionalTokens: Set<Character>
    /// ``optionalTokens`` as ASCII bytes, in alphabetical order.
    let optionalTokenLetters: [UInt8]
    /// The ASCII entries of the table for ``mayFire(inLatin:)``: the words, and the beginnings and endings as bytes.
    private let asciiWords: Set<String>
    private let asciiPrefixes: [[UInt8]]
    private let asciiSuffixes: [[UInt8]]

    /// What ``splitWord(_:)`` gave for the non-ASCII words seen so far: a batch meets the same words in many names
    /// (most two-part names of a batch are made of words it has already seen), and such a word's fold, look-ups and
    /// affix tests cost microseconds.
    private let memo = WordMemo()

    /// What one word of a name contributes to its ``Split``.
    struct WordSplit: Sendable {
        /// The word's part kept in the split's base: the word itself, what remains without its generic prefix or
        /// suffix, or nil for a generic or small word.
        var base: String?
        /// Its token letter, if any.
        var token: Character?
        /// What fired (`îles→island`, `nord-→north`), or nil for an ordinary word.
        var fired: String?
    }

    /// Words already split, one table per thread (a POSIX thread-specific value): the batch job's threads never
    /// wait for one another nor write to the same memory (a memo behind locks, tried first, cost as much in locking
    /// as it saved). The batch job starts new worker threads for every chunk, so a thread that ends gives its table
    /// back to ``spare`` and a new thread takes one from there: the words stay known from chunk to chunk. A table
    /// that reaches ``limit`` words is emptied: memory stays bounded whatever the batch, and a word cleared is only
    /// split again.
    ///
    /// `Sendable`: the key is immutable; the spare tables are behind a lock; a table in use is only ever reached
    /// from the one thread that holds it.
    final class WordMemo: Sendable {
        /// Room for every distinct non-ASCII word of a million two-part names made of 78,000 glossary names
        /// (~71,000), at ~150 bytes each: a smaller table, emptied every time it filled, was mostly misses there.
        static let limit = 1 << 17
        /// The thread-specific key; nil when the system has no key left, and then nothing is memoized.
        private let key: pthread_key_t?
        /// Tables that ended threads gave back (as many as threads ever ran at once, at most).
        private let spare = Mutex<[WordTable]>([])

        init() {
            var key = pthread_key_t()
            // When a thread ends, its table goes back to its memo (if the memo still exists) and the thread's
            // reference is released.
            let status = pthread_key_create(&key) { table in
                guard let table else { return }
                let owned = Unmanaged<WordTable>.fromOpaque(table)
                let value = owned.takeUnretainedValue()
                value.memo?.spare.withLock { $0.append(value) }
                owned.release()
            }
            self.key = status == 0 ? key : nil
        }

        deinit {
            // Tables of threads still running are not released here (POSIX calls no destructor on deletion): only
            // a test's short-lived rule tables meet this, and their memos are small.
            if let key { pthread_key_delete(key) }
        }

        /// The split of `word`, from this thread's table or computed by `compute` and remembered.
        ///
        /// The table is keyed by the word's UTF-8 bytes: `String`'s hash and equality normalize text that is not
        /// ASCII, which cost as much as the split saved.
        func split(_ word: Substring, compute: (String) -> WordSplit) -> WordSplit {
            guard let key else { return compute(String(word)) }
            let table: WordTable
            if let stored = pthread_getspecific(key) {
                table = Unmanaged<WordTable>.fromOpaque(stored).takeUnretainedValue()
            } else {
                table = spare.withLock { $0.popLast() } ?? WordTable(memo: self)
                pthread_setspecific(key, Unmanaged.passRetained(table).toOpaque())
            }
            let bytes = ByteKey(utf8: word)
            if let known = table.words[bytes] { return known }
            let value = compute(String(word))
            if table.words.count >= Self.limit { table.words.removeAll(keepingCapacity: true) }
            table.words[bytes] = value
            return value
        }
    }

    /// Parses a table in the format of `Rules/generic-words.txt`.
    ///
    /// - Throws: ``RulesError`` naming the line when a line is malformed, a token letter is not A–Z or used twice,
    ///   a word belongs to two tokens, or an elided word is not a small word.
    public init(text: String) throws {
        var words: [String: Character?] = [:]
        var elided: Set<String> = []
        var prefixes: [(String, Character?)] = [], suffixes: [(String, Character?)] = []
        var tokenNames: [Character: String] = [:]
        var optionalTokens: Set<Character> = []
        var current: (name: String, letter: Character?)?
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = (rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
                .trimmingWhitespace
            if line.isEmpty { continue }
            func fail(_ message: String) -> RulesError {
                RulesError(message: "generic-words.txt line \(number + 1): \(message): \(line)")
            }
            if line.hasPrefix("@") {
                let parts = line.dropFirst().split(separator: " ", omittingEmptySubsequences: true)
                guard parts.count == 2 || parts.count == 3 && parts[2] == "optional" && parts[1] != "-" else {
                    throw fail("expected @TOKEN LETTER or @TOKEN LETTER optional")
                }
                if parts[1] == "-" {
                    current = (String(parts[0]), nil)
                    continue
                }
                guard parts[1].count == 1, let letter = parts[1].first, letter.isASCII, letter.isUppercase else {
                    throw fail("a token's letter is one of A-Z")
                }
                guard tokenNames[letter] == nil else { throw fail("letter \(letter) is used twice") }
                tokenNames[letter] = String(parts[0])
                if parts.count == 3 { optionalTokens.insert(letter) }
                current = (String(parts[0]), letter)
                continue
            }
            guard let current, let colon = line.firstIndex(of: ":") else { throw fail("expected lang: words") }
            for word in line[line.index(after: colon)...].split(separator: " ") {
                if word.count > 1, word.hasSuffix("'") {
                    guard current.letter == nil else { throw fail("\(word) is elided: a small word, under @drop") }
                    elided.insert(Self.fold(String(word.dropLast())))
                } else if word.hasPrefix("-") {
                    suffixes.append((Self.fold(String(word.dropFirst())), current.letter))
                } else if word.hasSuffix("-") {
                    prefixes.append((Self.fold(String(word.dropLast())), current.letter))
                } else {
                    let folded = Self.fold(String(word))
                    if let existing = words[folded], existing != current.letter {
                        throw fail("\(word) belongs to two tokens")
                    }
                    words[folded] = current.letter
                }
            }
        }
        self.words = words
        self.elided = elided
        self.longestElided = elided.map(\.utf8.count).max() ?? 0
        self.prefixes = prefixes
        self.suffixes = suffixes
        self.tokenNames = tokenNames
        self.optionalTokens = optionalTokens
        self.optionalTokenLetters = optionalTokens.compactMap(\.asciiValue).sorted()
        self.asciiWords = Set(words.keys.filter { $0.utf8.allSatisfy { $0 < 0x80 } })
        self.asciiPrefixes = prefixes.map(\.0).filter { $0.utf8.allSatisfy { $0 < 0x80 } }.map { Array($0.utf8) }
        self.asciiSuffixes = suffixes.map(\.0).filter { $0.utf8.allSatisfy { $0 < 0x80 } }.map { Array($0.utf8) }
    }

    /// The name's words without its generic and small words, and their tokens; nil when it has none of them, or
    /// nothing else.
    ///
    /// - Parameter prepared: a name as ``TranscriptionRules/prepare(_:)`` gives it (lower case, single spaces).
    public func split(_ prepared: String) -> Split? {
        // Most names hold no generic or small word: a Latin one is cleared on its bytes.
        if mayFire(inLatin: prepared) == false { return nil }
        return splitWords(prepared)
    }

    /// Whether a word of `prepared` may be a generic or small word, or begin or end with one, decided on the bytes of
    /// a name of ASCII letters, digits, spaces, and Latin letters and combining marks whose fold is ASCII (nil for
    /// other text).
    ///
    /// Such a name's words fold to ASCII letter by letter, and an ASCII word can equal or begin or end with a table
    /// entry only when that entry is ASCII too (a folded entry has no character canonically equivalent to an ASCII
    /// one): byte comparisons decide what ``splitWords(_:)`` decides by `String` comparisons. `GenericWordTests`
    /// checks both agree.
    func mayFire(inLatin prepared: String) -> Bool? {
        var prepared = prepared
        return prepared.withUTF8 { bytes -> Bool? in
            var word: [UInt8] = []
            word.reserveCapacity(32)
            var i = 0
            let n = bytes.count
            while i <= n {
                let byte: UInt8 = i < n ? bytes[i] : 0x20
                i += 1
                if byte >= 0x80 {
                    // A transliterated name's letters (ā, ş, ṭ, é) and marks: their folds, from a table; any other
                    // character takes the general path.
                    let scalar: Int
                    if byte & 0xE0 == 0xC0, i < n {
                        scalar = Int(byte & 0x1F) << 6 | Int(bytes[i] & 0x3F)
                        i += 1
                    } else if byte & 0xF0 == 0xE0, i + 1 < n {
                        scalar = Int(byte & 0x0F) << 12 | Int(bytes[i] & 0x3F) << 6 | Int(bytes[i + 1] & 0x3F)
                        i += 2
                    } else {
                        return nil
                    }
                    guard let fold = Self.latinFold(scalar) else { return nil }
                    // A mark after a space joins it into one character, which `splitWords` does not split at.
                    if fold.isEmpty, i - 3 >= 0, bytes[i - 3] == 0x20 { return nil }
                    word.append(contentsOf: fold)
                    continue
                }
                if byte != 0x20 {
                    let lower = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
                    guard lower >= 0x61 && lower <= 0x7A || lower >= 0x30 && lower <= 0x39 else { return nil }
                    word.append(lower)
                    continue
                }
                if word.isEmpty { continue }
                if asciiWords.contains(String(decoding: word, as: UTF8.self)) { return true }
                for prefix in asciiPrefixes where word.count - prefix.count >= 4 && word.starts(with: prefix) {
                    return true
                }
                for suffix in asciiSuffixes where word.count - suffix.count >= 4
                    && word[(word.count - suffix.count)...].elementsEqual(suffix) {
                    return true
                }
                word.removeAll(keepingCapacity: true)
            }
            return false
        }
    }

    /// The code points ``latinFolds`` covers: Latin-1's letters, Latin Extended-A and -B, the combining diacritical
    /// marks and Latin Extended Additional (what Latin transliterations write).
    private static let foldedRanges: [Range<Int>] = [0xC0..<0x250, 0x300..<0x370, 0x1E00..<0x1F00]

    /// ``fold(_:)`` of each code point of ``foldedRanges`` alone, in their order, when it is ASCII letters (*é* → `e`,
    /// *ß* → `ss`, *ṭ* → `t`) or nothing (a combining mark); nil for the others (*æ*, *ø* keep a letter of their own;
    /// ×, ÷). Folding lower-cases, decomposes and drops marks character by character, so a word's fold is its
    /// letters' folds.
    private static let latinFolds: [[UInt8]?] = foldedRanges.joined().map { value -> [UInt8]? in
        guard let scalar = Unicode.Scalar(UInt32(value)) else { return nil }
        let isMark = scalar.properties.generalCategory == .nonspacingMark
        guard scalar.properties.isAlphabetic || isMark else { return nil }
        let fold = foldUnicode(String(scalar))
        guard fold.utf8.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }), isMark || !fold.isEmpty else { return nil }
        return Array(fold.utf8)
    }

    /// The entry of ``latinFolds`` for `scalar`; nil outside ``foldedRanges``.
    @inline(__always)
    private static func latinFold(_ scalar: Int) -> [UInt8]? {
        var offset = 0
        for range in foldedRanges {
            if range.contains(scalar) { return latinFolds[offset + scalar - range.lowerBound] }
            offset += range.count
        }
        return nil
    }

    /// ``split(_:)`` word by word through the table's `String` entries: the general path.
    func splitWords(_ prepared: String) -> Split? {
        var base: [String] = [], tokens: [Character] = [], fired: [String] = []
        // Where each elided word stands in `base` and `fired`, until the name shows a generic word.
        var elisions: [(base: Int, fired: Int)] = []
        for word in prepared.split(separator: " ") {
            // An ASCII word is split about as fast as it is found in a memo; other words are folded by Foundation's
            // decomposition first, which the memo saves.
            let isASCII = word.utf8.allSatisfy { $0 < 0x80 }
            let part = isASCII ? splitWord(String(word)) : memo.split(word, compute: splitWord)
            if let kept = part.base {
                if part.fired == nil, kept.utf8.count <= longestElided, elided.contains(Self.fold(kept)) {
                    elisions.append((base.count, fired.count))
                    fired.append("\(kept)'→∅")
                }
                base.append(kept)
            }
            if let token = part.token { tokens.append(token) }
            if let what = part.fired { fired.append(what) }
        }
        if tokens.isEmpty {
            for elision in elisions.reversed() { fired.remove(at: elision.fired) }
        } else {
            for elision in elisions.reversed() { base.remove(at: elision.base) }
        }
        guard !fired.isEmpty, !base.isEmpty else { return nil }
        return Split(base: base.joined(separator: " "), tokens: String(tokens.sorted()), fired: fired)
    }

    /// What one word contributes to a name's split: nothing but its token when it is a generic or small word, the
    /// rest of it and its token when it begins or ends with a generic part, else itself.
    func splitWord(_ word: String) -> WordSplit {
        let folded = Self.fold(word)
        if let token = words[folded] {
            return WordSplit(base: nil, token: token, fired: "\(word)→\(token.flatMap { tokenNames[$0] } ?? "∅")")
        }
        // "Nordkorea", "Cookinseln": the part that remains, from the word itself when folding kept its length.
        let same = folded.count == word.count
        let source = same ? word : folded
        if let prefix = prefixes.first(where: { folded.hasPrefix($0.text) && folded.count - $0.text.count >= 4 }) {
            let name = prefix.token.flatMap { tokenNames[$0] } ?? "∅"
            return WordSplit(base: String(source.dropFirst(prefix.text.count)), token: prefix.token,
                             fired: "\(source.prefix(prefix.text.count))-→\(name)")
        }
        if let suffix = suffixes.first(where: {
            folded.hasSuffix($0.text) && folded.count - $0.text.count >= 4
        }) {
            let name = suffix.token.flatMap { tokenNames[$0] } ?? "∅"
            return WordSplit(base: String(source.dropLast(suffix.text.count)), token: suffix.token,
                             fired: "-\(source.suffix(suffix.text.count))→\(name)")
        }
        return WordSplit(base: word, token: nil, fired: nil)
    }

    /// The number of token letters (A–Z) at the end of a key's bytes: `"salomon I"` has 1, an ordinary key none.
    static func tokenCount(_ key: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        while count < key.count, key[key.count - 1 - count] >= 0x41, key[key.count - 1 - count] <= 0x5A { count += 1 }
        return count
    }

    /// A word without accents, for looking it up: `îles` → `iles`, `adaları` → `adalari`, `północna` → `polnocna`.
    static func fold(_ word: String) -> String {
        // ASCII, most words of most names: lower case is the whole fold (same result as below, without Foundation's
        // decomposition).
        if word.utf8.allSatisfy({ $0 < 0x80 }) {
            return String(decoding: word.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
        }
        return foldUnicode(word)
    }

    /// ``fold(_:)`` for any word: lower case, canonical decomposition, marks removed, a few letters replaced,
    /// BGN/PCGN's primes for the soft and hard signs dropped (Russian *область*, *oblastʹ*, is the table's *oblast*).
    static func foldUnicode(_ word: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in word.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar {
            case "\u{02B9}", "\u{02BA}": continue
            case "ı": scalars.append("i")
            case "ł": scalars.append("l")
            case "ø": scalars.append("o")
            case "đ": scalars.append("d")
            case "ß": scalars.append(contentsOf: "ss".unicodeScalars)
            default:
                if scalar.properties.generalCategory != .nonspacingMark { scalars.append(scalar) }
            }
        }
        return String(scalars)
    }
}

/// One thread's memo of split words (``GenericWords/WordMemo``).
///
/// `@unchecked Sendable`: it passes between threads only through its memo's locked spare list, and is used by one
/// thread at a time, the one whose thread-specific value it is.
final class WordTable: @unchecked Sendable {
    var words: [ByteKey: GenericWords.WordSplit] = [:]
    /// The memo to give the table back to when its thread ends.
    weak var memo: GenericWords.WordMemo?

    init(memo: GenericWords.WordMemo) { self.memo = memo }
}

extension Substring {
    /// Without white space at either end (spaces, tabs, a CRLF line's CR): a rule file's line, trimmed without
    /// Foundation's `trimmingCharacters`, which copies each line into an `NSString` (a fifth of the rule files' load).
    var trimmingWhitespace: Substring {
        let start = drop(while: \.isWhitespace)
        var end = start.endIndex
        while end > start.startIndex, start[start.index(before: end)].isWhitespace { end = start.index(before: end) }
        return start[..<end]
    }
}
