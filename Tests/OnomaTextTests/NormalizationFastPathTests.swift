import Foundation
import OnomaBatch
@testable import OnomaText
import Synchronization
import TestResources
import Testing

/// The normalizer's fast paths against the general ICU path they stand in for, on real names: every term of the
/// shipped glossaries (CLDR names in hundreds of locales and the curated glossary) and the edge cases of the rules.
@Suite struct NormalizationFastPathTests {
    let normalizer = NameNormalizer()

    /// Every term of `Glossaries/**/*.tsv` (language cells split on ` | `, `{…}` markers dropped), sorted.
    static let glossaryTerms: [String] = CorpusFixtures.shippedGlossaryTerms

    /// Hand-made names for the rules' edge cases: apostrophes, elision, casing, separators, invisible characters,
    /// combining marks and the letters keys fold.
    static let edgeCases: [String] = [
        "l'Arménie", "L'ARMÉNIE", "d'Erevan", "qu'Aliev", "jusqu'à Bakou", "presqu'île", "l'", "'l", "l''x", "''",
        "'t Hooft", "O'Brien", "Rock'n'Roll", "A`B", "`", "l`Arménie", "D'Artagnan", "QU'ALIEV", "lorsqu'il",
        "aujourd'hui", "c'est", "s'", "x'y'z", "St. Petersburg", "Jean-Marie Le Pen", "A--B", "-", "...", "a.b.c",
        "ISTANBUL", "İstanbul", "Diyarbakır", "DİYARBAKIR", "IĞDIR", "Iğdır", "ılıca", "İLHAM ƏLİYEV", "Əliyev",
        "Ilham\u{00A0}Aliev", "Ilham\u{202F}Aliev", "Ilham\u{200B}Aliev", "Nikol\u{200D}Pashinyan", "\u{FEFF}Bakou",
        "Ilham\u{2060}Aliev", "e\u{301}cole", "Éric", "E\u{301}ric", "Straße", "STRASSE", "Œuvre", "Ørsted",
        "Łódź", "Đakovo", "Þór", "Ǝ", "Mǝmmǝdov", "æble", "ﬁnland", "Ｆｕｌｌｗｉｄｔｈ", "①②", "2022", "G7", "x1'y",
        "Nagorno-Karabakh", "Haut‑Karabakh", "l’Arménie", "d’Erevan", "«Erevan»", "\"Erevan\"", "A/B", "A&B", "A+B",
        "Аліев", "Пашинян", "Փաշինյան", "ილჰამ ალიევი", "Αθήνα", "ירושלים", "طهران", "東京", "Ἀθῆναι", "ṭabrīz",
        "Oʻzbekiston", "Oʼzbekiston", "Qarabağ", "Şuşa", "Ağdam", "Xankəndi", "Илһам Әлијев", "Київ", "ǅemal",
        "ǈubljana", "ß", "ẞ", "ŉ", "ſ", "K", "Å", "ﬀ", "㎏", "Ⅻ", "x²", "½", "a\u{0308}\u{0301}", "\u{0301}a",
        "ab \u{301}c", "Ñandú", "ñandú", "Ça va", "ÇA VA", "Ἰωάννης", "ΣΊΣΥΦΟΣ", "ς", "ǰ", "İ", "ı", "I", "i",
    ]

    // MARK: - Keys of ASCII text

    @Test(arguments: [nil, "fr", "en", "de"] as [String?])
    func asciiKeysEqualTheICUPathOnEveryGlossaryTerm(language: String?) throws {
        let hint = LanguageHint(language)
        var checked = 0
        var variants: [String] = []
        for term in Self.glossaryTerms + Self.edgeCases {
            // The term, its upper- and lower-case forms, and its words apart (what the memo path keys).
            variants.removeAll(keepingCapacity: true)
            variants += [term, term.uppercased(), term.lowercased()]
            variants += term.split(separator: " ").map(String.init)
            for text in variants where text.utf8.allSatisfy({ $0 >= 0x20 && $0 <= 0x7E }) {
                let fast = NameNormalizer.asciiKey(text, elides: hint.elides)
                let slow = try normalizer.comparisonKeyICU(text, language: hint)
                #expect(fast == slow, "\(text) [\(language ?? "-")]: fast \(fast ?? "nil"), ICU \(slow)")
                checked += 1
            }
        }
        #expect(checked > 20_000, "only \(checked) ASCII texts checked")
    }

