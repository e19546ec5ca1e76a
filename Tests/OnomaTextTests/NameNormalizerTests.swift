import Foundation
import OnomaText
import TestResources
import Testing

@Suite struct NameNormalizerTests {
    let normalizer = NameNormalizer()

    // MARK: - normalized

    static let normalizedCases: [(raw: String, normalized: String, rule: String)] = [
        ("  Nikol   Pachinian ", "Nikol Pachinian", "trim and collapse spaces"),
        ("Ilham\u{00A0}Aliev", "Ilham Aliev", "NBSP becomes a space"),
        ("Ilham\u{202F}Aliev", "Ilham Aliev", "narrow NBSP becomes a space"),
        ("Ilham\tAliev", "Ilham Aliev", "tab becomes a space"),
        ("l’Arménie", "l'Arménie", "right single quote is an apostrophe"),
        ("Oʼzbekiston", "O'zbekiston", "modifier apostrophe"),
        ("d′Erevan", "d'Erevan", "prime"),
        ("Haut‐Karabakh", "Haut-Karabakh", "hyphen U+2010"),
        ("Haut‑Karabakh", "Haut-Karabakh", "non-breaking hyphen"),
        ("Haut–Karabakh", "Haut-Karabakh", "en dash between letters"),
        ("Bakou – Erevan", "Bakou – Erevan", "en dash between spaces stays"),
        ("“Contrat civil”", "\"Contrat civil\"", "curly quotes"),
        ("Pachi\u{200B}nian", "Pachinian", "zero-width space removed"),
        ("\u{202B}Aliev\u{202C}", "Aliev", "bidi embedding removed"),
        ("\u{2067}Bakou\u{2069}", "Bakou", "bidi isolate removed"),
        ("Pachi\u{00AD}nian", "Pachinian", "soft hyphen removed"),
        ("\u{FEFF}Erevan", "Erevan", "BOM removed"),
        ("Azerbai\u{0308}djan", "Azerbaïdjan", "NFC composition"),
    ]

    @Test(arguments: normalizedCases)
    func normalizedForm(_ c: (raw: String, normalized: String, rule: String)) throws {
        let result = try normalizer.normalize(c.raw).normalized
        #expect(result == c.normalized, "\(c.rule): \(c.raw.debugDescription) gave \(result.debugDescription)")
    }

    // MARK: - key

    static let keyCases: [(raw: String, language: String?, key: String)] = [
        ("Azerbaïdjan", nil, "azerbaidjan"),
        ("Straße", nil, "strasse"),
        ("Œuvre", nil, "oeuvre"),
        ("Æsir", nil, "aesir"),
        ("Ørsted", nil, "orsted"),
        ("Łódź", nil, "lodz"),
        ("Đoković", nil, "dokovic"),
        ("Əliyev", nil, "aliyev"),
        ("İlham Əliyev", "az", "ilham aliyev"),
        ("ILHAM", "az", "ilham"),
        ("Haut-Karabakh", nil, "haut karabakh"),
        ("Bayraktar TB2", nil, "bayraktar tb2"),
        ("US-OTAN", nil, "us otan"),
        ("O'Brien", nil, "obrien"),
        ("l'Arménie", "fr", "armenie"),
        ("L’Arménie", "fr", "armenie"),
        ("d'Erevan", "fr", "erevan"),
        ("qu'Aliev", "fr", "aliev"),
        ("jusqu'à Bakou", "fr", "a bakou"),
        ("République d'Azerbaïdjan", "fr", "republique azerbaidjan"),
        ("l'Arménie", nil, "larmenie"),
        ("Пашинян", "ru", "пашинян"),
        ("Хрущёв", "ru", "хрущев"),
        ("ＡＢＣ", nil, "abc"),
        ("Ilham Aliev,", nil, "ilham aliev"),
        ("« Casques bleus »", nil, "casques bleus"),
    ]

