import Dispatch
import Foundation
import Synchronization
public import OnomaGlossary
public import OnomaStore
public import OnomaText

/// Finds the concepts a name refers to, in any language or script, through one cascade of increasingly tolerant
/// steps: exact form, comparison key, transliteration, transcription conventions, then fuzzy keys.
///
/// ```swift
/// let matcher = try EntityMatcher(store: store)
/// let result = matcher.lookup("Pachinian", language: LanguageTag(canonical: "fr"), target: LanguageTag(canonical: "en"))
/// result.best?.canonical?.text   // "Nikol Pashinyan"
/// result.best?.method            // .transcription
/// ```
///
/// All indexes are built in memory once, from the store's terms; queries never scan the terms. The exact, key and
/// Latin-key indexes are built by `init`; the transcription step's index (every term's transcription keys, from ICU
/// transforms or the ``TranscriptionCache``) by the first query that reaches that step, or by
/// ``prepareTranscriptionIndex()``; the fuzzy step's index by the first query that reaches that step (about a second
/// for a million terms, during which other fuzzy queries wait), or beforehand by ``prepareFuzzyIndex()``. A batch of
/// names that are all found by their exact form or key never pays for either; callers whose minimum score lies above
/// every fuzzy score (`minimumScore:` of ``lookup(name:language:target:types:limit:explain:minimumScore:)``, as
/// running text links) never pay for the fuzzy index.
///
/// `Sendable` notes: the indexes are immutable after `init`, but for the transcription and fuzzy indexes, each built
/// once under a `Mutex` and immutable from then on, published through an `AtomicLazyReference` so that queries read
/// them without a lock; the concept table (``ConceptTable``) decodes a loaded matcher's concepts on first use, without a
/// lock either; the normalizer and the rule tables are thread-safe.
public final class EntityMatcher: Sendable {
    /// Scores at or above this are matches; below it a result is `no match`.
    ///
    /// The fuzzy step maps similarity 0.755 to this score: on the CLDR development set
    /// (`Benchmarks/transcription/`), that similarity kept false matches at or under 2 % of the queries whose concept
    /// was removed.
    public static let threshold = 0.5

    /// The score of each certain step; fuzzy scores lie in [``threshold``, ``highestFuzzyScore``].
    public static let stepScores: [MatchMethod: Double] = [
        .exact: 1.0, .key: 0.97, .transliteration: 0.94, .transcription: 0.9,
    ]

    /// ``stepScores`` read once: a dictionary look-up per step was ~3 % of a query for running text.
    static let exactScore = stepScores[.exact]!
    static let keyScore = stepScores[.key]!
    static let transliterationScore = stepScores[.transliteration]!
    static let transcriptionScore = stepScores[.transcription]!

    /// The score of a transcription-step match through a generic-word key (``GenericWords``): below the step's own,
    /// so that a name matched with all its words ranks before one matched without some ("Ada Lovelace" and
    /// "Isla Lovelace" share `lovelace I`).
    public static let genericWordScore = 0.88

    /// The highest score of a match found for a name as lists, registers and sentences write it rather than as the
    /// store does, whatever the step: with its words in another order (``wordOrders(of:)``: *Putin, Vladimir*,
    /// *PASHINYAN Nikol* for the stored *Vladimir Putin*, *Nikol Pashinyan*), with initials for its given names
    /// (*V. Putin*), after a person's title (*M. Poutine*, *President Putin*), or in the case a sentence gave it
    /// (*Moskwie*, *Путиным*: ``dictionaryForms(of:language:explain:)``). Below the transcription step's, as such a
    /// name is less certain than one whose words all match in order (a family name alone is shared: *M. Aliyev* may be
    /// any Aliyev); and below the 0.9 that running text links at, where two names in a row are two names.
    public static let nameFormScore = 0.88

    /// How far above ``threshold`` the fuzzy step's scores reach: identical fuzzy keys score ``highestFuzzyScore``,
    /// and lower similarities map linearly down to ``threshold``.
    static let fuzzyScoreSpan = 0.39

    /// The fuzzy step's highest score, below the transcription step's.
    public static let highestFuzzyScore = threshold + fuzzyScoreSpan

    /// The fuzzy step's score for a similarity: ``fuzzySimilarity`` and above mapped linearly onto ``threshold`` …
    /// ``highestFuzzyScore``.
    static func fuzzyScore(similarity: Double) -> Double {
        threshold + (similarity - fuzzySimilarity) / (1 - fuzzySimilarity) * fuzzyScoreSpan
    }

    /// Similarity of transcription keys (and of their skeletons) that counts as a fuzzy match.
    public static let fuzzySimilarity = 0.755

    /// Weighted similarity (``Similarity/weightedDistance(_:_:)``: vowel, *h* and kin-consonant edits count half,
    /// first-letter edits double) that counts as a fuzzy match whatever the skeletons say: *Jamajka*/*Jamaica*,
    /// *Paragwaj*/*Paraguay* differ in a glide the skeleton keeps (*j*/*i*, *w*/*u*). 0.85 allows one whole edit
    /// (or two half ones) in seven letters; chosen on the CLDR development slice (`Benchmarks/matching/`): 0.9 found
    /// 16 fewer dev names for 2 fewer false matches, 0.83 and 0.8 gained 6 and 12 names for 3 and 4 more.
    public static let weightedSimilarity = 0.85

    /// The least Levenshtein similarity of keys of up to ``weightedReachLength`` letters the fuzzy step compares at
    /// all: what ``weightedSimilarity`` allows when every edit costs half (vowels), below ``fuzzySimilarity``
    /// (``pairSimilarity(_:_:skeletons:distance:skeletonDistance:costs:)`` says which such pairs are close). With it,
    /// the nine languages of the CLDR development slice found 0.836 of their transcriptions instead of 0.817 (unseen
    /// slice 0.825 instead of 0.810), false matches 1.8 % instead of 1.7 % (unseen 1.6 %, unchanged); reaching every
    /// pair the weighted rule finds close, without the rule on stems, found 0.845 for 2.5 % of false matches.
    static let reachSimilarity = min(fuzzySimilarity, 1 - 2 * (1 - weightedSimilarity))

    /// The longest keys (in letters) that ``reachSimilarity`` applies to: a name of one or two short words, where
    /// what a language does to an ending is most of a difference. Longer keys, most of them several words, stay
    /// within the budget of ``fuzzySimilarity``: reaching further there read ~30 % more pairs for a batch of
    /// two-part names the store lacks (`Benchmarks/normalize.py`'s unique file) and found no more names.
    static let weightedReachLength = 12

    /// The most Levenshtein edits the fuzzy step allows between keys whose longer has `longest` letters
    /// (``reachSimilarity``, ``weightedReachLength``); never less as keys grow longer.
    static func reach(longest: Int) -> Int {
        let budget = Similarity.editBudget(longest: longest, atLeast: fuzzySimilarity)
        guard longest <= weightedReachLength else { return budget }
        return max(budget, Similarity.editBudget(longest: longest, atLeast: reachSimilarity))
    }

    /// Learned similarity (``Similarity/learnedDistance(_:_:costs:)`` over the key's length, with the costs of
    /// `Rules/edit-costs.tsv`) that counts as a fuzzy match for keys within the Levenshtein budget: *Moscou*/*Moscow*,
    /// *Riad*/*Riyadh*, *Bahamy*/*Bahamas* differ in edits that spellings of one place make far more often than
    /// names of two places. Chosen with the costs on the CLDR development slice (`Benchmarks/matching/learn_costs.py
    /// --cv`: costs learned on half the dev concepts, measured on the other half); 0.80 let false matches pass 2 %.
    /// Not for a key that is the other plus vowels (*tunis*/*tunisi*, *alger*/*algeri*): that is how a country
    /// named after its capital differs from it, as often as how two spellings of one place differ.
    public static let learnedSimilarity = 0.83

    /// Keys shorter than this (letters, spaces and generic-word tokens not counted) get no fuzzy match.
    public static let fuzzyMinimumLength = 4

    /// Keys shorter than this get a fuzzy match only for one half edit in their last two letters (*Chine*/*China*,
    /// *Japon*/*Japan*): one edit elsewhere in a five-letter key already joins unrelated names (*Patten* and
    /// *Putin*, *Olive* and *Aliev*).
    public static let fuzzyFullLength = 6

    /// One indexed term: where its concept and term are, and what ranking needs, side by side.
    struct Entry: Sendable {
        /// The concept's number.
        var concept: Int32
        /// Where the term is: `i ≥ 0` is the concept's `terms[i]`, `-1 - i` is `extraTerms[i]`.
        var term: Int32
        /// The term's primary language subtag, numbered.
        var language: UInt16
        /// The term's status (bits 0–1), whether it is a full name (bit 2), whether its concept is generated (bit 3),
        /// whether it is an acronym (bit 4), a word in lower case (bit 5), whether its concept has a name in English
        /// (bit 6), whether it is the term read without its qualifier (bit 7, ``isUnqualified``).
        private(set) var traits: UInt8

        init(concept: Int32, term: Int32, language: UInt16, status: TermStatus, kind: TermKind, isGenerated: Bool,
             isLowercase: Bool, conceptHasEnglish: Bool, isUnqualified: Bool = false) {
            self.concept = concept
            self.term = term
            self.language = language
            let statusBits: UInt8 = status == .preferred ? 0 : status == .admitted ? 1 : 2
            self.traits = statusBits | (kind == .full ? 4 : 0) | (isGenerated ? 8 : 0) | (kind == .acronym ? 16 : 0)
                | (isLowercase ? 32 : 0) | (conceptHasEnglish ? 64 : 0) | (isUnqualified ? 128 : 0)
        }

        /// An entry from its fields as saved (``traits``).
        init(concept: Int32, term: Int32, language: UInt16, traits: UInt8) {
            self.concept = concept
            self.term = term
            self.language = language
            self.traits = traits
        }

        /// Whether the concept comes from a generated gazetteer.
        var isGenerated: Bool { traits & 8 != 0 }

        /// Whether the term is a full name (``OnomaGlossary/TermKind/full``).
        var isFullName: Bool { traits & 4 != 0 }

        /// Whether the term is an acronym (*NATO*, *XİN*).
        var isAcronym: Bool { traits & 16 != 0 }

        /// Whether the term is written in lower case only (``OnomaText/WrittenCase/lowercase``): a word, such as an
        /// adjective or a language's name in most languages (*ucraino*, *portugalski*), rather than a name.
        var isLowercase: Bool { traits & 32 != 0 }

        /// Whether the term's concept has a name in English.
        var conceptHasEnglish: Bool { traits & 64 != 0 }

        /// Whether the entry is its term read without its qualifier (*Myanmar* for *Myanmar (Burma)*,
        /// ``OnomaStore/IndexedTerm/withoutQualifier(_:)``): indexed by its key, Latin key and transcription keys,
        /// never as the exact form, which the term's own entry holds.
        var isUnqualified: Bool { traits & 128 != 0 }

