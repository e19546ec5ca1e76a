import OnomaGlossary
import OnomaMatching
import OnomaText
import Testing

/// The conventions of the Baltic, Finnic, Albanian tables and of the languages that share a table
/// (`Rules/convention-languages.txt`: Slovak with Czech, Slovene with Croatian, Danish and Norwegian with Swedish,
/// Estonian with Finnish), on the spellings these languages' press gives the names of the issue's scenario.
@Suite struct ConventionLanguageTests {
    let en = LanguageTag(canonical: "en")

    /// Each language's spelling of names the fixture glossary holds in English and a native script only.
    static let spellings: [(query: String, language: String, concept: String)] = [
        // Lithuanian: nominative endings -as, -us, -is; ch = kh, j = y, či + back vowel = č.
        ("Vladimiras Putinas", "lt", "vladimir-putin"), ("Nikolas Pašinianas", "lt", "nikol-pashinyan"),
        ("Alijevas", "lt", "ilham-aliyev"), ("Jerevanas", "lt", "yerevan"), ("Chruščiovas", "lt", "nikita-khrushchev"),
        ("Čaikovskis", "lt", "pyotr-tchaikovsky"), ("Taškentas", "lt", "tashkent"),
        ("Džokovičius", "lt", "novak-djokovic"), ("Stepanakertas", "lt", "stepanakert"),
        // Latvian: masculine -s, feminine -a; j = y, dž = j.
        ("Putins", "lv", "vladimir-putin"), ("Pašinjans", "lv", "nikol-pashinyan"), ("Alijevs", "lv", "ilham-aliyev"),
        ("Hruščovs", "lv", "nikita-khrushchev"), ("Čaikovskis", "lv", "pyotr-tchaikovsky"),
        ("Džokovičs", "lv", "novak-djokovic"), ("Stepanakerta", "lv", "stepanakert"),
        // Finnish and Estonian: tš = ch, štš = shch, j = y.
        ("Hruštšov", "fi", "nikita-khrushchev"), ("Tšaikovski", "fi", "pyotr-tchaikovsky"),
        ("Pašinjan", "fi", "nikol-pashinyan"), ("Jerevan", "fi", "yerevan"),
        ("Hruštšov", "et", "nikita-khrushchev"), ("Tšaikovski", "et", "pyotr-tchaikovsky"),
        // Slovak (Czech table): ch = kh, j = y.
        ("Chruščov", "sk", "nikita-khrushchev"), ("Čajkovskij", "sk", "pyotr-tchaikovsky"),
        ("Jerevan", "sk", "yerevan"),
        // Slovene (Croatian table): j = y.
        ("Čajkovski", "sl", "pyotr-tchaikovsky"), ("Pašinjan", "sl", "nikol-pashinyan"),
        // Danish and Norwegian (Swedish table): sj = sh, tj and nb tsj = ch, j = y.
        ("Khrusjtjov", "da", "nikita-khrushchev"), ("Tjajkovskij", "da", "pyotr-tchaikovsky"),
        ("Pasjinjan", "da", "nikol-pashinyan"), ("Tasjkent", "da", "tashkent"),
        ("Khrusjtsjov", "nb", "nikita-khrushchev"), ("Tsjajkovskij", "nb", "pyotr-tchaikovsky"),
        // Albanian: ç = ch (common), j = y.
        ("Çajkovski", "sq", "pyotr-tchaikovsky"), ("Pashinjan", "sq", "nikol-pashinyan"),
        // Georgian, after its romanization: the nominative -i (ერევანი erevani), also after a syllable whose ejective's
        // apostrophe the input preparation made a space (პუტინი p'ut'ini, ტაშკენტი t'ashk'ent'i).
        ("ერევანი", "ka", "yerevan"), ("პუტინი", "ka", "vladimir-putin"), ("ტაშკენტი", "ka", "tashkent"),
    ]

