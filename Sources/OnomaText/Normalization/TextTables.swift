/// The character tables of the normalization rules. Changing any of them changes keys: bump
/// ``NameNormalizer/keyFormatVersion``.
enum TextTables {
    /// Typographic apostrophes and look-alikes, unified to `'`: ’ ‘ ʼ ′ ´ ` ＇ ‛.
    static let apostrophes: Set<UInt32> = [0x2019, 0x2018, 0x02BC, 0x2032, 0x00B4, 0x0060, 0xFF07, 0x201B]

    /// Modifier letters that transliterations use as apostrophes (ʹ soft sign, ʺ hard sign, ʻ ʽ aspiration marks);
    /// kept in the normalized form, dropped inside words in keys.
    static let modifierApostrophes: Set<UInt32> = [0x02B9, 0x02BA, 0x02BB, 0x02BD, 0x02BE, 0x02BF]

    /// Typographic double quotes and guillemets, unified to `"`.
    static let quotes: Set<UInt32> = [0x201C, 0x201D, 0x201E, 0x201F, 0x2033, 0x00AB, 0x00BB, 0x2039, 0x203A, 0xFF02]

    /// Dashes and hyphens unified to `-` when they join two letters: ‐ ‑ ‒ – — ― − ﹣ －.
    static let dashes: Set<UInt32> = [0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xFE63, 0xFF0D]

    /// French elided words dropped from keys before an apostrophe: l'Arménie, d'Erevan, qu'Aliev.
    static let frenchElisions: Set<String> = [
        "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu",
    ]

    /// Letters that case folding and mark removal leave outside ASCII, folded for keys. Input is already folded.
    static let foldedLetters: [UInt32: String] = [
        0x00E6: "ae",  // æ
        0x0153: "oe",  // œ
        0x00F8: "o",   // ø
        0x0142: "l",   // ł
        0x0111: "d",   // đ
        0x00F0: "d",   // ð
        0x00FE: "th",  // þ
        0x0131: "i",   // ı
        0x0259: "a",   // ə (Azerbaijani)
        0x01DD: "a",   // ǝ
        0x0127: "h",   // ħ
        0x0167: "t",   // ŧ
        0x014B: "ng",  // ŋ
        0x0268: "i",   // ɨ
        0x0289: "u",   // ʉ
        0x025B: "e",   // ɛ
        0x0254: "o",   // ɔ
        0x0192: "f",   // ƒ
        0x0138: "q",   // ĸ
        0x0180: "b",   // ƀ
        0x01B6: "z",   // ƶ
        0x0237: "j",   // ȷ
    ]

    /// Code points below U+2000 that the normalized-form rules act on: format characters (soft hyphen, Arabic and
    /// Syriac marks, Mongolian vowel separator), whitespace (NEL, NBSP, Ogham space), apostrophes and quotes.
    static let attentionBelow2000: Set<UInt32> = [
        0x0085, 0x00A0, 0x00AD, 0x00AB, 0x00BB, 0x00B4, 0x02BC, 0x0600, 0x0601, 0x0602, 0x0603, 0x0604, 0x0605,
        0x061C, 0x06DD, 0x070F, 0x0890, 0x0891, 0x08E2, 0x1680, 0x180E,
    ]

    /// Whether the normalized-form rules leave `scalar` as it is, decided without a Unicode property look-up for the
    /// code points names are made of.
    @inline(__always)
    static func isPlain(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x80 { return v > 0x20 && v != 0x22 && v != 0x60 && v != 0x7F }
        if v < 0x2000 { return v >= 0xA0 && plainBits[Int(v >> 6)] & (1 << UInt64(v & 63)) != 0 }
        return false
    }

    /// Bit `v` is set when `v` (below U+2000) is not in ``attentionBelow2000``: the set as a bitmap, so that the
    /// per-character test of the normalized form reads one word instead of hashing.
    static let plainBits: [UInt64] = {
        var bits = [UInt64](repeating: ~0, count: 0x2000 / 64)
        for v in attentionBelow2000 { bits[Int(v >> 6)] &= ~(1 << UInt64(v & 63)) }
        return bits
    }()

    // MARK: - Per-character flags of the comparison key

    /// A nonspacing or enclosing mark (general category Mn or Me).
    static let markFlag: UInt8 = 1
    /// Unicode's Alphabetic property.
    static let alphabeticFlag: UInt8 = 2
    /// A character with a numeric type (digits, numerals, CJK numbers).
    static let numericFlag: UInt8 = 4
    /// Alphabetic, or a nonspacing or spacing mark (Mn, Mc): what may stand before a joining apostrophe.
    static let letterOrMarkFlag: UInt8 = 8
    /// One of ``apostrophes``, `'` or ``modifierApostrophes``.
    static let apostropheFlag: UInt8 = 16
    /// A key of ``foldedLetters``.
    static let foldedFlag: UInt8 = 32

    /// The flags the comparison key tests of each character, from Swift's Unicode properties and the sets above.
    static func computeKeyFlags(_ scalar: Unicode.Scalar) -> UInt8 {
        let properties = scalar.properties
        let category = properties.generalCategory
        var flags: UInt8 = 0
        if category == .nonspacingMark || category == .enclosingMark { flags |= markFlag }
        if properties.isAlphabetic { flags |= alphabeticFlag }
        if properties.numericType != nil { flags |= numericFlag }
        if properties.isAlphabetic || category == .nonspacingMark || category == .spacingMark {
            flags |= letterOrMarkFlag
        }
        if apostrophes.contains(scalar.value) || scalar == "'" || modifierApostrophes.contains(scalar.value) {
            flags |= apostropheFlag
        }
        if foldedLetters[scalar.value] != nil { flags |= foldedFlag }
        return flags
    }

    /// The code points below which ``keyFlags(_:)`` reads a table: the alphabets, Indic scripts, jamo (Hangul
    /// syllables decompose to them), symbols and punctuation. Above it (CJK, Hangul syllables, astral) the
    /// properties are asked each time; building the table costs ~3 ms once (the whole BMP would
    /// cost ~14 ms, a price every short run would pay).
    static let keyFlagsTableEnd: UInt32 = 0x3400

    /// ``computeKeyFlags(_:)`` of every code point below ``keyFlagsTableEnd`` (no surrogate is there).
    static let keyFlagsTable: [UInt8] = (0..<keyFlagsTableEnd).map { computeKeyFlags(Unicode.Scalar($0)!) }

    /// ``computeKeyFlags(_:)``, read from a table for most characters: the comparison key tests four or five
    /// properties and two sets per character, and Swift's property look-ups were ~4 % of the batch job's CPU.
    @inline(__always)
    static func keyFlags(_ scalar: Unicode.Scalar) -> UInt8 {
        scalar.value < keyFlagsTableEnd ? keyFlagsTable[Int(scalar.value)] : computeKeyFlags(scalar)
    }

    /// Scripts whose combining marks are diacritics that keys drop (accents, Arabic harakat, Hebrew niqqud).
    /// Marks of other scripts (Indic vowel signs, Thai tones) carry letters and stay.
    static func marksRemoved(afterBaseOf script: ICU.Script) -> Bool {
        switch script {
        case .latin, .greek, .cyrillic, .armenian, .georgian, .arabic, .hebrew, .common, .inherited: return true
        default: return false
        }
    }
}