        /// Small rank adjustments so that, at equal method, a preferred full name beats a deprecated or short form.
        var penalty: Double {
            let status = traits & 3
            return (status == 0 ? 0 : status == 1 ? Self.admittedPenalty : Self.deprecatedPenalty)
                + (traits & 4 != 0 ? 0 : Self.shortFormPenalty)
        }

        /// What ``penalty`` takes for an admitted term, a deprecated one, and a form that is not a full name.
        static let admittedPenalty = 0.002
        static let deprecatedPenalty = 0.01
        static let shortFormPenalty = 0.001
        /// The largest ``penalty``: a deprecated short form's.
        static let largestPenalty = deprecatedPenalty + shortFormPenalty
    }

    /// The concepts by number (``Entry/concept``); a loaded matcher decodes each on its first use.
    let concepts: ConceptTable
    /// Whether each concept comes from a generated gazetteer (CLDR) rather than curated data.
    let generated: [Bool]
    /// Per concept, the number of its type and English canonical form (what tells a generated concept that
    /// duplicates a curated one), or -1 when it has no English canonical form.
    let identities: [Int32]
    /// Per concept, whether it is generated and a curated concept has its identity (``identities``): a twin that
    /// `withoutDuplicates` puts in its place when both are found.
    let hasCuratedTwin: [Bool]
    static let english = LanguageTag(canonical: "en")

    /// The entries: the indexed terms of known concepts, in the order given, each in 12 bytes.
    let entries: [Entry]
    /// Terms that their concept's list does not hold as such (see ``Entry/term``).
    let extraTerms: [Term]
    /// Primary language subtags, numbered (``Entry/language``).
    let languageNumbers: [String: UInt16]
    /// The numbers of the languages the transcription tables serve (``TranscriptionRules/conventionLanguages``, shared
    /// tables included): whose names of a generated concept the transcription step reads for a query of unknown
    /// language.
    let conventionLanguageNumbers: Set<UInt16>
    let byNormalized: KeyIndex
    let byKey: KeyIndex
    let byLatinKey: KeyIndex
    /// The transcription step's index (the entries' transcription keys and skeletons), built by the first query
    /// that reaches that step (``transcriptionIndex``) or by ``prepareTranscriptionIndex()``: a batch whose names
    /// are all found by their exact form or key (most batches of known names) never pays for its ICU transforms.
    let transcriptionReference = AtomicLazyReference<TranscriptionIndex>()
    /// What the transcription index is built from, held until it is built (then nil), under the lock that makes
    /// one thread build it while the others wait.
    let transcriptionSource: Mutex<TranscriptionSource?>
    /// The fuzzy step's candidate index, built on its first use (many runs never reach it) or by
    /// ``prepareFuzzyIndex()``: read with an atomic load, no lock (``fuzzyIndexStorage(onBuild:)``).
    let fuzzyIndexReference = AtomicLazyReference<FuzzyIndexStorage>()
    /// The full names by their last word (``familyNames``), built by the first name with initials or a title that
    /// needs it.
    let familyNameReference = AtomicLazyReference<FamilyNameIndex>()
    /// The full names of curated concepts by the last word of their transcription keys (``personLastWords``), built
    /// by the first name that reaches step 4f.
    let personLastWordReference = AtomicLazyReference<FamilyNameIndex>()
    /// Held only while the fuzzy index is built, so that it is built once.
    let fuzzyIndexBuildLock = Mutex<Void>(())
    /// The fuzzy index over the entries that queries of one language can match, built once ``scopedFuzzyThreshold``
    /// fuzzy queries have been made (``fuzzyIndexStorage(for:)``); read with an atomic load.
    let scopedFuzzyReference = AtomicLazyReference<ScopedFuzzyIndex>()
    /// Fuzzy queries made so far, up to the scoped index's build.
    let fuzzyQueryCount = Atomic<Int>(0)
    /// Held while the scoped fuzzy index is built; queries meanwhile use the whole index rather than wait.
    let scopedFuzzyBuildLock = Mutex<Void>(())
    /// Where a matcher with a snapshot (``cached(store:snapshots:normalizer:rules:)``) reads its fuzzy index, or
    /// saves it once built; nil for the others.
    let fuzzyFile: MatcherSnapshot.FuzzyFile?

    let normalizer: NameNormalizer
    let rules: TranscriptionRules

    /// Figures about the index, for benchmarks and `stats`.
    public struct IndexStats: Sendable {
        /// Concepts and terms indexed.
        public var concepts: Int
        public var terms: Int
        /// Seconds spent building (or loading).
        public var buildSeconds: Double
        /// Whether the indexes were loaded from a snapshot (``cached(store:snapshots:normalizer:rules:)``) rather
        /// than built.
        public var fromSnapshot: Bool
    }

    /// What the build measured.
    public let stats: IndexStats

    /// Builds the indexes from every term of `store` (read in one scan, ``OnomaStore/GlossaryStore/contents()``).
    ///
    /// A command that starts a process per run should rather use ``cached(store:snapshots:normalizer:rules:)``,
    /// which loads the built indexes from a snapshot when the store has not changed since.
    public convenience init(store: GlossaryStore, normalizer: NameNormalizer = NameNormalizer(),
                            rules: TranscriptionRules = .shared) throws {
        let start = Date()
        let contents = try store.contents()
        try self.init(concepts: contents.concepts, indexedTerms: contents.terms, normalizer: normalizer, rules: rules,
                      start: start)
    }

    /// Builds the indexes from concepts and terms already read from a store (so a caller that also needs them, such
    /// as the text linker, reads the store once).
    public convenience init(concepts: [Concept], indexedTerms: [IndexedTerm], normalizer: NameNormalizer = NameNormalizer(),
                            rules: TranscriptionRules = .shared) throws {
        try self.init(concepts: concepts, indexedTerms: indexedTerms, normalizer: normalizer, rules: rules,
                      start: Date())
    }

    /// Builds the indexes from concepts in memory (their keys are computed here).
    public convenience init(concepts: [Concept], normalizer: NameNormalizer = NameNormalizer(),
                            rules: TranscriptionRules = .shared) throws {
        let start = Date()
        let terms = IndexedTerm.indexing(concepts, normalizer: normalizer)
        try self.init(concepts: concepts, indexedTerms: terms, normalizer: normalizer, rules: rules, start: start)
    }

    convenience init(concepts: [Concept], indexedTerms: [IndexedTerm], normalizer: NameNormalizer,
                     rules: TranscriptionRules, start: Date, fuzzyFile: MatcherSnapshot.FuzzyFile? = nil) throws {
        try rules.validate()
        // Stored names with a qualifier are also indexed without it, as entries after every term's own.
        let terms = TermList(stored: indexedTerms,
                             unqualified: IndexedTerm.unqualifiedTerms(of: indexedTerms, normalizer: normalizer))
        let (state, kept) = Self.build(concepts: concepts, indexedTerms: terms)
        self.init(state: state, transcription: .source(TranscriptionSource(terms: terms, kept: kept)),
                  normalizer: normalizer, rules: rules, start: start, fuzzyFile: fuzzyFile)
    }

    /// The matcher's built state, but for the transcription step's index: what ``build(concepts:indexedTerms:)``
    /// computes from the terms, and what a snapshot (``MatcherSnapshot``) saves and loads.
    struct State {
        var concepts: ConceptTable
        var generated: [Bool]
        var identities: [Int32]
        var entries: [Entry]
        var extraTerms: [Term]
        var languageNumbers: [String: UInt16]
        var byNormalized: KeyIndex
        var byKey: KeyIndex
        var byLatinKey: KeyIndex
    }

    /// Where the transcription step's index comes from: the terms, to build it on first use, or a snapshot.
    enum Transcription {
        case source(TranscriptionSource)
        case built(TranscriptionIndex)
    }

    /// A matcher over a built state.
    init(state: State, transcription: Transcription, normalizer: NameNormalizer, rules: TranscriptionRules,
         start: Date, fromSnapshot: Bool = false, fuzzyFile: MatcherSnapshot.FuzzyFile? = nil) {
        self.normalizer = normalizer
        self.fuzzyFile = fuzzyFile
        self.rules = rules
        self.concepts = state.concepts
        self.generated = state.generated
        self.identities = state.identities
        var curated = Set<Int32>()
        for (isGenerated, identity) in zip(state.generated, state.identities) where !isGenerated && identity >= 0 {
            curated.insert(identity)
        }
        self.hasCuratedTwin = zip(state.generated, state.identities).map { $0 && $1 >= 0 && curated.contains($1) }
        self.entries = state.entries
        self.extraTerms = state.extraTerms
        self.languageNumbers = state.languageNumbers
        self.conventionLanguageNumbers = Set(rules.conventionLanguages.compactMap { state.languageNumbers[$0] })
        self.byNormalized = state.byNormalized
        self.byKey = state.byKey
        self.byLatinKey = state.byLatinKey
        switch transcription {
        case .source(let source):
            self.transcriptionSource = Mutex(source)
        case .built:
            self.transcriptionSource = Mutex(nil)
        }
        self.stats = IndexStats(concepts: state.concepts.count, terms: state.entries.count,
                                buildSeconds: Date().timeIntervalSince(start), fromSnapshot: fromSnapshot)
        if case .built(let index) = transcription { _ = transcriptionReference.storeIfNil(index) }
    }

    /// Builds the entries and the exact, key and Latin-key indexes from the terms; also returns which terms are
    /// entries (entry `e` is `indexedTerms[kept[e]]`).
    private static func build(concepts: [Concept], indexedTerms: TermList) -> (State, kept: [Int]) {
        let unqualifiedFrom = indexedTerms.unqualifiedStart
        var conceptIndex: [String: Int32] = [:]
        for (i, concept) in concepts.enumerated() { conceptIndex[concept.id] = Int32(i) }
        let generated = concepts.map { concept in concept.sources.contains { $0.hasPrefix("Unicode CLDR") } }
        let hasEnglish = concepts.map { concept in concept.terms.contains { $0.language.language == "en" } }

        // The entries.
        var entries: [Entry] = []
        entries.reserveCapacity(indexedTerms.count)
        var extraTerms: [Term] = []
        var languageNumbers: [String: UInt16] = [:]
        // Language tags (`fr`, `fr-CA`) → the number of their primary subtag.
        var tagNumbers: [String: UInt16] = [:]
        var kept: [Int] = []
        kept.reserveCapacity(indexedTerms.count)
        // Terms come grouped by concept: the previous term's concept is looked up once.
        var previous: (id: String, concept: Int32?) = ("", nil)
        for i in 0..<indexedTerms.count {
            let term = indexedTerms[i]
            if term.conceptId != previous.id || i == 0 { previous = (term.conceptId, conceptIndex[term.conceptId]) }
            guard let concept = previous.concept else { continue }
            kept.append(i)
            let language: UInt16
            if let number = tagNumbers[term.language.description] {
                language = number
            } else {
                let primary = term.language.language
                if languageNumbers[primary] == nil { languageNumbers[primary] = UInt16(languageNumbers.count) }
                language = languageNumbers[primary]!
                tagNumbers[term.language.description] = language
            }
            entries.append(Entry(concept: concept,
                                 term: Self.termIndex(of: term, in: concepts[Int(concept)].terms, extra: &extraTerms),
                                 language: language, status: term.status,
                                 kind: term.kind, isGenerated: generated[Int(concept)],
                                 isLowercase: WrittenCase.of(term.text) == .lowercase,
                                 conceptHasEnglish: hasEnglish[Int(concept)], isUnqualified: i >= unqualifiedFrom))
        }
        precondition(languageNumbers.count <= Int(UInt16.max), "too many languages")

        // The exact, key and Latin-key indexes, each on its own core; the concepts' identities alongside.
        let keptTerms = kept
        enum Built: Sendable {
            case index(KeyIndex)
            case identities([Int32])
        }
        let built = Parallel.mapRanges(count: 4, slices: 4) { slice, _ -> [Built] in
            switch slice {
            case 0: return [.index(Self.index(keptTerms.count) { entry in
                keptTerms[entry] >= unqualifiedFrom ? nil : indexedTerms[keptTerms[entry]].normalized
            })]
            case 1: return [.index(Self.index(keptTerms.count) { indexedTerms[keptTerms[$0]].key })]
            case 2: return [.index(Self.index(keptTerms.count) { entry in
                let term = indexedTerms[keptTerms[entry]]
                return term.keys.latin == term.keys.normalized ? nil : term.latinKey
            })]
            default: return [.identities(Self.identities(of: concepts))]
            }
        }
        var indexes: [KeyIndex] = [], identities: [Int32] = []
        for item in built {
            switch item {
            case .index(let index): indexes.append(index)
            case .identities(let values): identities = values
            }
        }
        let state = State(concepts: ConceptTable(concepts), generated: generated, identities: identities,
                          entries: entries, extraTerms: extraTerms, languageNumbers: languageNumbers,
                          byNormalized: indexes[0], byKey: indexes[1], byLatinKey: indexes[2])
        return (state, kept)
    }

