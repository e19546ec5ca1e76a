import OnomaGlossary
@testable import OnomaMatching
import OnomaText
import Testing

/// Names in the case a sentence gave them (*Moskwie*, *Путиным*, *Moszkvában*): read with one of their language's
/// endings replaced (`Rules/name-endings.txt`) when nothing matches as written, at ``EntityMatcher/nameFormScore``.
@Suite struct NameEndingTests {
    static let en = LanguageTag(canonical: "en")

    /// The shipped curated people and places, and the CLDR cities and territories (their names in every locale).
    static let matcher: EntityMatcher = {
        let concepts = MatcherFixtures.shipped(["curated/people.tsv", "curated/places.tsv", "cldr/cities.tsv",
                                                "cldr/territories.tsv"])
        do { return try EntityMatcher(concepts: concepts) } catch { fatalError("shipped matcher: \(error)") }
    }()

    /// Inflected forms of names, written from each language's grammar (the case in the comment), with the English name
    /// of the concept they name.
    static let inflected: [(query: String, language: String, english: String)] = [
        ("Путиным", "ru", "Vladimir Putin"),              // instrumental
        ("Владимира Путина", "ru", "Vladimir Putin"),     // genitive, both words
        ("Пашиняна", "ru", "Nikol Pashinyan"),            // genitive
        ("Нагорном Карабахе", "ru", "Nagorno-Karabakh"),  // prepositional, adjective and noun
        ("Moskwie", "pl", "Moscow"),                      // locative
        ("Putinem", "pl", "Vladimir Putin"),              // instrumental
        ("Pasziniana", "pl", "Nikol Pashinyan"),          // genitive of a name the store lacks in Polish
        ("Bukareszcie", "pl", "Bucharest"),               // locative, t → c
        ("Putinovi", "cs", "Vladimir Putin"),             // dative
        ("Rusku", "cs", "Russia"),                        // locative of a neuter in -o
        ("Hrvatskom", "hr", "Croatia"),                   // instrumental: the country, not the language hrvatski
        ("Maskvoje", "lt", "Moscow"),                     // locative
        ("Moskovassa", "fi", "Moscow"),                   // inessive
        ("Irlannissa", "fi", "Ireland"),                  // inessive, nt in the weak grade
        ("Tallinnas", "et", "Tallinn"),                   // inessive
        ("Moszkvában", "hu", "Moscow"),                   // inessive, a lengthened before the suffix
        ("Bakıda", "az", "Baku"),                         // locative
        ("Երևանում", "hy", "Yerevan"),                    // locative
        ("თბილისში", "ka", "Tbilisi"),                    // -ში, the nominative's -ი dropped
        ("Αθήνας", "el", "Athens"),                       // genitive
        ("Russlands", "de", "Russia"),                    // genitive
        ("Azerbaijan's", "en", "Azerbaijan"),             // possessive
        ("Мінський", "uk", "Minsk"),                      // the place's adjective, a stem in -ськ
        ("Минского", "ru", "Minsk"),                      // the adjective's genitive
        ("Бухарестський", "uk", "Bucharest"),             // the adjective of a stem the ending leaves whole
    ]