    @Test(arguments: keyCases)
    func comparisonKey(_ c: (raw: String, language: String?, key: String)) throws {
        let result = try normalizer.normalize(c.raw, language: c.language).key
        #expect(result == c.key, "\(c.raw) [\(c.language ?? "-")] gave \(result)")
    }

    // MARK: - script and latin

    static let latinCases: [(raw: String, language: String?, script: String, latin: String)] = [
        ("Пашинян", "ru", "Cyrillic", "Pashinyan"),
        ("Пашинян", nil, "Cyrillic", "Pashinyan"),
        ("Алиев", "ru", "Cyrillic", "Aliyev"),
        ("Երևան", "hy", "Armenian", "Yerevan"),
        ("Երևան", nil, "Armenian", "Yerevan"),
        ("Київ", "uk", "Cyrillic", "Kyyiv"),
        ("Київ", nil, "Cyrillic", "Kyyiv"),
        ("Қазақстан", nil, "Cyrillic", "Qazaqstan"),
        ("Бакы", "ru", "Cyrillic", "Baky"),
        ("Bakou", "fr", "Latin", "Bakou"),
        ("Илһам Әлијев", "az", "Cyrillic", "İlham Əliyev"),
        ("Илһам Әлијев", nil, "Cyrillic", "İlham Əliyev"),
        ("თბილისი", nil, "Georgian", "tbilisi"),
        ("Αθήνα", "el", "Greek", "Athína"),
        // ICU's Arabic BGN leaves the hamza of أ (U+0654) and of إ (as U+0339): the Latin form drops them.
        ("أحمد", "ar", "Arabic", "ḩmd"),
        ("إيران", "ar", "Arabic", "yrạn"),
        ("رجب طيب أردوغان", "ar", "Arabic", "rjb ţyb rdwghạn"),
        ("1920", nil, "Common", "1920"),
    ]

    @Test(arguments: latinCases)
    func scriptAndLatin(_ c: (raw: String, language: String?, script: String, latin: String)) throws {
        let result = try normalizer.normalize(c.raw, language: c.language)
        #expect(result.script == c.script, "\(c.raw): script \(result.script)")
        #expect(result.latin == c.latin, "\(c.raw) [\(c.language ?? "-")]: latin \(result.latin)")
    }

    /// Mostly Latin names with a word in another script: that word is transliterated too (ICU's `Any-Latin`), the
    /// Latin words are left as they are; a script neither ICU nor Onoma's respellings read (Vai) is left as well.
    /// Cherokee and Chakma, which ICU does not read, are respelled (`Rules/letter-respellings.txt`).
    static let mixedCases: [(raw: String, latin: String, readable: Bool)] = [
        ("Samsung 갤럭시", "Samsung gaelleogsi", true),
        ("Rankin Inlet ራንኪን ኢንሌት", "Rankin Inlet rānǝkin inǝlet", true),
        ("Tìmɔ̂r lìkòl ଚିହୁଆହୁଆ", "Tìmɔ̂r lìkòl cihu'āhu'ā", true),
        ("Lasinn ማኮንዴ", "Lasinn mākonǝde", true),
        ("Rankin Inlet ᎪᏱᎳᏈᎶ", "Rankin Inlet goyilakwilo", true),
        ("Rankin Inlet 𑄃𑄨𑄚𑄴𑄣𑄬𑄑𑄴", "Rankin Inlet a\u{314}inlēṭ", true), // ICU's mark for a vowel sign on a vowel
        ("Monrovia ꕞꔤꔫꕩ", "Monrovia ꕞꔤꔫꕩ", false),
    ]

    @Test(arguments: mixedCases)
    func otherScriptWordsOfALatinNameAreTransliterated(_ c: (raw: String, latin: String, readable: Bool)) throws {
        let result = try normalizer.normalize(c.raw)
        #expect(result.script == "Latin", "\(c.raw): script \(result.script)")
        #expect(result.latin == c.latin, "\(c.raw): latin \(result.latin)")
        #expect(NameNormalizer.hasNonLatinLetter(result.latin) == !c.readable, "\(c.raw): \(result.latin)")
        let memoized = try normalizer.normalize(c.raw, memo: NormalizationMemo())
        #expect(memoized == result, "\(c.raw): \(memoized) vs \(result)")
    }