    // MARK: - Lookup

    /// Looks up one name.
    ///
    /// - Parameters:
    ///   - text: the name as written.
    ///   - language: the language it is written in, when known (selects French elision, transliteration and the
    ///     transcription conventions).
    ///   - target: the language of the canonical forms returned.
    ///   - types: when given, only concepts of these types.
    ///   - limit: the most matches returned.
    ///   - explain: false leaves the matches' explanation lines empty (cheaper).
    ///   - minimumScore: matches scoring below it are left out; the default, 0, keeps every match (every score is
    ///     at least ``threshold``). A higher value trades found names for fewer wrong ones: fuzzy matches score
    ///     0.50–0.89, transcription 0.90.
    public func lookup(_ text: String, language: LanguageTag? = nil, target: LanguageTag,
                       types: Set<ConceptType>? = nil, limit: Int = 5, explain: Bool = true,
                       minimumScore: Double = 0) -> LookupResult {
        let name: NormalizedName
        do { name = try normalizer.normalize(text, language: language?.description) } catch {
            return LookupResult(query: text, name: nil, matches: [], error: error.description)
        }
        return lookup(name: name, language: language, target: target, types: types, limit: limit, explain: explain,
                      minimumScore: minimumScore)
    }

    /// Looks up a name already normalized (by the batch job) with the same language hint.
    ///
    /// - Parameters:
    ///   - explain: false skips building the explanation lines (the batch job does not print them).
    ///   - minimumScore: matches scoring below it are left out, and the steps whose scores all lie below it are
    ///     skipped (the generic-word keys above ``genericWordScore``, the fuzzy step above ``highestFuzzyScore``).
    ///     Running text links at 0.9, and those steps cost most of an unknown name's query there.
    public func lookup(name: NormalizedName, language: LanguageTag? = nil, target: LanguageTag,
                       types: Set<ConceptType>? = nil, limit: Int = 5, explain: Bool = true,
                       minimumScore: Double = 0) -> LookupResult {
        let found = candidates(name: name, language: language, types: types, explain: explain,
                               minimumScore: minimumScore)
        let ranked = withoutDuplicates(found).filter { $0.value.score >= minimumScore }
            .sorted(by: Self.ranksBefore).prefix(limit)
        let matches = ranked.map { conceptIndex, found -> Match in
            let index = Int(conceptIndex)
            let term = storedTerm(Int(found.entry))
            return Match(conceptID: concepts[index].id, type: concepts[index].type, domain: concepts[index].domain,
                         note: concepts[index].note, canonical: concepts[index].canonicalTerm(in: target),
                         matchedTerm: Term(text: term.text, language: term.language, status: term.status,
                                           kind: term.kind),
                         method: found.method, score: min(1, found.score), explanation: found.explanation)
        }
        return LookupResult(query: name.input, name: name, matches: matches, error: nil)
    }

    /// The best match of a name already normalized, as `lookup(name:…, limit: 1, explain: false)` finds it, without
    /// what the batch job does not write (the matched term, the note, the alternatives): that job links every
    /// distinct name of its input.
    ///
    /// - Parameter minimumScore: as in ``lookup(name:language:target:types:limit:explain:minimumScore:)``: a best
    ///   match scoring below it is no match.
    public func bestMatch(name: NormalizedName, language: LanguageTag? = nil, target: LanguageTag,
                          minimumScore: Double = 0)
        -> (conceptID: String, canonical: Term?, method: MatchMethod, score: Double)?
    {
        // A name the store holds exactly, as one concept's: that concept, with nothing else to rank (the cascade would
        // find it first and stop there, ``exactOutranksKey``). Most names of a batch of known names are such; a
        // gazetteer concept that a curated twin may replace (`withoutDuplicates`) takes the whole cascade.
        if Self.exactOutranksKey, minimumScore <= Self.exactScore {
            let exact = byNormalized.entries(for: name.normalized)
            if let first = exact.first {
                let number = entries[Int(first)].concept
                if !hasCuratedTwin[Int(number)], exact.allSatisfy({ entries[Int($0)].concept == number }) {
                    let concept = concepts[Int(number)]
                    return (concept.id, concept.canonicalTerm(in: target), .exact, min(1, Self.exactScore))
                }
            }
        }
        let found = candidates(name: name, language: language, types: nil, explain: false,
                               minimumScore: minimumScore, bestOnly: true)
        guard let best = withoutDuplicates(found).lazy.filter({ $0.value.score >= minimumScore })
            .min(by: Self.ranksBefore) else { return nil }
        let concept = concepts[Int(best.key)]
        return (concept.id, concept.canonicalTerm(in: target), best.value.method, min(1, best.value.score))
    }

    /// The order of matches, best first: the higher rank, then the lower concept number (so that ties resolve the
    /// same way on every run). ``lookup(name:language:target:types:limit:explain:minimumScore:)`` sorts by it and
    /// ``bestMatch(name:language:target:minimumScore:)`` takes its first.
    private static func ranksBefore(_ a: (key: Int32, value: Candidate), _ b: (key: Int32, value: Candidate)) -> Bool {
        a.value.rank != b.value.rank ? a.value.rank > b.value.rank : a.key < b.key
    }

    /// What a gazetteer concept's rank gains when it is written the matched way in ``clearMajority`` times as many of
    /// its terms (locales) as any other concept the step found (see `consider` in
    /// ``candidates(name:language:types:explain:minimumScore:bestOnly:)``). With ``englishBonus``, below 0.001, the
    /// smallest other adjustment, so that both only break ties; and below ``englishBonus``, so that an English name
    /// outweighs a vote.
    static let supportBonus = 0.0004

    /// How many times more locales make a vote: German *Koreanisch* names the language in one locale and the script
    /// in two, no evidence either way; *Islandia* is Iceland in seven and Icelandic in two.
    static let clearMajority = 3

    /// What an English term adds to a concept's rank when the query's language is unknown.
    static let englishBonus = 0.0005

    /// What a term in the query's own language adds to a concept's rank.
    static let ownLanguageBonus = 0.003

    /// What a generated (gazetteer) concept's rank loses, so that a curated one comes first.
    static let generatedPenalty = 0.004

    /// Whether a concept found exactly always outranks one found by key alone: the exact score less the largest
    /// penalty and ``generatedPenalty``, against the key score plus ``ownLanguageBonus``, ``englishBonus`` and
    /// ``supportBonus`` (the rank adjustments of `consider` in
    /// ``candidates(name:language:types:explain:minimumScore:bestOnly:)``).
    static let exactOutranksKey = exactScore - Entry.largestPenalty - generatedPenalty
        > keyScore + ownLanguageBonus + englishBonus + supportBonus

    /// A concept's best way to match a query: `rank` orders (the score, less a small penalty for non-preferred and
    /// short forms, so a preferred full name wins a tie); `score` is what users see.
    typealias Candidate = (rank: Double, score: Double, entry: Int32, method: MatchMethod, explanation: String)

    /// The candidates of `name` after the generated gazetteer concepts that duplicate a curated one (same type, same
    /// English canonical form) are dropped: they are the same entity twice, and the curated concept stands for both.
    private func withoutDuplicates(_ found: [Int32: Candidate]) -> [(key: Int32, value: Candidate)] {
        // Most names have one candidate, or no generated one with a curated twin: no set to build.
        guard found.count > 1, found.keys.contains(where: { hasCuratedTwin[Int($0)] }),
              found.keys.contains(where: { !generated[Int($0)] && identities[Int($0)] >= 0 })
        else { return Array(found) }
        var curated = Set<Int32>()
        for concept in found.keys where !generated[Int(concept)] && identities[Int(concept)] >= 0 {
            curated.insert(identities[Int(concept)])
        }
        return found.filter { concept, _ in
            !(generated[Int(concept)] && identities[Int(concept)] >= 0 && curated.contains(identities[Int(concept)]))
        }.map { ($0.key, $0.value) }
    }