    /// Found by the transcription step, that is by the language's table: without it these names were fuzzy
    /// matches, or no match (*Chruščiovas*, *Tsjajkovskij*). A Georgian-script name is read with the Georgian table
    /// after its romanization.
    @Test(arguments: spellings)
    func spellingsAreTranscriptions(_ row: (query: String, language: String, concept: String)) {
        let result = MatcherFixtures.matcher.lookup(row.query, language: LanguageTag(canonical: row.language),
                                                    target: en)
        #expect(result.best?.conceptID == row.concept,
                "\(row.language) \(row.query) → \(result.best.map { "\($0.conceptID) \($0.explanation)" } ?? "none")")
        #expect(result.best?.method == .transcription, "\(row.query): \(String(describing: result.best?.method))")
        #expect(result.best?.explanation.contains("transcription \(row.language):") == true,
                "\(result.best?.explanation ?? "no match")")
    }

    /// Yoruba (`transcription-yo.txt`, and the town word *ìlú* of `generic-words.txt`): CLDR's Yoruba names of
    /// places, which give a foreign name's last consonant an *i* and write a long vowel twice; none was found before.
    @Test(arguments: [("ìlú Bábádọ́ọ̀sì", "barbados"), ("ìlú Halifásì", "halifax"), ("ìlú Marigọ́ọ̀tì", "marigot"),
                      ("Bábádósì", "barbados")])
    func yorubaNamesFindTheirPlace(_ row: (query: String, concept: String)) throws {
        let matcher = MatcherFixtures.englishPlaces(["Barbados", "Halifax", "Marigot", "Barbuda"])
        let result = matcher.lookup(row.query, language: LanguageTag(canonical: "yo"), target: en)
        #expect(result.best?.conceptID == row.concept, "\(row.query) → \(result.best?.explanation ?? "none")")
        #expect(try TranscriptionRules.shared.applyConvention("bábádọ́ọ̀sì", convention: "yo") == "babados")
        #expect(try TranscriptionRules.shared.applyConvention("ṣihuahua kigali", convention: "yo") == "shihuahua kigal")
    }

    @Test func sharedTables() throws {
        let rules = TranscriptionRules.shared
        let expected: [String: String?] = ["sk": "cs", "sl": "hr", "bs": "hr", "da": "sv", "nb": "sv", "et": "fi",
                                           "gsw": "de", "lb": "de", "cs": "cs", "lt": "lt", "lv": "lv", "en": "en",
                                           "ru": "ru", "uk": nil, "xx": nil]
        for (language, table) in expected {
            #expect(rules.table(for: language) == table, "\(language)")
        }
        #expect(rules.table(for: nil) == nil)
        #expect(rules.conventionLanguages.isSuperset(of: ["sk", "sl", "da", "nb", "et", "lt", "lv", "fi", "sq"]))
        // Tables that read a transliteration serve no name written in Latin letters; scripts are no languages.
        #expect(rules.conventionLanguages.isDisjoint(with: ["ka", "el", "hi", "bn", "ja", "ko", "Devanagari"]))
        // Greek, after its romanization: μπ = b, γκ = g, the final -i of Παρίσι, and the β and γ of long-adapted
        // names (Δουβλίνο, Dublin; Γερμανία, Germania).
        for (romanized, key) in [("Aroúmba", "aruba"), ("Lágkos", "lagos"), ("Parísi", "paris"),
                                 ("Dhouvlíno", "dublin"), ("Yermanía", "girmani"), ("Alyería", "algiri")] {
            #expect(try rules.keys(prepared: TranscriptionRules.prepare(romanized), convention: "el").contains(key),
                    "\(romanized)")
        }
        // Georgian's -i, also after an ejective's apostrophe (ტაშკენტი t'ashk'ent'i, პუტინი p'ut'ini): the table
        // reads the word whose letters the input preparation joined, as the English key does.
        for (romanized, written, key) in [("t'ashk'ent'i", "ტაშკენტი", "tashkint"), ("p'ut'ini", "პუტინი", "putin"),
                                          ("k'ievi", "კიევი", "kiv"), ("lagosi", "ლაგოსი", "lagos"),
                                          ("tbilisi", "თბილისი", "tbilis")] {
            let prepared = TranscriptionRules.prepare(latin: romanized, written: written)
            let keys = try rules.keys(prepared: prepared, convention: "ka")
            #expect(keys.contains(key), "\(romanized): \(keys)")
        }
        // BGN's q' and a lone ch' or ts' before a consonant (Georgian წყალტუბო ts'q'alt'ubo, ყაზბეგი q'azbegi).
        let prepared = TranscriptionRules.prepare(latin: "ts'q'alt'ubo q'azbegi", written: "წყალტუბო ყაზბეგი")
        let joined = try rules.keys(prepared: prepared, convention: "en")
        #expect(joined.contains("tskaltubo kasbigi"), "\(joined)")
        // A language sharing a table gets that table's key besides the common one; one without, the common only.
        let slovak = try rules.keys(prepared: "chruščov", convention: "sk")
        #expect(try slovak == rules.keys(prepared: "chruščov", convention: "cs"))
        #expect(slovak.count == 2, "\(slovak)")
        let none = try rules.keys(prepared: "chruščov", convention: nil)
        #expect(try rules.keys(prepared: "chruščov", convention: "xx") == none)
    }

    /// The endings the Lithuanian, Latvian and Finnish tables drop stay in the common key: *Hondūras*, *Kanāda* and
    /// *Pariisi* keep a key with them.
    @Test(arguments: [("hondūras", "lt", "honduras"), ("kanāda", "lv", "kanada"), ("pariisi", "fi", "parisi")])
    func droppedEndingsKeepTheCommonKey(_ row: (name: String, language: String, common: String)) throws {
        let keys = try TranscriptionRules.shared.keys(prepared: row.name, convention: row.language)
        #expect(keys.contains(row.common), "\(row.name): \(keys)")
        #expect(keys.count == 2, "\(row.name): \(keys)")
    }

    /// A word's last ŋ is an *n* in every key: the nasal vowel of a name West and Central African languages took
    /// through French (CLDR's Bambara *Gabɔŋ*, Mundang *Japaŋ*, Zarma *Buutaŋ*); elsewhere it is *ng*. The open o
    /// (ɔ), the turned e (ǝ, a schwa) and the gamma (ɣ) of the African alphabets are read, not dropped.
    @Test(arguments: [("Gabɔŋ", "gabon"), ("Japaŋ", "japan"), ("Buutaŋ", "butan"), ("Iraŋ Kuwait", "iran kuvait"),
                      ("Ŋgabɔŋ", "ngabon"), ("Siŋgapur", "singapur"), ("andɔrǝ", "andora"), ("Ɣana", "gana")])
    func africanAlphabetsLettersAreRead(_ row: (name: String, key: String)) throws {
        let keys = try TranscriptionRules.shared.keys(prepared: TranscriptionRules.prepare(row.name), convention: nil)
        #expect(keys == [row.key], "\(row.name): \(keys)")
    }

    /// The Arabic article assimilated to a sun letter (*as-Sisi*, *ar-Riyad*, *ath-Thani*) is dropped as *al-* is,
    /// inside a name, and at its start before *r*, *s*, *sh*, *z* only: *Ad Dekker* and *An Nguyen* keep their first
    /// word. *ʿAbd al-*, the first half of a compound given name, is one spelling however it is written.
    @Test(arguments: [("Abd al-Fattah as-Sisi", "abdal fatah sisi"), ("Abdel Fattah el-Sisi", "abdal fatah sisi"),
                      ("Abdul Aziz", "abdal asis"), ("Abd el-Aziz", "abdal asis"),
                      ("Abdelaziz Bouteflika", "abdalasis butiflika"),
                      ("Hossein Amir-Abdollahian", "hosin amir abdalahian"),
                      ("Er-Riyad", "riad"), ("Ayman az-Zawahiri", "aiman savahiri"),
                      ("Tamim bin Hamad ath-Thani", "tamim bin hamad tani"), ("Ad Dekker", "ad dikir"),
                      ("An Nguyen", "an nguin"), ("Bashar al-Assad", "bashar asad")])
    func assimilatedArticleIsDropped(_ row: (name: String, key: String)) throws {
        // The name's own key (a small word such as el, es, ed gives a generic-word key besides).
        let keys = try TranscriptionRules.shared.keys(prepared: TranscriptionRules.prepare(row.name), convention: nil)
        #expect(keys.contains(row.key), "\(row.name): \(keys)")
    }

    /// A script may be named on several lines (its names are also read with the later lines' tables), a language not.
    @Test func aScriptMayHaveSeveralTables() throws {
        let files: [(name: String, text: String)] = [
            ("skeleton", "a > b ;\n"), ("transcription-common", "a > b ;\n"), ("transcription-cs", "c > ts ;\n"),
            ("transcription-pl", "sz > sh ;\n"),
        ]
        func loaded(_ shared: String) throws -> String? {
            try MatcherFixtures.rulesLoadError(files + [("convention-languages", shared)])
        }
        let several = try loaded("cs: Cyrillic\npl: Cyrillic\n")
        #expect(several == nil, "\(several ?? "")")
        let twice = try loaded("cs: Cyrillic\ncs: Cyrillic\n")
        #expect(twice?.contains("listed twice") == true, "\(twice ?? "accepted")")
    }

    @Test(arguments: [
        ("cs: sk\nxx: yy\n", "convention-languages.txt line 2"),   // a table that does not exist
        ("cs: sk\n\ncs: pl\n", "line 3: 'pl' has its own table"),    // a language with a table of its own
        ("cs: sk\ncs: sk\n", "line 2: 'sk' has its own table or is listed twice"),
        ("cs sk\n", "convention-languages.txt line 1"),
    ])
    func malformedSharedTablesAreRejected(_ row: (text: String, message: String)) throws {
        let error = try MatcherFixtures.rulesLoadError([
            ("skeleton", "a > b ;\n"), ("transcription-common", "a > b ;\n"), ("transcription-cs", "c > ts ;\n"),
            ("transcription-pl", "sz > sh ;\n"), ("convention-languages", row.text),
        ])
        #expect(error?.contains(row.message) == true, "\(row.text): \(error ?? "accepted")")
    }

    /// A table that includes another (`::include transcription-xx ;`) gets that table's rules in its place: the
    /// shipped Gujarati, Bengali and Assamese tables read a name as the tables they include do, and more.
    @Test func includedTablesAreExpanded() throws {
        let rules = TranscriptionRules.shared
        for (table, included) in [("gu", "hi"), ("bn", "hi"), ("as", "bn")] {
            let source = try #require(rules.source(of: table))
            #expect(!source.contains("::include"), "\(table)")
            #expect(source.contains(try #require(rules.source(of: included))), "\(table) lacks \(included)")
        }
        // Gujarati ઝ jh is z, then hi's inherent a goes; Assamese ছ ch is s, then bn's inherent a is o.
        #expect(try rules.applyConvention("bēlījha", convention: "gu") == "bēlīz")
        #expect(try rules.applyConvention("lāgōcha", convention: "as") == "lāgōs")
        #expect(try rules.applyConvention("kalambō", convention: "as") == "kolombō")
    }

    @Test(arguments: [
        ("::include transcription-xx ;\n", "transcription-pl.txt line 1: '::include transcription-xx ;' names no"),
        ("a > b ;\n::include skeleton ;\n", "transcription-pl.txt line 2"),
        ("::include transcription-pl ;\n", "transcription-pl.txt line 1: transcription-pl includes itself"),
        ("::include transcription-cs ;\n", "includes itself"),
    ])
    func malformedIncludesAreRejected(_ row: (text: String, message: String)) throws {
        let error = try MatcherFixtures.rulesLoadError([
            ("skeleton", "a > b ;\n"), ("transcription-common", "a > b ;\n"),
            ("transcription-cs", row.message == "includes itself" ? "::include transcription-pl ;\n" : "c > ts ;\n"),
            ("transcription-pl", row.text),
        ])
        #expect(error?.contains(row.message) == true, "\(row.text): \(error ?? "accepted")")
    }
}
