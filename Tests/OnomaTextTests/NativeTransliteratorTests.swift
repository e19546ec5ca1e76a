import Foundation
@testable import OnomaText
import TestResources
import Testing

/// ICU's transliterators that run on the native rule engine (``NativeTransliterators``) against ICU's own
/// transliterator compiled from the same rule text: every native ID on every shipped glossary term and each of its
/// words (the normalizer transliterates word by word) must give identical output.
@Suite struct NativeTransliteratorTests {
    /// Every term of the shipped glossaries, and each space-separated word of it.
    static let inputs: [String] = {
        var inputs = Set<String>()
        for term in CorpusFixtures.shippedGlossaryTerms {
            inputs.insert(term)
            for word in term.split(separator: " ") { inputs.insert(String(word)) }
        }
        return inputs.sorted()
    }()

    /// ICU's transliterator compiled from the rule text ICU registers for `id`: the reference.
    static func reference(_ id: String) throws -> ICU.Transliterator {
        let source = try #require(NativeTransliterators.ruleSource(id), "no rule text for \(id)")
        #expect(!source.reverse)
        return try ICU.Transliterator(name: "reference \(id)", rules: source.rules)
    }

    /// The inputs (first few) on which the native transliterator `id` differs from ICU's.
    static func differences(_ id: String, on inputs: [String]) throws -> [String] {
        let reference = try reference(id)
        let native = try ICU.Transliterator(id: id)
        var differing: [String] = []
        for input in inputs {
            let expected = try reference.transform(input)
            let actual = try native.transform(input)
            if actual != expected, differing.count < 10 { differing.append("\(input) → \(actual), ICU \(expected)") }
        }
        return differing
    }

    /// The ID the repeats benchmark's first chunk spent most of its time compiling in ICU.
    @Test func hanLatinIsNative() {
        #expect(NativeTransliterators.native.contains("Han-Latin"))
    }

    @Test(arguments: NativeTransliterators.native)
    func glossaryTermsAsICU(_ id: String) throws {
        let differing = try Self.differences(id, on: Self.inputs)
        #expect(differing.isEmpty, "\(id): \(differing)")
    }

    /// Steps that only ever see another step's output (`Deva-Latn` is `::NFD ; ::Devanagari-InterIndic ;
    /// ::InterIndic-Latin ; ::NFC ;`): checked on that output for every glossary term.
    static let laterSteps: [(id: String, before: [String])] = [
        ("InterIndic-Latin", ["Devanagari", "Bengali", "Gurmukhi", "Gujarati", "Oriya", "Tamil", "Telugu", "Kannada",
                              "Malayalam"].map { "NFD; \($0)-InterIndic" }),
        ("ThaiLogical-Latin", ["NFD; Thai-ThaiSemi; Any-BreakInternal; Thai-ThaiLogical"]),
    ]

    @Test(arguments: laterSteps)
    func laterStepsOnTheirInputAsICU(_ id: String, _ before: [String]) throws {
        #expect(NativeTransliterators.native.contains(id))
        var inputs = Set<String>()
        for steps in before {
            let step = try ICU.Transliterator(id: steps)
            for term in Self.inputs { inputs.insert(try step.transform(term)) }
        }
        let differing = try Self.differences(id, on: inputs.sorted())
        #expect(differing.isEmpty, "\(id): \(differing)")
    }

    /// Names whose Latin form depends on the rules' contexts: a space between ideographs (`藏 } \u0020? 文`), a
    /// compatibility ideograph, fullwidth letters, Latin or kana before Han (where `Han-Spacedhan` adds a space).
    static let contextNames = [
        "藏文", "藏 文", "重庆", "重 庆", "沈阳", "秘鲁", "西藏文化", "東京", "北京abc語", "ＡＢＣ北京",
        "李白。杜甫", "アイスランド語", "﨑", "（北京）", "毛泽东", "臺灣", "",
    ]

    @Test(arguments: contextNames)
    func hanLatinInContext(_ name: String) throws {
        #expect(try Self.reference("Han-Latin").transform(name) == ICU.Transliterator(id: "Han-Latin").transform(name))
    }

