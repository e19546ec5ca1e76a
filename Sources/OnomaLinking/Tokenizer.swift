import OnomaText

/// A word of running text, as the linker sees it.
struct Token {
    /// How a word is written.
    enum Shape: UInt8 {
        /// Lower case first letter (*russe*, *de*).
        case lower
        /// Upper case first letter, not all capitals (*Erevan*, *Haut*).
        case capitalized
        /// All capitals, two letters or more (*OTAN*, *US*).
        case upper
        /// Letters of a script without case (Arabic, Georgian, Han).
        case uncased
        /// No letter (*2020*).
        case number
    }

    /// How a word is separated from the word before it.
    enum Gap: UInt8 {
        /// Spaces (at most one line break), or a hyphen or apostrophe alone: the two words may be one name.
        case join
        /// One comma, with spaces only: a name goes on across it only where one of its terms has a comma
        /// (*Washington, DC*).
        case comma
        /// Other punctuation (a parenthesis, a spaced dash, several commas): a name does not go on across it.
        case punctuation
        /// A sentence or paragraph boundary, or the start of the text: the next word's capital says nothing.
        case sentence
    }

    /// UTF-16 offsets in the chunk's text.
    var range: Range<Int>
    /// The word's comparison key (one word of it, when the key of the text has several).
    var key: String
    /// The key's symbol in the automaton, or -1.
    var symbol: Int32
    /// The symbol of the key without an inflection ending (*russlands* → *russland*), or -1: a term may end there.
    var stem: Int32
    var shape: Shape
    var gap: Gap
    /// Whether the token is the second or later key word of one written word (`U.S` → `u`, `s`): no mention starts
    /// there.
    var isContinuation: Bool
    /// Whether the text before the word ends a sentence (or a line).
    var startsSentence: Bool

    /// Whether the word may be part of a name: capitalized, capitals or a script without case.
    var isNameLike: Bool { shape == .capitalized || shape == .upper || shape == .uncased }
}

/// Splits decoded text into ``Token``s: ICU word boundaries, French-style elision, format characters inside words
/// (zero-width spaces, soft hyphens, bidi controls) ignored, and each word's comparison key computed once per
/// distinct spelling.
///
/// Not `Sendable`: one per linking session (it holds the memo).
struct Tokenizer {
    let automaton: TermAutomaton
    let normalizer: NameNormalizer
    let language: LanguageHint
    let locale: String
    let elisions: Set<String>
    /// Inflection endings and their replacements, longest ending first.
    let endings: [(ending: String, replacement: String)]
    /// Whether the language's possessive is an apostrophe and s (Azerbaijan's).
    let possessiveS: Bool
    /// Word text → its key words, their symbols and the symbols of their stems, for words off the Latin fast path
    /// (``latinKey(_:_:)``). Keyed by the word's UTF-8 bytes: a `String` key would hash and compare by canonical
    /// equivalence, which normalizes every non-ASCII word at each probe.
    private var memo: [UTF8Key: [(String, Int32, Int32)]] = [:]
    /// Whether words of letters A–Z, digits and Latin-1 letters may take the fast path: their key is not the
    /// Turkic one (*I* → *ı*).
    private let latinFastPath: Bool

    init(automaton: TermAutomaton, normalizer: NameNormalizer, language: LanguageHint, rules: LinkingRules) {
        self.automaton = automaton
        self.normalizer = normalizer
        self.language = language
        self.locale = language.tag ?? ""
        self.elisions = rules.words(rules.elisions, language: language.language)
        self.endings = rules.endings(language: language.language)
        self.possessiveS = endings.contains { $0.ending == "s" && $0.replacement.isEmpty }
        self.latinFastPath = !language.isTurkic
    }

