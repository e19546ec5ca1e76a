import Foundation
import OnomaGlossary
@testable import OnomaMatching
import OnomaText
import TestResources
import Testing

/// The generic-word table (`Rules/generic-words.txt`) on real names, and the fuzzy step's rules for short keys and
/// weighted edits.
@Suite struct GenericWordTests {
    static let en = LanguageTag(canonical: "en")
    static let generic = TranscriptionRules.shared.genericWords

    static func term(_ text: String) -> Term { Term(text: text, language: en) }

    /// English names only: every other spelling must be found by the cascade.
    static let concepts: [Concept] = [
        Concept(id: "solomon-islands", type: .place, terms: [term("Solomon Islands")]),
        Concept(id: "cook-islands", type: .place, terms: [term("Cook Islands")]),
        Concept(id: "north-korea", type: .place, terms: [term("North Korea")]),
        Concept(id: "south-korea", type: .place, terms: [term("South Korea")]),
        Concept(id: "saint-lucia", type: .place, terms: [term("St. Lucia")]),
        Concept(id: "cape-verde", type: .place, terms: [term("Cape Verde")]),
        Concept(id: "vatican-city", type: .place, terms: [term("Vatican City")]),
        Concept(id: "new-salem", type: .place, terms: [term("New Salem, North Dakota")]),
        Concept(id: "china", type: .place, terms: [term("China")]),
        Concept(id: "japan", type: .place, terms: [term("Japan")]),
        Concept(id: "jamaica", type: .place, terms: [term("Jamaica")]),
        Concept(id: "paraguay", type: .place, terms: [term("Paraguay")]),
        Concept(id: "ouagadougou", type: .place, terms: [term("Ouagadougou")]),
        Concept(id: "jakarta", type: .place, terms: [term("Jakarta")]),
        Concept(id: "tunis", type: .place, terms: [term("Tunis")]),
        Concept(id: "ireland", type: .place, terms: [term("Ireland")]),
        Concept(id: "belarus", type: .place, terms: [term("Belarus")]),
        Concept(id: "stockholm", type: .place, terms: [term("Stockholm")]),
        Concept(id: "anguilla", type: .place, terms: [term("Anguilla")]),
        Concept(id: "lithuania", type: .place, terms: [term("Lithuania")]),
        Concept(id: "vladimir-putin", type: .person, terms: [term("Putin")]),
        Concept(id: "marshall-islands", type: .place, terms: [term("Marshall Islands")]),
        Concept(id: "new-caledonia", type: .place, terms: [term("New Caledonia")]),
        Concept(id: "south-sudan", type: .place, terms: [term("South Sudan")]),
    ]

    static let matcher: EntityMatcher = {
        do { return try EntityMatcher(concepts: concepts) } catch { fatalError("generic-word matcher: \(error)") }
    }()

    // MARK: - The table