    @Test func asciiKeysOfEveryPrintableByteAndApostropheContext() throws {
        // Every printable ASCII character alone and between letters, digits, spaces and apostrophes.
        let contexts = ["", "a", "A", "1", " ", "'", "`", "l", "qu", "Z"]
        for language in [nil, "fr"] as [String?] {
            let hint = LanguageHint(language)
            for byte in UInt8(0x20)...UInt8(0x7E) {
                let c = String(UnicodeScalar(byte))
                for left in contexts {
                    for right in contexts {
                        let text = left + c + right
                        let fast = NameNormalizer.asciiKey(text, elides: hint.elides)
                        let slow = try normalizer.comparisonKeyICU(text, language: hint)
                        #expect(fast == slow, "\"\(text)\" [\(language ?? "-")]: fast \(fast ?? "nil"), ICU \(slow)")
                    }
                }
            }
        }
    }

    // MARK: - Keys of Latin text

    @Test(arguments: [nil, "fr", "de"] as [String?])
    func latinKeysEqualTheICUPathOnEveryGlossaryTerm(language: String?) throws {
        let hint = LanguageHint(language)
        var checked = 0
        for term in Self.glossaryTerms + Self.edgeCases {
            for text in [term, term.uppercased(), term.lowercased()] + term.split(separator: " ").map(String.init) {
                guard let fast = NameNormalizer.latinKey(text) else { continue }
                let slow = try normalizer.comparisonKeyICU(text, language: hint)
                #expect(fast == slow, "\(text) [\(language ?? "-")]: fast \(fast), ICU \(slow)")
                checked += 1
            }
        }
        #expect(checked > 10_000, "only \(checked) Latin texts checked")
    }

