import OnomaGlossary
@testable import OnomaMatching
import OnomaText
import Synchronization
import Testing
import TestResources

/// The matcher's fast paths against the direct computations they replace: the fuzzy step's pair index against every
/// candidate of the trigram and skeleton lists verified by the DP, bit-parallel Levenshtein against the DP, literal
/// rules matched by first character against every rule at every position.
@Suite struct FastPathTests {
    static let en = LanguageTag(canonical: "en")

    // MARK: - Fuzzy step

    /// Syllables that transcription conventions rewrite (ch, sch, ou, j, w, zh …), so that terms get two keys and
    /// many share trigrams.
    static let syllables = ["cha", "chi", "sch", "ou", "kov", "vich", "ian", "yan", "jan", "ber", "tch", "zh", "ya",
                            "ev", "in", "ar", "el", "mir", "dmi", "tri", "pet", "ros", "wa", "sz", "ic", "ol", "ni",
                            "ka", "lo", "ta", "gh", "sh", "eu", "ai", "ov", "ko"]

    /// About 1,200 concepts with three to five names in en, fr, de, pl, tr and ru, built from shared syllables.
    static let fuzzyConcepts: [Concept] = {
        var generator = SplitMix(seed: 11)
        func word() -> String {
            let parts = (0..<Int.random(in: 2...4, using: &generator)).map { _ in
                syllables.randomElement(using: &generator)!
            }
            return parts.joined().prefix(1).uppercased() + parts.joined().dropFirst()
        }
        let languages = ["en", "fr", "de", "pl", "tr"]
        return (0..<1_200).map { i in
            let name = word() + " " + word()
            var terms = [Term(text: name, language: en)]
            for language in languages.shuffled(using: &generator).prefix(Int.random(in: 1...3, using: &generator)) {
                terms.append(Term(text: Bool.random(using: &generator) ? name : word() + " " + word(),
                                  language: LanguageTag(canonical: language), status: .admitted))
            }
            if i % 5 == 0 {
                terms.append(Term(text: "Петро Сидоренко\(i % 7)", language: LanguageTag(canonical: "ru")))
            }
            return Concept(id: "c\(i)", type: .person, terms: terms)
        }
    }()

    static let fuzzyMatcher: EntityMatcher = {
        do { return try EntityMatcher(concepts: fuzzyConcepts) } catch { fatalError("fuzzy test matcher: \(error)") }
    }()

