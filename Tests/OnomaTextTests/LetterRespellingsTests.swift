import Foundation
@testable import OnomaText
import Testing

/// `Rules/letter-respellings.txt`: letters ICU's transliterators leave unread get a Latin form.
@Suite struct LetterRespellingsTests {
    let normalizer = NameNormalizer()

    /// Locales whose names hold letters ICU 72 does not read: Urdu, Sindhi, Pashto, Central Kurdish and Uyghur in
    /// Arabic letters; Chechen, Chuvash and Tajik in Cyrillic; Malayalam; Sinhala and Tifinagh (Standard Moroccan
    /// Tamazight, Tachelhit), Cherokee and Chakma, which ICU has no transliterator for; Lao, which Onoma's own
    /// transliterator reads (`LaoTransliterationTests`).
    static let locales = ["ur", "sd", "ps", "ckb", "ug", "ce", "cv", "tg", "ml", "si", "lo", "zgh", "shi", "chr", "ccp"]

    /// Every territory name CLDR gives in these locales has a Latin form of Latin letters only. Without the table,
    /// Urdu *پاکستان* is read but *بنگلہ دیش* kept its *ہ*, Malayalam *ഇന്ത്യ* its vowel signs as *e + aa*, and
    /// every Sinhala and Lao name stayed as it was.
    @Test(arguments: locales)
    func territoryNamesAreRead(_ locale: String) throws {
        let (count, unread) = try Self.unreadTerritoryNames(locale, normalizer: normalizer)
        #expect(count > 150, "CLDR gave \(count) \(locale) territory names")
        #expect(unread.isEmpty, "\(unread.count) \(locale) names keep letters of their script: \(unread.prefix(8))")
    }

    /// How many territory names CLDR gives in `locale`, and those whose Latin form is empty or keeps a letter of
    /// another script (name → Latin form).
    static func unreadTerritoryNames(_ locale: String, normalizer: NameNormalizer) throws
        -> (count: Int, unread: [String])
    {
        var unread: [String] = []
        var count = 0
        for region in ICU.Locale.isoRegions {
            guard let name = ICU.Locale.regionName(region, in: locale), name.isOwnData else { continue }
            count += 1
            let latin = try normalizer.normalize(name.text, language: locale).latin
            if latin.isEmpty || NameNormalizer.hasNonLatinLetter(latin) { unread.append("\(name.text) → \(latin)") }
        }
        return (count, unread)
    }

    /// Real names and their Latin forms: the respelled letters read as their language says (CLDR's names of the
    /// cities and countries).
    static let latinCases: [(name: String, language: String?, latin: String)] = [
        ("ലണ്ടൻ", "ml", "laṇṭan"),         // London: chillu n
        ("മോസ്കോ", "ml", "mōskō"),         // Moscow: the o sign, not e + aa
        ("ബെർലിൻ", "ml", "berlin"),         // Berlin: chillu r and n
        ("കൊച്ചി", nil, "kocci"),           // Kochi: short o
        ("ලන්ඩන්", "si", "lanḍan"),         // London
        ("ටෝකියෝ", nil, "ṭōkiyō"),          // Tokyo
        ("කොළඹ", "si", "kōḷamba"),          // Colombo: prenasalized mb
        ("ব্ৰাজাভিলে", "as", "brājābhilē"), // Brazzaville: Assamese ra, not braājābhilē
        ("ৱিণ্ডহোক", "as", "biṇḍahōka"),   // Windhoek: Assamese wa, not raiṇḍahōka
        ("کەنەدا", "ckb", "kanadạ"),        // Canada: Kurdish ە a vowel, not khnhdạ
        ("بەھاما", "ckb", "bahạmạ"),        // Bahamas: not bhhạmạ
        ("بىرازىلىيە", "ug", "byrạzylyya"), // Brazil: Uyghur ە, not byrạzylyyh
        ("آبیجان", "fa", "abyjạn"),          // Abidjan: آ, which BGN dropped (byjạn)
        ("Африкаи Ҷанубӣ", "tg", "Afrikai Janubī"),  // South Africa: Tajik ҷ
        ("Баҳрайн", "tg", "Bahrayn"),                // Bahrain: Tajik ҳ
        ("Ҫӗнӗ Зеланди", "cv", "Sĕnĕ Zelandi"),      // New Zealand: Chuvash ҫ
        ("ГӀиргӀизойчоь", "ce", "Girgizoychoʹ"),     // Kyrgyzstan: the Chechen palochka
        ("ⴰⴼⵖⴰⵏⵉⵙⵜⴰⵏ", "zgh", "afghanistan"), // Afghanistan: Tifinagh ⵖ gh
        ("ᎠᎵᎹᏘ", "chr", "alimati"),          // Almaty: Cherokee syllables
        ("ᏉᎪᏔ", nil, "kwogota"),              // Bogotá: Ꮙ quo, romanized kwo
        ("𑄥𑄢𑄴𑄓𑄨𑄚𑄨𑄠𑄚𑄴", "ccp", "sarḍiniẏan"),   // Sardinia: Chakma as Bengali letters
        ("𑄣𑄨𑄌𑄴𑄝𑄧𑄚𑄴", "ccp", "licbōn"),         // Lisbon: Chakma's vowel sign a writes o
        ("न’म", "brx", "nōma"),                // Nome: Bodo's apostrophe after a consonant is the vowel o
        ("टरन्ट’", "brx", "ṭaranṭō"),          // Toronto (ICU kept the apostrophe: ṭaranṭa')
        ("ג'ורג' בוש", "he", "ǧwrǧ vwş"),     // George Bush: an apostrophe after gimel is its geresh (g'wrg')
        ("תאצ’ר", "he", "t'čr"),              // Thatcher: after tsadi (ẕ'), ’ as '
        ("ז'אק", "he", "ž'q"),                // Jacques: after zayin
        ("O’Higgins", nil, "O'Higgins"),      // an apostrophe after a Latin letter stays one
        ("ⵜⵛⴰⴷ", "shi", "tshad"),             // Chad: ⵛ sh
        ("ⵍⵄⵉⵔⴰⵇ", nil, "lɛiraq"),            // Iraq: ⵄ ɛ (ayin), ⵇ q
    ]