    @Test func latinKeysOfRandomTextOverTheirAlphabet() throws {
        // Every letter the table folds, ASCII letters, digits and separators, in random words of random lengths.
        let table = (UInt32(0xC0)...UInt32(0x24F)).filter { NameNormalizer.latinFolds[Int($0 - 0xC0)] != nil }
            .compactMap(Unicode.Scalar.init)
        #expect(table.count > 250)
        let alphabet = table + Array("aZqM09 -.,/".unicodeScalars)
        var random = SplitMix(seed: 0x0A0A)
        for language in [nil, "fr"] as [String?] {
            for _ in 0..<4_000 {
                var text = String.UnicodeScalarView()
                for _ in 0..<(1 + Int(random.next() % 12)) {
                    text.append(alphabet[Int(random.next() % UInt64(alphabet.count))])
                }
                let string = String(text)
                let fast = try #require(NameNormalizer.latinKey(string))
                let slow = try normalizer.comparisonKeyICU(string, language: LanguageHint(language))
                let codes = string.unicodeScalars.map { String($0.value, radix: 16) }
                #expect(fast == slow, "\(codes): fast \(fast), ICU \(slow)")
            }
        }
        // Letters whose key is not plain ASCII, apostrophes and Turkic casing are left to ICU.
        for text in ["ŉ", "Ŀ", "l'Arménie", "Éric’s", "Πάρος", "e\u{301}"] {
            #expect(NameNormalizer.latinKey(text) == nil, "\(text)")
        }
        #expect(try normalizer.comparisonKey("DİYARBAKIR", language: LanguageHint("tr"))
                == normalizer.comparisonKeyICU("DİYARBAKIR", language: LanguageHint("tr")))
    }

    @Test func asciiPathLeavesOtherTextToICU() {
        for text in ["Arménie", "Ilham\u{00A0}Aliev", "tab\there", "nul\u{0}x", "del\u{7F}", "Пашинян"] {
            #expect(NameNormalizer.asciiKey(text, elides: false) == nil, "\(text) took the ASCII path")
        }
    }

    @Test(arguments: ["tr", "az"])
    func turkicKeysDoNotTakeTheASCIIPath(language: String) throws {
        // Turkish and Azerbaijani casing goes through ICU's tr rules: the whole key equals the ICU path's.
        let hint = LanguageHint(language)
        for text in ["ISTANBUL", "Istanbul", "İstanbul", "DİYARBAKIR", "IĞDIR", "ılıca", "İLHAM ƏLİYEV", "I", "i"] {
            let key = try normalizer.comparisonKey(text, language: hint)
            #expect(key == (try normalizer.comparisonKeyICU(text, language: hint)), "\(text) [\(language)]")
        }
        #expect(try normalizer.normalize("DİYARBAKIR", language: language).key == "diyarbakir")
        #expect(try normalizer.normalize("IĞDIR", language: language).key == "igdir")
    }

    // MARK: - The word memo

    @Test(arguments: [nil, "fr", "ru", "tr", "az", "hy", "uk", "ar", "el"] as [String?])
    func memoizedFormsEqualWholeNameForms(language: String?) throws {
        // A sample of the glossary in every script (a fixed stride), plus the edge cases; two memos: a tiny one
        // that empties itself constantly, and one that keeps everything.
        let sample = stride(from: 0, to: Self.glossaryTerms.count, by: 23).map { Self.glossaryTerms[$0] }
            + Self.edgeCases
        let tiny = NormalizationMemo(limit: 5)
        let large = NormalizationMemo()
        for name in sample {
            let plain: NormalizedName
            do { plain = try normalizer.normalize(name, language: language) } catch {
                #expect(throws: NameError.self) { try normalizer.normalize(name, language: language, memo: tiny) }
                continue
            }
            for memo in [tiny, large] {
                let memoized = try normalizer.normalize(name, language: language, memo: memo)
                #expect(plain == memoized, "\(name) [\(language ?? "-")]: \(plain) vs \(memoized)")
            }
        }
        #expect(sample.count > 3_000)
    }

    @Test func memoSeparatesLanguagesAndTransliterators() throws {
        // The same word under two languages (elision) and two transliterators (by the name's script) in one memo.
        let memo = NormalizationMemo()
        #expect(try normalizer.normalize("l'Arménie", language: "fr", memo: memo).key == "armenie")
        #expect(try normalizer.normalize("l'Arménie", language: "en", memo: memo).key == "larmenie")
        #expect(try normalizer.normalize("l'Arménie", language: "fr", memo: memo).key == "armenie")
        let ru = try normalizer.normalize("Алиев", language: "ru", memo: memo).latin
        let az = try normalizer.normalize("Алиев", language: "az", memo: memo).latin
        #expect(ru == (try normalizer.normalize("Алиев", language: "ru").latin))
        #expect(az == (try normalizer.normalize("Алиев", language: "az").latin))
    }

    // MARK: - UTF-16 transcoding

    @Test func utf16TranscodingMatchesSwift() {
        for term in Self.glossaryTerms + Self.edgeCases + ["", "😀 emoji 𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "\u{10FFFF}\u{FFFF}\u{E000}"] {
            let units = ICU.withUTF16(term) { Array($0) }
            #expect(units == Array(term.utf16), "\(term): UTF-16 units differ")
            let back = units.withUnsafeBufferPointer { ICU.string(utf16: $0) }
            #expect(back == term && Array(back.utf8) == Array(term.utf8), "\(term): round trip gave \(back)")
        }
    }

    @Test func utf16DecodingRepairsUnpairedSurrogatesAsSwiftDoes() {
        // Random units biased towards surrogates, fixed seed: the result must be Swift's, byte for byte.
        var random = SplitMix(seed: 2026)
        let pool: [UInt16] = [0x41, 0xE9, 0x42F, 0x4E2D, 0xD800, 0xDBFF, 0xDC00, 0xDFFF, 0xD83D, 0xDE00, 0xFFFD, 0x7F]
        for _ in 0..<5_000 {
            let count = Int(random.next() % 9)
            let units = (0..<count).map { _ in pool[Int(random.next() % UInt64(pool.count))] }
            let ours = units.withUnsafeBufferPointer { ICU.string(utf16: $0) }
            let swift = String(decoding: units, as: UTF16.self)
            #expect(Array(ours.utf8) == Array(swift.utf8),
                    "\(units): \(ours.debugDescription) vs \(swift.debugDescription)")
        }
    }

    // MARK: - The batch job

    @Test func batchRowsEqualOneByOneNormalization() throws {
        // Small chunks and a small cache, so rows cross many chunks, repeat across them and outlive cache clears;
        // the job's rows must be what normalizing each name alone gives, in input order.
        let names = stride(from: 0, to: Self.glossaryTerms.count, by: 97).map { Self.glossaryTerms[$0] }
        var random = SplitMix(seed: 7)
        let input = (0..<6_000).map { _ in names[Int(random.next() % UInt64(names.count))] } + ["", "a\u{0}b"]
        let bytes = Array((input.joined(separator: "\n") + "\n").utf8)
        for language in [nil, "fr"] as [String?] {
            let job = BatchNormalizer(language: LanguageHint(language), output: .tsv, chunkSize: 300, cacheLimit: 500,
                                      workers: 2)
            var rows: [BatchRow] = []
            try job.run(sources: [InputSource(name: "names", bytes: bytes)], layout: .lines) { rows.append($0) }
            #expect(rows.map(\.input) == input)
            for (row, name) in zip(rows, input) {
                let expected = try? normalizer.normalize(name, language: language)
                #expect(row.name == expected,
                        "\(name): \(String(describing: row.name)) vs \(String(describing: expected))")
                #expect((row.error != nil) == (expected == nil), "\(name): error \(row.error ?? "none")")
            }
        }
    }

    @Test func batchErrorRowsAndCachedLinesAcrossChunks() throws {
        // Repeated bad rows: each invalid line is an error row naming its own place in the input (never a cached
        // copy of another's), repeated empty names are errors from the cache; every pre-encoded line equals the
        // row encoded afresh, and the chunks' error indexes are exactly the rows with an error.
        let long = String(repeating: "x", count: 70_000)
        var lines: [[UInt8]] = []
        var random = SplitMix(seed: 11)
        let names = ["Ереван", "Пашинян", "Tbilisi", "東京", "ꯃꯅꯤꯄꯨꯔ", "𑄌𑄋𑄴𑄟𑄳𑄦", "Ann\ta", ""]
        for i in 0..<3_000 {
            switch random.next() % 10 {
            case 0: lines.append([0x41, 0xFF, 0x42])
            case 1: lines.append(Array(long.utf8))
            default: lines.append(Array(names[i % names.count].utf8))
            }
        }
        var bytes: [UInt8] = []
        for line in lines { bytes += line + [0x0A] }
        let job = BatchNormalizer(language: LanguageHint(nil), output: .tsv, chunkSize: 100, workers: 2)
        let encoding = RowEncoding(format: .tsv, withEntity: false)
        var offset = 0
        var index = 0
        var errorRows: [Int] = []
        try job.runChunks(sources: [InputSource(name: "names", bytes: bytes)], layout: .lines, handle: { chunk in
            let encoded = chunk.encoded(upTo: chunk.count).flatMap { $0 }
            var fresh: [UInt8] = []
            for i in 0..<chunk.count {
                let row = chunk.row(i)
                let line = lines[index + i]
                #expect(row.line == index + i + 1)
                if line == [0x41, 0xFF, 0x42] {
                    #expect(row.error?.contains("byte offset \(offset + 1) in the file") == true,
                            "row \(index + i): \(row.error ?? "no error")")
                } else if line.count > 60_000 {
                    #expect(row.error?.hasPrefix("line too long") == true)
                } else if line.isEmpty {
                    #expect(row.error != nil)
                } else {
                    #expect(row.error == nil && row.input == String(decoding: line, as: UTF8.self))
                }
                if row.error != nil { errorRows.append(index + i) }
                encoding.appendInput(row.input, to: &fresh)
                fresh += encoding.tail(name: row.name, entity: row.entity, error: row.error)
                offset += line.count + 1
            }
            #expect(encoded == fresh, "chunk at row \(index)")
            #expect(chunk.errorRows.map { $0 + index } == errorRows.filter { $0 >= index })
            index += chunk.count
        })
        #expect(index == lines.count)
    }

    @Test func batchStopsCleanlyWhenTheHandlerThrows() throws {
        struct Stop: Error {}
        let input = (0..<5_000).map { "Name \($0 % 300)" }
        let bytes = Array((input.joined(separator: "\n") + "\n").utf8)
        let job = BatchNormalizer(language: LanguageHint(nil), output: .tsv, chunkSize: 256, workers: 2)
        var handled = 0
        #expect(throws: Stop.self) {
            try job.runChunks(sources: [InputSource(name: "names", bytes: bytes)], layout: .lines, handle: { chunk in
                handled += chunk.count
                if handled > 1_000 { throw Stop() }
            })
        }
        #expect(handled == 1_024, "handled \(handled) rows before stopping")
    }
}