    /// The fuzzy step as first written: every entry holding one of the rarest trigrams (or the skeleton) verified by
    /// the DP, entry by entry, with the step's rules on replaced words and contradicting generic words.
    static func referenceFuzzy(_ matcher: EntityMatcher, keys: [String])
        -> [(entry: Int32, similarity: Double, key: String)]
    {
        let entryCount = matcher.entries.count
        func pairs(_ entry: Int) -> [(key: String, skeleton: String)] {
            matcher.pairs(ofEntry: entry).map { pair in
                (String(decoding: matcher.byTranscription.key(Int(matcher.pairKeys[Int(pair)])), as: UTF8.self),
                 String(decoding: matcher.skeletonNames.key(Int(matcher.pairSkeletons[Int(pair)])), as: UTF8.self))
            }
        }
        let entryKeys = (0..<entryCount).map(pairs)
        var bySkeleton: [String: [Int]] = [:]
        var byTrigram: [UInt32: [Int]] = [:]
        var lengths: [(min: UInt16, max: UInt16)] = []
        for entry in 0..<entryCount {
            let keys = entryKeys[entry]
            let counts = keys.map { EntityMatcher.compact($0.key).count }
            lengths.append((UInt16(clamping: counts.min() ?? 0), UInt16(clamping: counts.max() ?? 0)))
            for skeleton in Set(keys.map(\.skeleton)) where !skeleton.isEmpty {
                bySkeleton[skeleton, default: []].append(entry)
            }
            var grams = Set<UInt32>()
            for key in keys { grams.formUnion(EntityMatcher.trigrams(of: EntityMatcher.compact(key.key))) }
            for gram in grams { byTrigram[gram, default: []].append(entry) }
        }
        var found: [(entry: Int32, similarity: Double, key: String)] = []
        // Letters only: a generic-word key's tokens (capitals) do not count.
        let minimum = EntityMatcher.fuzzyMinimumLength
        for key in keys where EntityMatcher.compact(key).filter({ $0 >= 0x61 }).count >= minimum {
            let skeleton = (try? matcher.rules.skeleton(key)) ?? ""
            var candidates = Set(bySkeleton[skeleton] ?? [])
            let grams = Set(EntityMatcher.trigrams(of: EntityMatcher.compact(key))).sorted {
                (byTrigram[$0]?.count ?? 0, $0) < (byTrigram[$1]?.count ?? 0, $1)
            }
            let needed = max(1, grams.count / 2)
            for gram in grams.prefix(grams.count - needed + 1) { candidates.formUnion(byTrigram[gram] ?? []) }
            let keyBytes = EntityMatcher.compact(key), skeletonBytes = EntityMatcher.compact(skeleton)
            let length = Double(keyBytes.count)
            let shortest = UInt16(clamping: Int((length * EntityMatcher.fuzzySimilarity).rounded(.up)))
            let longest = UInt16(clamping: Int((length / EntityMatcher.fuzzySimilarity).rounded(.down)))
            let queryTokens = EntityMatcher.tokens(of: keys.map(\.utf8))
            for candidate in candidates {
                if lengths[candidate].max < shortest || lengths[candidate].min > longest { continue }
                // Generic-word tokens that contradict the query's.
                let tokens = EntityMatcher.tokens(of: entryKeys[candidate].map(\.key.utf8))
                if !queryTokens.isEmpty, !tokens.isEmpty, !tokens.isSubset(of: queryTokens),
                   !queryTokens.isSubset(of: tokens) {
                    continue
                }
                var similarity = 0.0
                for pair in entryKeys[candidate] {
                    // A pair that replaces a word is not close.
                    if EntityMatcher.replacesWord(key.utf8, pair.key.utf8, skeleton: { word in
                        Array(((try? matcher.rules.skeleton(String(decoding: word, as: UTF8.self))) ?? "").utf8)
                    }) {
                        continue
                    }
                    let other = EntityMatcher.compact(pair.key), otherSkeleton = EntityMatcher.compact(pair.skeleton)
                    // The step's rule, with the DP's distances.
                    let value = keyBytes.withUnsafeBufferPointer { a in
                        other.withUnsafeBufferPointer { b in
                            skeletonBytes.withUnsafeBufferPointer { sa in
                                otherSkeleton.withUnsafeBufferPointer { sb in
                                    EntityMatcher.pairSimilarity(
                                        a, b, skeletons: (sa, sb),
                                        distance: { _ in Similarity.levenshtein(keyBytes, other) },
                                        skeletonDistance: { Similarity.levenshtein(skeletonBytes, otherSkeleton) },
                                        costs: matcher.rules.editCosts)
                                }
                            }
                        }
                    }
                    similarity = max(similarity, value)
                }
                if similarity >= EntityMatcher.fuzzySimilarity { found.append((Int32(candidate), similarity, key)) }
            }
        }
        return found.sorted { $0.similarity != $1.similarity ? $0.similarity > $1.similarity : $0.entry < $1.entry }
    }

