import Foundation
import OnomaGlossary
@testable import OnomaLinking
import OnomaText
import TestResources
import Testing

/// The tokenizer's Latin fast path (word keys and span names computed from code units, without ICU) against the
/// normalizer it stands in for.
@Suite("Tokenizer fast paths")
struct TokenizerTests {
    static let normalizer = NameNormalizer()
    static let automaton = TermAutomaton(concepts: LinkingFixtures.concepts)

    static func tokenizer(_ language: String) -> Tokenizer {
        Tokenizer(automaton: automaton, normalizer: normalizer, language: LanguageHint(language), rules: .shared)
    }

    /// What the normalizer makes the key of `word`, as the tokenizer's general path computes it.
    static func normalizerKey(_ word: String, _ language: String) throws -> String {
        try normalizer.comparisonKey(normalizer.normalizedForm(word), language: LanguageHint(language))
    }

    @Test("a word of ASCII and Latin-1 letters is keyed on the fast path, as the normalizer keys it", arguments: [
        ("Erevan", "erevan"), ("président", "president"), ("ÉTATS", "etats"), ("Straße", "strasse"),
        ("Æsop", "aesop"), ("Øresund", "oresund"), ("Þingvellir", "thingvellir"), ("Ñuñoa", "nunoa"),
        ("Bayraktar2", "bayraktar2"), ("2022", "2022"), ("Œdipe", nil), ("l'Arménie", nil), ("Pаchinian", nil),
        ("İstanbul", nil), ("Đoković", nil), ("U.S", nil), ("×", nil),
    ] as [(String, String?)])
    func latinWordKey(word: String, expected: String?) throws {
        let key = Self.tokenizer("fr").latinKey(Array(word.utf16), 0..<word.utf16.count)
        #expect(key == expected)
        if let key { #expect(key == (try Self.normalizerKey(word, "fr"))) }
    }

    @Test("random words over the fast path's alphabet get the normalizer's key")
    func randomLatinWords() throws {
        let alphabet = (Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".unicodeScalars)
            + (0xC0...0xFF).filter { $0 != 0xD7 && $0 != 0xF7 }.compactMap { Unicode.Scalar(UInt32($0)) })
        var random = SplitMix(seed: 0x6C61_7469_6E31)
        let tokenizer = Self.tokenizer("fr")
        for _ in 0..<3_000 {
            var word = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 1...12, using: &random) { word.append(alphabet.randomElement(using: &random)!) }
            let text = String(word)
            let key = tokenizer.latinKey(Array(text.utf16), 0..<text.utf16.count)
            #expect(key != nil, "\(text)")
            #expect(key == (try Self.normalizerKey(text, "fr")), "\(text)")
        }
    }

    @Test("every shipped term word the fast path takes gets the normalizer's key")
    func shippedTermWords() throws {
        let tokenizer = Self.tokenizer("fr")
        var taken = 0
        for term in CorpusFixtures.shippedGlossaryTerms {
            for word in term.split(whereSeparator: { $0 == " " || $0 == "-" }).map(String.init) {
                guard let key = tokenizer.latinKey(Array(word.utf16), 0..<word.utf16.count) else { continue }
                taken += 1
                #expect(key == (try Self.normalizerKey(word, "fr")), "\(word)")
            }
        }
        #expect(taken > 10_000)
    }

    @Test("a Turkic text takes the normalizer's path (Turkish casing)",
          arguments: ["Istanbul", "Iğdır", "DİYARBAKIR"])
    func turkicKeys(word: String) throws {
        var tokenizer = Self.tokenizer("tr")
        #expect(tokenizer.latinKey(Array(word.utf16), 0..<word.utf16.count) == nil)
        let bytes = Array(word.utf8)
        let text = bytes.withUnsafeBufferPointer { DecodedText($0, byteBase: 0, scalarBase: 0) }
        #expect(try tokenizer.tokens(of: text).map(\.key) == [Self.normalizerKey(word, "tr")])
    }

    @Test("a span of Latin words gets the normalizer's name, or nil where the normalizer's rules apply", arguments: [
        ("Vladimir Poutine", true), ("Jean-Yves Le Drian", true), ("Nikol Pachinian", true),
        ("Recep Tayyip Erdoğan", false), ("Côte d'Ivoire", false), ("Saint  Pétersbourg", false),
        ("Tbilissi - Erevan", false), ("Île-de-France", true), ("Ségolène Royal", true),
    ])
    func latinSpanName(surface: String, fast: Bool) throws {
        let name = Tokenizer.latinName(surface, units: Array(surface.utf16), range: 0..<surface.utf16.count,
                                         language: LanguageHint("fr"))
        #expect((name != nil) == fast)
        if let name { #expect(name == (try Self.normalizer.normalize(surface, language: "fr"))) }
    }

    @Test("random spans of Latin words and separators: the fast name is the normalizer's")
    func randomLatinSpans() throws {
        let letters = (Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".unicodeScalars)
            + (0xC0...0xFF).filter { $0 != 0xD7 && $0 != 0xF7 }.compactMap { Unicode.Scalar(UInt32($0)) })
        let separators: [Unicode.Scalar] = [" ", "-", " ", "'", "."]
        var random = SplitMix(seed: 0x7370_616E_73)
        var fast = 0
        for _ in 0..<3_000 {
            var span = String.UnicodeScalarView()
            for i in 0..<Int.random(in: 1...4, using: &random) {
                if i > 0 { span.append(separators.randomElement(using: &random)!) }
                for _ in 0..<Int.random(in: 1...9, using: &random) {
                    span.append(letters.randomElement(using: &random)!)
                }
            }
            let text = String(span)
            guard let name = Tokenizer.latinName(text, units: Array(text.utf16), range: 0..<text.utf16.count,
                                                 language: LanguageHint("fr"))
            else { continue }
            fast += 1
            #expect(name == (try Self.normalizer.normalize(text, language: "fr")), "\(text)")
        }
        #expect(fast > 1_000)
    }

    @Test("every letter of the fast path is of the Latin script")
    func latinScript() {
        for value in 0xC0...0xFF where Tokenizer.packedFolds[value] != 0 {
            #expect(ICU.Script.of(Unicode.Scalar(UInt32(value))!) == .latin, "U+\(String(value, radix: 16))")
        }
        // Digits alone are Common script: the normalizer's path.
        #expect(Tokenizer.latinName("2022", units: Array("2022".utf16), range: 0..<4, language: LanguageHint("fr"))
            == nil)
    }

