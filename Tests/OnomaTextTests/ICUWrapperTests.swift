import Foundation
@testable import OnomaText
import Testing

@Suite struct TransliteratorTests {
    static let bgn: [(id: String, native: String, latin: String)] = [
        ("Russian-Latin/BGN", "Пашинян", "Pashinyan"),
        ("Russian-Latin/BGN", "Алиев", "Aliyev"),
        ("Russian-Latin/BGN", "Путин", "Putin"),
        ("Russian-Latin/BGN", "Ереван", "Yerevan"),
        ("Armenian-Latin/BGN", "Երևան", "Yerevan"),
        ("Ukrainian-Latin/BGN", "Київ", "Kyyiv"),
        ("Georgian-Latin/BGN", "თბილისი", "tbilisi"),
    ]

    @Test(arguments: bgn)
    func bgnTransliteration(_ row: (id: String, native: String, latin: String)) throws {
        let t = try ICU.Transliterator(id: row.id)
        let result = try t.transform(row.native)
        #expect(result == row.latin, "\(row.id): \(row.native) gave \(result), expected \(row.latin)")
    }

    @Test func chainedIDAndEmptyInput() throws {
        let t = try ICU.Transliterator(id: "Any-Latin; Latin-ASCII; Lower")
        #expect(try t.transform("Москва") == "moskva")
        #expect(try t.transform("") == "")
    }

    @Test func growsTheBufferForLongOutput() throws {
        // Han-Latin output is several times longer than the input: the in-place buffer must grow and restart.
        let t = try ICU.Transliterator(id: "Han-Latin")
        let input = String(repeating: "東京", count: 500)
        let output = try t.transform(input)
        #expect(output.count > input.count * 2)
        #expect(output.hasPrefix("dōng jīng"))
    }

    @Test func unknownIDThrows() {
        #expect(throws: ICUError.invalidID) { try ICU.Transliterator(id: "No-Such-Transform/XYZ") }
    }

    @Test func customRules() throws {
        let t = try ICU.Transliterator(name: "fr-sh", rules: "ch > sh ;\nou > u ;")
        #expect(try t.transform("pachinian bakou") == "pashinian baku")
    }

    @Test func ruleParseErrorHasLineAndOffset() throws {
        let rules = "ch > sh ;\nou > u ;\nx > > y ;\n"
        do {
            _ = try ICU.Transliterator(name: "broken", rules: rules)
            Issue.record("a broken rule compiled")
        } catch {
            let location = try #require(error.ruleLocation)
            #expect(location.line == 3, "reported \(location)")
            #expect(error.description.contains("line 3"), "\(error)")
        }
    }

    @Test func availableIDsListBGN() {
        let ids = ICU.Transliterator.availableIDs
        #expect(ids.contains("Russian-Latin/BGN"))
        #expect(ids.contains("Armenian-Latin/BGN"))
        #expect(ids.count > 100)
    }

    @Test func poolServesConcurrentTasks() async throws {
        let pool = ICU.TransliteratorPool()
        let names = ["Пашинян", "Алиев", "Путин", "Шушa", "Степанакерт"]
        let expected = try names.map { try ICU.Transliterator(id: "Russian-Latin/BGN").transform($0) }
        try await withThrowingTaskGroup(of: Bool.self) { group in
            for i in 0..<32 {
                group.addTask {
                    var ok = true
                    for _ in 0..<50 {
                        let index = i % names.count
                        let got = try pool.transform(names[index], with: "Russian-Latin/BGN")
                        ok = ok && got == expected[index]
                    }
                    return ok
                }
            }
            for try await ok in group { #expect(ok) }
        }
    }

    @Test func poolRemembersFailures() {
        let pool = ICU.TransliteratorPool()
        #expect(throws: ICUError.self) { try pool.transform("x", with: "Bogus-Thing") }
        #expect(throws: ICUError.self) { try pool.transform("x", with: "Bogus-Thing") }
    }
}

/// The pool's `Any-Latin` shortcut (text left as it is without asking ICU) against ICU's `Any-Latin` itself.
@Suite struct AnyLatinShortcutTests {
    /// Up to three letters of every script that has letters, from the whole code space.
    static let lettersByScript: [Int32: [Unicode.Scalar]] = {
        var letters: [Int32: [Unicode.Scalar]] = [:]
        for v in UInt32(0x80)...0x10FFFF {
            guard let scalar = Unicode.Scalar(v), scalar.properties.isAlphabetic else { continue }
            let script = ICU.Script.of(scalar)
            if script.isNeutral || letters[script.code, default: []].count >= 3 { continue }
            letters[script.code, default: []].append(scalar)
        }
        return letters
    }()

    @Test func sameAsAnyLatinForEveryScript() throws {
        let pool = ICU.TransliteratorPool()
        let reference = try ICU.Transliterator(id: "Any-Latin")
        var shortcuts = 0
        for (_, letters) in Self.lettersByScript.sorted(by: { $0.key < $1.key }) {
            let word = String(String.UnicodeScalarView(letters))
            // Alone, after Latin and digits, and beside a Devanagari word (which Any-Latin does change).
            for text in [word, "Ab 1-\(word)", "\(word) नमस्ते"] {
                if pool.anyLatinLeavesAsIs(text) { shortcuts += 1 }
                let ours = try pool.transform(text, with: "Any-Latin")
                let icu = try reference.transform(text)
                #expect(ours == icu, "\(text.debugDescription): \(ours.debugDescription) vs \(icu.debugDescription)")
            }
        }
        // The shortcut is taken (scripts without a Latin transliterator exist in ICU 72), and not for changed text.
        #expect(shortcuts > 10)
        #expect(!pool.anyLatinLeavesAsIs("नमस्ते") && !pool.anyLatinLeavesAsIs("Moscow Москва"))
        #expect(pool.anyLatinLeavesAsIs("Zürich 12") && pool.anyLatinLeavesAsIs("𑄌𑄋𑄴𑄟𑄳𑄦"))
    }
}

@Suite struct NormalizerAndCaseTests {
    @Test func nfkcAndCasefold() throws {
        #expect(try ICU.normalize("ﬁancé", .nfkc) == "fiancé")
        #expect(try ICU.normalize("Straße", .nfkcCasefold) == "strasse")
        #expect(try ICU.normalize("e\u{301}", .nfc) == "é")
        #expect(try ICU.normalize("é", .nfd).unicodeScalars.count == 2)
        #expect(try ICU.isNormalized("é", .nfc))
    }