/// The tables computed once and read per character, against what they replace.
@Suite struct CharacterTableTests {
    @Test func scriptTableEqualsICUForEveryCodePoint() {
        // Every code point, through the table where it has one, against a direct ICU call made apart.
        var mismatches: [String] = []
        for v in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(v) else { continue }
            let direct = ICU.Script.icuScript(of: scalar)
            if ICU.Script.of(scalar) != direct, v >= 0x80 { mismatches.append(String(v, radix: 16)) }
        }
        #expect(mismatches.isEmpty, "scripts differ at \(mismatches.prefix(20))")
        #expect(ICU.Script.of("Փ") == .armenian && ICU.Script.of("Ж") == .cyrillic && ICU.Script.of("中") == .han)
    }

    @Test func dominantScriptEqualsTheListCount() {
        // The reference: count every script in a list in order of appearance, take the first with the most letters.
        func reference(_ text: String) -> ICU.Script {
            var codes: [(code: Int32, count: Int)] = []
            for scalar in text.unicodeScalars {
                let script = ICU.Script.of(scalar)
                if script.isNeutral || script == .unknown { continue }
                if let index = codes.firstIndex(where: { $0.code == script.code }) {
                    codes[index].count += 1
                } else {
                    codes.append((script.code, 1))
                }
            }
            guard let top = codes.map(\.count).max() else { return .common }
            return ICU.Script(code: codes.first { $0.count == top }!.code)
        }
        var random = SplitMix(seed: 15924)
        let terms = NormalizationFastPathTests.glossaryTerms
        var texts = terms + NormalizationFastPathTests.edgeCases + ["", "123", "Baku Бакy", "ab АБ αβ", "a Б γ δ"]
        for _ in 0..<20_000 {
            // Two or three names of any scripts run together: ties and third scripts.
            let parts = (0..<Int(2 + random.next() % 2)).map { _ in terms[Int(random.next() % UInt64(terms.count))] }
            texts.append(parts.joined(separator: " "))
        }
        for text in texts {
            #expect(ICU.Script.dominant(in: text) == reference(text), "\(text)")
        }
    }

    @Test func scriptNamesEqualICUs() {
        for code in Int32(0)..<300 {
            let script = ICU.Script(code: code)
            #expect(script.name == script.icuLongName && script.shortName == script.icuShortName, "code \(code)")
        }
        #expect(ICU.Script.cyrillic.name == "Cyrillic" && ICU.Script.armenian.shortName == "Armn")
    }

    /// The comparison key reads these flags where it asked Swift's properties and the sets: the flags of every
    /// code point of the BMP (the table and computed ones) and of every 7th astral one, against the tests they stand
    /// for, spelled out here.
    @Test func keyFlagsEqualThePropertiesForEveryCodePoint() {
        var mismatches = 0
        for v in Array(UInt32(0)..<0x10000) + Array(stride(from: UInt32(0x10000), through: 0x10FFFF, by: 7)) {
            guard let scalar = Unicode.Scalar(v) else { continue }
            let properties = scalar.properties
            let category = properties.generalCategory
            var expected: UInt8 = 0
            if category == .nonspacingMark || category == .enclosingMark { expected |= TextTables.markFlag }
            if properties.isAlphabetic { expected |= TextTables.alphabeticFlag }
            if properties.numericType != nil { expected |= TextTables.numericFlag }
            if properties.isAlphabetic || category == .nonspacingMark || category == .spacingMark {
                expected |= TextTables.letterOrMarkFlag
            }
            if TextTables.apostrophes.contains(v) || scalar == "'" || TextTables.modifierApostrophes.contains(v) {
                expected |= TextTables.apostropheFlag
            }
            if TextTables.foldedLetters[v] != nil { expected |= TextTables.foldedFlag }
            if TextTables.keyFlags(scalar) != expected {
                mismatches += 1
                if mismatches <= 10 {
                    Issue.record("U+\(String(v, radix: 16)): flags \(TextTables.keyFlags(scalar)), expected \(expected)")
                }
            }
        }
        #expect(mismatches == 0)
        // A few known answers, so that the test fails if both sides went wrong the same way.
        #expect(TextTables.keyFlags("\u{301}") & TextTables.markFlag != 0)
        #expect(TextTables.keyFlags("я") & TextTables.alphabeticFlag != 0)
        #expect(TextTables.keyFlags("٣") & TextTables.numericFlag != 0)
        #expect(TextTables.keyFlags("’") & TextTables.apostropheFlag != 0)
        #expect(TextTables.keyFlags("\u{FF07}") & TextTables.apostropheFlag != 0)
        #expect(TextTables.keyFlags("ø") & TextTables.foldedFlag != 0)
        #expect(TextTables.keyFlags("-") == 0)
    }

    @Test func plainBitmapEqualsTheSet() {
        for v in UInt32(0)..<0x3000 {
            guard let scalar = Unicode.Scalar(v) else { continue }
            let expected: Bool
            if v < 0x80 {
                expected = v > 0x20 && v != 0x22 && v != 0x60 && v != 0x7F
            } else if v < 0x2000 {
                expected = v >= 0xA0 && !TextTables.attentionBelow2000.contains(v)
            } else {
                expected = false
            }
            #expect(TextTables.isPlain(scalar) == expected, "U+\(String(v, radix: 16))")
        }
    }
}

