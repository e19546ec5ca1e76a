/// Turns a raw name and an optional language hint into a ``NormalizedName``.
///
/// ```swift
/// let normalizer = NameNormalizer()
/// let name = try normalizer.normalize("Пашинян", language: "ru")
/// name.latin    // "Pashinyan"
/// name.key      // "пашинян"
/// ```
///
/// `Sendable` notes: the normalizer holds no mutable state; transliterators come from a
/// ``ICU/TransliteratorPool`` that gives each concurrent call its own instance, so one normalizer serves every task.
public final class NameNormalizer: Sendable {
    /// The version of the ``NormalizedName/key``, ``NormalizedName/normalized`` and ``NormalizedName/latin`` rules.
    /// Stores record it and re-index their terms when it changes. Bump it on any change to the rules below.
    /// (2: the words of other scripts in a mostly Latin name are transliterated; 3: the Latin form drops the marks a
    /// transliteration leaves unread, ``withoutLeftoverMarks(_:)``; 4: a small kana joins the syllable before it,
    /// ``joiningSmallKana(_:)``; 5: letters ICU leaves unread are respelled first, ``LetterRespellings``; 6: Assamese
    /// ৰ and ৱ, which ICU misreads, are respelled too; 7: Kurdish and Uyghur ە is respelled as a vowel, not as ه; 8:
    /// Tifinagh is respelled as Latin letters; 9: Khmer is transliterated, ``Transliteration/shippedKhmer``, and a
    /// zero-width space parts words; 10: Arabic-script آ, the Chechen palochka, Chuvash ҫ, Tajik ҷ and ҳ are respelled;
    /// 11: the Cherokee syllabary is respelled as Latin syllables; 12: Chakma as Bengali letters; 13: Lao is
    /// transliterated, ``Transliteration/shippedLao``, no longer respelled as Thai letters; 14: Chakma's vowel sign
    /// a is respelled as the o it writes; 15: a Khmer or Lao word in a name of another script is read too; 16: Bodo's
    /// apostrophe after a Devanagari consonant is the vowel o, ``LetterRespellings/isBodoO(_:after:)``; 17: an
    /// apostrophe after a Hebrew gimel, zayin or tsadi is a geresh, ``LetterRespellings/isHebrewGeresh(_:after:)``.)
    public static let keyFormatVersion = 17

    /// The longest name accepted, in UTF-8 bytes. Longer input is not a name (a pasted paragraph, a binary blob).
    public static let maximumLength = 4096

    private let pool: ICU.TransliteratorPool

    /// A normalizer drawing transliterators from `pool`.
    public init(pool: ICU.TransliteratorPool = .shared) {
        self.pool = pool
    }

    /// Normalizes one name.
    ///
    /// - Parameters:
    ///   - raw: the name as found in the input.
    ///   - language: an optional BCP 47 hint (`fr`, `ru`, `az-Cyrl`); it selects French elision, Turkic casing and
    ///     the transliterator.
    ///   - memo: a per-worker memo of word results; pass one when normalizing many names on one thread.
    /// - Throws: ``NameError`` for an empty, over-long or NUL-holding name.
    public func normalize(_ raw: String, language: String? = nil, memo: NormalizationMemo? = nil) throws(NameError)
        -> NormalizedName
    {
        if raw.utf8.count > Self.maximumLength {
            throw .tooLong(length: raw.utf8.count, limit: Self.maximumLength)
        }
        // A NUL byte in UTF-8 is U+0000 and nothing else: look for the byte, and count scalars only when found.
        if raw.utf8.contains(0), let index = raw.unicodeScalars.firstIndex(of: "\0") {
            throw .nul(offset: raw.unicodeScalars.distance(from: raw.unicodeScalars.startIndex, to: index))
        }
        let language = LanguageHint(language)
        do {
            let normalized = try normalizedForm(raw)
            if normalized.isEmpty { throw NameError.empty }
            let script = ICU.Script.dominant(in: normalized)
            let key: String
            let latin: String
            if let memo {
                // The memo's scope number, looked up once per name, and only for a name with a non-ASCII word.
                var scope: UInt32?
                key = try wordwise(normalized) { word, out throws(ICUError) in
                    // An ASCII word's key costs less to compute than to look up.
                    if !language.isTurkic, Self.appendASCIIKey(word, elides: language.elides, to: &out) { return }
                    let number = scope ?? memo.keyScope(language)
                    scope = number
                    try memo.appendKey(word, scope: number, to: &out) { w throws(ICUError) in
                        try comparisonKey(w, language: language)
                    }
                }
                latin = try latinForm(normalized, script: script, language: language, memo: memo)
            } else {
                key = try comparisonKey(normalized, language: language)
                latin = try latinForm(normalized, script: script, language: language)
            }
            return NormalizedName(input: raw, normalized: normalized, key: key, script: script.name, latin: latin)
        } catch let error as NameError {
            throw error
        } catch let error as ICUError {
            throw .icu(error)
        } catch {
            throw .empty
        }
    }