    @Test func fuzzyStepFindsWhatEveryCandidateVerifiedFinds() throws {
        let matcher = Self.fuzzyMatcher
        var generator = SplitMix(seed: 5)
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        var queries: [(text: String, language: String)] = []
        for _ in 0..<150 {
            let concept = Self.fuzzyConcepts.randomElement(using: &generator)!
            let term = concept.terms.filter { $0.language.language != "ru" }.randomElement(using: &generator)!
            var characters = Array(term.text)
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                characters[Int.random(in: 0..<characters.count, using: &generator)] =
                    letters.randomElement(using: &generator)!
            }
            queries.append((String(characters), ["en", "fr", "de", "pl"].randomElement(using: &generator)!))
        }
        var compared = 0, nonEmpty = 0
        for query in queries {
            let name = try NameNormalizer().normalize(query.text, language: query.language)
            let convention = name.latin == name.normalized ? query.language : "en"
            let keys = try matcher.rules.keys(prepared: TranscriptionRules.prepare(name.latin), convention: convention)
            let fast = matcher.fuzzy(keys: keys, scope: EntityMatcher.unknownLanguageScope)
            let reference = Self.referenceFuzzy(matcher, keys: keys)
            #expect(fast.map(\.entry) == reference.map(\.entry), "\(query.text) \(keys)")
            #expect(fast.map(\.similarity) == reference.map(\.similarity), "\(query.text) \(keys)")
            #expect(fast.map(\.key) == reference.map(\.key), "\(query.text) \(keys)")
            compared += 1
            if !reference.isEmpty { nonEmpty += 1 }
        }
        // The queries exercise the step: most find something.
        #expect(compared == queries.count && nonEmpty > queries.count / 2, "\(nonEmpty) of \(compared) found something")
    }

    /// fr "Iaquej Iaquej" has two keys, `iakish iakish` (French table, then the common one) and `iakuij iakuij`
    /// (the common table alone). Among the keys of the Turkish query "Iaqouej Laquej", `iakuish lakuish` is close to
    /// the first, while its rarest trigrams (`aku` among them) are only in the second. The entry is a candidate through
    /// one key and similar through the other: the pair index must list the similar key under its sibling's trigrams.
    @Test func entryCandidateThroughOneKeyAndSimilarThroughTheOther() throws {
        let fr = LanguageTag(canonical: "fr")
        let matcher = try EntityMatcher(concepts: [
            Concept(id: "iaquej", type: .person, terms: [Term(text: "Iaquej Iaquej", language: fr)]),
            Concept(id: "tbilisi", type: .place, terms: [Term(text: "Tbilisi", language: Self.en)]),
        ])
        let name = try NameNormalizer().normalize("Iaqouej Laquej", language: "tr")
        let keys = try matcher.rules.keys(prepared: TranscriptionRules.prepare(name.latin), convention: "tr")
        #expect(keys.contains("iakuish lakuish"), "\(keys)")
        let fast = matcher.fuzzy(keys: keys, scope: EntityMatcher.unknownLanguageScope)
        let reference = Self.referenceFuzzy(matcher, keys: keys)
        #expect(!reference.isEmpty)
        #expect(fast.map(\.entry) == reference.map(\.entry) && fast.map(\.similarity) == reference.map(\.similarity))
        let result = matcher.lookup("Iaqouej Laquej", language: LanguageTag(canonical: "tr"), target: Self.en)
        #expect(result.best?.conceptID == "iaquej" && result.best?.method == .fuzzy, "\(result.matches)")
    }

    @Test func emptyMatcherFindsNothingAtAnyStep() throws {
        let matcher = try EntityMatcher(concepts: [])
        for query in ["Pachinian", "Пашинян", "Qwzxvbnmkjhg"] {
            let result = matcher.lookup(query, language: LanguageTag(canonical: "fr"), target: Self.en)
            #expect(result.matches.isEmpty && result.error == nil, "\(query): \(result.matches)")
        }
        #expect(matcher.prepareFuzzyIndex() == 0)
    }

    @Test func fuzzyTestStoreHasEntriesWithSeveralKeys() {
        let matcher = Self.fuzzyMatcher
        let several = (0..<matcher.entries.count).filter {
            matcher.entryPairStarts[$0 + 1] - matcher.entryPairStarts[$0] > 1
        }
        #expect(several.count > 100, "\(several.count) entries with two transcription keys")
    }

    @Test func distanceBoundNeverExceedsTheDistance() {
        var generator = SplitMix(seed: 3)
        let matcher = Self.fuzzyMatcher
        matcher.prepareFuzzyIndex()
        let index = matcher.fuzzyIndexValue()
        let alphabet = Array("aaaeiioonnrsstlkvhcz123".utf8) + [0xC3, 0xA9]
        for _ in 0..<20_000 {
            let a = (0..<Int.random(in: 0...20, using: &generator)).map { _ in
                alphabet.randomElement(using: &generator)!
            }
            let b = (0..<Int.random(in: 0...20, using: &generator)).map { _ in
                alphabet.randomElement(using: &generator)!
            }
            let bound = EntityMatcher.FuzzyIndex.distanceBound(a.withUnsafeBufferPointer(index.signature),
                                                               b.withUnsafeBufferPointer(index.signature))
            #expect(bound <= Similarity.levenshtein(a, b), "\(a) \(b)")
        }
    }

    // MARK: - Levenshtein

    @Test func bitParallelDistanceEqualsTheDP() {
        var generator = SplitMix(seed: 1)
        for _ in 0..<5_000 {
            let alphabet = Array("abcdefgh".utf8.prefix(Int.random(in: 1...8, using: &generator)))
            let a = (0..<Int.random(in: 0...70, using: &generator)).map { _ in
                alphabet.randomElement(using: &generator)!
            }
            let b = (0..<Int.random(in: 0...70, using: &generator)).map { _ in
                alphabet.randomElement(using: &generator)!
            }
            let pattern = BitParallelPattern(a)
            let distance = b.withUnsafeBufferPointer { pattern.distance(to: $0) }
            #expect(distance == Similarity.levenshtein(a, b), "\(a.count) \(b.count)")
            for minimum in [0, 0.5, EntityMatcher.fuzzySimilarity, 0.9] {
                let similarity = b.withUnsafeBufferPointer { pattern.similarity(to: $0, atLeast: minimum) }
                #expect(similarity == Similarity.levenshteinSimilarity(a, b, atLeast: minimum))
            }
        }
    }

    // MARK: - Explanations

    /// `firedRules` as first written: every rule tried at every position.
    static func referenceFiredRules(_ rules: TranscriptionRules, _ table: String, on text: String) -> [String] {
        let literal = rules.literalRules(of: table).map { (Array($0.from), $0.to) }
        let characters = Array(text)
        var fired: [String] = []
        var i = 0
        while i < characters.count {
            if let rule = literal.first(where: { i + $0.0.count <= characters.count
                && Array(characters[i..<(i + $0.0.count)]) == $0.0 }) {
                let name = "\(TranscriptionRules.visible(String(rule.0)))→"
                    + (rule.1.isEmpty ? "∅" : TranscriptionRules.visible(rule.1))
                if !fired.contains(name) { fired.append(name) }
                i += rule.0.count
            } else {
                i += 1
            }
        }
        return fired
    }

    @Test func firedRulesAsEveryRuleAtEveryPosition() {
        let rules = TranscriptionRules.shared
        var generator = SplitMix(seed: 9)
        let pieces = Self.syllables + ["a", "e", "y", "kh", "ou", "oe", "dj", "tsch", "cz", "rz", "ş", "ç", " ", "é"]
        for table in Array(rules.languages) + ["common", "nonexistent"] {
            for _ in 0..<200 {
                let text = (0..<Int.random(in: 0...8, using: &generator)).map { _ in
                    pieces.randomElement(using: &generator)!
                }.joined()
                #expect(rules.firedRules(table, on: text) == Self.referenceFiredRules(rules, table, on: text),
                        "\(table): \(text)")
            }
        }
        #expect(rules.firedRules("fr", on: "khrouchtchev") == ["ch→sh", "tch→ch"])
    }

    /// Given the table's output, the rules of a rewriting into it: the common table's literal `c→k` does not fire in
    /// *khroushchev*, whose *ch* a context rule keeps, and no longer voids the list (the README's example).
    @Test func firedRulesGivingTheOutput() {
        let rules = TranscriptionRules.shared
        #expect(rules.firedRules("common", on: "khroushchev").contains("c→k"))
        #expect(rules.firedRules("common", on: "khroushchev", giving: "hrushchiv") == ["kh→h", "ou→u", "e→i"])
        #expect(rules.firedRules("fr", on: "khrouchtchev", giving: "khroushchev") == ["ch→sh", "tch→ch"])
        #expect(rules.firedRules("common", on: "khroushchev", giving: "xyz").isEmpty)
    }

    /// A space a table or a step drops or adds is shown as `␣` (Russian *Якутск*, romanized *Yakut·sk*, whose middle
    /// dot becomes a space, then dropped by the English table): `" →∅"` read as a rule of nothing.
    @Test func spacesAreShown() throws {
        #expect(EntityMatcher.changes(from: "bayrak t ar", to: "bayrak tar") == ["␣→∅"])
        #expect(EntityMatcher.changes(from: "khrouchtchev", to: "khrushchev") == ["o→∅", "c→s", "t→∅"])
        // A doubled letter made single is one change, not merged with the next (*Kassym*, *kasim*).
        #expect(EntityMatcher.changes(from: "kassym", to: "kasim") == ["ss→s", "y→i"])
        let en = LanguageTag(canonical: "en")
        let matcher = try EntityMatcher(concepts: [
            Concept(id: "yakutsk", type: .place, terms: [MatcherFixtures.term("Yakutsk", "en")]),
        ])
        let best = try #require(matcher.lookup("Якутск", language: LanguageTag(canonical: "ru"), target: en).best)
        #expect(best.explanation.contains("␣→∅") && !best.explanation.contains(" →∅"), "\(best.explanation)")
    }
}

