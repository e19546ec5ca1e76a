import Foundation
@testable import OnomaMatching
import OnomaText
import Synchronization
import TestResources
import Testing

/// The native rule engine (``NativeTransform``) against ICU's transliterator compiled from the same rule text: every
/// shipped table on glossary terms, random strings and the names of this target's tests must give identical output.
@Suite struct NativeTransformTests {
    static let rules = TranscriptionRules.shared

    /// The tables that keys and abjad readings are made with.
    static let tables: [String] = rules.languages.sorted().map { "transcription-" + $0 }
        + ["transcription-common", "skeleton", "abjad-Arabic", "abjad-Hebrew", "abjad-Indic", "abjad-Tamil",
           "abjad-Khmer", "abjad-Chakma"]

    /// Every term of `Glossaries/**/*.tsv` (language cells split on ` | `, `{…}` markers dropped), raw and as
    /// ``TranscriptionRules/prepare(_:)`` gives it.
    static let glossaryTerms: [String] = {
        // Raw terms too: capitals, punctuation and decomposed accents reach the ICU passes.
        Set(CorpusFixtures.shippedGlossaryTerms.flatMap { [$0, TranscriptionRules.prepare($0)] }).sorted()
    }()

    /// Every string literal of this target's test sources (the names its tables hold), raw and prepared.
    static let testNames: [String] = {
        let folder = CorpusFixtures.packageRoot.appendingPathComponent("Tests/OnomaMatchingTests")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        var names = Set<String>()
        let literal = try! NSRegularExpression(pattern: #""((?:[^"\\\n]|\\.)*)""#)
        for file in files where file.hasSuffix(".swift") && file != "NativeTransformTests.swift" {
            guard let text = try? String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            else { continue }
            let range = NSRange(text.startIndex..., in: text)
            for match in literal.matches(in: text, range: range) {
                guard let r = Range(match.range(at: 1), in: text) else { continue }
                let name = String(text[r])
                names.insert(name)
                names.insert(TranscriptionRules.prepare(name))
            }
        }
        return names.sorted()
    }()

    /// Random strings over the letters the tables mention, random Latin and Cyrillic letters (upper and lower case),
    /// combining accents and spaces: seeded, so the same on every run.
    static func randomStrings(count: Int, seed: UInt64) -> [String] {
        var alphabet = Set<Unicode.Scalar>()
        for table in tables {
            for scalar in rules.source(of: String(table.dropFirst(table.hasPrefix("transcription-") ? 14 : 0)))?
                .unicodeScalars ?? "".unicodeScalars where scalar.properties.isAlphabetic {
                alphabet.insert(scalar)
            }
        }
        let letters = Array(alphabet).sorted { $0.value < $1.value }
        var random = SplitMix(seed: seed)
        var strings: [String] = []
        for _ in 0..<count {
            var s = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 1...16, using: &random) {
                switch Int.random(in: 0..<20, using: &random) {
                case 0..<11: s.append(letters.randomElement(using: &random)!)
                case 11..<14: s.append(" ")
                case 14: s.append(Unicode.Scalar(UInt32.random(in: 0xC0...0x24F, using: &random))!)
                case 15: s.append(Unicode.Scalar(UInt32.random(in: 0x410...0x44F, using: &random))!)
                case 16: s.append(Unicode.Scalar(UInt32.random(in: 0x41...0x5A, using: &random))!)
                case 17: s.append(Unicode.Scalar(UInt32.random(in: 0x300...0x308, using: &random))!)
                default: s.append(Unicode.Scalar(UInt32.random(in: 0x61...0x7A, using: &random))!)
                }
            }
            strings.append(String(s))
        }
        return strings
    }

    /// The strings (first few) on which `table` differs between the engines.
    static func differences(_ table: String, on inputs: [String]) throws -> [String] {
        let native = try #require(rules.native(table), "\(table) did not compile natively")
        var differing: [String] = []
        for input in inputs {
            let expected = try rules.applyWithICU(input, table)
            let actual = try native.apply(input)
            if actual != expected {
                differing.append("\(table): \(input.debugDescription) ICU \(expected.debugDescription) native "
                    + actual.debugDescription)
                if differing.count >= 10 { break }
            }
        }
        return differing
    }

