import Foundation

/// Letters ICU's transliterators leave unread, respelled before transliteration as letters they read
/// (`Rules/letter-respellings.txt`): Urdu, Sindhi, Kurdish … letters as the Arabic or Persian letter they are drawn
/// from (ٹ → ت), Malayalam as Devanagari, whose vowel signs and final consonants ICU reads (മോസ്കോ → मोस्को, *mōskō*).
///
/// The file's header tells which letters and why. A name without any of them is returned as it is, after a scan of
/// its scalars against the table's range.
///
/// `Sendable` notes: immutable after `init`.
package struct LetterRespellings: Sendable {
    /// The shipped table. Its text is part of the package, so a malformed line is a packaging error, which
    /// `LetterRespellingsTests` catches; here it stops the process with the file's line.
    package static let shipped: LetterRespellings = {
        let file = Bundle.module.rulesFolder.appendingPathComponent("letter-respellings.txt")
        do {
            return try LetterRespellings(text: String(contentsOf: file, encoding: .utf8))
        } catch {
            fatalError("\(file.path): \(error)")
        }
    }()

    /// What each letter is respelled as.
    private let table: [UInt32: [Unicode.Scalar]]
    /// The lowest and highest letters of the table: most names hold none in this range.
    private let range: ClosedRange<UInt32>

    /// Parses the table: `U+XXXX > [U+XXXX …]` lines (nothing after `>` drops the letter), then an optional `#`
    /// comment; `#` lines and blank lines are skipped.
    ///
    /// - Throws: ``RespellingError`` naming the line when one is malformed or respells a letter twice.
    package init(text: String) throws(RespellingError) {
        func scalar(_ field: Substring) -> Unicode.Scalar? {
            guard field.hasPrefix("U+"), let value = UInt32(field.dropFirst(2), radix: 16) else { return nil }
            return Unicode.Scalar(value)
        }
        var table: [UInt32: [Unicode.Scalar]] = [:]
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let content = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
            if content.allSatisfy(\.isWhitespace) { continue }
            let fields = content.split(whereSeparator: \.isWhitespace)
            let targets = fields.dropFirst(2).map(scalar)
            guard fields.count >= 2, fields[1] == ">", let letter = scalar(fields[0]),
                  targets.allSatisfy({ $0 != nil }) else {
                throw RespellingError(line: number + 1, message: "expected `U+XXXX > [U+XXXX …]`, found: \(line)")
            }
            guard table[letter.value] == nil else {
                throw RespellingError(line: number + 1, message: "U+\(String(letter.value, radix: 16)) is listed twice")
            }
            table[letter.value] = targets.compactMap { $0 }
        }
        self.table = table
        self.range = (table.keys.min() ?? 1)...(table.keys.max() ?? 0)
    }

    /// `text` with each listed letter respelled, an apostrophe after a Devanagari consonant as the vowel sign o
    /// (``isBodoO(_:after:)``) and one after a Hebrew gimel, zayin or tsadi as a geresh (``isHebrewGeresh(_:after:)``);
    /// `text` itself when it holds neither a listed letter nor an apostrophe.
    package func apply(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard scalars.contains(where: { $0 == "'" || range.contains($0.value) && table[$0.value] != nil }) else {
            return text
        }
        var out = String.UnicodeScalarView()
        var previous: UInt32 = 0
        for scalar in scalars {
            if Self.isBodoO(scalar, after: previous) {
                out.append(Self.devanagariVowelSignO)
            } else if Self.isHebrewGeresh(scalar, after: previous) {
                out.append(Self.hebrewGeresh)
            } else if let respelled = table[scalar.value] {
                out.append(contentsOf: respelled)
            } else {
                out.append(scalar)
            }
            previous = scalar.value
        }
        return String(out)
    }

    /// Whether `scalar` is Bodo's sign for the vowel *o* (ɔ): an apostrophe (’, which normalization makes `'`) right
    /// after a Devanagari consonant (*न’म*, Nome; *टरन्ट’*, Toronto). ICU's Devanagari-Latin keeps it as an
    /// apostrophe after the consonant's inherent *a* (*na'ma*), which the keys part words at; respelled as the vowel
    /// sign ो, ICU reads it *ō* (*nōma*). No other language writes an apostrophe inside a Devanagari word.
    static func isBodoO(_ scalar: Unicode.Scalar, after previous: UInt32) -> Bool {
        scalar == "'" && isDevanagariConsonant(previous)
    }

    /// A Devanagari consonant letter, or the nukta that follows one (U+0915–U+0939, U+093C, U+0958–U+095F).
    static func isDevanagariConsonant(_ value: UInt32) -> Bool {
        (0x915...0x939).contains(value) || value == 0x93C || (0x958...0x95F).contains(value)
    }

    /// U+094B DEVANAGARI VOWEL SIGN O.
    static let devanagariVowelSignO: Unicode.Scalar = "\u{094B}"

    /// Whether `scalar` is a Hebrew geresh typed as an apostrophe (’, which normalization makes `'`), as most Hebrew
    /// text types it: right after gimel, zayin or tsadi it marks the foreign sound ICU reads from the geresh ׳ itself
    /// (ג׳ *ǧ*, j: *ג'ו ביידן*, Joe Biden; ז׳ *ž*; צ׳ *č*: *תאצ'ר*, Thatcher), while the apostrophe was read as an alef
    /// (*g'w*, *gau*). Respelled as the geresh.
    static func isHebrewGeresh(_ scalar: Unicode.Scalar, after previous: UInt32) -> Bool {
        scalar == "'" && (previous == 0x5D2 || previous == 0x5D6 || previous == 0x5E6 || previous == 0x5E5)
    }

    /// U+05F3 HEBREW PUNCTUATION GERESH.
    static let hebrewGeresh: Unicode.Scalar = "\u{05F3}"
}

/// A malformed line of a respelling table.
package struct RespellingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The line, from 1.
    package var line: Int
    /// What is wrong with it.
    package var message: String

    package var description: String { "letter-respellings.txt line \(line): \(message)" }
}