/// A word memo shared by several threads gives each of them what a private memo gives.
@Suite struct SharedMemoTests {
    @Test func threadsSharingAMemoGetWholeNameForms() throws {
        let normalizer = NameNormalizer()
        let names = stride(from: 0, to: NormalizationFastPathTests.glossaryTerms.count, by: 41).map {
            NormalizationFastPathTests.glossaryTerms[$0]
        } + NormalizationFastPathTests.edgeCases
        let expected = names.map { try? normalizer.normalize($0, language: "ru") }
        // A tiny limit, so stripes empty themselves while other threads read them.
        for memo in [NormalizationMemo.shared(limit: 64), NormalizationMemo.shared()] {
            let mismatches = Mutex<[String]>([])
            DispatchQueue.concurrentPerform(iterations: 4) { worker in
                // Each thread walks the names from its own starting point, so they meet the same words at once.
                for offset in 0..<names.count {
                    let i = (offset + worker * names.count / 4) % names.count
                    let got = try? normalizer.normalize(names[i], language: "ru", memo: memo)
                    if got != expected[i] { mismatches.withLock { $0.append(names[i]) } }
                }
            }
            #expect(mismatches.withLock { $0 }.isEmpty, "differ: \(mismatches.withLock { $0.prefix(10) })")
        }
    }
}

/// The entity columns' score cell, whose commonest values are formatted once.
@Suite struct ScoreCellTests {
    /// The certain steps' scores, and fuzzy scores around them and at the ends of their range.
    @Test(arguments: [1.0, 0.97, 0.94, 0.9, 0.88, 0.5, 0.89, 0.8875, 0.9695, 0.9405, 0.8999999, 0.5004999, 0.73125])
    func theScoreCellIsThreeDecimals(_ score: Double) {
        let name = NormalizedName(input: "Erevan", normalized: "Erevan", key: "erevan", script: "Latin",
                                  latin: "Erevan")
        let entity = LinkedEntity(entity: "yerevan", canonical: "Yerevan", method: "fuzzy", score: score)
        for format in [BatchFormat.tsv, .jsonl] {
            let line = String(decoding: RowEncoding(format: format, withEntity: true)
                .tail(name: name, entity: entity, error: nil), as: UTF8.self)
            let expected = String(format: "%.3f", score)
            let cell = format == .tsv ? "\t\(expected)\t" : "\"score\":\(expected)"
            #expect(line.contains(cell), "\(score) in \(format): \(line)")
        }
    }
}