    static let splits: [(name: String, language: String, base: String, tokens: String)] = [
        ("Îles Salomon", "fr", "salomon", "I"), ("Solomon Islands", "en", "solomon", "I"),
        ("Salomonen-Inseln", "de", "salomonen", "I"), ("Cookinseln", "de", "cook", "I"),
        ("Islas Salomón", "es", "salomón", "I"), ("Wyspy Salomona", "pl", "salomona", "I"),
        ("Šalamounovy ostrovy", "cs", "šalamounovy", "I"), ("Solomon Adaları", "tr", "solomon", "I"),
        ("Salomonseilanden", "nl", "salomons", "I"),
        ("Corée du Nord", "fr", "corée", "N"), ("Nordkorea", "de", "korea", "N"),
        ("Corea del Norte", "es", "corea", "N"), ("Korea Północna", "pl", "korea", "N"),
        ("Severní Korea", "cs", "korea", "N"), ("Kuzey Kore", "tr", "kore", "N"),
        ("Jižní Korea", "cs", "korea", "Z"), ("Güney Kore", "tr", "kore", "Z"),
        ("Sainte-Lucie", "fr", "lucie", "S"), ("St. Lucia", "de", "lucia", "S"),
        ("Santa Lucía", "es", "lucía", "S"),
        ("Svatá Lucie", "cs", "lucie", "S"), ("Saint Lucia", "pl", "lucia", "S"), ("São Tomé", "pt", "tomé", "S"),
        ("Cap-Vert", "fr", "vert", "K"), ("Kap Verde", "de", "verde", "K"), ("Cabo Verde", "es", "verde", "K"),
        ("Città del Vaticano", "it", "vaticano", "Y"), ("Ciudad del Vaticano", "es", "vaticano", "Y"),
        ("New Salem, Severní Dakota", "cs", "salem dakota", "NV"), ("Dakota do Norte", "pt", "dakota", "N"),
        ("Papouasie-Nouvelle-Guinée", "fr", "papouasie guinée", "V"),
        ("Nya Zeeland", "sv", "zeeland", "V"), ("Ho Chi Minh-staden", "sv", "ho chi minh", "Y"),
        ("São Tomé och Príncipe", "sv", "tomé príncipe", "S"),
        ("province de Tavush", "fr", "tavush", "D"), ("Provinz Sjunik", "de", "sjunik", "D"),
        ("Tavuş bölgesi", "tr", "tavuş", "D"), ("Kherson Oblast", "en", "kherson", "D"),
        ("tavush oblastʹ", "ru", "tavush", "D"),  // BGN/PCGN's prime for the soft sign
        ("Gogledd Macedonia", "cy", "macedonia", "N"), ("Ynysoedd Cook", "cy", "cook", "I"),
        ("Davvi-Korea", "se", "korea", "N"), ("Marshallsullot", "se", "marshall", "I"),
        ("Ođđa-Kaledonia", "se", "kaledonia", "V"), ("Saŋ Kits", "wo", "kits", "S"),
        ("Tanjung Verde", "id", "verde", "K"), ("Sudan Selatan", "id", "sudan", "Z"), ("Papua Barat", "id", "papua", "W"),
        // An elided article or preposition beside a generic word.
        ("province d'Ararat", "fr", "ararat", "D"), ("lac d'Annecy", "fr", "annecy", "L"),
        ("Isola d'Elba", "it", "elba", "I"), ("Isola dell'Asinara", "it", "asinara", "I"),
        // Languages in other scripts, as their BGN/PCGN romanization writes them (the words are looked up there).
        ("Soltüstik Koreya", "kk", "koreya", "N"), ("Marshall araldary", "kk", "marshall", "I"),
        ("Zhanga Kaledoniya", "kk", "kaledoniya", "V"), ("Tüshtük Sudan", "ky", "sudan", "Z"),
        ("Marshall utraulary", "tt", "marshall", "I"), ("Jazirahoi Marshall", "tg", "marshall", "I"),
        ("Vória Koréa", "el", "koréa", "N"), ("Nísos tou Man", "el", "man", "I"),
        ("Áyios Marínos", "el", "marínos", "S"), ("Samkhret Korea", "ka", "korea", "Z"),
        ("Akhali Kaledonia", "ka", "kaledonia", "V"), ("Hyusisayin Korea", "hy", "korea", "N"),
        ("Nor Kaledonia", "hy", "kaledonia", "V"), ("Uttarī Koriyā", "hi", "koriyā", "N"),
        ("Pivdenna Koreya", "uk", "koreya", "Z"), ("Nova Kaledoniya", "uk", "kaledoniya", "V"),
        ("Tsentralʹnaya Afrika", "ru", "afrika", "C"), ("Yuzhno Sudan", "bg", "sudan", "Z"),
        ("Kwryạ lshmạlyh", "ar", "kwryạ", "N"), ("Swdạn jnvby", "fa", "swdạn", "Z"),
        ("Južen Sudan", "mk", "sudan", "Z"), ("Sursĕr Makedoni", "cv", "makedoni", "N"),
        ("Marshallïn arluud", "mn", "marshallïn", "I"), ("paścima sahārā", "mr", "sahārā", "W"),
        ("nyū kyāliḍōniyā", "kn", "kyāliḍōniyā", "V"),  // ISO 15919's n'yū, its apostrophe read before
        ("bōsniyā mariyu herjigōvinā", "te", "bōsniyā herjigōvinā", ""),
        // Latin-script languages of this table's later additions.
        ("Észak-Korea", "hu", "korea", "N"), ("Cənubi Koreya", "az", "koreya", "Z"),
        ("Marshall orollari", "uz", "marshall", "I"), ("Täze Kaledoniýa", "tk", "kaledoniýa", "V"),
        ("Ìsula de Man", "sc", "man", "I"),
        ("Marshallowe kupy", "hsb", "marshallowe", "I"),
    ]