    @Test("Latin-1 capitals and small letters give the word's shape", arguments: [
        ("École", Token.Shape.capitalized), ("ÉTATS", .upper), ("été", .lower), ("Ørsted", .capitalized),
        ("ÆØÅ", .upper), ("ß", .lower), ("2022", .number),
    ])
    func latinShapes(word: String, shape: Token.Shape) throws {
        var tokenizer = Self.tokenizer("fr")
        let bytes = Array(word.utf8)
        let text = bytes.withUnsafeBufferPointer { DecodedText($0, byteBase: 0, scalarBase: 0) }
        let tokens = try tokenizer.tokens(of: text)
        #expect(tokens.map(\.shape) == [shape])
    }
}

/// The automaton's vocabulary compares word keys by their bytes; a word both sides key in different normalization
/// forms still finds its term.
@Suite("Term automaton vocabulary")
struct VocabularyTests {
    @Test("a Hangul word keyed in NFD in the text and in NFC in a term with a kept mark links")
    func normalizationForms() throws {
        let normalizer = NameNormalizer()
        // Devanagari keeps its virama in keys, so the term's whole key is recomposed to NFC; the Hangul word alone
        // is keyed in NFD (jamo).
        let term = "서울 दिल्ली"
        let termKey = try normalizer.comparisonKey(normalizer.normalizedForm(term))
        let wordKey = try normalizer.comparisonKey(normalizer.normalizedForm("서울"))
        let termWord = String(termKey.split(separator: " ")[0])
        #expect(!termWord.utf8.elementsEqual(wordKey.utf8))
        let concepts = [Concept(id: "seoul-delhi", type: .place, terms: [
            Term(text: term, language: LanguageTag(canonical: "ko")),
        ])]
        let automaton = TermAutomaton(concepts: concepts, normalizer: normalizer)
        #expect(automaton.symbol(wordKey) >= 0)
        #expect(automaton.symbol(wordKey) == automaton.symbol(termWord))
        #expect(automaton.stats.words == 2)
        let linker = EntityLinker(automaton: automaton, normalizer: normalizer)
        let mentions = try linker.link("À \(term) hier.", options: .init(language: LanguageTag(canonical: "fr")))
        #expect(mentions.map(\.conceptID) == ["seoul-delhi"])
    }
}

@Suite("Term automaton case requirements and comma paths")
struct CaseRequirementTests {
    @Test("what a term's capitals ask of a surface, in several scripts", arguments: [
        ("Erevan", TermAutomaton.CaseRequirement.capitalized), ("russe", .lowercase), ("OTAN", .acronym),
        ("ministère russe de la Défense", .innerCapital), ("Москва", .capitalized), ("ООН", .acronym),
        ("российский", .lowercase), ("Ἀθῆναι", .capitalized), ("Երևան", .capitalized), ("ՀՀ", .acronym),
        ("Əliyev", .capitalized), ("ǅungla", .capitalized), ("თბილისი", .uncased), ("ᲗᲑᲘᲚᲘᲡᲘ", .uncased),
        ("القاهرة", .uncased),
        ("東京", .uncased), ("2022", .uncased), ("iPhone", .innerCapital), ("Ꭰ", .capitalized),
    ])
    func requirements(_ text: String, _ expected: TermAutomaton.CaseRequirement) {
        #expect(WrittenCase.of(text) == expected)
    }

    /// Georgian has no capitals in running text: its names are not lower-case descriptions, and its words are
    /// name-like, as Arabic ones.
    @Test("Georgian names link in Georgian text")
    func georgian() throws {
        func place(_ id: String, _ english: String, _ georgian: String) -> Concept {
            Concept(id: id, type: .place, terms: [Term(text: english, language: LanguageTag(canonical: "en")),
                                                  Term(text: georgian, language: LanguageTag(canonical: "ka"))])
        }
        let linker = EntityLinker(automaton: TermAutomaton(concepts: [
            place("tbilisi", "Tbilisi", "თბილისი"), place("batumi", "Batumi", "ბათუმი"),
        ]))
        let mentions = try linker.link("თბილისი და ბათუმი.", options: .init(language: LanguageTag(canonical: "ka")))
        #expect(mentions.map(\.conceptID) == ["tbilisi", "batumi"])
        #expect(mentions.map(\.start) == [0, 11])
    }

    @Test("a comma between words gives a comma path; elsewhere none")
    func commaBreaks() {
        #expect(TermAutomaton.commaBreaks("washington, d.c.", wordCount: 3) == [1])
        #expect(TermAutomaton.commaBreaks("korea, republic of", wordCount: 3) == [1])
        #expect(TermAutomaton.commaBreaks("washington d.c.", wordCount: 3) == nil)
        #expect(TermAutomaton.commaBreaks("1,5 million", wordCount: 3) == nil)
        #expect(TermAutomaton.commaBreaks(", washington", wordCount: 1) == nil)
    }
}