    // MARK: - The normalized form

    /// The display-safe normalized form (see ``NormalizedName/normalized``).
    public func normalizedForm(_ raw: String) throws(ICUError) -> String {
        if Self.isTidyASCII(raw) { return raw }
        let nfc = try ICU.normalize(raw, .nfc)
        if Self.isTidy(nfc) { return nfc }
        let scalars = Array(nfc.unicodeScalars)
        var out = String.UnicodeScalarView()
        out.reserveCapacity(scalars.count)
        var pendingSpace = false
        for (i, scalar) in scalars.enumerated() {
            if TextTables.isPlain(scalar) {
                // The common case: a letter, digit or ordinary punctuation no rule touches.
                if pendingSpace {
                    out.append(" ")
                    pendingSpace = false
                }
                out.append(scalar)
                continue
            }
            let category = scalar.properties.generalCategory
            // After a letter of a script written without spaces (Thai, Lao, Burmese, Khmer), a zero-width space is
            // the word break it stands for (CLDR's Khmer names part their words with it): a space. Elsewhere, as in a
            // Latin name pasted from a web page, it and the other format characters are dropped.
            let isWordBreak = scalar.value == 0x200B && i > 0 && Self.isSpacelessScriptLetter(scalars[i - 1])
            if !isWordBreak, category == .format || (category == .control && !scalar.properties.isWhitespace) {
                continue
            }
            if isWordBreak || scalar.properties.isWhitespace {
                pendingSpace = !out.isEmpty
                continue
            }
            var mapped = scalar
            if TextTables.apostrophes.contains(scalar.value) {
                mapped = "'"
            } else if TextTables.quotes.contains(scalar.value) {
                mapped = "\""
            } else if TextTables.dashes.contains(scalar.value),
                      i > 0, i + 1 < scalars.count,
                      Self.isLetterOrMark(scalars[i - 1]), scalars[i + 1].properties.isAlphabetic {
                mapped = "-"
            }
            if pendingSpace {
                out.append(" ")
                pendingSpace = false
            }
            out.append(mapped)
        }
        return String(out)
    }

    // MARK: - The comparison key

    /// The comparison key of an already normalized name (see ``NormalizedName/key``).
    public func comparisonKey(_ normalized: String, language: LanguageHint = LanguageHint(nil)) throws(ICUError)
        -> String
    {
        if !language.isTurkic,
           let key = Self.asciiKey(normalized, elides: language.elides) ?? Self.latinKey(normalized) {
            return key
        }
        return try comparisonKeyICU(normalized, language: language)
    }

