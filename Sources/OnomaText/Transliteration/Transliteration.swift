import Foundation

/// How Onoma chooses a Latin transliteration for a name.
///
/// The language hint wins when its usual script is the name's script (`ru` → `Russian-Latin/BGN`); otherwise the
/// name's script decides (Cyrillic → `Russian-Latin/BGN`), and anything else goes through ICU's `Any-Latin`.
/// BGN/PCGN systems are preferred because they are what English-language gazetteers and news use.
public enum Transliteration {
    /// ICU transliterator per primary language subtag, with the script that language is written in.
    public static let byLanguage: [String: (script: String, id: String)] = [
        "ru": ("Cyrl", "Russian-Latin/BGN"),
        "uk": ("Cyrl", "Ukrainian-Latin/BGN"),
        "be": ("Cyrl", "Belarusian-Latin/BGN"),
        "bg": ("Cyrl", "Bulgarian-Latin/BGN"),
        "sr": ("Cyrl", "Serbian-Latin/BGN"),
        "mk": ("Cyrl", "Macedonian-Latin/BGN"),
        "kk": ("Cyrl", "Kazakh-Latin/BGN"),
        "ky": ("Cyrl", "Kirghiz-Latin/BGN"),
        "mn": ("Cyrl", "Mongolian-Latin/BGN"),
        "az": ("Cyrl", "Azerbaijani-Latin/BGN"),
        "uz": ("Cyrl", "Uzbek-Latin/BGN"),
        "tk": ("Cyrl", "Turkmen-Latin/BGN"),
        "hy": ("Armn", "Armenian-Latin/BGN"),
        "ka": ("Geor", "Georgian-Latin/BGN"),
        "el": ("Grek", "Greek-Latin/BGN"),
        "he": ("Hebr", "Hebrew-Latin/BGN"),
        "ar": ("Arab", "Arabic-Latin/BGN"),
        "fa": ("Arab", "Persian-Latin/BGN"),
        "ps": ("Arab", "Pashto-Latin/BGN"),
        "am": ("Ethi", "Amharic-Latin/BGN"),
        "ko": ("Hang", "Korean-Latin/BGN"),
        "dv": ("Thaa", "Maldivian-Latin/BGN"),
    ]

    /// ICU transliterator per script (ISO 15924 code) when the language does not decide.
    public static let byScript: [String: String] = [
        "Cyrl": "Russian-Latin/BGN",
        "Armn": "Armenian-Latin/BGN",
        "Geor": "Georgian-Latin/BGN",
        "Grek": "Greek-Latin/BGN",
        "Hebr": "Hebrew-Latin/BGN",
        "Arab": "Arabic-Latin/BGN",
        "Hang": "Korean-Latin/BGN",
        "Hani": "Han-Latin",
        "Thaa": "Maldivian-Latin/BGN",
        "Ethi": "Amharic-Latin/BGN",
        "Khmr": shippedKhmer,
        "Laoo": shippedLao,
    ]

    /// Onoma's own Khmer transliterator (``shippedRuleFiles``): ICU 72 has none.
    public static let shippedKhmer = "Khmer-Latin/Onoma"

    /// Onoma's own Lao transliterator (``shippedRuleFiles``): ICU 72 has none.
    public static let shippedLao = "Lao-Latin/Onoma"

    /// Onoma's own transliterators with the code points of the script each reads: `Any-Latin` leaves that script's
    /// letters unread, so a word in it inside a name of another script (*Laos ລາວ*) is read by these afterwards.
    static let shippedScripts: [(id: String, letters: ClosedRange<UInt32>)] = [
        (shippedKhmer, 0x1780...0x17FF), (shippedLao, 0x0E80...0x0EFF),
    ]

    /// Transliterators Onoma ships as rule files in `Rules/`, by ID, for scripts ICU has none for:
    /// ``ICU/TransliteratorPool/shared`` compiles them from the file when an ID is first asked for.
    public static let shippedRuleFiles: [String: String] = [
        shippedKhmer: "khmer-latin.txt", shippedLao: "lao-latin.txt",
    ]

    /// The rule text of a shipped transliterator; nil for an ID Onoma does not ship. The files are part of the
    /// package, so one that cannot be read is a packaging error (ICU then refuses the ID as unknown), which
    /// `KhmerTransliterationTests` catches.
    static func shippedRules(_ id: String) -> String? {
        guard let file = shippedRuleFiles[id] else { return nil }
        return try? String(contentsOf: Bundle.module.rulesFolder.appendingPathComponent(file), encoding: .utf8)
    }

    /// Letters that only some languages of a script use, checked in order when no usable language hint is given:
    /// the first language whose letters appear in the name chooses the transliterator (Київ → Ukrainian).
    public static let distinctiveLetters: [(script: String, letters: Set<Character>, language: String)] = [
        ("Cyrl", ["ҹ", "ҝ", "Ҹ", "Ҝ"], "az"),
        ("Cyrl", ["ұ", "қ", "ғ", "ң", "Ұ", "Қ", "Ғ", "Ң"], "kk"),
        ("Cyrl", ["ә", "Ә"], "az"),
        ("Cyrl", ["ў", "Ў"], "be"),
        ("Cyrl", ["ї", "є", "ґ", "Ї", "Є", "Ґ", "і", "І"], "uk"),
        ("Cyrl", ["ђ", "ћ", "Ђ", "Ћ"], "sr"),
        ("Cyrl", ["ѓ", "ќ", "ѕ", "Ѓ", "Ќ", "Ѕ"], "mk"),
        ("Cyrl", ["љ", "њ", "џ", "ј", "Љ", "Њ", "Џ", "Ј"], "sr"),
        ("Cyrl", ["ө", "ү", "Ө", "Ү"], "mn"),
        ("Arab", ["ټ", "ډ", "ړ", "ښ", "ږ", "ځ", "څ", "ګ", "ڼ"], "ps"),
        ("Arab", ["پ", "چ", "ژ", "گ", "ک", "ی"], "fa"),
    ]

    /// `distinctiveLetters` as one table from code point to the rank of its first entry, for a single pass over a name.
    private static let distinctiveRank: [UInt32: Int] = {
        var table: [UInt32: Int] = [:]
        for (rank, entry) in distinctiveLetters.enumerated() {
            for letter in entry.letters {
                for scalar in letter.unicodeScalars where table[scalar.value] == nil { table[scalar.value] = rank }
            }
        }
        return table
    }()

    /// The scripts of `distinctiveLetters`.
    private static let distinctiveScripts = Set(distinctiveLetters.map(\.script))

    /// The ICU transliterator ID for `text` in `script` with the language hint `language`.
    public static func transliteratorID(for script: ICU.Script, language: LanguageHint, text: String = "") -> String {
        let code = script.shortName
        if let language = language.language, let entry = byLanguage[language], entry.script == code {
            return entry.id
        }
        var best = Int.max
        // Only scripts that have distinctive letters can match one (Cyrillic and Arabic today).
        if distinctiveScripts.contains(code) {
            for scalar in text.unicodeScalars {
                if let rank = distinctiveRank[scalar.value], rank < best, distinctiveLetters[rank].script == code {
                    best = rank
                }
            }
        }
        if best < distinctiveLetters.count, let id = byLanguage[distinctiveLetters[best].language]?.id { return id }
        return byScript[code] ?? "Any-Latin"
    }
}