    /// Each concept `name` may refer to, with its best way to match, through the cascade's steps; retried without a
    /// leading article when nothing matches with it.
    ///
    /// - Parameters:
    ///   - bestOnly: only the best candidate matters (``bestMatch(name:language:target:minimumScore:)``): the others
    ///     may be left out.
    ///   - genericWords: read the generic-word keys (``genericWordScore``) also when `minimumScore` is above their
    ///     score: step 4e, which caps every score it takes at ``nameFormScore``, reads a form's through the certain
    ///     steps alone (*Սյունիքի մարզ* → *Սյունիք մարզ*, `sunik D` = *Syunik Province*).
    private func candidates(name: NormalizedName, language: LanguageTag?, types: Set<ConceptType>?, explain: Bool,
                            minimumScore: Double, bestOnly: Bool = false, genericWords: Bool = false)
        -> [Int32: Candidate]
    {
        let allowFuzzy = minimumScore <= Self.highestFuzzyScore
        // The words of a name in Han or Thai letters, once transliterated, are its syllables (Han-Latin writes one per
        // character, ICU's Thai word breaks fall inside names): none of them is a generic word (拉 lā is not la).
        let allowGeneric = (genericWords || minimumScore <= Self.genericWordScore)
            && !Self.syllabicScripts.contains(name.script)
        let text = name.input
        let source = language?.language
        let sourceNumber = source.flatMap { languageNumbers[$0] }
        let label = source.map { "\($0) " } ?? ""
        var best: [Int32: Candidate] = [:]
        // A generated gazetteer names each place in hundreds of languages, so a name nobody stored resembles one of
        // them by chance (French *Pékin* and the Bafia name of Pitcairn, *pitkɛ́n*): for such a concept, the
        // transcription and fuzzy steps only take its names in the query's language and in English. On the shipped
        // store, names of places left out of it then found a wrong place in 6.6 % of the queries instead of 18.9 %,
        // and names left out of the query's language found their place in 84.4 % instead of 91.0 %
        // (Benchmarks/matching/gazetteer_fmr.py). Exact, key and transliteration matches take every language.
        // An acronym is letters, not a spelling of sounds: a name that resembles one (*Xian*, the Azerbaijani *XİN*
        // of a ministry) is no evidence; acronyms match exactly, by key or by transliteration.
        // A capitalized query is a name: a word in lower case that resembles it (Italian *Finlandia* and *finlandese*,
        // the language; Portuguese *Polônia* and *polonês*) is another word, not a spelling of it. All capitals and
        // all lower case carry no such sign.
        // Among a curated concept's names, the fuzzy step reads a third language's only when the concept has no
        // English name (or the query's language is unknown, or the query and that name are both in scripts other
        // than Latin, see `isInScope`): the English name is the reference spelling a writer borrows or adapts, and a
        // third language's exonym (German *Brüssel*, Turkish *Alman*, Georgian *Teirani*) resembles names of other
        // places by chance (Spanish *Brasil*, *Ammán*, *Tirana*); the transcription step still reads them all.
        // The two rules on the shipped store: places left out of it found a wrong concept in 5.1 % of the queries
        // instead of 6.6 % (Benchmarks/matching/gazetteer_fmr.py); misspelt place names found their place as often
        // (79.2 % instead of 79.0 %) and a wrong one less often (1.2 % instead of 1.5 %, gazetteer_typos.py).
        // A query of unknown language may be in any language whose writers' conventions the transcription tables
        // know (fr, de, pl …, and those sharing a table, sk, da …): the transcription step reads a generated concept's
        // names in those languages, where it would read the query's. The fuzzy step reads them only in the languages
        // the query's letters mark (`Rules/convention-markers.txt`: ł, sz → Polish): on the shipped store without
        // `--from`, misspelt place names found their place in 57.2 % of the queries and places left out a wrong one
        // in 4.6 % (English only in both steps: 41.0 % and 3.6 %; every table's language in the fuzzy step too:
        // 79.9 % but 6.7 %; gazetteer_typos.py and gazetteer_fmr.py with --no-from).
        let englishNumber = languageNumbers["en"]
        // The entries the fuzzy step may take (`isInScope`) depend on the query's language alone, besides the query.
        let fuzzyScope = source == nil ? Self.unknownLanguageScope
            : sourceNumber.map(Int.init) ?? Self.unnumberedLanguageScope
        // The languages of the conventions the query's letters mark (set by step 4, read by the fuzzy step).
        var markedNumbers = Set<UInt16>()
        // Only the transcription and fuzzy steps read it: a name found exactly or by its key never classifies its case.
        lazy var queryIsName = WrittenCase.of(text).isNameCase
        let queryIsLatin = name.latin == name.normalized
        func isInScope(_ entry: Entry, at index: Int32, _ method: MatchMethod) -> Bool {
            if entry.isAcronym || (queryIsName && entry.isLowercase) { return false }
            if entry.language == sourceNumber || entry.language == englishNumber { return true }
            if entry.isGenerated {
                guard source == nil else { return false }
                return (method == .transcription ? conventionLanguageNumbers : markedNumbers).contains(entry.language)
            }
            if method != .fuzzy || !entry.conceptHasEnglish || source == nil { return true }
            // A name written in another script than Latin is written by sound, as the concept's names in other such
            // scripts are, where its English name may not be (Persian *بایدن*, Russian *Байден*, English *Biden*).
            // Measured with Benchmarks/matching/curated_eval.py: with `--mode recall`, most of the Russian and
            // Ukrainian gain there (0.650 → 0.755, 0.664 → 0.822 with the word rules of the fuzzy step); in the
            // default mode, 3 more wrong matches in 3,358 lookups (68 → 71).
            return !queryIsLatin && ICU.Script.dominant(in: storedTerm(Int(index)).text) != .latin
        }

        // The Latin initials of a name written with initials before or after its other words (step 4c): a fuzzy
        // match must have them too, as the fuzzy keys hold them as letters (*q pompeo* ≈ *mik pompio*).
        var fuzzyInitials: [UInt8]?
        func consider(_ indexes: some Sequence<Int32>, _ method: MatchMethod, score: Double,
                      _ why: (Int) -> String) {
            // The gazetteer concepts this step found, each with the number of its terms that matched.
            var support: [(concept: Int32, terms: Int)] = []
            for index in indexes {
                let entry = entries[Int(index)]
                let concept = entry.concept
                if let types, !types.contains(concepts[Int(concept)].type) { continue }
                if method == .transcription || method == .fuzzy, !isInScope(entry, at: index, method) { continue }
                if method == .fuzzy, let fuzzyInitials, !termHasInitials(Int(index), fuzzyInitials) { continue }
                if entry.isGenerated {
                    if let last = support.indices.last, support[last].concept == concept {
                        support[last].terms += 1
                    } else if let found = support.firstIndex(where: { $0.concept == concept }) {
                        support[found].terms += 1
                    } else {
                        support.append((concept, 1))
                    }
                }
                let rank = score - entry.penalty
                    + (entry.language == sourceNumber ? Self.ownLanguageBonus : 0)  // the query's own language first
                    - (entry.isGenerated ? Self.generatedPenalty : 0)  // curated before generated
                    // A name of unknown language is likeliest English, the store's reference language: English
                    // *Nepali* and *Somali* are the languages, though more locales write the countries so.
                    + (source == nil && entry.language == englishNumber ? Self.englishBonus : 0)
                if let current = best[concept], current.rank >= rank { continue }
                best[concept] = (rank, score, index, method, explain ? why(Int(index)) : "")
            }
            // Two gazetteer concepts found by the same step, at the same rank otherwise (the query's own language
            // still comes first): the one clearly more of the gazetteer's locales write that way is the likelier
            // meaning (*Islandia* is Iceland in seven CLDR locales and Icelandic in two, Indonesian and Javanese;
            // *Kanada* is Canada in 71, the Kannada script in two).
            // Curated concepts take no part: each lists the few languages its editor chose, which says nothing of
            // how common a spelling is, and a curated concept ranks above a generated one anyway. The bonus stays
            // under the smallest rank adjustment (0.001) and under an English name's when the query's language is
            // unknown, so it only breaks what would otherwise be a tie, which the concepts' numbers decided.
            guard support.count > 1 else { return }
            var first = support[0], second = 0
            for other in support.dropFirst() {
                if other.terms > first.terms {
                    second = first.terms
                    first = other
                } else {
                    second = max(second, other.terms)
                }
            }
            guard first.terms >= Self.clearMajority * second, var candidate = best[first.concept],
                  candidate.method == method, candidate.score == score else { return }
            candidate.rank += Self.supportBonus
            best[first.concept] = candidate
        }
        // A gazetteer concept's names in the query's language and English only, as the transcription step takes them
        // with the query's language known (steps 4c and 4e).
        func inQueryLanguages(_ index: Int32) -> Bool {
            let entry = entries[Int(index)]
            return !entry.isGenerated || entry.language == sourceNumber || entry.language == englishNumber
        }
        func describe(_ entry: Int) -> String {
            let term = storedTerm(entry)
            guard entries[entry].isUnqualified, let (_, qualifier) = IndexedTerm.withoutQualifier(term.text) else {
                return "\(term.language) \"\(term.text)\""
            }
            return "\(term.language) \"\(term.text)\" without \"\(qualifier)\""
        }
        // Full names found by a family name (``familyNameMatches(rest:letters:language:)``, steps 4c and 4d): by key
        // when written in the query's script, else by transliteration (their Latin keys met).
        func considerFullNames(_ named: [(entry: Int32, term: Term)], _ why: (Int) -> String) {
            for (entry, term) in named {
                let method: MatchMethod = ICU.Script.dominant(in: term.text).name == name.script
                    ? .key : .transliteration
                consider(CollectionOfOne(entry), method, score: Self.nameFormScore, why)
            }
        }

        // 1. Exact normalized form; 2. comparison key.
        consider(byNormalized.entries(for: name.normalized), .exact, score: Self.exactScore) { entry in
            "\(label)\"\(text)\" = \(describe(entry))"
        }
        // A concept found exactly outranks any found by key alone (``exactOutranksKey``), so the best match needs the
        // key step only when an exact one may yet give way to its curated twin found by key (`withoutDuplicates`):
        // half the hash probes of a batch of known names.
        let exactWins = bestOnly && Self.exactOutranksKey && !best.isEmpty
            && !best.keys.contains { hasCuratedTwin[Int($0)] }
        if !exactWins {
            consider(byKey.entries(for: name.key), .key, score: Self.keyScore) { entry in
                "\(label)\"\(text)\" → key \(name.key) = \(describe(entry))"
            }
        }
        // 3. Transliteration, both ways.
        if best.isEmpty {
            // Computed as the store computes its terms' Latin keys, so both sides meet.
            let latinKey = (try? TermKeys.latinKey(of: name, language: language?.description, normalizer: normalizer))
                ?? ""
            if !latinKey.isEmpty {
                if !queryIsLatin {
                    consider(byKey.entries(for: latinKey), .transliteration,
                             score: Self.transliterationScore) { entry in
                        "\(label)\"\(text)\" → Latin \(name.latin) → key \(latinKey) = \(describe(entry))"
                    }
                }
                consider(byLatinKey.entries(for: latinKey), .transliteration,
                         score: Self.transliterationScore) { entry in
                    "\(label)\"\(text)\" → key \(latinKey) = Latin key of \(describe(entry))"
                }
            }
        }
        // 4. Transcription conventions; 5. fuzzy keys.
        if best.isEmpty {
            let prepared = TranscriptionRules.prepare(latin: name.latin, written: name.normalized)
            // The conventions the name is read with: its language's (BGN's English for a transliterated name, and
            // the table of its script, or language, when there is one for its romanization: Georgian *ლაგოსი*,
            // *lagosi*, is Lagos; Hindi *पुतिन*, *putina*, is Putin); for a Latin name of unknown language,
            // the common table alone and each convention whose marker letters it holds (Polish *Szewczenko*, German
            // *Tschaikowski*: `Rules/convention-markers.txt`).
            var conventions: [String?] = [queryIsLatin ? rules.latinConvention(source) : "en"]
            var alsoReadings: [String] = []
            if !queryIsLatin, let reading = rules.readingConvention(language: source, script: name.script) {
                conventions.append(reading)
                alsoReadings = rules.alsoReadingConventions(script: name.script, readWith: reading)
            }
            if source == nil, queryIsLatin {
                let marked = rules.conventions(markedIn: prepared)
                conventions += marked.map(Optional.some)
                markedNumbers = Set(marked.compactMap { languageNumbers[$0] })
            }
            // The tables a script's names are also read with (Cyrillic: Chinese syllables, `zh-Cyrl`), last, give
            // keys for this step only: read so, most names of the script are no names at all, and the fuzzy step
            // took them for look-alikes (Ангола, *anguola*, met Anguilla).
            let alsoReadingsStart = conventions.count
            conventions += alsoReadings.map(Optional.some)
            // The keys of every reading, once each (a few: a linear scan); generic-word keys, unless a reading gave
            // the key as a name's full key.
            // Each reading keeps, for explanations only, its generic-word split.
            typealias Reading = (convention: String?, converted: String?, keys: [String],
                                 generic: (split: GenericWords.Split, keys: [String], converted: String?)?)
            var keys: [String] = [], readings: [Reading] = []
            // The keys only the also-readings gave, which the steps after this one leave out.
            var alsoReadingKeys = Set<String>()
            var generic = Set<String>(), plain = Set<String>()
            // The common table's output and the generic-word split, the same in every reading, computed once.
            var shared = TranscriptionRules.SharedReading(prepared: prepared)
            for (number, convention) in conventions.enumerated() {
                guard let reading = try? rules.transcription(&shared, convention: convention, generic: allowGeneric)
                else { continue }
                let split = explain && allowGeneric
                    ? (try? rules.genericKeys(&shared, convention: convention)) ?? nil : nil
                readings.append((convention, reading.converted, reading.keys, split))
                for key in reading.keys where !keys.contains(key) {
                    keys.append(key)
                    if number >= alsoReadingsStart { alsoReadingKeys.insert(key) }
                }
                generic.formUnion(reading.generic)
                if conventions.count > 1 { plain.formUnion(reading.keys.lazy.filter { !reading.generic.contains($0) }) }
            }
            let genericKeys = conventions.count == 1 ? generic : generic.subtracting(plain)
            let approximateKeys = alsoReadingKeys.isEmpty ? keys : keys.filter { !alsoReadingKeys.contains($0) }
            // One explanation per key (at most a few), not per candidate.
            var explanations: [String: String] = [:]
            // Each key explained by the first reading that gave it.
            for key in keys where explain {
                guard let reading = readings.first(where: { $0.keys.contains(key) }) else { continue }
                explanations[key] = explainTranscription(text: text, label: label, prepared: prepared,
                                                         convention: reading.convention, converted: reading.converted,
                                                         key: key, latin: queryIsLatin ? nil : name.latin,
                                                         generic: reading.generic)
            }
            let explainKey = { (key: String) -> String in explanations[key] ?? key }
            let index = transcriptionIndex
            for key in keys {
                let score = genericKeys.contains(key) ? Self.genericWordScore : Self.transcriptionScore
                consider(index.byTranscription.entries(for: key), .transcription, score: score) { entry in
                    "\(explainKey(key)) = \(describe(entry))\(storedReading(entry, key: key))"
                }
            }
            // 4b. The transcription keys with the name's words in another order: a list or a register writes a
            // person's family name first (*Putin, Vladimir*; *PASHINYAN Nikol*; Hungarian *Orbán Viktor*). Names
            // equal by key or Latin key have equal transcription keys too, so these probes find them as well, within
            // the transcription step's scope (a gazetteer concept's names in the query's language and English, not
            // Turkish *İbo dili*, Igbo, for a Greek *Ντίλι* followed by *ibo*); ~3 hash probes per name the store
            // lacks, where probing the key and Latin-key indexes too made a batch of such names ~5 % slower. After
            // every step in the written order has found nothing and before the fuzzy step, which would otherwise take
            // a look-alike for it. Not for a name in Han or Thai letters, whose transliterated words are syllables.
            if best.isEmpty, minimumScore <= Self.nameFormScore, !Self.syllabicScripts.contains(name.script) {
                let reordered = "words in another order: "
                // Generic-word keys stand for a name's other words (`lovelace I`): not words to reorder.
                let commaWords = Self.wordsBeforeComma(name.normalized)
                for key in keys where !genericKeys.contains(key) {
                    Self.forEachWordOrder(of: key, commaWords: commaWords) { order in
                        consider(index.byTranscription.entries(for: order), .transcription,
                                 score: Self.nameFormScore) { entry in
                            "\(explainKey(key)) → \(reordered)\(String(decoding: order, as: UTF8.self)) = "
                                + describe(entry)
                        }
                    }
                }
            }
            // 4b'. A name with a generic word the store's name lacks, or without those it has: many languages keep
            // *Ho Chi Minh* for *Ho Chi Minh City* and write *Lord Howe-eiland* for *Lord Howe*
            // (``genericWordVariants(of:generic:tokens:)``): hash probes of the transcription index, at most
            // ``nameFormScore``. Only the words that say what kind of place a name is (``GenericWords/optionalTokens``:
            // *island*, *city*), not those that tell places apart (*New York* is not *York*), and only when two words
            // or more remain, which name a place on their own: one word left is as often the name of another place
            // (*Mexico* and *Mexico City*, *Norfolk* and *Norfolk Island*).
            if best.isEmpty, allowGeneric, minimumScore <= Self.nameFormScore {
                let optional = rules.genericWords.optionalTokenLetters
                Self.forEachGenericWordVariant(of: keys, generic: genericKeys, tokens: optional) {
                    variant, key, token in
                    consider(index.byTranscription.entries(for: variant), .transcription,
                             score: Self.nameFormScore) { entry in
                        let name = token.flatMap { rules.genericWords.tokenNames[Character(Unicode.Scalar($0))] }
                        let change = name.map { "with a generic word (\($0))" } ?? "without its generic words"
                        return "\(explainKey(key)) → \(change): \(String(decoding: variant, as: UTF8.self)) = "
                            + describe(entry)
                    }
                }
            }
            // 4c. A name with initials (*V. Putin*, *J.-P. Raffarin*, *Putin V. V.*, *John F. Kennedy*): its other
            // words through the certain steps, each concept found kept when one of its full names has words with
            // those initials before (or after) its others; initials between other words (a middle name's) are only
            // dropped. Before the fuzzy step, which would take a look-alike of the name with its initials.
            if best.isEmpty, minimumScore <= Self.nameFormScore, let initials = Initials(of: name.normalized),
               let rest = try? normalizer.normalize(initials.rest, language: source) {
                let written = initials.letters.map { $0 + "." }.joined(separator: " ")
                let letters = initials.letters.compactMap { latinInitials(of: $0, language: source).first }
                if initials.position != .middle { fuzzyInitials = letters }
                let retried = candidates(name: rest, language: language, types: types, explain: explain,
                                         minimumScore: max(minimumScore, Self.transcriptionScore))
                for (concept, found) in retried where letters.count == initials.letters.count {
                    var full: Term?
                    if initials.position != .middle {
                        // The query's language, English, and the language of the name its other words matched.
                        let languages = Set([source, "en", storedTerm(Int(found.entry)).language.language]
                            .compactMap { $0 })
                        guard let named = fullName(of: concept, withInitials: letters, languages: languages)
                        else { continue }
                        full = named
                    }
                    let why = explain
                        ? "\(label)\"\(text)\" → without the initials \(written): \(found.explanation)"
                            + (full.map { "; \(written) as in \($0.language) \"\($0.text)\"" } ?? "")
                        : ""
                    best[concept] = (found.rank - found.score + Self.nameFormScore, Self.nameFormScore, found.entry,
                                     found.method, why)
                }
                // Initials before or after the family name: also the full names that end with it, short form or not.
                if initials.position != .middle, letters.count == initials.letters.count {
                    let named = familyNameMatches(rest: rest, letters: letters, language: source).filter {
                        inQueryLanguages($0.entry)
                    }
                    considerFullNames(named) { entry in
                        "\(label)\"\(text)\" → initials \(written) and \"\(initials.rest)\" = \(describe(entry))"
                    }
                }
            }
            // 4d. A title before a person's name (*M. Poutine*, *President Putin*, *premier ministre Pachinian*; *le
            // président Poutine* once the article is dropped, below): the rest through the whole cascade, only people
            // and concepts of no type kept, at the rest's score up to ``nameFormScore`` (a title and a family name
            // are no full name). Before the fuzzy step, which would read the title as letters of the name.
            if best.isEmpty, minimumScore <= Self.nameFormScore,
               let (title, rest) = withoutTitle(name, language: source) {
                let retried = candidates(name: rest, language: language, types: types, explain: explain,
                                         minimumScore: minimumScore)
                for (concept, found) in retried where Self.titledTypes.contains(concepts[Int(concept)].type) {
                    let why = explain ? "\(label)\"\(text)\" → without the title \(title): \(found.explanation)" : ""
                    let score = min(found.score, Self.nameFormScore)
                    best[concept] = (found.rank - found.score + score, score, found.entry, found.method, why)
                }
                // A family name the store has no short form of: the full names that end with it, Latin keys
                // compared, when they are one person's. Two people's (*M. Bayraktar*: Haluk or Selçuk) would be a coin
                // flip for a batch's one row: no match.
                let named = best.isEmpty ? familyNameMatches(rest: rest, letters: [], language: source).filter {
                    Self.titledTypes.contains(concepts[Int(entries[Int($0.entry)].concept)].type)
                } : []
                if let first = named.first, named.allSatisfy({ entries[Int($0.entry)].concept
                    == entries[Int(first.entry)].concept }) {
                    considerFullNames(named) { entry in
                        "\(label)\"\(text)\" → without the title \(title): family name \"\(rest.normalized)\" = "
                            + describe(entry)
                    }
                }
            }
            // 4e. A name in the case a sentence gave it (Polish *Moskwie*, *Putinem*; Russian *Владимира Путина*;
            // Hungarian *Moszkvában*; Turkish *Putin'in*), as a batch of names extracted from inflected news holds
            // them: each word also read with one of its language's endings replaced (`Rules/name-endings.txt`), each
            // form looked up exactly and by key, the first stems also through the other certain steps (no fuzzy step,
            // no other name form), at most ``nameFormScore``. Only with the name's language known, after every step
            // in the written order and before the fuzzy step, which would take a look-alike of the inflected form.
            if best.isEmpty, minimumScore <= Self.nameFormScore, let source {
                let forms = dictionaryForms(of: name, language: source, explain: explain)
                // A form read with the query's language's endings is a word of that language: a gazetteer concept is
                // taken by its names in it and in English only (as the transcription step takes them), and a name in
                // capitals by no word written in lower case. Otherwise a country left out of the store found its
                // language, by the language's name in a third language (Czech *Polsku* → *Polska*, Swedish *polska*,
                // Polish) or the query's own adjective (Croatian *hrvatski*).
                func inFormScope(_ index: Int32) -> Bool {
                    inQueryLanguages(index) && !(queryIsName && entries[Int(index)].isLowercase)
                }
                func said(_ form: DictionaryForm) -> String {
                    "\(label)\"\(text)\" → dictionary form \"\(form.text)\" (\(form.changes))"
                }
                // Every form exactly and by key first: hash probes (each form through every certain step made a batch
                // of names the store lacks ~50 % slower).
                let hint = LanguageHint(source)
                for form in forms {
                    consider(byNormalized.entries(for: form.text).filter(inFormScope), .exact,
                             score: Self.exactScore) { entry in "\(said(form)) = \(describe(entry))" }
                    guard let key = try? normalizer.comparisonKey(form.text, language: hint), !key.isEmpty else {
                        continue
                    }
                    consider(byKey.entries(for: key).filter(inFormScope), .key, score: Self.keyScore) { entry in
                        "\(said(form)) → key \(key) = \(describe(entry))"
                    }
                }
                // Then the first stems (the forms that only dropped endings) through transliteration and
                // transcription too: a foreign name keeps its stem and takes the endings (*Пашиняна* → *Пашинян* → en
                // *Pashinyan*; *Pasziniana* → *Paszinian*, Polish for *Pashinyan*), where a form with another ending
                // put back is the language's own word, which the store holds in that language or not at all.
                if best.isEmpty {
                    for form in forms.lazy.filter(\.drops).prefix(Self.mostTranscribedForms) {
                        guard let variant = try? normalizer.normalize(form.text, language: source) else { continue }
                        let retried = candidates(name: variant, language: language, types: types, explain: explain,
                                                 minimumScore: max(minimumScore, Self.transcriptionScore),
                                                 genericWords: true)
                        for (concept, found) in retried where inFormScope(found.entry) {
                            if let current = best[concept], current.rank >= found.rank { continue }
                            best[concept] = (found.rank, found.score, found.entry, found.method,
                                             explain ? "\(said(form)): \(found.explanation)" : "")
                        }
                    }
                }
                // At most ``nameFormScore``, ranks shifted as a whole, so that a form found exactly still ranks before
                // one found by its key (*Hrvatskom*: the country *Hrvatska*, not the language *hrvatski*).
                for (concept, found) in best {
                    best[concept] = (found.rank - Self.exactScore + Self.nameFormScore, Self.nameFormScore,
                                     found.entry, found.method, found.explanation)
                }
            }
            // 4f. A person's name with fewer or more given names than the store's (*Tayyip Erdoğan* for *Recep
            // Tayyip Erdoğan*, *Kassym Tokaïev* for *Kassym-Jomart Tokayev*; *Sergueï Viktorovitch Lavrov*, a
            // patronymic added, for *Sergueï Lavrov*): transcription keys compared word by word, the family name and
            // the first given name kept, or the first given names left out (``leavesOutGivenNames(_:of:leading:)``).
            // People and concepts of no type only, at most ``nameFormScore``, and only when one concept is found:
            // two people who share a family name and one given name are a coin flip. Keys are read by the words of the
            // names as written (Armenian *Բայրաքթար*, *Bayrak't'ar*, one word, has the key *bairak tar*). Before the
            // fuzzy step, which would take a look-alike of the whole name.
            if best.isEmpty, minimumScore <= Self.nameFormScore, !Self.syllabicScripts.contains(name.script) {
                let matches = givenNameMatches(keys: approximateKeys, generic: genericKeys,
                                               writtenWords: Self.writtenWordCount(name.normalized))
                if let first = matches.first, matches.allSatisfy({
                    entries[Int($0.entry)].concept == entries[Int(first.entry)].concept
                }) {
                    for match in matches {
                        consider(CollectionOfOne(match.entry), .transcription, score: Self.nameFormScore) { entry in
                            let change = match.queryHasMore
                                ? "without the middle names \"\(match.otherWords)\""
                                : "given names left out: \"\(match.otherWords)\""
                            return "\(explainKey(match.key)) → \(change) → \(match.storedKey) = \(describe(entry))"
                        }
                    }
                }
            }
            if best.isEmpty, allowFuzzy {
                for found in fuzzy(keys: approximateKeys, scope: fuzzyScope) {
                    let score = Self.fuzzyScore(similarity: found.similarity)
                    consider(CollectionOfOne(found.entry), .fuzzy, score: score) { entry in
                        let closest = closestTranscriptionKey(entry, to: found.key)
                        return "\(explainKey(found.key)) ≈ \(closest) (similarity "
                            + String(format: "%.2f", found.similarity) + ") = \(describe(entry))"
                            + storedReading(entry, key: closest)
                    }
                }
                // A language that writes some sounds with the letter of another (Hausa *Nefal*, Nepal) is also read
                // with those letters as the sounds they stand for, each half an edit, as a kin consonant costs in the
                // weighted distance. On the CLDR development slice (`eval.py --langs`), a quarter edit found more
                // Tongan and Māori names (0.581 against 0.527 to) for more false matches on the unseen slice (6.2 %
                // against 3.4 %); a whole edit kept a third of the gain.
                // A name in another script without `--from` is read as its script's reading table's language writes
                // (Chinese characters: one letter for l and r; Hangul: p b j for f v z; `standInLetters`).
                // Not Cyrillic's: its languages' stand-ins differ (Russian г for a foreign h, Ukrainian and
                // Belarusian г, an h, for a g); read with Russian's, Russian, Ukrainian and Bulgarian names without
                // `--from` found 6 more wrong places and 1 more right one in 2,040 look-ups on the shipped store
                // (`gazetteer_fmr.py --no-from --langs ru,uk,bg`).
                let readingLanguage = queryIsLatin || conventions.count < 2 || name.script == "Cyrillic"
                    ? nil : conventions[1]
                // A w (v in a key) that is a glide (*Samowa*, *Gwam*) is also read as one (``glideVariants(of:)``),
                // each half an edit, as a stand-in letter is.
                let variants = Self.standInVariants(of: approximateKeys, language: source ?? readingLanguage).map {
                    (key: $0.key, of: $0.of, edits: $0.standIns, reading: "letters for sounds the language lacks")
                } + Self.glideVariants(of: approximateKeys).map {
                    (key: $0.key, of: $0.of, edits: $0.glides, reading: "w as a glide")
                }
                for variant in variants {
                    let letters = variant.key.utf8.lazy.filter { $0 >= 0x61 && $0 <= 0x7A }.count
                    for found in fuzzy(keys: [variant.key], scope: fuzzyScope) {
                        let similarity = found.similarity - Double(variant.edits) / 2 / Double(max(letters, 1))
                        guard similarity >= Self.fuzzySimilarity else { continue }
                        consider(CollectionOfOne(found.entry), .fuzzy, score: Self.fuzzyScore(similarity: similarity)) {
                            entry in
                            let closest = closestTranscriptionKey(entry, to: variant.key)
                            return "\(explainKey(variant.of)) → \(variant.reading): \(variant.key) ≈ \(closest) "
                                + "(similarity " + String(format: "%.2f", similarity) + ") = \(describe(entry))"
                                + storedReading(entry, key: closest)
                        }
                    }
                }
                // A name in Arabic or Hebrew letters is also read as those scripts spell a foreign name (one in an
                // Indic script without the inherent vowel, which the scripts leave unwritten; a Khmer one by its
                // consonants, `Rules/abjad-Khmer.txt`), and an
                // Arabic name with the article also without it. Only Arabic's: Urdu, Sindhi and Pashto also write the
                // *Al-* of a foreign name so (*الجیئرس*, Algiers), which without it met Jersey.
                let article = source == "ar" ? Self.withoutArabicArticle(latin: name.latin, original: name.normalized)
                    : nil
                let readings = queryIsLatin ? [] : [(name.latin, name.normalized, "")]
                    + (article.map {
                        [($0.latin, $0.original, " → without the article ال: \($0.original)")]
                    } ?? [])
                for (latin, original, note) in readings {
                    guard let abjad = abjadMatches(latin: latin, script: name.script, original: original,
                                                   language: source) else {
                        continue
                    }
                    // Best first, ties by entry: the found entries come from a dictionary.
                    let found = abjad.found.sorted { ($1.similarity, $0.entry) < ($0.similarity, $1.entry) }
                    for (entry, similarity, reading) in found {
                        let score = Self.fuzzyScore(similarity: similarity)
                        consider(CollectionOfOne(entry), .fuzzy, score: score) { entry in
                            // The reading with another first vowel or its stand-in letters read as sounds, when
                            // that is what matched.
                            let how = [reading.partedHa ? "a ha of its own" : nil,
                                       reading.firstVowel ? "the first alef's vowel" : nil,
                                       reading.standIns > 0 ? "letters for sounds the script lacks" : nil]
                                .compactMap { $0 }
                            let read = how.isEmpty ? ""
                                : " → " + how.joined(separator: ", ") + ": "
                                    + String(decoding: reading.letters, as: UTF8.self)
                            let kind = TranscriptionRules.isAbjad(name.script) ? "abjad reading"
                                : TranscriptionRules.inherentVowelScripts.contains(name.script)
                                    ? "reading without the inherent vowel" : "reading by its consonants"
                            return "\(label)\"\(text)\"\(note) → Latin \(latin) → \(kind) \(abjad.key)" + read
                                + " ≈ \(closestTranscriptionKey(entry, to: abjad.key)) (similarity "
                                + String(format: "%.2f", similarity)
                                + ") = \(describe(entry))"
                        }
                    }
                }
            }
        }

        let article = best.isEmpty ? Self.withoutArticle(name, language: source) : nil
        if best.isEmpty, let rest = article ?? withoutClassPrefix(name, language: source) {
            // "la Russie", "die Türkei", Zulu "i-Lagos": retry without the leading article or prefix, and say so.
            let retried = candidates(name: rest, language: language, types: types, explain: explain,
                                     minimumScore: minimumScore, bestOnly: bestOnly, genericWords: genericWords)
            guard explain else { return retried }
            let said = "\(label)\"\(text)\" → without " + (article == nil ? "class prefix" : "article") + ": "
            return retried.mapValues { found in
                var found = found
                found.explanation = said + found.explanation
                return found
            }
        }
        return best
    }

