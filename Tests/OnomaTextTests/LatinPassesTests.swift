import Foundation
@testable import OnomaText
import TestResources
import Testing

/// ``LatinPasses``, the character maps that stand in for ICU's `Any-NFC`, `Any-Lower` and `Latin-ASCII` on Latin
/// text, against ICU itself: each character of the covered ranges between neighbours (the maps are read from ICU one
/// character at a time, so it is the neighbours that could differ), and the shipped glossaries' Latin terms.
@Suite struct LatinPassesTests {
    static let pool = ICU.TransliteratorPool.shared

    /// Every character the maps cover.
    static let covered: [UInt32] = LatinPasses.ranges.flatMap { Array($0) }

    /// Neighbours put before and after each character: ASCII letters in both cases, a digit, a space, and covered
    /// letters that decompose, lower-case to two characters or fold to two letters.
    static let neighbours = ["a", "Z", "e", "1", " ", "é", "Ø", "ǅ", "İ", "ß", "ẞ", "ǖ", "Ṩ", "æ"]

    /// The texts tried: each covered character alone, after and before each neighbour, and between two of them.
    static let texts: [String] = covered.flatMap { value -> [String] in
        let c = String(Unicode.Scalar(value)!)
        return [c] + neighbours.map { $0 + c } + neighbours.map { c + $0 } + ["a\(c)e", "É\(c)ß", "\(c)\(c)"]
    }

    /// The shipped terms written in ASCII and the covered letters only (the others go to ICU anyway).
    static let latinTerms: [String] = CorpusFixtures.shippedGlossaryTerms.filter { term in
        term.unicodeScalars.allSatisfy { $0.value < 0x80 || LatinPasses.slot($0.value) >= 0 }
    }

    static func scalars(_ text: String) -> [UInt32] { text.unicodeScalars.map(\.value) }
    static func string(_ scalars: [UInt32]) -> String {
        String(String.UnicodeScalarView(scalars.map { Unicode.Scalar($0)! }))
    }

    /// The inputs (first few) on which a map differs from ICU's transliterator `id`.
    static func differences(_ id: String, _ map: (LatinPasses, [UInt32]) -> [UInt32]?) throws -> [String] {
        let latin = try #require(LatinPasses.shared)
        var differing: [String] = []
        for text in texts + latinTerms {
            let expected = try pool.transform(text, with: id)
            guard let actual = map(latin, scalars(text)).map(string) else {
                differing.append("\(text.debugDescription): not covered")
                continue
            }
            if actual != expected, differing.count < 10 {
                differing.append("\(text.debugDescription) → \(actual.debugDescription), "
                    + "ICU \(expected.debugDescription)")
            }
        }
        return differing
    }

    @Test func theMapsAreBuiltFromICU() throws {
        let latin = try #require(LatinPasses.shared)
        #expect(latin.nfcUnchanged.count == LatinPasses.count)
        #expect(latin.lower.starts.count == LatinPasses.count + 1)
        #expect(Self.latinTerms.count > 5_000)
    }

    @Test func latinASCIIMatchesICU() throws {
        #expect(try Self.differences("Latin-ASCII") { $0.apply($0.ascii, to: $1) } == [])
    }

    @Test func lowerMatchesICU() throws {
        let asciiLower: (UInt32) -> UInt32 = { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
        #expect(try Self.differences("Any-Lower") { $0.apply($0.lower, to: $1, ascii: asciiLower) } == [])
    }

    @Test func nfcCheckMatchesICU() throws {
        let latin = try #require(LatinPasses.shared)
        var differing: [String] = []
        for text in Self.texts + Self.latinTerms {
            let expected = try ICU.isNormalized(text, .nfc)
            if latin.isNFC(Self.scalars(text)) != expected { differing.append(text.debugDescription) }
        }
        #expect(differing.prefix(10) == [])
    }

    /// Characters outside the ranges (a combining accent, Greek, Cyrillic) are left to ICU: the maps decline them.
    @Test(arguments: ["e\u{301}", "Ωμέγα", "Пашинян", "a\u{2019}b"])
    func otherCharactersAreDeclined(text: String) throws {
        let latin = try #require(LatinPasses.shared)
        let scalars = Self.scalars(text)
        #expect(latin.apply(latin.ascii, to: scalars) == nil)
        #expect(latin.apply(latin.lower, to: scalars) == nil)
        #expect(latin.isNFC(scalars) == nil)
    }
}