    /// Rules the engine cannot compile leave the ID to ICU.
    @Test func unsupportedSyntaxIsRefused() {
        #expect(NativeTransform(compiling: "(a) > $1 ;") == nil)
        #expect(NativeTransform(compiling: "a > &Any-Upper(b) ;") == nil)
        #expect(NativeTransform(compiling: "a } b > c ; ::[a] ;") == nil)
    }

    /// The global filter is kept for ICU, and rules with one are not for the transcription tables.
    @Test func globalFilter() throws {
        let transform = try #require(NativeTransform(compiling: "::[ab] ; a > b ;"))
        #expect(transform.filter == "[ab]")
        #expect(NativeTransform(rules: "::[ab] ; a > b ;") == nil)
        // A filter that starts with a combining mark (Hebrew's), which Swift joins to the bracket in one Character.
        let hebrew = try #require(NativeTransform(compiling: ":: [ ְא] ; א > a ;"))
        #expect(hebrew.filter == "[ְא]")
    }

    /// Quantifiers, escapes and sets that match at the ends behave as ICU's do, on made-up rules.
    static let ruleCases: [(rules: String, inputs: [String])] = [
        ("a } \\u0020? b > x ; a > y ;", ["ab", "a b", "a  b", "a", "ba", "a c b"]),
        ("[^[:L:]] { e > ye ; e > e ;", ["e", "ee", "e e", "Ere", "-e"]),
        ("e } [^[:L:]] > E ;", ["e", "ee", "e.", "de"]),
        ("[:L:] [:M:]* { x > y ;", ["ax", "a\u{301}x", "a\u{301}\u{302}x", "x", " x"]),
        ("a+ } b > c ; a > d ;", ["ab", "aab", "aa", "b"]),
        ("$v = [aeiou] ; [$v - [e]] { n > m ; ::Null ; m > M ;", ["an", "en", "n", "un"]),
        ("a → b ; [[x][y]] > z ; ::Any-Upper ; q > r ;", ["a", "xy", "q", "Q"]),
        // Sets with strings: the longest string that matches, else a code point (Armenian's `[{ու} ա]`).
        ("[{ab} {abc} a] > x ; [{ու} ա] { b > y ; [^{ու}[:L:]] { c > z ;", ["ab", "abc", "a", "aab", "ուb", "աb", "ւb",
                                                                       "c", "ուc", "ւc", ".c"]),
        // White space ends a variable's name (Korean's `n $apostrophe g`).
        ("$apostrophe = ’ ; $v = [aeiou] ; b > n $apostrophe g ; $v x > y ;", ["b", "ax", "bx", "x"]),
        ("a ↔ b ; [:Nd:] { ',' } [:Nd:] ↔ [:Nd:] { '.' } [:Nd:] ; c ← d ;", ["a", "1,2", ",", "d", "c"]),
        // Output sent back with `|`: no longer than what it replaces (rewritten in place), longer (the text rebuilt
        // in front of the rest), and output that outgrows twice the input (the walk's buffers move to the heap).
        ("aa > | a ; bb > | b ; a > | bbc ; b > | cc ; c > dddd ;",
         ["aa", "aaa", "ab", "ba", "xaay", "abab", String(repeating: "a", count: 300), String(repeating: "ab", count: 90)]),
    ]

    /// ICU may hand a rule block an empty range or an empty text (`runStage`): the walk copies nothing and
    /// returns nothing.
    @Test func ruleBlockOnEmptyText() throws {
        let transform = try #require(NativeTransform(rules: "a > b ;"))
        guard case .rules(let phase)? = transform.passes.first else {
            Issue.record("no rule block in \(transform.passes)")
            return
        }
        var text: [UInt32] = []
        var out: [UInt32] = [0x61]
        phase.run(&text, start: 0, limit: 0, into: &out)
        #expect(out.isEmpty)
        text = [0x61, 0x61]
        phase.run(&text, start: 2, limit: 2, into: &out)
        #expect(out == [0x61, 0x61], "the text before the range is copied, nothing rewritten")
    }

    @Test(arguments: ruleCases)
    func rulesAsICU(_ rules: String, _ inputs: [String]) throws {
        let native = try #require(NativeTransform(rules: rules), "\(rules)")
        let icu = try ICU.Transliterator(name: "case", rules: rules)
        for input in inputs {
            #expect(try native.apply(input) == icu.transform(input), "\(rules) on \(input)")
        }
    }
}
