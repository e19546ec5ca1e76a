import OnomaGlossary
@testable import OnomaMatching
import OnomaText
import Testing

/// A person's name with fewer or more given names than the store's (step 4f): *Tayyip Erdoğan* for *Recep Tayyip
/// Erdoğan*, *Sergueï Viktorovitch Lavrov* (a patronymic) for *Sergueï Lavrov*; at ``EntityMatcher/nameFormScore``.
@Suite struct GivenNameTests {
    static let en = LanguageTag(canonical: "en")

    static func words(_ text: String) -> [Substring] { text.split(separator: " ") }

    /// The rule on words: the family name (last word) kept, and the first given name, or only the first given names
    /// left out, with two words of three letters or more left.
    @Test(arguments: [
        ("tayyip erdogan", "recep tayyip erdogan", true), ("recep erdogan", "recep tayyip erdogan", true),
        ("kassym tokayev", "kassym jomart tokayev", true), ("lula da silva", "luiz inacio lula da silva", true),
        ("luiz silva", "luiz inacio lula da silva", true), ("von der leyen", "ursula von der leyen", true),
        // A family name many share, alone; another given name; another family name; as many words; not in order.
        ("da silva", "luiz inacio lula da silva", false), ("bilal erdogan", "recep tayyip erdogan", false),
        ("recep tayyip", "recep tayyip erdogan", false), ("recep erdogan", "recep tayyip erdogan ozturk", false),
        ("tayyip recep erdogan", "recep tayyip erdogan", false), ("erdogan", "recep tayyip erdogan", false),
        ("tayyip recep erdogan", "recep erdogan", false),
    ])
    func theRule(_ row: (short: String, long: String, holds: Bool)) {
        #expect(EntityMatcher.leavesOutGivenNames(Self.words(row.short), of: Self.words(row.long), leading: true)
                == row.holds, "\(row.short) / \(row.long)")
    }

    /// A name with more words than the stored one is read with middle words only (a patronymic, a second given
    /// name): words before the stored name's first are another name's (*Moscow Vladimir Putin*).
    @Test func moreWordsOnlyInTheMiddle() {
        let patronymic = Self.words("sergei viktorovich lavrov"), before = Self.words("moscow vladimir putin")
        #expect(EntityMatcher.leavesOutGivenNames(Self.words("sergei lavrov"), of: patronymic, leading: false))
        #expect(!EntityMatcher.leavesOutGivenNames(Self.words("vladimir putin"), of: before, leading: false))
    }

    /// On the curated glossaries as shipped, real forms of the press: a given name left out (Turkish and Russian
    /// *Tayyip Erdoğan*, *Javad Zarif*, *Kassym Tokaïev* in French, whose store name is *Kassym-Jomart Tokaïev*), a
    /// patronymic or a father's name added (French, Russian, Azerbaijani, Armenian official forms); no match for a
    /// namesake's given name, another person's given name, a word before the name, given names without the family
    /// name.
    static let shipped: [(query: String, language: String?, concept: String?)] = [
        ("Tayyip Erdoğan", "tr", "recep-tayyip-erdogan"), ("Tayyip Erdogan", nil, "recep-tayyip-erdogan"),
        ("Тайип Эрдоган", "ru", "recep-tayyip-erdogan"), ("Javad Zarif", "en", "mohammad-javad-zarif"),
        ("Kassym Tokaïev", "fr", "kassym-jomart-tokayev"), ("Frank Steinmeier", "de", "frank-walter-steinmeier"),
        ("Sergueï Viktorovitch Lavrov", "fr", "sergey-lavrov"), ("Сергей Викторович Лавров", "ru", "sergey-lavrov"),
        ("Ilham Heydar oglu Aliyev", "en", "ilham-aliyev"), ("İlham Heydər oğlu Əliyev", "az", "ilham-aliyev"),
        ("Nikol Vovayi Pashinyan", "en", "nikol-pashinyan"),
        ("Bilal Erdoğan", "tr", nil), ("Tayyip Aliyev", "en", nil),
        ("Ahmet Recep Erdoğan", "tr", nil), ("Moscow Vladimir Putin", "en", nil), ("Recep Tayyip", "tr", nil),
    ]

    @Test(arguments: shipped)
    func shippedGlossaries(_ row: (query: String, language: String?, concept: String?)) throws {
        let language = row.language.map { LanguageTag(canonical: $0) }
        let result = WordOrderTests.matcher.lookup(row.query, language: language, target: Self.en)
        #expect(result.best?.conceptID == row.concept, "\(row.query) → \(String(describing: result.best))")
        // The batch job's short path finds the same.
        let name = try NameNormalizer().normalize(row.query, language: row.language)
        let short = WordOrderTests.matcher.bestMatch(name: name, language: language, target: Self.en)
        #expect(short?.conceptID == row.concept && short?.score == result.best?.score)
        guard let best = result.best else { return }
        #expect(best.score == EntityMatcher.nameFormScore && best.method == .transcription
                    && (best.explanation.contains("given names left out") || best.explanation.contains("middle names")),
                "\(best.explanation)")
        // `onoma link`'s threshold reads no such form.
        let strict = WordOrderTests.matcher.lookup(row.query, language: language, target: Self.en,
                                                   minimumScore: EntityMatcher.transcriptionScore)
        #expect(strict.matches.isEmpty, "\(strict.matches)")
    }

    static func person(_ id: String, _ name: String, type: ConceptType = .person, language: String = "pt")
        -> Concept
    {
        Concept(id: id, type: type, terms: [MatcherFixtures.term(name, language)])
    }

    /// People only (and concepts of no type): a place's name with its first words left out is another place or
    /// none, a description in lower case with its first word left out another description. Two people who share the
    /// family name and the given name asked are no match. Names are read by their words as written: Armenian
    /// *Բայրաքթար* (*Bayrak't'ar*) is a family name alone, Ukrainian *В'ячеслав* (*V'yacheslav*) one given name whose
    /// *v* is no initial.
    @Test func peopleAndOneConceptOnly() throws {
        let matcher = try EntityMatcher(concepts: [
            Self.person("lula", "Luiz Inácio Lula da Silva"), Self.person("saint", "Santa Rosa de Lima"),
            Self.person("town", "Santa Rosa de Lima Norte", type: .place),
            Self.person("joao-a", "João Pedro Gomes"), Self.person("joao-b", "João Paulo Gomes"),
            Self.person("untyped", "Maria Clara Fontes", type: .term),
            Self.person("armed-drone", "silahlı insansız hava aracı", type: .term, language: "tr"),
            Self.person("selcuk-bayraktar", "Սելչուկ Բայրաքթար", language: "hy"),
            Self.person("vyacheslav-volodin", "В'ячеслав Володін", language: "uk"),
        ])
        for (query, language, concept) in [
            ("Lula da Silva", "pt", "lula"), ("Luiz Lula da Silva", "pt", "lula"), ("da Silva", "pt", nil),
            ("Rosa de Lima", "pt", "saint"), ("Rosa de Lima Norte", "pt", nil), ("João Gomes", "pt", nil),
            ("Pedro Gomes", "pt", "joao-a"), ("Maria Fontes", "pt", "untyped"), ("insansız hava aracı", "tr", nil),
            ("Բայրաքթար", "hy", nil), ("V Volodin", "en", nil),
        ] as [(String, String, String?)] {
            let best = matcher.lookup(query, language: LanguageTag(canonical: language), target: Self.en).best
            #expect(best?.conceptID == concept, "\(query) → \(String(describing: best))")
        }
    }

    /// The explanation follows the key that matched: Russian *Тайип Эрдоган*, romanized *Tayip Erdogan*, matches by
    /// the key of its own spelling, not by the English table's (which joins *tayip erdogan* as it joins BGN's
    /// *Step'anakert*), so no table step is shown.
    @Test func theExplanationFollowsTheKey() throws {
        let best = try #require(WordOrderTests.matcher.lookup("Тайип Эрдоган", language: LanguageTag(canonical: "ru"),
                                                              target: Self.en).best)
        #expect(best.explanation.contains("→ tayip erdogan → common:")
                    && !best.explanation.contains("transcription en"), "\(best.explanation)")
    }

    /// A name found as written keeps its score: the step runs only when every step before it found nothing.
    @Test func aStoredNameKeepsItsScore() {
        let best = WordOrderTests.matcher.lookup("Recep Tayyip Erdoğan", language: LanguageTag(canonical: "tr"),
                                                 target: Self.en).best
        #expect(best?.conceptID == "recep-tayyip-erdogan" && best?.score == EntityMatcher.exactScore)
    }
}