    @Test(arguments: splits)
    func genericWordsBecomeTokens(_ row: (name: String, language: String, base: String, tokens: String)) throws {
        let split = try #require(Self.generic.split(TranscriptionRules.prepare(row.name)), "\(row.name): no split")
        #expect(split.base == row.base && split.tokens == row.tokens,
                "\(row.language) \(row.name) → \(split.base) [\(split.tokens)], expected \(row.base) [\(row.tokens)]")
    }

    @Test(arguments: ["Moskva", "Bahia", "Norte", "Isla de", "Nordic", "Ostia", "Irina D. Bayramova", "Aziz Sancar",
                      "London", "Boston", "Massimo D'Alema", "Valéry Giscard d'Estaing", "Côte d'Ivoire",
                      "Kota Ibushi", "Timur Bekmambetov"])
    func namesWithoutAnotherWordKeepOnlyTheirKeys(_ name: String) {
        // No generic word, nothing but generic and small words, a prefix leaving too little ("Nordic"); one-letter
        // words are initials, not small words (an elided d', l' goes only beside a generic word), and given names are
        // not generic words. Words are compared folded, so no entry may fold to a common ending (Swedish -ön, the
        // island, is -on: London, Boston).
        let split = Self.generic.split(TranscriptionRules.prepare(name))
        #expect(split == nil, "\(name) → \(String(describing: split))")
    }

    @Test func theASCIIFoldIsTheUnicodeFold() throws {
        // Every ASCII word of the shipped table and of real names: the fast path gives what the general one gives.
        let url = TranscriptionRules.bundledRules().appendingPathComponent("generic-words.txt")
        let table = try String(contentsOf: url, encoding: .utf8)
        let words = table.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ":" })
            .map { String($0).trimmingCharacters(in: CharacterSet(charactersIn: "-")) }
            .filter { !$0.isEmpty && $0.utf8.allSatisfy { $0 < 0x80 } }
            + ["Saint", "ISLANDS", "New-York", "O'Higgins", "Nord2", "St.", "Bahía"]
        #expect(words.count > 100)
        for word in words where word.utf8.allSatisfy({ $0 < 0x80 }) {
            #expect(GenericWords.fold(word) == GenericWords.foldUnicode(word), "\(word)")
        }
        #expect(GenericWords.fold("Îles") == "iles")
    }

    @Test func theByteCheckClearsOnlyNamesTheGeneralPathDoesNotSplit() throws {
        // Every shipped term, and random names made of table entries, their beginnings and endings glued to
        // random letters, and random words: a name the byte check clears is one the general path does not split.
        let url = TranscriptionRules.bundledRules().appendingPathComponent("generic-words.txt")
        let entries = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
            .filter { !$0.hasPrefix("#") && !$0.hasPrefix("@") }
            .flatMap { $0.split(separator: " ").dropFirst().prefix { !$0.hasPrefix("#") } }
            .map(String.init).filter { $0.utf8.allSatisfy { $0 < 0x80 } }
        var random = SplitMix(seed: 0x6765_6E65_7269_63)
        // Latin-1's letters, letters of transliterations beyond it (BGN/PCGN's ā ṭ ḥ, Turkish ı ş, Polish ł) and
        // combining marks: the fast path folds each from its table.
        let letters = Array("abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzéèêëàâäîïôöùûüçœæøßñåíóú")
            + Array("āēīōūṭḥṣẓḍġşıłđəǎẞĳ")
            + ["a\u{301}", "o\u{308}", "n\u{303}", "\u{0331}"].map { Character($0) }
        func randomWord(_ length: Int) -> String {
            String((0..<length).map { _ in letters.randomElement(using: &random)! })
        }
        var names = CorpusFixtures.shippedGlossaryTerms.map(TranscriptionRules.prepare)
        for _ in 0..<20_000 {
            var words: [String] = []
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                let entry = entries.randomElement(using: &random)!
                let tail = randomWord(Int.random(in: 0...6, using: &random))
                switch Int.random(in: 0..<4, using: &random) {
                case 0: words.append(entry.trimmingCharacters(in: CharacterSet(charactersIn: "-")))
                case 1: words.append(entry.hasSuffix("-") ? String(entry.dropLast()) + tail : entry + tail)
                case 2: words.append(entry.hasPrefix("-") ? tail + String(entry.dropFirst()) : tail + entry)
                default: words.append(randomWord(Int.random(in: 1...9, using: &random)))
                }
            }
            names.append(words.joined(separator: " "))
        }
        var cleared = 0, checked = 0
        for name in names {
            guard let mayFire = Self.generic.mayFire(inLatin: name) else { continue }
            checked += 1
            if !mayFire {
                cleared += 1
                #expect(Self.generic.splitWords(name) == nil, "\(name)")
            }
            #expect(Self.generic.split(name) == Self.generic.splitWords(name), "\(name)")
        }
        #expect(checked > 40_000 && cleared > 10_000 && checked - cleared > 10_000, "\(checked) \(cleared)")
    }

    @Test func malformedTablesAreRejected() throws {
        #expect(throws: RulesError.self) { try GenericWords(text: "@island I\n@isle I\n") }
        #expect(throws: RulesError.self) { try GenericWords(text: "@island I\nen: isle\n@saint S\nfr: isle\n") }
        #expect(throws: RulesError.self) { try GenericWords(text: "@island i\n") }
        #expect(throws: RulesError.self) { try GenericWords(text: "en: isle\n") }
        // Only a token may be optional, and only so.
        #expect(throws: RulesError.self) { try GenericWords(text: "@island I maybe\n") }
        #expect(throws: RulesError.self) { try GenericWords(text: "@drop - optional\n") }
        #expect(try GenericWords(text: "@island I optional\n@north N\n").optionalTokens == ["I"])
        // An elided word is a small word.
        #expect(throws: RulesError.self) { try GenericWords(text: "@island I\nfr: île d'\n") }
        #expect(try GenericWords(text: "@island I\nfr: île\n@drop -\nfr: d'\n").split("île d elbe")?.base == "elbe")
    }

    // MARK: - Matching

    static let queries: [(query: String, language: String, concept: String)] = [
        ("Îles Salomon", "fr", "solomon-islands"), ("Islas Salomón", "es", "solomon-islands"),
        ("Solomon Adaları", "tr", "solomon-islands"), ("Cookinseln", "de", "cook-islands"),
        ("Îles Cook", "fr", "cook-islands"), ("Cookeilanden", "nl", "cook-islands"),
        ("Corée du Nord", "fr", "north-korea"), ("Nordkorea", "de", "north-korea"),
        ("Corea del Norte", "es", "north-korea"), ("Korea Północna", "pl", "north-korea"),
        ("Severní Korea", "cs", "north-korea"), ("Corée du Sud", "fr", "south-korea"),
        ("Südkorea", "de", "south-korea"),
        ("Jižní Korea", "cs", "south-korea"), ("Korea Południowa", "pl", "south-korea"),
        ("Sainte-Lucie", "fr", "saint-lucia"), ("Santa Lucía", "es", "saint-lucia"),
        ("Sankt Lucia", "de", "saint-lucia"), ("S:t Lucia", "sv", "saint-lucia"),
        ("Cap-Vert", "fr", "cape-verde"), ("Kap Verde", "de", "cape-verde"), ("Cabo Verde", "pt", "cape-verde"),
        ("Città del Vaticano", "it", "vatican-city"), ("Ciudad del Vaticano", "es", "vatican-city"),
        ("New Salem, Severní Dakota", "cs", "new-salem"), ("New Salem, Kuzey Dakota", "tr", "new-salem"),
        ("New Salem, Dakota Północna", "pl", "new-salem"),
        ("Βόρεια Κορέα", "el", "north-korea"), ("Νότια Κορέα", "el", "south-korea"),
        ("Νέα Καληδονία", "el", "new-caledonia"), ("Солтүстік Корея", "kk", "north-korea"),
        ("Оңтүстік Корея", "kk", "south-korea"), ("Маршалл аралдары", "kk", "marshall-islands"),
        ("Жаңа Каледония", "kk", "new-caledonia"), ("Түштүк Корея", "ky", "south-korea"),
        ("Маршалл утраулары", "tt", "marshall-islands"), ("Көньяк Судан", "tt", "south-sudan"),
        ("სამხრეთ კორეა", "ka", "south-korea"), ("ახალი კალედონია", "ka", "new-caledonia"),
        ("Հյուսիսային Կորեա", "hy", "north-korea"), ("Նոր Կալեդոնիա", "hy", "new-caledonia"),
        ("उत्तर कोरिया", "hi", "north-korea"), ("दक्षिण कोरिया", "hi", "south-korea"),
        ("Нова Каледонія", "uk", "new-caledonia"), ("Нова Каледония", "bg", "new-caledonia"),
        ("جزر مارشال", "ar", "marshall-islands"), ("جزایر مارشال", "fa", "marshall-islands"),
        ("سودان جنوبی", "fa", "south-sudan"), ("جنوبی سوڈان", "ur", "south-sudan"),
        ("Észak-Korea", "hu", "north-korea"), ("Cənubi Koreya", "az", "south-korea"),
        ("Marshall orollari", "uz", "marshall-islands"), ("Täze Kaledoniýa", "tk", "new-caledonia"),
        ("Јужен Судан", "mk", "south-sudan"), ("Маршаллын арлууд", "mn", "marshall-islands"),
        ("न्यू कैलेडोनिया", "hi", "new-caledonia"), ("క్రొత్త కాలెడోనియా", "te", "new-caledonia"),
        ("માર્શલ આઇલેન્ડ્સ", "gu", "marshall-islands"),
    ]

    @Test(arguments: queries)
    func translatedGenericWordsMatch(_ row: (query: String, language: String, concept: String)) {
        let result = Self.matcher.lookup(row.query, language: LanguageTag(canonical: row.language), target: Self.en)
        #expect(result.best?.conceptID == row.concept,
                "\(row.language) \(row.query) → \(String(describing: result.best?.explanation))")
    }

    @Test func theExplanationNamesTheGenericWords() throws {
        let result = Self.matcher.lookup("Îles Salomon", language: LanguageTag(canonical: "fr"), target: Self.en)
        let best = try #require(result.best)
        #expect(best.method == .fuzzy)
        #expect(best.explanation.contains("generic words: îles→island → salomon I"), "\(best.explanation)")
        let cook = try #require(Self.matcher.lookup("Îles Cook", language: LanguageTag(canonical: "fr"),
                                                    target: Self.en).best)
        #expect(cook.method == .transcription && cook.explanation.contains("îles→island"), "\(cook.explanation)")
        #expect(cook.score == EntityMatcher.genericWordScore)
        #expect(best.explanation.hasSuffix("= en \"Solomon Islands\""), "\(best.explanation)")
    }

    @Test func aMinimumScoreSkipsTheStepsBelowIt() throws {
        // "Îles Cook" matches only through its generic-word key (0.88), "Îles Salomon" only by the fuzzy step: a
        // caller that needs 0.9 (running text) gets neither, and the same names still match at a lower minimum.
        let fr = LanguageTag(canonical: "fr")
        for query in ["Îles Cook", "Îles Salomon"] {
            let name = try NameNormalizer().normalize(query, language: "fr")
            let strict = Self.matcher.lookup(name: name, language: fr, target: Self.en, minimumScore: 0.9)
            #expect(strict.matches.isEmpty, "\(query) → \(strict.matches.map(\.conceptID))")
            let lenient = Self.matcher.lookup(name: name, language: fr, target: Self.en,
                                              minimumScore: EntityMatcher.threshold)
            #expect(lenient.best?.score ?? 1 < 0.9, "\(query) → \(String(describing: lenient.best))")
            #expect(lenient.best?.conceptID == Self.matcher.lookup(query, language: fr, target: Self.en).best?.conceptID)
            #expect(lenient.best != nil)
        }
    }

    @Test func differentTokensNeverMatch() throws {
        // Without North Korea, the north of a name must not find the south, which it does find otherwise.
        let onlySouth = try EntityMatcher(concepts: Self.concepts.filter { $0.id != "north-korea" })
        for (query, language) in [("Severní Korea", "cs"), ("Corée du Nord", "fr"), ("Korea Północna", "pl")] {
            let tag = LanguageTag(canonical: language)
            let result = onlySouth.lookup(query, language: tag, target: Self.en)
            #expect(result.best == nil, "\(query) → \(String(describing: result.best))")
            #expect(Self.matcher.lookup(query, language: tag, target: Self.en).best?.conceptID == "north-korea")
        }
    }

    /// A province as the press of other languages writes it, on the curated glossaries as shipped without the query
    /// language's names of that province: the division word translated (Rules/generic-words.txt, `@division`), an
    /// elided preposition, Armenian's genitive before *մարզ*, Russian's adjective before *область* (step 4e's ending,
    /// then the generic-word key).
    static let divisions: [(query: String, language: String, concept: String)] = [
        ("Սյունիքի մարզ", "hy", "syunik"), ("Տավուշի մարզ", "hy", "tavush"),
        ("Արմավիրի մարզ", "hy", "armavir-province"),
        ("province d'Ararat", "fr", "ararat-province"), ("région de Tavush", "fr", "tavush"),
        ("Provinz Sjunik", "de", "syunik"), ("Tavuş bölgesi", "tr", "tavush"), ("provincia de Shirak", "es", "shirak"),
        // Russian and Ukrainian name a division by the place's adjective (Rules/name-endings.txt).
        ("Тавушская область", "ru", "tavush"), ("Лорийская область", "ru", "lori"),
        ("Араратской области", "ru", "ararat-province"), ("Сюнікська область", "uk", "syunik"),
    ]

    @Test(arguments: divisions)
    func translatedDivisionWordsMatch(_ row: (query: String, language: String, concept: String)) throws {
        let language = LanguageTag(canonical: row.language)
        let matcher = try WordReplacementTests.matcher(without: "", stripping: row.language, of: row.concept)
        let best = try #require(matcher.lookup(row.query, language: language, target: Self.en).best, "\(row.query)")
        #expect(best.conceptID == row.concept && best.method == .transcription
                    && best.score == EntityMatcher.genericWordScore && best.explanation.contains("→division"),
                "\(row.query) → \(best.conceptID): \(best.explanation)")
        // The batch job's short path finds the same.
        let name = try NameNormalizer().normalize(row.query, language: row.language)
        #expect(matcher.bestMatch(name: name, language: language, target: Self.en)?.conceptID == row.concept)
    }

    @Test func aDivisionIsNotItsNamesake() throws {
        // Without the province, its name finds no other concept of that name (the mountain, *Ararat*): the
        // division's token is in the key, and the mountain's key has none.
        let matcher = try WordReplacementTests.matcher(without: "ararat-province")
        #expect(WordReplacementTests.curated.contains { $0.id == "mount-ararat" })
        for (query, language) in [("province d'Ararat", "fr"), ("Ararat Province", "en"), ("Արարատի մարզ", "hy")] {
            let result = matcher.lookup(query, language: LanguageTag(canonical: language), target: Self.en)
            #expect(result.best == nil, "\(query) → \(String(describing: result.best))")
        }
    }

    // MARK: - A generic word more or fewer

    /// Places whose name has a generic word that other languages leave out, or none where they add one (CLDR's
    /// names; the set of `Benchmarks/matching/eval.py`), and places whose name without it is one word.
    static let variantMatcher = MatcherFixtures.englishPlaces(["Ho Chi Minh City", "Lord Howe",
                                                               "Turks & Caicos Islands", "Mexico City",
                                                               "Norfolk Island", "Pago Pago"])

    /// CLDR's names of those places in other languages (Italian and Polish keep *Ho Chi Minh*, Dutch adds *eiland*,
    /// Estonian writes *ja* for *&* without *saared*); the one-word names that must find nothing: *Mexico* is the
    /// country, *Norfolk* the English county, neither stored here; and a word that tells places apart, which is never
    /// left out: a new *Pago Pago* is another place.
    static let variantQueries: [(query: String, language: String, concept: String?)] = [
        ("Ho Chi Minh", "it", "ho chi minh city"), ("Ho Chi Minh", "pl", "ho chi minh city"),
        ("हो ची मिन्ह", "kok", "ho chi minh city"), ("Lord Howe-eiland", "nl", "lord howe"),
        ("Île Lord Howe", "fr", "lord howe"), ("Turks ja Caicos", "et", "turks & caicos islands"),
        ("Mexico", "pl", nil), ("Meksyk", "pl", nil), ("México", "es", nil), ("Norfolk", "pl", nil),
        ("Nowe Pago Pago", "pl", nil),
    ]

    @Test(arguments: variantQueries)
    func aGenericWordMoreOrFewer(_ row: (query: String, language: String, concept: String?)) {
        let result = Self.variantMatcher.lookup(row.query, language: LanguageTag(canonical: row.language),
                                                target: Self.en)
        #expect(result.best?.conceptID == row.concept,
                "\(row.language) \(row.query) → \(String(describing: result.best?.explanation))")
        if row.concept != nil { #expect(result.best?.score == EntityMatcher.nameFormScore) }
    }

    @Test func theExplanationSaysWhichGenericWordWasAddedOrLeftOut() throws {
        let it = LanguageTag(canonical: "it"), nl = LanguageTag(canonical: "nl")
        let city = try #require(Self.variantMatcher.lookup("Ho Chi Minh", language: it, target: Self.en).best)
        #expect(city.explanation.hasSuffix("→ with a generic word (city): ho chi minh Y = en \"Ho Chi Minh City\""),
                "\(city.explanation)")
        let island = try #require(Self.variantMatcher.lookup("Lord Howe-eiland", language: nl, target: Self.en).best)
        #expect(island.explanation.contains("→ without its generic words: lord hov = en \"Lord Howe\""),
                "\(island.explanation)")
    }

    /// On the curated glossaries without Nagorno-Karabakh, its names find no other concept by a *republic* added or
    /// left out: the Republic of Artsakh (*République du Haut-Karabakh*) is a state, not the land; nor the reverse.
    @Test func aStateIsNotItsLand() throws {
        let withoutLand = try WordReplacementTests.matcher(without: "nagorno-karabakh")
        let withoutState = try WordReplacementTests.matcher(without: "republic-of-artsakh")
        for (query, language) in [("Haut-Karabakh", "fr"), ("Dağlık Karabağ", "tr"), ("Dağlıq Qarabağ", "az")] {
            let result = withoutLand.lookup(query, language: LanguageTag(canonical: language), target: Self.en)
            #expect(result.best?.conceptID != "republic-of-artsakh", "\(query) → \(String(describing: result.best))")
        }
        for (query, language) in [("République du Haut-Karabakh", "fr"), ("Dağlık Karabağ Cumhuriyeti", "tr")] {
            let result = withoutState.lookup(query, language: LanguageTag(canonical: language), target: Self.en)
            #expect(result.best?.conceptID != "nagorno-karabakh", "\(query) → \(String(describing: result.best))")
        }
    }

    @Test func variantsNeedTwoWordsLeft() {
        let tokens = Array("IY")
        let variants = EntityMatcher.genericWordVariants(of: ["ho chi minh", "miksiko", "norfolk I", "lord hov I"],
                                                         generic: ["norfolk I", "lord hov I"], tokens: tokens)
        #expect(variants.map(\.key) == ["ho chi minh I", "ho chi minh Y", "lord hov"])
        #expect(variants.map(\.token) == ["I", "Y", nil])
        // Two words of fewer than six letters in all are too short to name a place on their own; a token that is
        // not among those that may be left out stays.
        #expect(EntityMatcher.genericWordVariants(of: ["la paz"], generic: [], tokens: tokens).isEmpty)
        #expect(EntityMatcher.genericWordVariants(of: ["pago pago V", "lord hov IW"],
                                                  generic: ["pago pago V", "lord hov IW"], tokens: tokens).isEmpty)
        #expect(Self.generic.optionalTokens.contains("Y") && !Self.generic.optionalTokens.contains("V"))
    }

    // MARK: - Short keys and weighted edits

    static let closeNames: [(query: String, language: String, concept: String?)] = [
        // Short keys: one half edit in the last two letters.
        ("Chine", "fr", "china"), ("Japon", "fr", "japan"), ("Japón", "es", "japan"),
        // Not elsewhere, and not a final i (the -ia of a country named after its capital).
        ("Patten", "en", nil), ("Tunisie", "fr", nil), ("Tunesien", "de", nil),
        // Weighted edits: glides the skeleton keeps.
        ("Jamajka", "pl", "jamaica"), ("Paragwaj", "pl", "paraguay"), ("Paraguai", "pt", "paraguay"),
        // One whole edit in seven letters or more, the first letter's counting double (w/u, y/j are kin).
        ("Wagadugu", "pl", "ouagadougou"), ("Yakarta", "es", "jakarta"),
        // Two vowel edits in seven letters or more, the stems within one edit: a language's ending.
        ("Irlanda", "es", "ireland"), ("Irlanda", "it", "ireland"), ("Bielorrusia", "es", "belarus"),
        ("Biélorussie", "fr", "belarus"), ("Stoccolma", "it", "stockholm"),
        // Not two inside the stem.
        ("Angola", "fr", nil), ("Letonia", "es", nil), ("Lettonie", "fr", nil),
    ]

    @Test(arguments: closeNames)
    func shortKeysAndWeightedEdits(_ row: (query: String, language: String, concept: String?)) {
        let result = Self.matcher.lookup(row.query, language: LanguageTag(canonical: row.language), target: Self.en)
        #expect(result.best?.conceptID == row.concept,
                "\(row.language) \(row.query) → \(String(describing: result.best?.explanation))")
        if row.concept != nil { #expect(result.best?.method == .fuzzy || result.best?.method == .transcription) }
    }

    /// The index reads pairs by the reach of their key's length with its generic-word tokens, which may pass
    /// ``EntityMatcher/weightedReachLength`` where its letters alone do not: that reach must never be the smaller.
    @Test func theReachNeverShrinksAsKeysGrow() {
        for length in 1..<255 {
            #expect(EntityMatcher.reach(longest: length + 1) >= EntityMatcher.reach(longest: length), "\(length)")
            #expect(EntityMatcher.reach(longest: length)
                        >= Similarity.editBudget(longest: length, atLeast: EntityMatcher.fuzzySimilarity))
        }
        #expect(EntityMatcher.reach(longest: 7) == 2 && EntityMatcher.reach(longest: 13) == 3)
    }

    @Test func weightedDistanceCountsHalfEdits() {
        func distance(_ a: String, _ b: String) -> Int {
            Array(a.utf8).withUnsafeBufferPointer { x in Array(b.utf8).withUnsafeBufferPointer { y in
                Similarity.weightedDistance(x, y)
            } }
        }
        #expect(distance("japon", "japan") == 1)      // vowel for vowel
        #expect(distance("paragvai", "paraguai") == 1) // kin consonants (v, u)
        #expect(distance("butan", "bhutan") == 1)     // h
        #expect(distance("kabul", "kabur") == 2)      // other consonants
        #expect(distance("japan", "kapan") == 4)      // the first letter, double
        #expect(distance("", "ab") == 4 && distance("abc", "abc") == 0)
        // An r that ends a syllable, which non-rhotic English and the languages that hear it do not write (Chinese
        // 霍巴特, Lao ໂຮບາດ, Pidgin Hóbat: Hobart), costs half; an r before a vowel or after a consonant a whole one.
        #expect(distance("hobat", "hobart") == 1 && distance("amstidam", "amstirdam") == 1)
        #expect(distance("daka", "dakar") == 1 && distance("hobart", "hobat") == 1)
        #expect(distance("moo", "moro") == 2 && distance("pais", "paris") == 2 && distance("bazil", "brazil") == 2)
        #expect(distance("dzinvats", "rdzinvats") == 4)
        // English's soft g (before e or i) is the j of the languages that write its sound; a hard g is not.
        #expect(distance("aljiri", "algiri") == 1 && distance("algiri", "aljiri") == 1)
        #expect(distance("ajintina", "argintina") == 2)
        #expect(distance("jordan", "gordan") == 4 && distance("ajora", "agora") == 2)
    }
}