    /// The other orders of a key's words that the cascade reads (``nameFormScore``): for two to four words, the
    /// first word moved last (*putin vladimir vladimirovich* → *vladimir vladimirovich putin*: a family name of one
    /// word written first), the last word moved first (*garcia marquez gabriel* → *gabriel garcia marquez*: one
    /// given name written last), and, when the name has one comma after its `commaWords`th word, the words after it
    /// moved first (*le drian jean yves* → *jean yves le drian*: a register's *LE DRIAN, Jean-Yves*); each once and
    /// unlike the key. A name of one word, or of five and more (a title, a phrase), has none.
    static func wordOrders(of key: String, commaWords: Int? = nil) -> [String] {
        var orders: [String] = []
        forEachWordOrder(of: key, commaWords: commaWords) { orders.append(String(decoding: $0, as: UTF8.self)) }
        return orders
    }

    /// Calls `body` with the bytes of each of ``wordOrders(of:commaWords:)``, valid during the call.
    ///
    /// On the key's bytes, in one buffer (a space is one byte in UTF-8): every name the store lacks comes here, and
    /// splitting and joining Strings cost ~9 % of a batch of such names.
    static func forEachWordOrder(of key: String, commaWords: Int? = nil,
                                 _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var key = key
        key.withUTF8 { bytes in
            // The spaces' offsets: at most three (four words).
            var spaces: [Int] = [], previous: UInt8 = 0x20
            for (offset, byte) in bytes.enumerated() {
                // No empty word: a space first, last or after another is no key's.
                if byte == 0x20 {
                    if previous == 0x20 || spaces.count == 3 { return }
                    spaces.append(offset)
                }
                previous = byte
            }
            guard let first = spaces.first, let last = spaces.last, previous != 0x20 else { return }
            // The first word moved last, the last word moved first, the words after the comma moved first.
            var cuts = [first, last]
            if let commaWords, commaWords > 0, commaWords <= spaces.count { cuts.append(spaces[commaWords - 1]) }
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: cuts.count * bytes.count) { buffer in
                let length = bytes.count
                for (number, space) in cuts.enumerated() {
                    let start = number * length
                    let tail = length - space - 1
                    for i in 0..<tail { buffer[start + i] = bytes[space + 1 + i] }
                    buffer[start + tail] = 0x20
                    for i in 0..<space { buffer[start + tail + 1 + i] = bytes[i] }
                    let order = UnsafeBufferPointer(rebasing: buffer[start..<(start + length)])
                    // Each once: two words give one order; a comma after the first word, the first order again.
                    let earlier = (0..<number).contains { other in
                        UnsafeBufferPointer(rebasing: buffer[(other * length)..<(other * length + length)])
                            .elementsEqual(order)
                    }
                    if !earlier, !order.elementsEqual(bytes) { body(order) }
                }
            }
        }
    }

    /// The keys step 4b' probes for a name's transcription keys: a key without generic-word tokens (`ho chi minh`,
    /// or `turks caicos` for *Turks ja Caicos*, whose *ja* is a small word) with one token more (`ho chi minh Y`, the
    /// key *Ho Chi Minh City* has), and a generic-word key whose tokens are all among `tokens` without them
    /// (`lord hov I` → `lord hov`), each when what remains has two words or more and ``fuzzyFullLength`` letters or
    /// more.
    ///
    /// - Parameters:
    ///   - generic: which of `keys` are generic-word keys (``GenericWords``: their tokens, if any, are their last
    ///     word, in capitals).
    ///   - tokens: the letters of the tokens that may be added or left out, in the order to try them.
    /// - Returns: each variant with the key it was made from and the token added (nil for tokens taken away).
    static func genericWordVariants(of keys: [String], generic: Set<String>, tokens: [Character])
        -> [(key: String, of: String, token: Character?)]
    {
        var variants: [(key: String, of: String, token: Character?)] = []
        let letters = tokens.compactMap(\.asciiValue)
        forEachGenericWordVariant(of: keys, generic: generic, tokens: letters) { variant, key, token in
            let letter = token.map { Character(Unicode.Scalar($0)) }
            variants.append((String(decoding: variant, as: UTF8.self), key, letter))
        }
        return variants
    }

    /// Calls `body` with the bytes of each of ``genericWordVariants(of:generic:tokens:)`` (valid during the call),
    /// the key it was made from, and the token letter added (nil for tokens taken away).
    ///
    /// On the keys' bytes, in one buffer: every name of several words the store lacks comes here.
    static func forEachGenericWordVariant(of keys: [String], generic: Set<String>, tokens: [UInt8],
                                          _ body: (UnsafeBufferPointer<UInt8>, String, UInt8?) -> Void) {
        for key in keys {
            var bytesOf = key
            let isGeneric = generic.contains(key)
            bytesOf.withUTF8 { bytes in
                guard let lastSpace = bytes.lastIndex(of: 0x20) else { return }
                let spaces = bytes.lazy.filter { $0 == 0x20 }.count
                let last = UnsafeBufferPointer(rebasing: bytes[(lastSpace + 1)...])
                let hasTokens = isGeneric && !last.isEmpty && last.allSatisfy { $0 >= 0x41 && $0 <= 0x5A }
                // The words and letters that remain (keys have single spaces).
                let words = hasTokens ? spaces : spaces + 1
                let length = hasTokens ? lastSpace : bytes.count
                guard words >= 2, length - (words - 1) >= fuzzyFullLength else { return }
                if hasTokens {
                    guard last.allSatisfy(tokens.contains) else { return }
                    body(UnsafeBufferPointer(rebasing: bytes[..<lastSpace]), key, nil)
                    return
                }
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count + 2) { buffer in
                    for (offset, byte) in bytes.enumerated() { buffer[offset] = byte }
                    buffer[bytes.count] = 0x20
                    for token in tokens {
                        buffer[bytes.count + 1] = token
                        body(UnsafeBufferPointer(buffer), key, token)
                    }
                }
            }
        }
    }

    /// The number of words before a name's only comma (*LE DRIAN, Jean-Yves*: 2, words split at spaces and hyphens
    /// as keys are); nil when it has none or several.
    static func wordsBeforeComma(_ text: String) -> Int? {
        guard let comma = text.utf8.firstIndex(of: 0x2C),
              !text.utf8[text.utf8.index(after: comma)...].contains(0x2C) else { return nil }
        return text[..<comma].split { $0 == " " || $0 == "-" }.count
    }

    /// The types of concept a person's title may stand before: people, and the concepts of a glossary that gives no
    /// type.
    static let titledTypes: Set<ConceptType> = [.person, .term]

    /// `name` without its leading person title (``TranscriptionRules/personTitles``: *M. Poutine* → *Poutine*,
    /// *Premier ministre Pachinian* → *Pachinian*), normalized again, and the title as written; nil when it has none
    /// or nothing after it.
    func withoutTitle(_ name: NormalizedName, language: String?) -> (title: String, rest: NormalizedName)? {
        let text = name.normalized
        // Most names begin with no title: decided on the first word alone.
        guard let end = text.utf8.firstIndex(where: { $0 == 0x20 || $0 == 0x2D }),
              rules.personTitles.beginsATitle(text[..<end]) else { return nil }
        let words = text.split { $0 == " " || $0 == "-" }
        guard let length = rules.personTitles.titleLength(words.map { PersonTitles.fold($0) }),
              let rest = try? normalizer.normalize(String(text[words[length].startIndex...]), language: language)
        else { return nil }
        return (String(text[..<words[length - 1].endIndex]), rest)
    }

    /// The scripts whose transliteration's words are syllables rather than a name's words.
    static let syllabicScripts: Set<String> = ["Han", "Thai"]

    /// Leading articles per language, dropped when a name finds nothing with them ("la Russie" → "Russie"). An
    /// article ending in a hyphen is written joined to the name so: Maltese *l-Alġier*, *is-Slovakkja*, whose article
    /// takes the name's first consonant when it is a "sun letter" (Wikipedia "Maltese grammar": il-, l- before a
    /// vowel, iċ- id- in- ir- is- it- ix- iż- iz-). Irish and Scottish Gaelic change the name's first letter after
    /// their article (*an Phacastáin*, *an tSlóvaic*): `transcription-ga.txt` reads it back.
    public static let articles: [String: Set<String>] = [
        "fr": ["le", "la", "les"], "de": ["der", "die", "das", "den", "dem", "des"], "es": ["el", "la", "los", "las"],
        "it": ["il", "lo", "la", "i", "gli", "le"], "pt": ["o", "a", "os", "as"], "nl": ["de", "het"],
        "en": ["the"], "ca": ["el", "la", "els", "les"],
        "mt": ["il-", "l-", "iċ-", "id-", "in-", "ir-", "is-", "it-", "ix-", "iż-", "iz-"],
        "ga": ["an", "na"], "gd": ["an", "am", "a'", "na"], "gl": ["o", "a", "os", "as"],
    ]

    /// A name in Arabic letters without the definite article its words start with (*الكويت*, *al-Kuwayt*, Kuwait;
    /// *الرياض*, *ar-Riyāḍ*, the sun letter's assimilation unwritten), for the abjad reading: its Latin form loses the
    /// article's *l* (BGN/PCGN omits the alef: *lkwyt*) or *al*. Nil when no word of three letters or more after the
    /// article starts with it, or when the Latin form's words do not line up with the name's.
    static func withoutArabicArticle(latin: String, original: String) -> (latin: String, original: String)? {
        let originalWords = original.split(separator: " "), latinWords = latin.split(separator: " ")
        guard originalWords.count == latinWords.count else { return nil }
        var changed = false
        var newOriginal: [Substring] = [], newLatin: [Substring] = []
        for (word, romanized) in zip(originalWords, latinWords) {
            guard word.hasPrefix("ال"), word.unicodeScalars.count >= 5,
                  let prefix = ["ạl", "al", "l"].first(where: { romanized.hasPrefix($0) }) else {
                newOriginal.append(word)
                newLatin.append(romanized)
                continue
            }
            changed = true
            newOriginal.append(word.dropFirst(2))
            newLatin.append(romanized.dropFirst(prefix.count))
        }
        guard changed else { return nil }
        return (newLatin.joined(separator: " "), newOriginal.joined(separator: " "))
    }

    /// The prefixes Nguni languages put before a place's name to give it a noun class, joined by a hyphen or written
    /// before its capital (CLDR's Zulu *i-Lagos*, *iJuba*; Xhosa *EFrance*, *IYiputa*), dropped when a name finds
    /// nothing with them.
    public static let classPrefixes: [String: Set<String>] = [
        "zu": ["i", "e"], "xh": ["i", "e"], "ss": ["i", "e"], "nr": ["i", "e"], "nd": ["i", "e"],
    ]

    /// The noun-class prefixes East African Bantu languages write joined to a country's name, in lower case before
    /// the rest of it, longest first (Wikipedia "Swahili grammar", "Luganda", "Kirundi": the class of abstract nouns
    /// and countries, Swahili *u-*, Luganda *bu-*, Kirundi *ubu-*): Swahili *Ufaransa*, *Ubelgiji*, Luganda
    /// *Bufalansa*, Kirundi *Ubuyapani*, Bena *Huujerumani* (*hu-* before the Swahili form). The languages whose
    /// CLDR names of countries take Swahili's *u-* have it too. Dropped, like ``classPrefixes``, when a name finds
    /// nothing with them, and only with four letters or more after them.
    public static let joinedClassPrefixes: [String: [String]] = {
        var table: [String: [String]] = [
            "lg": ["bu"], "xog": ["bu"], "cgg": ["bu"], "nyn": ["bu"], "rn": ["ubu"], "rw": ["ubu"],
            "bez": ["hu", "u"], "sbp": ["wu", "u"], "lag": ["ʉ"],
        ]
        for language in ["sw", "asa", "dav", "ebu", "guz", "jmc", "kam", "kde", "ki", "ksb", "luy", "mas", "mgh",
                         "rof", "rwk", "saq", "teo", "vun"] {
            table[language] = ["u"]
        }
        return table
    }()

    /// `name` without its noun-class prefix (``classPrefixes``, ``joinedClassPrefixes``), normalized again; nil when it
    /// has none.
    func withoutClassPrefix(_ name: NormalizedName, language: String?) -> NormalizedName? {
        guard let language else { return nil }
        if let joined = Self.joinedClassPrefixes[language] {
            let lower = name.normalized.lowercased()
            for prefix in joined where lower.hasPrefix(prefix) {
                let rest = name.normalized.unicodeScalars.dropFirst(prefix.unicodeScalars.count)
                guard rest.count >= 4, rest.prefix(4).allSatisfy({ $0.properties.isAlphabetic }) else { continue }
                return try? normalizer.normalize(String(rest), language: language)
            }
        }
        guard let prefixes = Self.classPrefixes[language] else { return nil }
        let scalars = Array(name.normalized.unicodeScalars.prefix(3))
        guard scalars.count == 3, prefixes.contains(String(scalars[0]).lowercased()) else { return nil }
        let hyphenated = scalars[1] == "-" && scalars[2].properties.isAlphabetic
        guard hyphenated || scalars[1].properties.isUppercase else { return nil }
        let rest = String(name.normalized.unicodeScalars.dropFirst(hyphenated ? 2 : 1))
        return try? normalizer.normalize(rest, language: language)
    }

    /// `name` without its leading article, when it has one and more words after it.
    static func withoutArticle(_ name: NormalizedName, language: String?) -> NormalizedName? {
        guard let language, let articles = articles[language] else { return nil }
        // Articles are words of one to three letters: a first word longer than six bytes is none, and most names are
        // cleared on that alone, without splitting.
        guard let space = name.normalized.utf8.firstIndex(where: { $0 == 0x20 || $0 == 0x2D }),
              name.normalized.utf8.distance(from: name.normalized.utf8.startIndex, to: space) <= 6 else { return nil }
        // The first word ends at a space, or after a hyphen (Maltese l-Alġier: its key is "l algier").
        let words = name.normalized.split(maxSplits: 1) { $0 == " " || $0 == "-" }
        guard words.count == 2 else { return nil }
        let joined = name.normalized[words[0].endIndex] == "-"
        guard articles.contains(words[0].lowercased() + (joined ? "-" : "")) else { return nil }
        let keyWords = name.key.split(separator: " ", maxSplits: 1)
        guard keyWords.count == 2 else { return nil }
        let latinWords = name.latin.split(maxSplits: 1) { $0 == " " || $0 == "-" }
        return NormalizedName(input: String(words[1]), normalized: String(words[1]), key: String(keyWords[1]),
                              script: name.script, latin: latinWords.count == 2 ? String(latinWords[1]) : name.latin)
    }

    /// The concept with `id`, if indexed.
    public func concept(id: String) -> Concept? { concepts.concept(id: id) }

    /// The types the indexed concepts have (`place`, `person` …): a `--type` none of them has is a mistake to report,
    /// not a query that finds nothing. Reads every concept's type (1 ms for the default store).
    public var conceptTypes: Set<ConceptType> { Set(concepts.lazy.map(\.type)) }

    // MARK: - Private

    /// The term of `entry` as its concept holds it.
    func storedTerm(_ entry: Int) -> Term {
        let position = Int(entries[entry].term)
        return position >= 0 ? concepts[Int(entries[entry].concept)].terms[position] : extraTerms[-1 - position]
    }

    /// How a stored name was read to give its transcription key `key`, when that is one of the keys its tables alone
    /// do not give (``transcriptionKeys(of:rules:)``): a last *e* spoken, an English name's borrowed letters, an
    /// English plural's stem; "" otherwise. For explanations only: it reads the name again.
    func storedReading(_ entry: Int, key: String) -> String {
        guard !entries[entry].isUnqualified else { return "" }
        let term = storedTerm(entry)
        guard let name = try? normalizer.normalize(term.text, language: term.language.description) else { return "" }
        let unit = Self.transcriptionUnit(latin: name.latin, normalized: name.normalized, language: term.language,
                                          rules: rules)
        switch Self.transcriptionKeys(of: unit, rules: rules).first(where: { $0.key == key })?.reading {
        case .spokenFinalE?: return " with its last e spoken"
        case .borrowedLetters?: return " with its borrowed letters as said (ç as s, oe as u)"
        case .pluralStem?: return " without its plural -es"
        case .softG?: return " with its g before e, i, y said as j"
        case nil: return ""
        }
    }

    /// The transcription key of `entry` nearest `key` by edit distance, the first of equals (what fuzzy explanations
    /// show: the key the step met, *fransi* for Polish *Francja*, *frantsi*, not the entry's first, *frans*), or ""
    /// when it has none.
    func closestTranscriptionKey(_ entry: Int, to key: String) -> String {
        let query = Array(key.utf8)
        var closest = "", least = Int.max
        for pair in pairs(ofEntry: entry) {
            let stored = Array(byTranscription.key(Int(pairKeys[Int(pair)])))
            let distance = Similarity.levenshtein(query, stored)
            if distance < least { (closest, least) = (String(decoding: stored, as: UTF8.self), distance) }
        }
        return closest
    }

    /// Where `term` is among its concept's `terms` (text, language, status and kind equal; its place first), or,
    /// when it is not there, its place (`-1 - i`) in `extra`, where it is appended.
    private static func termIndex(of term: IndexedTerm, in terms: [Term], extra: inout [Term]) -> Int32 {
        func same(_ stored: Term) -> Bool {
            stored.text == term.text && stored.language == term.language && stored.status == term.status
                && stored.kind == term.kind
        }
        if terms.indices.contains(term.position), same(terms[term.position]) { return Int32(term.position) }
        if let index = terms.firstIndex(where: same) { return Int32(index) }
        extra.append(term.term)
        return -Int32(extra.count)
    }

    /// A key index over `count` entries, entry `i` under `key(i)` (none when nil).
    private static func index(_ count: Int, _ key: (Int) -> String?) -> KeyIndex {
        var builder = KeyIndex.Builder(keys: count, pairs: count)
        for entry in 0..<count {
            if let key = key(entry) { builder.add(key, entry: Int32(entry)) }
        }
        return builder.finish()
    }

    /// Per concept, a number for its type and English canonical form (equal numbers, equal pairs), or -1 when it
    /// has no English canonical form.
    private static func identities(of concepts: [Concept]) -> [Int32] {
        var numbers: [String: Int32] = [:]
        return concepts.map { concept in
            guard let english = concept.canonicalTerm(in: Self.english)?.text else { return -1 }
            let identity = "\(concept.type)\t\(english)"
            if let number = numbers[identity] { return number }
            numbers[identity] = Int32(numbers.count)
            return Int32(numbers.count - 1)
        }
    }

    /// `fr "Pachinian" → key pachinian → transcription fr: ch→sh → pashinian → common → pashinian`; for a
    /// generic-word key, `fr "Îles Salomon" → îles salomon → generic words: îles→island → salomon I → salomon I`.
    ///
    /// `converted` is the convention table's output (``TranscriptionRules/transcription(prepared:convention:)``);
    /// `generic`, the name's generic-word keys (``TranscriptionRules/genericKeys(prepared:convention:)``).
    private func explainTranscription(text: String, label: String, prepared: String, convention: String?,
                                      converted: String?, key: String, latin: String?,
                                      generic: (split: GenericWords.Split, keys: [String], converted: String?)?)
        -> String
    {
        var line = "\(label)\"\(text)\""
        if let latin { line += " → Latin \(latin)" }
        line += " → \(prepared)"
        var current = prepared, converted = converted, tokens = ""
        if let generic, generic.keys.contains(key) {
            tokens = generic.split.tokens.isEmpty ? "" : " " + generic.split.tokens
            line += " → generic words: \(generic.split.fired.joined(separator: ", ")) → \(generic.split.base)\(tokens)"
            current = generic.split.base
            converted = generic.converted
        }
        let target = String(key.dropLast(tokens.count))
        // A reading gives two keys: through the convention's table, and the name's own spelling through the common
        // table alone (a name left as written, *Chicago* in a Polish text). The second has no table step.
        func hasTableStep(_ converted: String) -> Bool {
            (try? rules.keys(prepared: converted, convention: nil))?.contains(target) ?? true
                || !((try? rules.keys(prepared: current, convention: nil))?.contains(target) ?? false)
        }
        if let convention, let converted, converted != current, hasTableStep(converted) {
            // The table's literal rules when they give its output, else what changed.
            let fired = rules.firedRules(convention, on: current, giving: converted)
            let changes = fired.isEmpty ? Self.changes(from: current, to: converted) : fired
            line += " → transcription \(convention): \(changes.joined(separator: ", ")) → \(converted)\(tokens)"
            current = converted
        }
        if current != target {
            // The literal rules only when they give the key: the table's context rules and ICU steps (NFC, lower
            // case, Latin-ASCII) fire too, and a literal rule they overrule is no step of this name (*c→k* in
            // *pachinyan*, whose *ch* stays).
            let fired = rules.firedRules("common", on: current, giving: target)
            let changes = fired.isEmpty ? Self.changes(from: current, to: target) : fired
            line += " → common: \(changes.joined(separator: ", "))"
        }
        // A generic-word key the tables left as it was is already the line's last step.
        return line.hasSuffix(" → \(key)") ? line : line + " → \(key)"
    }

    /// The replaced segments between two short strings, by longest common subsequence (`ch→sh`, `ia→ya`; a space
    /// as `␣`).
    static func changes(from a: String, to b: String) -> [String] {
        let x = Array(a), y = Array(b)
        guard x.count <= 200, y.count <= 200 else { return ["\(a)→\(b)"] }
        var table = [[Int]](repeating: [Int](repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in stride(from: x.count - 1, through: 0, by: -1) {
            for j in stride(from: y.count - 1, through: 0, by: -1) {
                table[i][j] = x[i] == y[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var result: [String] = []
        var i = 0, j = 0
        var removed = "", added = ""
        // The letter last kept: a second one removed right after it is a doubled letter made single (`ss→s`).
        var kept: Character?
        func flush() {
            if !removed.isEmpty || !added.isEmpty {
                result.append("\(removed.isEmpty ? "∅" : TranscriptionRules.visible(removed))→"
                              + (added.isEmpty ? "∅" : TranscriptionRules.visible(added)))
            }
            removed = ""
            added = ""
        }
        while i < x.count || j < y.count {
            if i < x.count, j < y.count, x[i] == y[j] {
                flush()
                kept = x[i]
                i += 1
                j += 1
            } else if i < x.count, removed.isEmpty, added.isEmpty, let letter = kept, x[i] == letter, letter != " ",
                      table[i + 1][j] == table[i][j] {
                result.append("\(letter)\(letter)→\(letter)")
                kept = nil
                i += 1
            } else if j < y.count, i == x.count || table[i][j + 1] >= table[i + 1][j] {
                added.append(y[j])
                j += 1
            } else {
                removed.append(x[i])
                i += 1
            }
        }
        flush()
        return result.isEmpty ? ["no change"] : result
    }

    /// Maps `items` on all cores, keeping order.
    static func parallelMap<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
        Parallel.mapRanges(count: items.count, slices: items.count < 64 ? 1 : Parallel.workers * 4) { _, range in
            range.map { transform(items[$0]) }
        }
    }
}