    /// The key of text made of printable ASCII other than apostrophes and of the Latin letters U+00C0–U+024F whose
    /// own key is plain ASCII letters (*é* → `e`, *ß* → `ss`, *Œ* → `oe`, *ł* → `l`), exactly as
    /// ``comparisonKeyICU(_:language:)`` computes it for a language that is not Turkic; nil for other text.
    ///
    /// On such text the ICU path works letter by letter (no combining mark follows a letter, and each letter's
    /// marks are stripped), so a word's key is its letters' keys in a row; separators make single spaces.
    /// `NormalizationFastPathTests` checks it on every shipped term and on random text over its alphabet.
    static func latinKey(_ text: String) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                let byte = UInt8(value)
                if (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A || byte >= 0x30 && byte <= 0x39 {
                    if pendingSpace {
                        out.append(0x20)
                        pendingSpace = false
                    }
                    out.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
                } else if byte == 0x27 || byte == 0x60 || byte < 0x20 || byte == 0x7F {
                    return nil  // apostrophes join or elide by context, control characters: the general path
                } else if !out.isEmpty {
                    pendingSpace = true
                }
            } else if value >= 0xC0, value <= 0x24F, let fold = latinFolds[Int(value - 0xC0)] {
                if pendingSpace {
                    out.append(0x20)
                    pendingSpace = false
                }
                out.append(contentsOf: fold)
            } else {
                return nil
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// For U+00C0–U+024F, the letter's key when ICU's path makes it one or more ASCII letters, else nil.
    static let latinFolds: [[UInt8]?] = {
        let normalizer = NameNormalizer()
        return (UInt32(0xC0)...UInt32(0x24F)).map { value -> [UInt8]? in
            // Only letters whose compatibility form is letters and marks: ŀ → l· would end a word, ŉ → ʼn holds an
            // apostrophe, which acts by context.
            guard let scalar = Unicode.Scalar(value), scalar.properties.isAlphabetic,
                  let folded = try? ICU.normalize(String(scalar), .nfkcCasefold),
                  folded.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic
                      || $0.properties.generalCategory == .nonspacingMark }),
                  !folded.unicodeScalars.contains(where: { TextTables.apostrophes.contains($0.value) || $0 == "'"
                      || TextTables.modifierApostrophes.contains($0.value) }),
                  let key = try? normalizer.comparisonKeyICU(String(scalar), language: LanguageHint(nil)),
                  !key.isEmpty, key.utf8.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A })
            else { return nil }
            return Array(key.utf8)
        }
    }()

    /// The comparison key through ICU's case folding and decomposition: the general path, which the ASCII path of
    /// ``comparisonKey(_:language:)`` must match byte for byte (`ASCIIPathTests` checks it on every shipped term).
    func comparisonKeyICU(_ normalized: String, language: LanguageHint) throws(ICUError) -> String {
        var text = normalized
        if language.isTurkic { text = try ICU.lowercase(text, locale: "tr") }
        let folded = try ICU.normalize(try ICU.normalize(text, .nfkcCasefold), .nfd)
        let scalars = Array(folded.unicodeScalars)

        var out = String.UnicodeScalarView()
        out.reserveCapacity(scalars.count)
        var wordStart = 0          // index in `out` where the current word began
        var baseStrips = true      // whether marks on the current base are removed
        var keptMark = false
        func space() {
            if let last = out.last, last != " " { out.append(" ") }
            wordStart = out.count
            baseStrips = true  // a mark after a separator has no base: dropped
        }
        // The per-character tests read `TextTables.keyFlags`: the same properties, mostly from a table.
        for (i, scalar) in scalars.enumerated() {
            let flags = TextTables.keyFlags(scalar)
            if flags & TextTables.markFlag != 0 {
                if baseStrips { continue }
                out.append(scalar)
                keptMark = true
                continue
            }
            if flags & TextTables.apostropheFlag != 0 {
                let before = i > 0 && TextTables.keyFlags(scalars[i - 1]) & TextTables.letterOrMarkFlag != 0
                let after = i + 1 < scalars.count
                    && TextTables.keyFlags(scalars[i + 1]) & TextTables.alphabeticFlag != 0
                guard before && after else {
                    space()
                    continue
                }
                if language.elides {
                    let word = String(String.UnicodeScalarView(out[out.index(out.startIndex, offsetBy: wordStart)...]))
                    if TextTables.frenchElisions.contains(word) {
                        out.removeSubrange(out.index(out.startIndex, offsetBy: wordStart)...)
                        continue
                    }
                }
                continue  // an apostrophe inside a word joins it: O'Brien → obrien, P'ashinyan → pashinyan
            }
            if flags & TextTables.foldedFlag != 0, let replacement = TextTables.foldedLetters[scalar.value] {
                out.append(contentsOf: replacement.unicodeScalars)
                baseStrips = true
                continue
            }
            if flags & (TextTables.alphabeticFlag | TextTables.numericFlag) != 0 {
                out.append(scalar)
                baseStrips = TextTables.marksRemoved(afterBaseOf: ICU.Script.of(scalar))
                continue
            }
            // Punctuation, symbols, spaces and anything else separate words.
            space()
        }
        while out.last == " " { out.removeLast() }
        let key = String(out)
        return keptMark ? try ICU.normalize(key, .nfc) : key
    }

    /// The key of printable ASCII text (U+0020–U+007E), exactly as ``comparisonKeyICU(_:language:)`` computes it
    /// for a language that is not Turkic, or nil for other text.
    ///
    /// On such text NFKC case folding only lower-cases A–Z and decomposition changes nothing; letters and digits are
    /// kept, `'` and `` ` `` between two letters join them (dropping a French elided article before them) and
    /// otherwise separate, anything else separates.
    static func asciiKey(_ text: String, elides: Bool) -> String? {
        var text = text
        return text.withUTF8 { utf8 -> String? in
            var out: [UInt8] = []
            return appendASCIIKey(utf8, elides: elides, to: &out) ? String(decoding: out, as: UTF8.self) : nil
        }
    }

    /// Appends the key of printable ASCII `text` to `out` as its next word (nothing for an empty key, else a space
    /// first when `out` is not empty), as ``asciiKey(_:elides:)`` gives it; false, and nothing appended, when
    /// `text` is not printable ASCII.
    @inline(__always)
    static func appendASCIIKey(_ text: UnsafeBufferPointer<UInt8>, elides: Bool, to out: inout [UInt8]) -> Bool {
        for byte in text where byte < 0x20 || byte > 0x7E { return false }
        @inline(__always) func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
        let n = text.count
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(n, 1)) { key -> Bool in
            var k = 0
            var wordStart = 0
            @inline(__always) func space() {
                if k > 0, key[k - 1] != 0x20 {
                    key[k] = 0x20
                    k += 1
                }
                wordStart = k
            }
            for i in 0..<n {
                let byte = text[i]
                if byte == 0x27 || byte == 0x60 {
                    guard i > 0, isLetter(text[i - 1]), i + 1 < n, isLetter(text[i + 1]) else {
                        space()
                        continue
                    }
                    if elides, TextTables.frenchElisions.contains(
                        String(decoding: UnsafeBufferPointer(rebasing: key[wordStart..<k]), as: UTF8.self))
                    {
                        k = wordStart
                    }
                    continue
                }
                if isLetter(byte) {
                    key[k] = byte | 0x20
                    k += 1
                } else if byte >= 0x30 && byte <= 0x39 {
                    key[k] = byte
                    k += 1
                } else {
                    space()
                }
            }
            while k > 0, key[k - 1] == 0x20 { k -= 1 }
            if k == 0 { return true }
            if !out.isEmpty { out.append(0x20) }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: key[0..<k]))
            return true
        }
    }

    // MARK: - The Latin form

    /// The Latin rendering of an already normalized name (see ``NormalizedName/latin``).
    public func latinForm(_ normalized: String, script: ICU.Script, language: LanguageHint = LanguageHint(nil),
                          memo: NormalizationMemo? = nil) throws(ICUError) -> String
    {
        let id: String
        if script == .latin || script.isNeutral {
            // A mostly Latin name may still hold a word in another script (*Rankin Inlet ᎪᏱᎳᏈᎶ*): that word must be
            // rendered too, or the Latin form, and every key computed from it, would carry it unread.
            guard Self.hasNonLatinLetter(normalized) else { return normalized }
            id = "Any-Latin"
        } else {
            id = Transliteration.transliteratorID(for: script, language: language, text: normalized)
        }
        // Letters the transliterators leave unread are respelled first (Urdu ٹ as ت, Malayalam as Devanagari).
        let respellings = LetterRespellings.shipped
        var latin: String
        if let memo {
            // Word by word through the memo; the transliterator is chosen once for the whole name.
            let scope = memo.latinScope(id)
            latin = try wordwise(normalized) { word, out throws(ICUError) in
                try memo.appendLatin(word, scope: scope, to: &out) { w throws(ICUError) in
                    try pool.transform(respellings.apply(w), with: id)
                }
            }
        } else {
            latin = try pool.transform(respellings.apply(normalized), with: id)
        }
        if Self.hasNonLatinLetter(latin) {
            // Letters the chosen system does not cover (a Kazakh letter in a Russian name) go through Any-Latin.
            if id != "Any-Latin" { latin = try pool.transform(latin, with: "Any-Latin") }
            // A word in a script only Onoma reads (Khmer, Lao), in a name of another script, is still unread here.
            for (shipped, letters) in Transliteration.shippedScripts
            where shipped != id && latin.unicodeScalars.contains(where: { letters.contains($0.value) }) {
                latin = try pool.transform(latin, with: shipped)
            }
        }
        return try normalizedForm(Self.withoutLeftoverMarks(Self.joiningSmallKana(latin, of: normalized)))
    }

    /// `latin` with the small kana ICU left unjoined read as Hepburn reads them: ICU writes a small vowel it has no
    /// syllable for as `~` and the vowel after the full syllable, so *ヴィリニュス* (Vilnius) came out as *vu~irinyusu*,
    /// *ウィニペグ* (Winnipeg) as *u~inipegu*. The small vowel replaces the syllable's own (*vi*, *tu* for トゥ); with no
    /// consonant before it, *u* becomes *w* and *i* *y* (ウィ *wi*, イェ *ye*). A small *tsu* left at a word's end
    /// (`~tsu`), which doubles a consonant that is not there, is dropped. Only a name holding kana (`original`) is
    /// touched: another script's name may hold a `~` of its own.
    static func joiningSmallKana(_ latin: String, of original: String) -> String {
        guard latin.utf8.contains(0x7E),
              original.unicodeScalars.contains(where: { (0x3040...0x30FF).contains($0.value) }) else { return latin }
        func isVowel(_ scalar: Unicode.Scalar) -> Bool { "aeiouāēīōū".unicodeScalars.contains(scalar) }
        let scalars = Array(latin.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            guard scalars[i] == "~" else {
                out.append(scalars[i])
                i += 1
                continue
            }
            // The small kana's reading: letters up to its vowel (i, yu, tsu).
            var end = i + 1
            while end < scalars.count, scalars[end].properties.isAlphabetic, !isVowel(scalars[end]) { end += 1 }
            if end < scalars.count, isVowel(scalars[end]) { end += 1 }
            let small = scalars[(i + 1)..<end]
            i = end
            if small.elementsEqual("tsu".unicodeScalars) || small.isEmpty { continue }
            guard let own = out.last, isVowel(own) else {
                out.append(contentsOf: small)
                continue
            }
            out.removeLast()
            if out.last.map({ !$0.properties.isAlphabetic || isVowel($0) }) ?? true {
                if own == "u" { out.append("w") } else if own == "i" { out.append("y") }
            }
            out.append(contentsOf: small)
        }
        return String(out)
    }

    /// `latin` without the combining marks a transliteration left unread: the Arabic block's marks (ICU's
    /// Arabic-Latin/BGN decomposes *أ* and *ؤ* and leaves their hamza, so *أحمد* came out as U+0654 then *ḩmd*) and a
    /// mark that begins a word, having no letter to sit on (ICU turns the hamza below of *إ* into U+0339). BGN/PCGN
    /// writes no hamza at a word's start, and an unvocalized name's hamza elsewhere is left out with it.
    static func withoutLeftoverMarks(_ latin: String) -> String {
        // Combining marks start at U+0300, whose UTF-8 lead byte is 0xCC: most Latin forms are passed over on bytes.
        guard latin.utf8.contains(where: { $0 >= 0xCC }) else { return latin }
        func isArabicMark(_ value: UInt32) -> Bool {
            (0x0610...0x061A).contains(value) || (0x064B...0x065F).contains(value) || value == 0x0670
                || (0x06D6...0x06ED).contains(value)
        }
        func isMark(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark: return true
            default: return false
            }
        }
        guard latin.unicodeScalars.contains(where: { isArabicMark($0.value) || isMark($0) }) else { return latin }
        var out = String.UnicodeScalarView()
        var wordStart = true
        for scalar in latin.unicodeScalars {
            if isArabicMark(scalar.value) || (wordStart && isMark(scalar)) { continue }
            out.append(scalar)
            wordStart = scalar.properties.isWhitespace
        }
        return String(out)
    }

    /// Whether `text` holds a letter of a script other than Latin (Common and Inherited do not count): a letter a
    /// Latin rendering has not read yet. What is left after `Any-Latin` is in a script ICU cannot transliterate.
    public static func hasNonLatinLetter(_ text: String) -> Bool {
        // Every code point below U+0370 is Latin, Common or Inherited, and its UTF-8 lead byte is below 0xCD: a
        // Latin text is mostly passed over on bytes.
        guard text.utf8.contains(where: { $0 >= 0xCD }) else { return false }
        return text.unicodeScalars.contains(where: isNonLatinLetter)
    }

    /// Whether `scalar` is a letter of a script other than Latin, Common or Inherited (see ``hasNonLatinLetter(_:)``).
    public static func isNonLatinLetter(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.value >= 0x370, scalar.properties.isAlphabetic else { return false }
        let script = ICU.Script.of(scalar)
        return script != .latin && !script.isNeutral
    }

    /// Calls `append` with each space-separated word of a normalized name (its UTF-8 bytes, empty words skipped)
    /// and the result so far, to which it adds the word's result as the next word (a memo's `appendKey` or
    /// `appendLatin`: non-empty results joined by single spaces).
    private func wordwise(_ text: String,
                          _ append: (UnsafeBufferPointer<UInt8>, inout [UInt8]) throws(ICUError) -> Void)
        throws(ICUError) -> String
    {
        var text = text
        var out: [UInt8] = []
        var failure: ICUError?
        // Split on the byte of U+0020: in UTF-8 it stands for that scalar only, and grapheme breaking is not needed.
        text.withUTF8 { utf8 in
            out.reserveCapacity(utf8.count + 16)
            let n = utf8.count
            var start = 0
            while start < n {
                if utf8[start] == 0x20 {
                    start += 1
                    continue
                }
                var end = start + 1
                while end < n, utf8[end] != 0x20 { end += 1 }
                do throws(ICUError) {
                    try append(UnsafeBufferPointer(rebasing: utf8[start..<end]), &out)
                } catch {
                    failure = error
                    return
                }
                start = end
            }
        }
        if let failure { throw failure }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether `text` is printable ASCII that no normalization rule changes: no quotes or backquote, no leading,
    /// trailing or double space.
    private static func isTidyASCII(_ text: String) -> Bool {
        var previousSpace = true
        for byte in text.utf8 {
            guard byte >= 0x20, byte < 0x7F, byte != 0x22, byte != 0x60 else { return false }
            let space = byte == 0x20
            if space && previousSpace { return false }
            previousSpace = space
        }
        return !previousSpace
    }

    /// Whether every character of `text` is one the rules leave alone and its spaces are single inner spaces.
    /// Whether `scalar` is a letter or mark of Thai, Lao, Myanmar or Khmer, scripts written without spaces between
    /// words.
    static func isSpacelessScriptLetter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0E00...0x0EFF, 0x1000...0x109F, 0x1780...0x17FF, 0x19E0...0x19FF: true
        default: false
        }
    }

    private static func isTidy(_ text: String) -> Bool {
        var previousSpace = true
        for scalar in text.unicodeScalars {
            let space = scalar == " "
            if space {
                if previousSpace { return false }
            } else if !TextTables.isPlain(scalar) {
                return false
            }
            previousSpace = space
        }
        return !previousSpace
    }

    private static func isLetterOrMark(_ scalar: Unicode.Scalar) -> Bool {
        let category = scalar.properties.generalCategory
        return scalar.properties.isAlphabetic || category == .nonspacingMark || category == .spacingMark
    }
}