    @Test(arguments: inflected)
    func anInflectedNameFindsItsConcept(_ row: (query: String, language: String, english: String)) throws {
        let language = LanguageTag(canonical: row.language)
        let best = try #require(Self.matcher.lookup(row.query, language: language, target: Self.en).best,
                                "\(row.query)")
        #expect(best.canonical?.text == row.english && best.score == EntityMatcher.nameFormScore,
                "\(row.query) → \(best.conceptID) \(String(describing: best.canonical?.text)) \(best.score)")
        #expect(best.explanation.contains("→ dictionary form \""), "\(best.explanation)")
        // The batch job's short path finds the same.
        let name = try NameNormalizer().normalize(row.query, language: row.language)
        #expect(Self.matcher.bestMatch(name: name, language: language, target: Self.en)?.conceptID == best.conceptID)
        // Running text's threshold reads no such form.
        #expect(Self.matcher.lookup(row.query, language: language, target: Self.en, minimumScore: 0.9).matches
            .allSatisfy { !$0.explanation.contains("dictionary form") })
    }

    /// A name found as written keeps its own score: the endings are read only when nothing matches so.
    @Test(arguments: [("Moskwa", "pl"), ("Путин", "ru"), ("Tallinn", "et")])
    func aNameFoundAsWrittenIsNotReadWithEndings(_ row: (query: String, language: String)) throws {
        let best = try #require(Self.matcher.lookup(row.query, language: LanguageTag(canonical: row.language),
                                                    target: Self.en).best)
        #expect(best.score > EntityMatcher.nameFormScore && !best.explanation.contains("dictionary form"),
                "\(best.explanation)")
    }

    /// Without the name's language, no language's endings are read: *Moskwie* could be any language's.
    @Test func noLanguageNoEndings() {
        let result = Self.matcher.lookup("Moskwie", language: nil, target: Self.en)
        #expect(result.matches.allSatisfy { !$0.explanation.contains("dictionary form") })
        #expect(Self.matcher.dictionaryForms(of: try! NameNormalizer().normalize("Moskwie", language: nil),
                                             language: "xx").isEmpty)
    }

    @Test(arguments: [
        // Longest ending first; the stem keeps two letters; capitals stay capitals.
        ("pl", "Moskwie", ["Moskwa", "Moskw", "Moskwia", "Moskwi"]),
        ("pl", "MOSKWIE", ["MOSKWA", "MOSKW", "MOSKWIA", "MOSKWI"]),
        ("pl", "Ie", [String]()),
        // A short word in capitals is an acronym; a word without case is no word in capitals.
        ("pl", "ONZIE", ["ONZA", "ONZ", "ONZIA", "ONZI"]), ("pl", "ONIE", [String]()), ("ka", "ბაქოში", ["ბაქო"]),
        // An apostrophe and what follows it; a stem's lengthened vowel read short too.
        ("tr", "Moskova'dan", ["Moskova"]), ("hu", "Moszkvában", ["Moszkvá", "Moszkva"]),
        ("xx", "Moskwie", [String]()),
        // Finnish consonants in the weak grade before the ending read in the strong one; a tt is no weak t.
        ("fi", "Irlannissa", ["Irlanni", "Irlanti"]), ("fi", "Kalkutassa", ["Kalkuta", "Kalkutta"]),
        ("fi", "Kalkuttassa", ["Kalkutta"]),
    ])
    func aTableReadsEndings(_ row: (language: String, word: String, forms: [String])) throws {
        let endings = try NameEndings(text: "pl: ie>a ie> e>a e>\ntr: '\nhu: ban\nhu.stem: á>a\nka: ში>\n"
                                          + "fi: ssa\nfi.grade: nn>nt t>tt")
        #expect(endings.dictionaryForms(of: row.word, language: row.language).map(\.form) == row.forms)
    }

    /// Every word is read with its endings, at most ``EntityMatcher/mostDictionaryForms`` combinations, the name as
    /// written not among them.
    @Test func theWordsOfANameCombine() throws {
        let name = try NameNormalizer().normalize("Владимира Путина", language: "ru")
        let forms = Self.matcher.dictionaryForms(of: name, language: "ru").map(\.text)
        #expect(forms.contains("Владимир Путин") && !forms.contains("Владимира Путина"))
        #expect(forms.count <= EntityMatcher.mostDictionaryForms && Set(forms).count == forms.count)
        let long = try NameNormalizer().normalize("Одна Две Три Четыре Пять", language: "ru")
        #expect(Self.matcher.dictionaryForms(of: long, language: "ru").isEmpty)
    }

    @Test(arguments: [
        ("pl: ie>a\nru ый", 2, "expected"), ("pl: >a", 1, "an ending is empty"),
        ("hu.stem: áb>a", 1, "one letter for one letter"), ("fi.grade: nn>", 1, "weak>strong"),
    ])
    func aMalformedLineIsNamed(_ row: (text: String, line: Int, message: String)) {
        #expect { try NameEndings(text: row.text) } throws: { error in
            "\(error)".contains("name-endings.txt line \(row.line)") && "\(error)".contains(row.message)
        }
    }
}