/// The indexes built on first use: when they are built, and how they are laid out.
@Suite struct LazyIndexTests {
    static let en = LanguageTag(canonical: "en")

    @Test func exactAndKeyQueriesLeaveTheTranscriptionIndexUnbuilt() throws {
        // A matcher of its own: the shared fixtures' indexes may already be built by other tests.
        let matcher = try EntityMatcher(concepts: MatcherFixtures.concepts)
        for (query, language) in [("Vladimir Putin", "en"), ("Երևան", "hy"), ("PASHINYAN", "en"), ("Bakı", "az")] {
            let result = matcher.lookup(query, language: LanguageTag(canonical: language), target: Self.en)
            let method = try #require(result.best?.method, "\(query): no match")
            #expect(method == .exact || method == .key, "\(query): \(method)")
        }
        #expect(matcher.transcriptionReference.load() == nil)

        let result = matcher.lookup("Pachinian", language: LanguageTag(canonical: "fr"), target: Self.en)
        #expect(result.best?.conceptID == "nikol-pashinyan" && result.best?.method == .transcription,
                "\(result.matches)")
        #expect(matcher.transcriptionReference.load() != nil)
        #expect(matcher.prepareTranscriptionIndex() == 0)
    }

    @Test func aPreparedMatcherAnswersAsALazyOne() throws {
        let lazy = try EntityMatcher(concepts: MatcherFixtures.concepts)
        let prepared = try EntityMatcher(concepts: MatcherFixtures.concepts)
        #expect(prepared.prepareTranscriptionIndex() >= 0 && prepared.transcriptionReference.load() != nil)
        var matched = 0
        for (query, language) in [("Pachinian", "fr"), ("Paschinjan", "de"), ("Tchaïkovski", "fr"),
                                  ("Tachkent", "fr"), ("Taschkent", "de"), ("Djokovitch", "fr"), ("Teheran", "de")] {
            let tag = LanguageTag(canonical: language)
            let a = lazy.lookup(query, language: tag, target: Self.en).matches
            let b = prepared.lookup(query, language: tag, target: Self.en).matches
            #expect(a.map(\.conceptID) == b.map(\.conceptID) && a.map(\.score) == b.map(\.score), "\(query)")
            if !a.isEmpty { matched += 1 }
        }
        #expect(matched >= 5, "\(matched) of 7 found")
    }

    @Test func trigramListsAreSortedByKeyLength() {
        // What lets a query read only the part of a list within its length window.
        let index = FastPathTests.fuzzyMatcher.fuzzyIndexValue()
        var unsorted = 0
        for gram in 0..<(index.gramStarts.count - 1) {
            let lengths = index.gramLengths[Int(index.gramStarts[gram])..<Int(index.gramStarts[gram + 1])]
            if !zip(lengths, lengths.dropFirst()).allSatisfy({ $0 <= $1 }) { unsorted += 1 }
        }
        #expect(index.gramStarts.count > 100)
        #expect(unsorted == 0, "\(unsorted) trigram lists out of length order")
    }
}