/// The memo of split words (one table per thread): what it returns is what splitting the words again returns.
@Suite struct GenericWordMemoTests {
    /// Real names with non-ASCII words (the ones the memo holds), generic or not, and ASCII ones (split directly).
    static let names = [
        "Îles Salomon", "Šalamounovy ostrovy", "Solomon Adaları", "Korea Północna", "Severní Korea", "Güney Kore",
        "Città del Vaticano", "São Tomé", "Papouasie-Nouvelle-Guinée", "Jižní Korea", "Nordkorea", "Cookinseln",
        "Salomonen-Inseln", "Islas Salomón", "bambara tili laotański", "maory tili baṛō", "Kĩmalesia", "Moskva",
        "Irina D. Bayramova",
    ]

    /// What `split` gives for `name` with a table whose memo has never seen it.
    static func fresh(_ name: String) throws -> GenericWords.Split? {
        let url = TranscriptionRules.bundledRules().appendingPathComponent("generic-words.txt")
        return try GenericWords(text: String(contentsOf: url, encoding: .utf8)).split(TranscriptionRules.prepare(name))
    }

    @Test func aRememberedWordSplitsAsAFreshOne() throws {
        let generic = TranscriptionRules.shared.genericWords
        for name in Self.names {
            let expected = try Self.fresh(name)
            // The first call may fill this thread's memo, the second reads it.
            for round in 0..<2 {
                let split = generic.split(TranscriptionRules.prepare(name))
                #expect(split == expected, "\(name), call \(round + 1): \(String(describing: split))")
            }
        }
    }

    @Test func threadsSplitTheSameWordsAlike() async throws {
        let generic = TranscriptionRules.shared.genericWords
        let expected = try Self.names.map(Self.fresh)
        // Each task runs on whatever thread the pool gives it, in its own order: every thread's table must give
        // each name its fresh split.
        let results = await withTaskGroup(of: [(name: Int, split: GenericWords.Split?)].self) { group in
            for task in 0..<8 {
                group.addTask {
                    (0..<(50 * Self.names.count)).map { n in
                        let name = (n + task * 7) % Self.names.count
                        return (name, generic.split(TranscriptionRules.prepare(Self.names[name])))
                    }
                }
            }
            return await group.reduce(into: []) { $0 += $1 }
        }
        #expect(results.count == 8 * 50 * Self.names.count)
        for (name, split) in results where split != expected[name] {
            Issue.record("\(Self.names[name]): \(String(describing: split)), fresh \(String(describing: expected[name]))")
        }
    }
}