/// A parsed language hint: what the normalizer needs to know of a BCP 47 tag.
public struct LanguageHint: Hashable, Sendable {
    /// The canonical tag, or nil when none was given.
    public let tag: String?
    /// The primary language subtag in lower case (`fr` for `fr-CA`).
    public let language: String?
    /// The script subtag when the tag has one (`Cyrl` for `az-Cyrl`).
    public let script: String?

    /// Parses a tag without validating it (the CLI validates tags up front with ``LanguageTag``).
    public init(_ tag: String?) {
        guard let tag, !tag.isEmpty else {
            self.tag = nil
            self.language = nil
            self.script = nil
            return
        }
        self.tag = tag
        let parts = tag.split(whereSeparator: { $0 == "-" || $0 == "_" })
        self.language = parts.first.map { $0.lowercased() }
        self.script = parts.dropFirst().first { $0.count == 4 && $0.allSatisfy(\.isLetter) }.map {
            $0.prefix(1).uppercased() + $0.dropFirst().lowercased()
        }
    }

    /// French drops elided articles (l', d', qu') from keys.
    public var elides: Bool { language == "fr" }
    /// Turkish and Azerbaijani case I and İ their own way.
    public var isTurkic: Bool { language == "tr" || language == "az" || language == "tt" || language == "crh" }
}