    @Test func turkishDottedAndDotlessI() throws {
        #expect(try ICU.lowercase("DİYARBAKIR", locale: "tr") == "diyarbakır")
        #expect(try ICU.lowercase("DİYARBAKIR", locale: "en") == "di̇yarbakir")
        #expect(try ICU.foldCase("I", turkic: true) == "ı")
        #expect(try ICU.foldCase("I") == "i")
        #expect(try ICU.uppercase("istanbul", locale: "tr") == "İSTANBUL")
        #expect(try ICU.lowercase("İLHAM ƏLİYEV", locale: "az") == "ilham əliyev")
    }
}

@Suite struct ScriptTests {
    static let samples: [(String, String)] = [
        ("Pashinyan", "Latin"), ("Пашинян", "Cyrillic"), ("Փաշինյան", "Armenian"), ("ფაშინიანი", "Georgian"),
        ("پاشینیان", "Arabic"), ("Πασινιάν", "Greek"), ("פשיניאן", "Hebrew"), ("东京", "Han"), ("1920", "Common"),
        ("Baku Баку", "Latin"),
    ]

    @Test(arguments: samples)
    func dominantScript(_ sample: (String, String)) {
        #expect(ICU.Script.dominant(in: sample.0).name == sample.1)
    }

    @Test func scriptCodesByName() throws {
        #expect(ICU.Script(named: "Armn") == .armenian)
        #expect(ICU.Script(named: "Cyrillic") == .cyrillic)
        #expect(ICU.Script.armenian.shortName == "Armn")
        #expect(ICU.Script.all(in: "Pаris") == [.latin, .cyrillic])
    }
}

@Suite struct SpoofTests {
    @Test func skeletonOfCyrillicA() throws {
        let checker = try ICU.SpoofChecker()
        let mixed = "P\u{430}ris"  // Cyrillic а
        #expect(try checker.skeleton(mixed) == checker.skeleton("Paris"))
        #expect(try checker.check(mixed).isMixedScript)
        #expect(try !checker.check("Paris").isMixedScript)
        #expect(try !checker.check("Пашинян").isMixedScript)
    }
}

@Suite struct WordBreakAndCollationTests {
    @Test func frenchWordSegments() throws {
        let text = "l'Arménie et Bakou, 2020."
        let words = try ICU.wordSegments(text, locale: "fr").filter(\.isWord).map { segment in
            String(decoding: Array(text.utf16)[segment.range], as: UTF16.self)
        }
        #expect(words == ["l'Arménie", "et", "Bakou"])
        let numbers = try ICU.wordSegments(text, locale: "fr").filter(\.isNumber)
        #expect(numbers.count == 1)
    }

    @Test func frenchCollation() throws {
        let collator = try ICU.Collator(locale: "fr")
        #expect(collator.sorted(["Zanguilan", "Érevan", "Bakou", "Erdogan"]) == ["Bakou", "Erdogan", "Érevan", "Zanguilan"])
        #expect(collator.compare("Érevan", "Zanguilan") < 0)
        let primary = try ICU.Collator(locale: "fr", strength: .primary)
        #expect(primary.compare("Erevan", "érevan") == 0)
    }
}

@Suite struct LocaleTests {
    @Test(arguments: [("fr_FR", "fr-FR"), ("FR-fr", "fr-FR"), ("fra", "fr"), ("fre", "fr"), ("hy-latn", "hy-Latn"),
                      ("az_Cyrl", "az-Cyrl"), ("en", "en"), ("iw", "he")])
    func canonicalTags(_ pair: (String, String)) throws {
        #expect(try LanguageTag(pair.0).description == pair.1)
    }

    @Test(arguments: ["", "xx", "fr FR", "12", "français"])
    func rejectedTags(_ text: String) {
        #expect(throws: LanguageTagError.self) { try LanguageTag(text) }
    }

    @Test func regionalVariantsMatch() throws {
        let fr = try LanguageTag("fr")
        #expect(try LanguageTag("fr-CA").matches(fr))
        #expect(try !LanguageTag("fr").matches(LanguageTag("fr-CA")))
        #expect(try !LanguageTag("fur").matches(fr))
    }

    @Test func cldrDisplayNames() throws {
        #expect(ICU.Locale.regionName("AM", in: "fr")?.text == "Arménie")
        #expect(ICU.Locale.regionName("AZ", in: "de")?.text == "Aserbaidschan")
        #expect(ICU.Locale.iso3Region("AM") == "ARM")
        #expect(ICU.Locale.likelyScript("hy") == "Armn")
        #expect(ICU.Locale.likelyScript("az") == "Latn")
        let formatter = try ICU.TimeZone.ExemplarCityFormatter(locale: "fr")
        #expect(try formatter.city(of: "Asia/Yerevan") == "Erevan")
        let german = try ICU.TimeZone.ExemplarCityFormatter(locale: "de")
        #expect(try german.city(of: "Asia/Yerevan") == "Eriwan")
        #expect(try ICU.TimeZone.canonicalZones(region: "AM") == ["Asia/Yerevan"])
    }
}