/// ``TranscriptionRules/prepare(_:)``'s table of kept characters against Swift's properties.
@Suite struct PrepareTableTests {
    /// What `prepare` did before the table, for one name, with its rule for letters of other scripts (the empty
    /// text) stated apart.
    static func reference(_ latin: String) -> String {
        if NameNormalizer.hasNonLatinLetter(latin) { return "" }
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in ((try? ICU.lowercase(latin)) ?? latin.lowercased()).unicodeScalars {
            let properties = scalar.properties
            let keep = properties.isAlphabetic || properties.numericType != nil
                || properties.generalCategory == .nonspacingMark || properties.generalCategory == .spacingMark
            if !keep {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace {
                out.append(" ")
                pendingSpace = false
            }
            out.append(scalar)
        }
        return String(out)
    }

    @Test func everyCharacterBelowTheTableEndIsKeptAsBefore() {
        var differences: [String] = []
        for value in 0x80..<(TranscriptionRules.keptBelow + 0x100) {
            guard let scalar = Unicode.Scalar(value) else { continue }
            // Between two non-ASCII letters, so that the non-ASCII path runs.
            let text = "é" + String(scalar) + "ø"
            if TranscriptionRules.prepare(text) != Self.reference(text) { differences.append(String(value, radix: 16)) }
        }
        #expect(differences.isEmpty, "\(differences.prefix(20))")
    }

    /// Names with a letter no Latin rendering has read give no input for the tables; the Latin names beside them do.
    @Test func aLetterOfAnotherScriptEmptiesTheInput() {
        #expect(TranscriptionRules.prepare("Ḥalab (حلب)").isEmpty)
        #expect(TranscriptionRules.prepare("Ḥalab (Ḥalab)") == "ḥalab ḥalab")
        #expect(TranscriptionRules.prepare("Ελληνικά 42").isEmpty)
        #expect(TranscriptionRules.prepare("Ellēniká 42") == "ellēniká 42")
    }

    @Test(arguments: ["Lètwǎnyìa", "Kĩmalesia", "maory tili baṛō", "Šalamounovy ostrovy", "Ελληνικά 42",
                      "ཡུ་ཀེ་རེ་ནི་ཡཱན་ཁ", "卢萨卡 slovensk", "Ꭰ Tsalagi", "मराठी-भाषा", "Ḥalab (حلب)"])
    func realNamesArePreparedAsBefore(_ name: String) {
        #expect(TranscriptionRules.prepare(name) == Self.reference(name), "\(name)")
    }
}
