import Foundation
@testable import OnomaText
import Testing

/// Onoma's own Khmer transliterator (`Rules/khmer-latin.txt`, ``Transliteration/shippedKhmer``): ICU 72 has none, so a
/// Khmer name had no Latin form and nothing to match with. The names are CLDR's Khmer names of places.
@Suite struct KhmerTransliterationTests {
    let normalizer = NameNormalizer()

    /// Every territory name CLDR gives in Khmer gets a Latin form of Latin letters only.
    @Test func territoryNamesAreRead() throws {
        let (count, unread) = try LetterRespellingsTests.unreadTerritoryNames("km", normalizer: normalizer)
        #expect(count > 150, "CLDR gave \(count) Khmer territory names")
        #expect(unread.isEmpty, "\(unread.count) names keep Khmer letters: \(unread.prefix(8))")
    }

    /// What the rules do, one convention a row.
    @Test(arguments: [
        ("កាណាដា", "kanada"),           // Canada: written vowels
        ("កម្ពុជា", "kampuja"),          // Cambodia: the inherent vowel, a subscript consonant, ជ j
        ("វៀតណាម", "vietnam"),          // Vietnam: a syllable's last consonant carries no vowel
        ("អាល្លឺម៉ង់", "alleumang"),       // Germany: the inherent vowel before a word's last consonant
        ("ភ្នំពេញ", "phnampenh"),        // Phnom Penh: the nasal after a bare consonant
        ("ប៉េកាំង", "pekang"),            // Beijing: ប៉ p, the nasal before ង
        ("ហ្គាណា", "gana"),              // Ghana: ហ្គ g
        ("ហ៊្វូណាហ៊្វូទី", "funafuti"),      // Funafuti: ហ្វ f, with a series sign after the h
        ("ឡុងដ៍", "lung"),               // London: the silent-letter mark drops its consonant
        ("អូមស្កិ៍", "umsk"),             // Omsk: ... or its vowel sign
    ])
    func latinForm(_ row: (name: String, latin: String)) throws {
        #expect(try normalizer.normalize(row.name).latin == row.latin)
    }

    /// A zero-width space parts the words of a script written without spaces, as CLDR parts Khmer names' words with
    /// it; in a Latin name it is dropped, as before.
    @Test func zeroWidthSpaceIsAWordBreakInKhmerOnly() throws {
        let khmer = try normalizer.normalize("សាំង\u{200B}វីនសេន")   // Saint Vincent
        #expect(khmer.normalized == "សាំង វីនសេន")
        #expect(khmer.latin == "sang vinsen")
        #expect(try normalizer.normalize("Pashi\u{200B}nyan").normalized == "Pashinyan")
    }
}