    /// The tokens of `text`.
    mutating func tokens(of text: DecodedText) throws(ICUError) -> [Token] {
        let units = text.units
        let segments = try ICU.wordSegments(utf16: units, locale: locale)
        var tokens: [Token] = []
        tokens.reserveCapacity(segments.count / 2)
        var previousEnd = 0
        var index = 0
        while index < segments.count {
            let segment = segments[index]
            index += 1
            guard segment.isWord || segment.isNumber else { continue }
            var range = segment.range
            // Words split only by format characters (a zero-width space inside a name) are one word.
            while index + 1 < segments.count, Self.isFormatOnly(units, segments[index].range),
                  segments[index + 1].isWord || segments[index + 1].isNumber {
                range = range.lowerBound..<segments[index + 1].range.upperBound
                index += 2
            }
            // Bidi controls and other format characters at a word's edges belong to the text around it.
            while range.count > 1, Self.isFormat(units[range.upperBound - 1]) {
                range = range.lowerBound..<(range.upperBound - 1)
            }
            while range.count > 1, Self.isFormat(units[range.lowerBound]) {
                range = (range.lowerBound + 1)..<range.upperBound
            }
            let segmentStart = range.lowerBound
            // Azerbaijan's, Putin’s: a possessive ending after an apostrophe is not part of the name.
            if range.count > 3, units[range.upperBound - 1] | 0x20 == 0x73,
               [0x27, 0x2019, 0x02BC].contains(units[range.upperBound - 2]), possessiveS {
                range = range.lowerBound..<(range.upperBound - 2)
            }
            // l'Arménie, d’Erevan, qu'Aliev: the word starts after the apostrophe.
            if let apostrophe = Self.apostrophe(in: units, range), apostrophe + 1 < range.upperBound {
                let headRange = range.lowerBound..<apostrophe
                let head = latinKey(units, headRange) ?? keyWords(text, headRange).first?.0
                if let head, elisions.contains(head) { range = (apostrophe + 1)..<range.upperBound }
            }
            let (gap, startsSentence) = tokens.isEmpty
                ? (Token.Gap.sentence, true) : Self.gap(units, previousEnd..<segmentStart)
            previousEnd = range.upperBound
            let shape = Self.shape(units, range)
            if let key = latinKey(units, range) {
                // Most words: one key word, computed from the code units without a memo look-up.
                tokens.append(Token(range: range, key: key, symbol: automaton.symbol(key), stem: stemSymbol(key),
                                    shape: shape, gap: gap, isContinuation: false, startsSentence: startsSentence))
                continue
            }
            for (i, (key, symbol, stem)) in keyWords(text, range).enumerated() {
                tokens.append(Token(range: range, key: key, symbol: symbol, stem: stem, shape: shape,
                                    gap: i == 0 ? gap : .join, isContinuation: i > 0,
                                    startsSentence: startsSentence))
            }
        }
        return tokens
    }

    /// The key of the word in `range` when it is made of ASCII letters and digits and Latin-1 letters only (*Erevan*,
    /// *président*, *2022*), else nil.
    ///
    /// Such a word is its own normalized form and has one key word: its letters' keys in a row, digits kept (what
    /// `NameNormalizer` gives it, for a language that is not Turkic, without ICU; `TokenizerTests` checks both
    /// agree). Computed from the code units directly: a dictionary probe would cost more than the key.
    func latinKey(_ units: [UInt16], _ range: Range<Int>) -> String? {
        guard latinFastPath, !range.isEmpty else { return nil }
        var length = 0
        for i in range {
            let u = units[i]
            if u < 0x80 {
                guard Self.isASCIIAlphanumeric(u) else { return nil }
                length += 1
            } else {
                guard u < 0x100, case let fold = Self.packedFolds[Int(u)], fold != 0 else { return nil }
                length += Int(fold >> 24)
            }
        }
        return String(unsafeUninitializedCapacity: length) { buffer in
            var k = 0
            for i in range {
                let u = units[i]
                if u < 0x80 {
                    buffer[k] = UInt8(u >= 0x41 && u <= 0x5A ? u | 0x20 : u)
                    k += 1
                } else {
                    let fold = Self.packedFolds[Int(u)]
                    for n in 0..<Int(fold >> 24) {
                        buffer[k] = UInt8(truncatingIfNeeded: fold >> (8 * UInt32(n)))
                        k += 1
                    }
                }
            }
            return k
        }
    }