    @Test func shippedTablesCompileNatively() {
        #expect(Self.tables.count == 78)
        for table in Self.tables { #expect(Self.rules.native(table) != nil, "\(table) falls back to ICU") }
    }

    /// Tables compile on first use: threads that meet an uncompiled table at once must all get the same keys as one
    /// thread alone (a fresh instance, so that no table is compiled before the threads start).
    @Test func tablesCompiledOnFirstUseGiveTheSameKeysOnEveryThread() throws {
        let names = Array(Self.glossaryTerms.prefix(400))
        let conventions: [String?] = [nil] + Self.rules.languages.sorted()
        let alone = try TranscriptionRules(directory: TranscriptionRules.bundledRules())
        let expected = try names.map { name in try conventions.map { try alone.keys(prepared: name, convention: $0) } }
        let fresh = try TranscriptionRules(directory: TranscriptionRules.bundledRules())
        let results = Mutex([[[[String]]]?](repeating: nil, count: 8))
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            let keys = names.map { name in conventions.map { (try? fresh.keys(prepared: name, convention: $0)) ?? [] } }
            results.withLock { $0[thread] = keys }
        }
        for keys in results.withLock({ $0 }) { #expect(keys == expected) }
    }

    @Test(arguments: tables) func glossaryTermsMatchICU(table: String) throws {
        #expect(Self.glossaryTerms.count > 10_000)
        #expect(try Self.differences(table, on: Self.glossaryTerms) == [])
    }

    @Test(arguments: tables) func randomStringsMatchICU(table: String) throws {
        #expect(try Self.differences(table, on: Self.randomStrings(count: 4000, seed: 6)) == [])
    }

    @Test(arguments: tables) func testNamesMatchICU(table: String) throws {
        #expect(Self.testNames.count > 100)
        #expect(try Self.differences(table, on: Self.testNames) == [])
    }

    /// Keys are what the skeleton table sees in use: the common table's output on every glossary term.
    @Test func skeletonOfKeysMatchesICU() throws {
        let keys = try Set(Self.glossaryTerms.map { try Self.rules.applyWithICU($0, "transcription-common") })
        #expect(try Self.differences("skeleton", on: keys.sorted()) == [])
    }

    /// Syntax outside the subset leaves the table to ICU rather than being misread.
    @Test(arguments: [
        // (`<>`, `→`, quantifiers, `::ID ;` and nested sets are supported now: NativeTransliteratorTests.rulesAsICU.)
        "(a) > b ;", "a > $1 ;", ":: [a-z] ;", "a > [b] ;", "&Any-Upper(a) > b ;", "a @ > b ;", "a . > b ;",
        "$x > b ;", "> b ;", "x { > b ;",
        // ICU moves the cursor of `a > bc | d` back into the output (`aa` gives `bfebce` with `c > f`): only a mark
        // at the start of the output, as the tables use it, is supported.
        "a > bc | d ;",
    ])
    func unsupportedSyntaxFallsBack(rules: String) {
        #expect(NativeTransform(rules: rules) == nil)
    }

    /// Rule errors still report ICU's line: a syntax error (which leaves the table to ICU) on use, and an error
    /// only ICU detects (an earlier rule masking a later one, which the native parser accepts) in `validate()`.
    @Test func ruleErrorsKeepTheirLine() throws {
        func rules(common: String, fr: String) throws -> TranscriptionRules {
            let directory = try TemporaryFiles.directory("native-rules")
            defer { try? FileManager.default.removeItem(at: directory) }
            let files = [("skeleton", "a > b ;\n"), ("transcription-common", common), ("transcription-fr", fr)]
            for (name, text) in files {
                try text.write(to: directory.appendingPathComponent(name + ".txt"), atomically: true, encoding: .utf8)
            }
            return try TranscriptionRules(directory: directory)
        }
        let syntax = try rules(common: "a > b ;\nc > d ;\nx > ( ;\n", fr: "a > b ;\n")
        #expect(syntax.native("transcription-common") == nil)
        #expect(throws: ICUError.self) { _ = try syntax.keys(prepared: "abc", convention: nil) }
        do {
            _ = try syntax.keys(prepared: "abc", convention: nil)
        } catch {
            #expect(error.ruleLocation?.line == 3)
        }
        let masking = try rules(common: "a > b ;\n", fr: "a > b ;\n\na } b > c ;\n")
        #expect(masking.native("transcription-fr") != nil)
        do {
            try masking.validate()
            Issue.record("the masked rule was not reported")
        } catch {
            // ICU reports a masked rule without the line of either rule (line 1 here), as it did before.
            #expect(error.ruleLocation != nil)
        }
    }

    /// The semantics named in ICU's rule-syntax guide, on small rule texts.
    @Test func ruleSemanticsMatchICU() throws {
        let cases: [(rules: String, inputs: [String])] = [
            ("aa > | a ; a > b ;", ["aaaa", "a", "baab"]),
            ("aa > | a ;", ["aaaa", "aaa", "baaab"]),
            ("ab > ba ; ba > x ;", ["abab", "bba", "aab"]),
            ("x { y > z ; z > q ;", ["xyy", "xzy", "yxy"]),
            ("a } b > c ; b > d ;", ["ab", "abb", "ba"]),
            ("^ a > b ; a } $ > c ;", ["aa", "a", "aaa"]),
            ("$V = [aeiou] ; $V { x > y ;", ["axe", "xe", "exx"]),
            ("[^a-c\\ ] > ; ' ' } ' ' > ;", ["a  bdc  ", "  ", "xyz"]),
            ("::NFC ; ::Lower ; é > e ; ::Latin-ASCII ;", ["E\u{301}TÉ", "Ça", "ABC"]),
        ]
        for (text, inputs) in cases {
            let native = try #require(NativeTransform(rules: text), "\(text)")
            let icu = try ICU.Transliterator(name: "test", rules: text)
            for input in inputs {
                let (actual, expected) = (try native.apply(input), try icu.transform(input))
                #expect(actual == expected, "\(text) on \(input)")
            }
        }
    }
}
