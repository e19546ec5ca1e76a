import Foundation
@testable import OnomaText
import Testing

/// Onoma's own Lao transliterator (`Rules/lao-latin.txt`, ``Transliteration/shippedLao``): ICU 72 has none, and the
/// Thai letters Lao had been respelled as misread Lao's own vowel spellings. The names are CLDR's Lao names of places
/// (that every Lao territory name gets a Latin form is `LetterRespellingsTests.territoryNamesAreRead`).
@Suite struct LaoTransliterationTests {
    let normalizer = NameNormalizer()

    /// What the rules do, one convention a row (the Thai respelling's reading in the comment).
    @Test(arguments: [
        ("ລາວ", "lao"),               // Laos: ວ after a is o (lāw)
        ("ແຄນາດາ", "khænada"),         // Canada: ແ æ, as the Thai reading writes แ
        ("ເກຣນາດາ", "krenada"),        // Grenada: ເ read after the cluster kr
        ("ໂບລິເວຍ", "boliwia"),        // Bolivia: no cluster before a vowel sign; ເ-ຍ ia
        ("ກິນີ-ບິສເຊົາ", "kini-bissao"), // Guinea-Bissau: ເ-ົາ ao (s̄ seạā)
        ("ພະນົມເປັນ", "phanompen"),    // Phnom Penh: ົ o, ເ-ັ e (pha nạmpeạn)
        ("ຊາມົວ", "samua"),            // Samoa: -ົວ ua (sāmạw)
        ("ດໍສັນ", "dosan"),            // Dawson: ໍ o (d̊ s̄ạn)
        ("ມອນເຊີຣາດ", "monserad"),     // Montserrat: ອ the vowel o, ເ-ີ e
        ("ອອສເທຣຍ", "osthria"),       // Austria: ອ carrying a vowel is silent
        ("ໂມຣັອກໂຄ", "morokkho"),      // Morocco: -ັອ o
        ("ພາຣາກວຍ", "pharakuai"),      // Paraguay: ວ between consonants ua, ຍ after a vowel i
        ("ເບີມິວດາ", "bemiuda"),        // Bermuda: ເ-ີ e, ວ after i u (beī mi w dā)
        ("ໝູ່ເກາະຄຸກ", "mukokhuk"),     // Cook Islands: ໝ (ຫ + ມ) m, the tone mark dropped
        ("ນໍຟອລ໌ກ", "nofolk"),          // Norfolk: the letter the cancellation mark silences is kept
    ])
    func latinForm(_ row: (name: String, latin: String)) throws {
        #expect(try normalizer.normalize(row.name).latin == row.latin)
    }

    /// A Lao or Khmer word inside a name of another script is read by Onoma's own transliterators too: ICU's
    /// `Any-Latin`, which reads the rest of such a name, leaves their letters as they are.
    @Test(arguments: [
        ("Laos ລາວ", "Laos lao"), ("Лаос ລາວ", "Laos lao"), ("Kampuchea កម្ពុជា", "Kampuchea kampuja"),
        ("ລາວ Laos", "lao Laos"),
    ])
    func wordsInANameOfAnotherScriptAreRead(_ row: (name: String, latin: String)) throws {
        #expect(try normalizer.normalize(row.name).latin == row.latin)
    }
}