    @Test func nonLatinLettersAreFound() {
        for text in ["Bakou", "Tìmɔ̂r lìkòl", "Ḥalab", "1920 – ª", "\u{301}", "Ꞌ"] {
            #expect(!NameNormalizer.hasNonLatinLetter(text), "\(text)")
        }
        for text in ["Москва City", "x ა", "Αθήνα", "東京", "ᎪᏱᎳᏈᎶ"] {
            #expect(NameNormalizer.hasNonLatinLetter(text), "\(text)")
        }
    }

    @Test func languageHintUsedOnlyForItsScript() throws {
        // A Russian hint on an Armenian-script name must not pick the Russian transliterator.
        let result = try normalizer.normalize("Երևան", language: "ru")
        #expect(result.latin == "Yerevan")
    }

    // MARK: - errors

    @Test func emptyAndBlankNamesAreErrors() {
        #expect(throws: NameError.empty) { try normalizer.normalize("") }
        #expect(throws: NameError.empty) { try normalizer.normalize(" \u{00A0}\u{200B} ") }
    }

    @Test func nulAndOverlongNamesAreErrors() {
        #expect(throws: NameError.nul(offset: 3)) { try normalizer.normalize("Bak\0ou") }
        let long = String(repeating: "a", count: NameNormalizer.maximumLength + 1)
        #expect(throws: NameError.self) { try normalizer.normalize(long) }
    }

    // MARK: - real data

    @Test func namesOfTheExampleArticle() throws {
        // Capitalized words of the French article excerpt: every one normalizes and keeps its letters.
        let text = try CorpusFixtures.frenchExcerpt
        let words = try ICU.wordSegments(text, locale: "fr").filter(\.isWord).map {
            String(decoding: Array(text.utf16)[$0.range], as: UTF16.self)
        }.filter { $0.contains(where: \.isUppercase) }
        #expect(words.count > 20)
        for word in words {
            let name = try normalizer.normalize(word, language: "fr")
            #expect(!name.key.isEmpty && name.script == "Latin", "\(word) → \(name)")
            #expect(name.key.allSatisfy { $0.isASCII }, "\(word) key \(name.key) is not ASCII")
        }
        let keys = Set(try words.map { try normalizer.normalize($0, language: "fr").key })
        for expected in ["aliev", "pachinian", "erevan", "bakou", "armenie", "karabakh", "erdogan"] {
            #expect(keys.contains(expected), "missing key \(expected)")
        }
    }

    @Test func memoGivesTheSameResultsAsWholeNames() throws {
        // The word memo is a cache: with it, every form must be exactly what the whole-name path gives.
        var names = Self.normalizedCases.map(\.raw) + Self.keyCases.map(\.raw) + Self.latinCases.map(\.raw)
        names += try CorpusFixtures.frenchExcerpt.split(whereSeparator: { ".,;:«»\n".contains($0) }).map(String.init)
        names += ["डेनमार्क \u{301}pakas", "ab \u{301}c", "Степанакерт Шуша", "Илһам Әлијев Бакы", "Փաշինյան Նիկոլ", "Киев Київ", "O'Brien l'Arménie"]
        let memo = NormalizationMemo(limit: 8)  // small, so the memo also empties itself during the test
        for language in [nil, "fr", "ru", "az"] {
            for name in names where !name.trimmingCharacters(in: .whitespaces).isEmpty {
                let plain = try normalizer.normalize(name, language: language)
                let memoized = try normalizer.normalize(name, language: language, memo: memo)
                #expect(plain == memoized, "\(name) [\(language ?? "-")]: \(plain) vs \(memoized)")
            }
        }
    }

    @Test func keyFormatVersionIsRecorded() {
        #expect(NameNormalizer.keyFormatVersion >= 1)
    }
}