    /// The normalized name of a span of such words separated by single spaces or hyphens (*Vladimir Poutine*,
    /// *Jean-Yves Le Drian*), as `NameNormalizer.normalize` makes it, without ICU; nil for other text (then the
    /// caller normalizes).
    ///
    /// Such text is its own normalized and Latin forms, and its key is its words' keys joined by single spaces: what
    /// the cascade would otherwise compute again for a span whose words were just keyed. `TokenizerTests` checks it
    /// against the normalizer.
    ///
    /// Static, with the text's `language`: a method call on a session's tokenizer would copy it.
    static func latinName(_ surface: String, units: [UInt16], range: Range<Int>, language: LanguageHint)
        -> NormalizedName?
    {
        guard !language.isTurkic, surface.utf8.count <= NameNormalizer.maximumLength else { return nil }
        var key: [UInt8] = []
        key.reserveCapacity(range.count + 8)
        // Starts true: a leading separator is not this form.
        var afterSeparator = true
        var hasLetter = false
        for i in range {
            let u = units[i]
            if u == 0x20 || u == 0x2D {
                // Two separators in a row (a double space, " - ") or a leading one: the normalizer's rules apply.
                if afterSeparator { return nil }
                afterSeparator = true
                continue
            }
            if afterSeparator && !key.isEmpty { key.append(0x20) }
            if u < 0x80 {
                guard Self.isASCIIAlphanumeric(u) else { return nil }
                if u >= 0x41 { hasLetter = true }
                key.append(UInt8(u >= 0x41 && u <= 0x5A ? u | 0x20 : u))
            } else {
                guard u < 0x100, case let fold = Self.packedFolds[Int(u)], fold != 0 else { return nil }
                for n in 0..<Int(fold >> 24) { key.append(UInt8(truncatingIfNeeded: fold >> (8 * UInt32(n)))) }
                hasLetter = true
            }
            afterSeparator = false
        }
        // Every letter here is Latin (`TokenizerTests` checks the Latin-1 ones): a span with one is Latin script.
        if afterSeparator || !hasLetter { return nil }
        return NormalizedName(input: surface, normalized: surface, key: String(decoding: key, as: UTF8.self),
                              script: Self.latinScriptName, latin: surface)
    }

    /// ``latinFolds`` packed in one integer per code point (a table read without retaining an array): the key's
    /// bytes from the low byte up, their count in the high byte; 0 for none.
    static let packedFolds: [UInt32] = latinFolds.map { fold in
        guard let fold, fold.count <= 3 else { return 0 }
        var value = UInt32(fold.count) << 24
        for (n, byte) in fold.enumerated() { value |= UInt32(byte) << (8 * UInt32(n)) }
        return value
    }

    /// The script name of a normalized Latin name, as `NameNormalizer.normalize` gives it.
    static let latinScriptName = ICU.Script.latin.name

    @inline(__always)
    private static func isASCIIAlphanumeric(_ u: UInt16) -> Bool {
        (u | 0x20) >= 0x61 && (u | 0x20) <= 0x7A || u >= 0x30 && u <= 0x39
    }