    /// ICU reads Assamese ৰ and ৱ as *ra* and the vowel sign after them as a vowel of its own (*ৰাম* gave *raāma*);
    /// respelled, no CLDR territory name in Assamese has *ra* before a long vowel's letter.
    @Test func assameseRaTakesItsVowelSign() throws {
        var misread: [String] = []
        for region in ICU.Locale.isoRegions {
            guard let name = ICU.Locale.regionName(region, in: "as"), name.isOwnData,
                  name.text.unicodeScalars.contains(where: { $0 == "\u{09F0}" || $0 == "\u{09F1}" }) else { continue }
            let latin = try normalizer.normalize(name.text, language: "as").latin
            if ["raā", "raē", "raī", "raō", "raū", "rai", "rau"].contains(where: latin.contains) {
                misread.append("\(name.text) → \(latin)")
            }
        }
        #expect(misread.isEmpty, "\(misread.prefix(8))")
    }

    @Test(arguments: latinCases)
    func latinForm(_ c: (name: String, language: String?, latin: String)) throws {
        #expect(try normalizer.normalize(c.name, language: c.language).latin == c.latin)
    }

    /// Urdu letters read as the Persian letters they are drawn from.
    @Test func urduLetters() throws {
        // ٹ (TTEH) as ت, ہ (HEH GOAL) as ه, ڈ (DDAL) as د, ھ (DO-CHASHMI HEH) as ه.
        let tokyo = try normalizer.normalize("ٹوکیو", language: "ur").latin
        let dhaka = try normalizer.normalize("ڈھاکہ", language: "ur").latin
        let rawalpindi = try normalizer.normalize("راولپنڈی", language: "ur").latin
        #expect(tokyo.hasPrefix("t") && !NameNormalizer.hasNonLatinLetter(tokyo), "\(tokyo)")
        #expect(dhaka.hasPrefix("dh") && !NameNormalizer.hasNonLatinLetter(dhaka), "\(dhaka)")
        #expect(rawalpindi.contains("pnd") && !NameNormalizer.hasNonLatinLetter(rawalpindi), "\(rawalpindi)")
    }

    /// Names without any listed letter are left as they are, and the table rejects malformed lines.
    @Test func parsing() throws {
        let table = try LetterRespellings(text: "# comment\nU+0679 > U+062A  # ٹ > ت\nU+0640 >\n")
        #expect(table.apply("ٹوکیو") == "توکیو")
        #expect(table.apply("محمـد") == "محمد")
        #expect(table.apply("Pachinian") == "Pachinian")
        #expect(throws: RespellingError.self) { try LetterRespellings(text: "U+0679 U+062A\n") }
        #expect(throws: RespellingError.self) { try LetterRespellings(text: "U+0679 > ت\n") }
        #expect(throws: RespellingError.self) { try LetterRespellings(text: "U+0679 > U+062A\nU+0679 > U+062B\n") }
        let error = try #require(throws: RespellingError.self) { try LetterRespellings(text: "\n\nx > y\n") }
        #expect(error.line == 3)
    }
}