    /// For U+0080–U+00FF, the comparison key of the letter alone when it is a Latin-1 letter whose key is ASCII
    /// letters (*é* → `e`, *ß* → `ss`, *Æ* → `ae`), else nil (symbols, signs, × and ÷); nil below U+0080.
    ///
    /// From the normalizer's own public path, so the fast path cannot drift from it.
    static let latinFolds: [[UInt8]?] = {
        let normalizer = NameNormalizer()
        return (0..<0x100).map { value -> [UInt8]? in
            guard value >= 0xC0, let scalar = Unicode.Scalar(UInt32(value)), scalar.properties.isAlphabetic,
                  let normalized = try? normalizer.normalizedForm(String(scalar)), normalized == String(scalar),
                  let key = try? normalizer.comparisonKey(normalized, language: LanguageHint(nil)), !key.isEmpty,
                  key.utf8.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A })
            else { return nil }
            return Array(key.utf8)
        }
    }()

    /// The symbol of `word` without an inflection ending (*Russlands*, *Putins*), when that is a word of some term;
    /// else -1.
    private func stemSymbol(_ word: String) -> Int32 {
        for (ending, replacement) in endings where word.count > ending.count + 2 && word.hasSuffix(ending) {
            let stem = automaton.symbol(String(word.dropLast(ending.count)) + replacement)
            if stem >= 0 { return stem }
        }
        return -1
    }

    /// The key words of the text in `range`, memoized by spelling.
    private mutating func keyWords(_ decoded: DecodedText, _ range: Range<Int>) -> [(String, Int32, Int32)] {
        let text = decoded.string(range)
        let spelling = UTF8Key(text)
        if let known = memo[spelling] { return known }
        if memo.count > 500_000 { memo.removeAll(keepingCapacity: true) }
        var words: [(String, Int32, Int32)] = []
        if let normalized = try? normalizer.normalizedForm(Self.withoutHomoglyphs(text)),
           let key = try? normalizer.comparisonKey(normalized, language: language) {
            // Split on the bytes, as the automaton splits its terms' keys.
            for word in key.utf8.split(separator: UInt8(ascii: " ")) {
                let word = String(Substring(word))
                words.append((word, automaton.symbol(word), stemSymbol(word)))
            }
        }
        memo[spelling] = words
        return words
    }

    /// A Latin word with a few Cyrillic, Greek or Armenian look-alike letters in it (*Pаchinian* with a Cyrillic а,
    /// a spoofing trick or a keyboard slip) with those letters replaced by the Latin letter their UTS #39 skeleton
    /// gives, so the word finds its terms. Words of one script are returned as they are.
    static func withoutHomoglyphs(_ word: String) -> String {
        // Greek, Cyrillic and Armenian letters are U+0370 and above: UTF-8 lead bytes 0xCD and above. Most words
        // have none and need no property look-up.
        guard word.utf8.contains(where: { $0 >= 0xCD }) else { return word }
        var latin = 0
        var foreign = 0
        for scalar in word.unicodeScalars where scalar.value >= 0x41 && scalar.properties.isAlphabetic {
            let script = ICU.Script.of(scalar)
            if script == .latin {
                latin += 1
            } else if script == .cyrillic || script == .greek || script == .armenian {
                foreign += 1
            }
        }
        guard latin > 0, foreign > 0, foreign < latin, let checker = ICU.SpoofChecker.shared else { return word }
        var repaired = String.UnicodeScalarView()
        for scalar in word.unicodeScalars {
            let script = ICU.Script.of(scalar)
            if script == .cyrillic || script == .greek || script == .armenian,
               let skeleton = try? checker.skeleton(String(scalar)), skeleton.unicodeScalars.count == 1,
               let replacement = skeleton.unicodeScalars.first, ICU.Script.of(replacement) == .latin {
                repaired.append(replacement)
            } else {
                repaired.append(scalar)
            }
        }
        return String(repaired)
    }

    /// The offset of the first apostrophe (', ’, ʼ) inside `range`, when letters stand before it.
    private static func apostrophe(in units: [UInt16], _ range: Range<Int>) -> Int? {
        for i in (range.lowerBound + 1)..<range.upperBound {
            let u = units[i]
            if u == 0x27 || u == 0x2019 || u == 0x02BC { return i }
        }
        return nil
    }

    /// Whether a code unit is a format character (Cf).
    private static func isFormat(_ unit: UInt16) -> Bool {
        unit >= 0xAD && Unicode.Scalar(unit)?.properties.generalCategory == .format
    }

    /// Whether `range` holds only format characters (Cf): zero-width spaces and joiners, soft hyphens, bidi controls.
    private static func isFormatOnly(_ units: [UInt16], _ range: Range<Int>) -> Bool {
        guard !range.isEmpty else { return false }
        for i in range {
            let u = units[i]
            guard u >= 0xAD, let scalar = Unicode.Scalar(u), scalar.properties.generalCategory == .format else {
                return false
            }
        }
        return true
    }

    /// How the text between two words separates them, and whether it ends a sentence.
    private static func gap(_ units: [UInt16], _ range: Range<Int>) -> (Token.Gap, Bool) {
        var newlines = 0
        var spaces = 0
        var joiners = 0
        var punctuation = false
        var commas = 0
        var sentence = false
        for i in range {
            switch units[i] {
            case 0x0A:
                newlines += 1
            case 0x0D:
                break
            case 0x20, 0x09, 0xA0, 0x202F, 0x2009, 0x2007, 0x3000:
                spaces += 1
            case 0x2D, 0x2010, 0x2011, 0x27, 0x2019, 0x02BC:
                joiners += 1
            case 0x2C:
                commas += 1
            case 0x2E, 0x21, 0x3F, 0x2026, 0x3A, 0x3B, 0xAB, 0xBB, 0x22, 0x201C, 0x201D, 0x201E, 0x2039, 0x203A,
                 0x3002, 0xFF01, 0xFF1F, 0x061F, 0x0589:
                sentence = true
            default:
                let u = units[i]
                if u >= 0xAD, let scalar = Unicode.Scalar(u), scalar.properties.generalCategory == .format { continue }
                punctuation = true
            }
        }
        if newlines >= 2 { return (.sentence, true) }
        if sentence { return (.sentence, true) }
        if punctuation || (joiners > 0 && spaces > 0) || joiners > 1 { return (.punctuation, newlines > 0) }
        if commas == 1 && joiners == 0 && newlines == 0 { return (.comma, false) }
        if commas > 0 { return (.punctuation, newlines > 0) }
        return (.join, newlines > 0)
    }

    /// How the word in `range` is written.
    private static func shape(_ units: [UInt16], _ range: Range<Int>) -> Token.Shape {
        var letters = 0
        var upper = 0
        var first: Token.Shape?
        var i = range.lowerBound
        while i < range.upperBound {
            var value = UInt32(units[i])
            if value & 0xFC00 == 0xD800, i + 1 < range.upperBound {
                value = 0x10000 + ((value - 0xD800) << 10) + (UInt32(units[i + 1]) - 0xDC00)
                i += 1
            }
            i += 1
            if value < 0x80 {
                if value >= 0x41 && value <= 0x5A {
                    letters += 1; upper += 1
                    if first == nil { first = .capitalized }
                } else if value >= 0x61 && value <= 0x7A {
                    letters += 1
                    if first == nil { first = .lower }
                }
                continue
            }
            // Latin-1 (é, È, ç) from a table; other scalars through their properties, as the table was made.
            let letterCase = value < 0x100 ? Self.latin1Cases[Int(value)] : Self.letterCase(Unicode.Scalar(value))
            switch letterCase {
            case .upper:
                letters += 1; upper += 1
                if first == nil { first = .capitalized }
            case .lower:
                letters += 1
                if first == nil { first = .lower }
            case .uncased:
                if first == nil { first = .uncased }
            case .none:
                break
            }
        }
        guard let first else { return .number }
        if first == .capitalized && letters >= 2 && upper == letters { return .upper }
        return first
    }

    /// How a scalar counts in a word's shape.
    private enum LetterCase: UInt8 {
        /// Not a letter (or no scalar: a lone surrogate).
        case none
        /// Upper or title case.
        case upper
        case lower
        /// A letter of a script without case.
        case uncased
    }

    private static func letterCase(_ scalar: Unicode.Scalar?) -> LetterCase {
        guard let scalar, case let properties = scalar.properties, properties.isAlphabetic else { return .none }
        if WrittenCase.isGeorgian(scalar.value) { return .uncased }
        if properties.isUppercase || properties.generalCategory == .titlecaseLetter { return .upper }
        return properties.isLowercase ? .lower : .uncased
    }

    /// ``letterCase(_:)`` of U+0000–U+00FF, read without a property look-up.
    private static let latin1Cases: [LetterCase] = (0..<0x100).map { letterCase(Unicode.Scalar(UInt32($0))) }
}
