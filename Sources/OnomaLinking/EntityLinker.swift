import Dispatch
import Foundation
public import OnomaGlossary
public import OnomaMatching
public import OnomaStore
public import OnomaText
import Synchronization

/// Finds the entity mentions of running text and links each to a concept of the store.
///
/// Mentions the store spells out are found by walking a ``TermAutomaton`` over the text's ICU word keys (longest
/// match, case rules by how each term is written). Capitalized spans it does not know go through the matching
/// cascade of `onoma lookup` with a stricter threshold, so an unseen transcription still links. A
/// ``LinkSession`` keeps what a document has said so far: a surname alone after the full name, and an ambiguous
/// name, link to the concept the document already spoke of.
///
/// ```swift
/// let linker = try EntityLinker(store: store)
/// let mentions = try linker.link("Erevan accuse Bakou.", options: .init(language: LanguageTag(canonical: "fr")))
/// mentions.map(\.conceptID)   // ["yerevan", "baku"]
/// ```
///
/// `Sendable` notes: the automaton is immutable; the cascade's matcher is built once, on first use, under a
/// mutex; per-document state lives in ``LinkSession``, one per document and thread.
public final class EntityLinker: Sendable {
    /// What a linking run looks for and how it reports.
    public struct Options: Sendable {
        /// The language of the text (elision, function words, transcription conventions).
        public var language: LanguageTag?
        /// The language of the canonical forms.
        public var target: LanguageTag
        /// Concept types linked; nil for ``EntityLinker/namedEntityTypes``.
        public var types: Set<ConceptType>?
        /// Whether capitalized spans the store does not spell out go through the matching cascade.
        public var cascade: Bool
        /// The lowest cascade score linked in running text (stricter than lookup's, because every capitalized word
        /// of a text is a query).
        public var cascadeThreshold: Double

        /// Options with the defaults: target `en`, named-entity types, cascade on at 0.9.
        public init(language: LanguageTag? = nil, target: LanguageTag = LanguageTag(canonical: "en"),
                    types: Set<ConceptType>? = nil, cascade: Bool = true, cascadeThreshold: Double = 0.9) {
            self.language = language
            self.target = target
            self.types = types
            self.cascade = cascade
            self.cascadeThreshold = cascadeThreshold
        }
    }

    /// The types linked by default: names of people, places, organizations, events and products (not common
    /// terms, languages or scripts).
    public static let namedEntityTypes: Set<ConceptType> = [.person, .place, .organization, .event, .product]

    /// The trie over the store's terms.
    public let automaton: TermAutomaton
    let normalizer: NameNormalizer
    let rules: LinkingRules
    private let matcherBox = Mutex<EntityMatcher?>(nil)
    /// The store and snapshot directory the cascade's matcher is loaded from, when it is not built from the
    /// automaton's terms.
    private let snapshot: (store: GlossaryStore, snapshots: MatcherSnapshots)?

    /// A linker over every term of `store`.
    ///
    /// - Parameter snapshots: where the cascade's matcher may be loaded from
    ///   (``OnomaMatching/EntityMatcher/cached(store:snapshots:normalizer:rules:)``): a command that starts a process
    ///   per run passes ``OnomaMatching/MatcherSnapshots/default`` and loads it in a fraction of the build's time;
    ///   nil builds it from the automaton's terms, as a long-running process may as well.
    public convenience init(store: GlossaryStore, normalizer: NameNormalizer = NameNormalizer(),
                            snapshots: MatcherSnapshots? = nil) throws(StoreError) {
        self.init(automaton: try TermAutomaton(store: store), normalizer: normalizer,
                  snapshot: snapshots.map { (store, $0) })
    }

    /// A linker over a built automaton.
    public convenience init(automaton: TermAutomaton, normalizer: NameNormalizer = NameNormalizer(),
                            rules: LinkingRules = .shared) {
        self.init(automaton: automaton, normalizer: normalizer, rules: rules, snapshot: nil)
    }

    private init(automaton: TermAutomaton, normalizer: NameNormalizer, rules: LinkingRules = .shared,
                 snapshot: (store: GlossaryStore, snapshots: MatcherSnapshots)?) {
        self.automaton = automaton
        self.normalizer = normalizer
        self.rules = rules
        self.snapshot = snapshot
    }

    /// The cascade's matcher, loaded from its snapshot or built from the automaton's terms on first use.
    ///
    /// A loaded matcher reads the store as it is when it loads, which may be newer than the automaton: the linker
    /// takes a cascade match only for a concept the automaton knows (by id), so the cascade links neither a concept
    /// added in between nor one removed.
    var matcher: EntityMatcher? {
        matcherBox.withLock { box in
            if let box { return box }
            if let snapshot {
                box = try? EntityMatcher.cached(store: snapshot.store, snapshots: snapshot.snapshots,
                                                normalizer: normalizer)
            }
            if box == nil {
                box = try? EntityMatcher(concepts: automaton.concepts, indexedTerms: automaton.indexedTerms,
                                         normalizer: normalizer)
            }
            return box
        }
    }

    /// Starts building the cascade's matcher on another thread, so the build overlaps the first chunks of text
    /// instead of stalling the first capitalized name the store lacks (which nearly every real text has).
    public func prepareCascade() {
        DispatchQueue.global(qos: .userInitiated).async { [self] in _ = matcher }
    }

    /// A session for one document.
    public func session(options: Options = Options()) -> LinkSession {
        LinkSession(linker: self, options: options)
    }

    /// Links one whole document held in memory.
    public func link(_ text: String, options: Options = Options()) throws(LinkError) -> [Mention] {
        let session = session(options: options)
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBufferPointer { buffer throws(LinkError) in try session.link(buffer) }.mentions
    }

    /// The concept with `id`.
    public func concept(id: String) -> Concept? { automaton.conceptIndex[id].map { automaton.concept($0) } }

    /// The cascade's best candidates for a span the linker left unlinked, fuzzy step included: what a translator
    /// reviews when the glossary lacks a name.
    ///
    /// ```swift
    /// linker.candidates(for: "Aghajanyane", options: options).first?.conceptID   // "eduard-aghajanyan"
    /// ```
    public func candidates(for surface: String, options: Options = Options(), limit: Int = 3)
        -> [UnlinkedSpan.Candidate]
    {
        // As in running text, the cascade says nothing useful of acronyms, all-capital headings and keys of three
        // letters or fewer (MN, DC would come back as Amman, Adak).
        guard let matcher, surface.unicodeScalars.contains(where: { $0.properties.isLowercase }),
              let key = try? normalizer.comparisonKey(normalizer.normalizedForm(surface),
                                                      language: LanguageHint(options.language?.description)),
              key.unicodeScalars.lazy.filter({ $0 != " " }).count >= 4 else { return [] }
        let result = matcher.lookup(surface, language: options.language, target: options.target,
                                    types: options.types ?? Self.namedEntityTypes, limit: limit)
        return result.matches.map { match in
            UnlinkedSpan.Candidate(conceptID: match.conceptID, canonical: match.canonical?.text, score: match.score)
        }
    }
}

/// The result of linking one chunk of a document.
public struct LinkedChunk: Sendable {
    /// The byte offset in the document where the chunk begins.
    public var byteOffset: Int
    /// Mentions, in text order.
    public var mentions: [Mention]
    /// Capitalized spans that matched no concept, in text order.
    public var unlinked: [UnlinkedSpan]
    /// Byte offsets of invalid UTF-8 bytes (replaced by U+FFFD), the first few.
    public var invalidBytes: [Int]
    /// How many invalid bytes the chunk held.
    public var invalidCount: Int
}

/// The linking of one document, chunk after chunk, with what the document has said so far.
///
/// Feed it consecutive chunks of the document's bytes, each ending at a whitespace boundary (``TextChunker`` cuts
/// them so); offsets in the results count from the start of the document.
///
/// Not `Sendable`: one session per document, used from one thread.
public final class LinkSession {
    let linker: EntityLinker
    let options: Options
    public typealias Options = EntityLinker.Options
    private var tokenizer: Tokenizer
    private let functionWords: Set<String>
    private let connectors: Set<String>
    private let types: Set<ConceptType>
    private var byteBase = 0
    private var scalarBase = 0
    /// Surface key → the concept it was linked to first.
    private var resolved: [String: Int32] = [:]
    /// Concepts the document has named, with how often.
    private var named: [Int32: Int] = [:]
    /// Surname key → the person concept whose full name the document used.
    private var surnames: [String: Int32] = [:]
    /// Per concept type of the automaton (``TermAutomaton/types``), whether it is linked.
    private let wanted: [Bool]
    /// The text's base language (`fr` of `fr-CA`).
    private let textLanguage: String?
    /// The text's language as the normalizer reads it.
    private let hint: LanguageHint
    private var canonicalCache: [Int32: (name: String?, adjective: String?)] = [:]
    private var normalizedCache: [String: String] = [:]
    /// Cascade results per span key for the current document: the concept and the matcher's answer, whose first
    /// match is the one linked (nil: no match). The answer array stands in for that match so that the table's
    /// values stay small (a `Match` moved at every growth of the table cost more than the look-up).
    private var cascadeMemo: [String: (Int32, [Match])?] = [:]
    /// The matcher's answers per surface (``lookup(_:)``), kept across documents: they depend on the spelling only,
    /// not on what a document named.
    private var lookups: [UTF8Key: [Match]] = [:]

    init(linker: EntityLinker, options: Options) {
        self.linker = linker
        self.options = options
        let hint = LanguageHint(options.language?.description)
        self.hint = hint
        self.tokenizer = Tokenizer(automaton: linker.automaton, normalizer: linker.normalizer, language: hint,
                                   rules: linker.rules)
        self.functionWords = linker.rules.words(linker.rules.functionWords, language: hint.language)
        self.connectors = linker.rules.words(linker.rules.connectors, language: hint.language)
        self.types = options.types ?? EntityLinker.namedEntityTypes
        self.textLanguage = options.language?.language
        let types = self.types
        self.wanted = linker.automaton.types.map { types.contains($0) }
    }

    /// Ends the current document: the next chunk starts a new one, at offset 0, with nothing named yet.
    ///
    /// What depends only on spelling (each word's keys, normalized forms, canonical forms) is kept, so a stream of
    /// documents linked through one session pays for a spelling once, not once per document.
    public func startDocument() {
        byteBase = 0
        scalarBase = 0
        resolved.removeAll(keepingCapacity: true)
        named.removeAll(keepingCapacity: true)
        surnames.removeAll(keepingCapacity: true)
        // The cascade's answer to an ambiguous name depends on what the document named: not kept.
        cascadeMemo.removeAll(keepingCapacity: true)
    }

    /// Concepts the document has named so far, with their mention counts.
    public var namedConcepts: [String: Int] {
        Dictionary(uniqueKeysWithValues: named.map { (linker.automaton.concept($0.key).id, $0.value) })
    }

    /// Links the next chunk of the document.
    ///
    /// - Throws: ``LinkError`` with code `binaryInput` when the chunk holds a NUL byte.
    public func link(_ bytes: UnsafeBufferPointer<UInt8>) throws(LinkError) -> LinkedChunk {
        let chunkStart = byteBase
        let text = DecodedText(bytes, byteBase: byteBase, scalarBase: scalarBase)
        if let nul = text.firstNUL {
            throw LinkError(.binaryInput, "binary input (NUL byte); onoma link reads UTF-8 text", byteOffset: nul)
        }
        byteBase += bytes.count
        scalarBase += text.scalarCount
        let tokens: [Token]
        do { tokens = try tokenizer.tokens(of: text) } catch {
            throw LinkError(.unreadableInput, "ICU could not segment the text: \(error)", byteOffset: chunkStart)
        }
        var mentions: [Mention] = []
        var unlinked: [UnlinkedSpan] = []
        var covered = [Bool](repeating: false, count: tokens.count)

        // 1. Terms the store spells out: longest match at each word.
        var i = 0
        while i < tokens.count {
            if tokens[i].isContinuation || (tokens[i].symbol < 0 && tokens[i].stem < 0) {
                i += 1
                continue
            }
            if let (last, entries) = longestMatch(tokens, from: i),
               let mention = documentSurname(entries, tokens: tokens, i, last, text: text)
                ?? resolve(entries, tokens: tokens, i, last, text: text) {
                mentions.append(mention)
                for k in i...last { covered[k] = true }
                i = last + 1
            } else {
                i += 1
            }
        }

        // 2. Capitalized spans left: a surname the document introduced, else the cascade.
        for run in nameRuns(tokens, covered: covered) {
            let linked = linkRun(tokens, run, text: text)
            if linked.isEmpty {
                if isReviewable(tokens, run) {
                    unlinked.append(UnlinkedSpan(
                        start: text.scalarOffsets[tokens[run.lowerBound].range.lowerBound],
                        end: text.scalarOffsets[tokens[run.upperBound - 1].range.upperBound],
                        byteStart: text.byteOffsets[tokens[run.lowerBound].range.lowerBound],
                        byteEnd: text.byteOffsets[tokens[run.upperBound - 1].range.upperBound],
                        surface: text.string(tokens[run.lowerBound].range.lowerBound
                                             ..< tokens[run.upperBound - 1].range.upperBound),
                        candidates: []))
                }
            }
            mentions.append(contentsOf: linked)
        }
        mentions.sort { $0.start < $1.start }
        return LinkedChunk(byteOffset: chunkStart, mentions: mentions, unlinked: unlinked,
                           invalidBytes: text.invalidBytes,
                           invalidCount: text.invalidCount)
    }

    // MARK: - Terms of the store

    /// The longest term path from token `start` whose terms fit the surface, as (last token, entries).
    private func longestMatch(_ tokens: [Token], from start: Int) -> (Int, [Int32])? {
        let automaton = linker.automaton
        var node: Int32 = 0
        var best: (Int, [Int32])?
        var j = start
        while j < tokens.count {
            if j > start && tokens[j].gap != .join {
                // A comma goes on only along a term written with one (*Washington, DC*).
                guard tokens[j].gap == .comma, let across = automaton.child(node, automaton.commaSymbol) else { break }
                node = across
            }
            // An inflected last word (Russlands, Putins) ends a term by its stem.
            if tokens[j].stem >= 0, let stemmed = automaton.child(node, tokens[j].stem),
               case let ends = automaton.terminals(stemmed), !ends.isEmpty {
                let fitting = ends.filter { fits(automaton.entries[Int($0)], tokens, start, j) }
                if !fitting.isEmpty { best = (j, fitting) }
            }
            guard tokens[j].symbol >= 0, let next = automaton.child(node, tokens[j].symbol) else { break }
            node = next
            if case let ends = automaton.terminals(node), !ends.isEmpty {
                let fitting = ends.filter { fits(automaton.entries[Int($0)], tokens, start, j) }
                    .filter { automaton.entries[Int($0)].requirement != .innerCapital
                        || !endsInName(tokens, start, j) }
                if !fitting.isEmpty { best = (j, fitting) }
            }
            j += 1
        }
        return best
    }

    /// Whether the capitalized tail of a lower-case-led span (*crise du* **Karabakh**, *opération russe en*
    /// **Ukraine**) is itself a name of the store: then the span describes that name's entity, and the name is the
    /// mention. A tail that names nothing (*ministère russe de la* **Défense**) leaves the span whole.
    private func endsInName(_ tokens: [Token], _ first: Int, _ last: Int) -> Bool {
        guard let tail = (first...last).first(where: { tokens[$0].isNameLike }), tail > first else { return false }
        let automaton = linker.automaton
        var node: Int32 = 0
        for k in tail...last {
            if k > tail && tokens[k].gap == .comma {
                guard let across = automaton.child(node, automaton.commaSymbol) else { return false }
                node = across
            }
            guard tokens[k].symbol >= 0, let next = automaton.child(node, tokens[k].symbol) else { return false }
            node = next
        }
        return automaton.terminals(node).contains { fits(automaton.entries[Int($0)], tokens, tail, last) }
    }

    /// Whether a term may apply to the surface of tokens `first...last`: its concept's type is wanted and the
    /// surface is written as the term requires.
    private func fits(_ entry: TermAutomaton.Entry, _ tokens: [Token], _ first: Int, _ last: Int) -> Bool {
        guard wanted[Int(linker.automaton.typeIndexes[Int(entry.concept)])] else { return false }
        let lead = tokens[first...last].first { $0.shape != .number } ?? tokens[first]
        switch entry.requirement {
        case .lowercase:
            // A name written all in lower case (armée russe, opération militaire spéciale) describes the entity
            // rather than names it; its adjective inside still links. Adjectives and common terms are lower case.
            if entry.term.kind != .adjective && EntityLinker.namedEntityTypes.contains(
                linker.automaton.concept(entry.concept).type) { return false }
        case .uncased, .innerCapital:
            break
        case .capitalized:
            guard lead.shape == .capitalized || lead.shape == .upper || lead.shape == .uncased else { return false }
        case .acronym:
            let letters = lead.range.count
            guard lead.shape == .upper || lead.shape == .uncased || (lead.shape == .capitalized && letters >= 4)
            else { return false }
            // In a heading written in capitals every word looks like an acronym; one of two letters (LA, DE, IN,
            // OR) is then more likely a word of the language than an abbreviation.
            if first == last, letters <= 2, lead.shape == .upper, inCapitals(tokens, first) { return false }
        }
        // A capitalized function word at the start of a sentence (Selon, Les, Certains) is not a name.
        if first == last, lead.shape != .upper, functionWords.contains(lead.key) { return false }
        return true
    }

    /// Whether token `i` stands in a run of three or more words in capitals written one after another (*LE CHOIX
    /// DE LA RÉDACTION*): a heading, not a list of acronyms (*US-OTAN*, *(D-MN)*).
    private func inCapitals(_ tokens: [Token], _ i: Int) -> Bool {
        func isCapitals(_ k: Int) -> Bool {
            tokens[k].shape == .upper || (tokens[k].shape == .capitalized && tokens[k].range.count == 1)
        }
        var run = 1
        var k = i
        while k > 0 && tokens[k].gap == .join && isCapitals(k - 1) && run < 3 {
            run += 1
            k -= 1
        }
        k = i + 1
        while k < tokens.count && tokens[k].gap == .join && isCapitals(k) && run < 3 {
            run += 1
            k += 1
        }
        return run >= 3
    }

    /// Chooses the concept among the entries of one match and makes the mention.
    private func resolve(_ entries: [Int32], tokens: [Token], _ first: Int, _ last: Int, text: DecodedText)
        -> Mention?
    {
        let automaton = linker.automaton
        let surfaceRange = tokens[first].range.lowerBound..<tokens[last].range.upperBound
        let surface = text.string(surfaceRange)
        let surfaceKey = first == last ? tokens[first].key : tokens[first...last].map(\.key).joined(separator: " ")
        let normalized = normalizedForm(surface)
        let lowerSurface = tokens[first].shape == .lower

        // Per concept, its best entry.
        var best: [Int32: (rank: Double, entry: Int32)] = [:]
        let resolvedConcept = resolved[surfaceKey]
        for index in entries {
            let entry = automaton.entries[Int(index)]
            var rank = entry.normalized == normalized ? 1.0 : 0.97
            if resolvedConcept == entry.concept { rank += 1 }                // the same surface, the same way
            if named[entry.concept] != nil { rank += 0.1 }                   // coherence with the document
            if lowerSurface && entry.term.kind == .adjective { rank += 0.05 }
            if !automaton.generated[Int(entry.concept)] { rank += 0.01 }     // curated before generated
            if entry.baseLanguage == textLanguage { rank += 0.005 }
            if entry.term.status == .preferred { rank += 0.002 }
            if entry.term.status == .deprecated { rank -= 0.01 }
            if entry.term.kind == .full { rank += 0.001 }
            if let current = best[entry.concept], current.rank >= rank { continue }
            best[entry.concept] = (rank, index)
        }
        // A generated gazetteer concept with the same type and English name as a curated one is the same entity.
        var candidates = Array(best)
        if candidates.count > 1 {
            let curated = Set(candidates.filter { !automaton.generated[Int($0.key)] }
                .compactMap { automaton.identities[Int($0.key)] })
            candidates.removeAll { index, _ in
                guard automaton.generated[Int(index)], let identity = automaton.identities[Int(index)] else {
                    return false
                }
                return curated.contains(identity)
            }
        }
        let ranked = candidates.sorted {
            $0.value.rank != $1.value.rank ? $0.value.rank > $1.value.rank : $0.key < $1.key
        }
        guard let (conceptIndex, chosen) = ranked.first else { return nil }
        let entry = automaton.entries[Int(chosen.entry)]
        let method: Mention.Method = entry.normalized == normalized ? .exact : .key
        remember(conceptIndex, surfaceKey: surfaceKey, tokens: tokens, first, last, kind: entry.term.kind)
        return makeMention(conceptIndex, term: entry.term, method: method,
                           score: method == .exact ? 1.0 : 0.97, range: surfaceRange, surface: surface, text: text,
                           alternatives: ranked.dropFirst().map { automaton.concept($0.key).id })
    }

    /// A single word that the document introduced as a person's surname links to that person, even when the store
    /// knows the word as another concept's short form (*Aliev* after *Ilham Aliev*, not Heydar Aliev).
    private func documentSurname(_ entries: [Int32], tokens: [Token], _ first: Int, _ last: Int,
                                 text: DecodedText) -> Mention? {
        guard (first...last).allSatisfy({ tokens[$0].range == tokens[first].range }),
              let person = surnames[tokens[last].key] else { return nil }
        let automaton = linker.automaton
        // When the store's short form is that person's own, coherence in `resolve` does it.
        if entries.contains(where: { automaton.entries[Int($0)].concept == person }) { return nil }
        let range = tokens[first].range
        let surface = text.string(range)
        named[person, default: 0] += 1
        let language = options.language ?? options.target
        let others = Set(entries.map { automaton.entries[Int($0)].concept }).sorted().map { automaton.concept($0).id }
        return makeMention(person, term: Term(text: surface, language: language, status: .admitted, kind: .short),
                           method: .document, score: 0.95, range: range, surface: surface, text: text,
                           alternatives: others)
    }

    /// Records what a mention tells about the document.
    private func remember(_ concept: Int32, surfaceKey: String, tokens: [Token], _ first: Int, _ last: Int,
                          kind: TermKind) {
        if resolved[surfaceKey] == nil { resolved[surfaceKey] = concept }
        named[concept, default: 0] += 1
        if kind == .full, last > first, linker.automaton.concept(concept).type == .person {
            surnames[tokens[last].key] = concept
        }
    }

    private func makeMention(_ conceptIndex: Int32, term: Term, method: Mention.Method, score: Double,
                             range: Range<Int>, surface: String, text: DecodedText, alternatives: [String])
        -> Mention
    {
        let concept = linker.automaton.concept(conceptIndex)
        let kind: Mention.Kind = term.kind == .adjective ? .adjective : .name
        let forms = canonicalForms(conceptIndex)
        let canonical = kind == .adjective ? forms.adjective ?? forms.name : forms.name
        return Mention(start: text.scalarOffsets[range.lowerBound], end: text.scalarOffsets[range.upperBound],
                       byteStart: text.byteOffsets[range.lowerBound], byteEnd: text.byteOffsets[range.upperBound],
                       surface: surface, conceptID: concept.id, type: concept.type, kind: kind, canonical: canonical,
                       method: method, score: score, matchedTerm: term, alternatives: alternatives)
    }

    /// A concept's canonical name and adjective in the target language, computed once per session.
    private func canonicalForms(_ index: Int32) -> (name: String?, adjective: String?) {
        if let known = canonicalCache[index] { return known }
        let concept = linker.automaton.concept(index)
        let adjective = concept.terms(in: options.target)
            .filter { $0.kind == .adjective && $0.status != .deprecated }
            .min { $0.status < $1.status }?.text
        let forms = (concept.canonicalTerm(in: options.target)?.text, adjective)
        canonicalCache[index] = forms
        return forms
    }

    /// The normalized form of a surface, computed once per spelling.
    private func normalizedForm(_ surface: String) -> String {
        if let known = normalizedCache[surface] { return known }
        if normalizedCache.count > 100_000 { normalizedCache.removeAll(keepingCapacity: true) }
        let normalized = (try? linker.normalizer.normalizedForm(surface)) ?? surface
        normalizedCache[surface] = normalized
        return normalized
    }

    // MARK: - Capitalized spans

    /// Maximal runs of name-like tokens not covered by a mention, joined by plain gaps and connectors
    /// (*Eduard Aghajanian*, *Leonardo da Vinci*), without leading function words.
    private func nameRuns(_ tokens: [Token], covered: [Bool]) -> [Range<Int>] {
        var runs: [Range<Int>] = []
        var i = 0
        while i < tokens.count {
            guard !covered[i], tokens[i].isNameLike, !tokens[i].isContinuation else {
                i += 1
                continue
            }
            var end = i + 1
            // A line break ends a run of unknown capitalized words: headings and captions sit on lines of their own.
            while end < tokens.count, !covered[end], tokens[end].gap == .join, !tokens[end].startsSentence {
                if tokens[end].isNameLike || tokens[end].isContinuation {
                    end += 1
                } else if connectors.contains(tokens[end].key), end + 1 < tokens.count, !covered[end + 1],
                          tokens[end + 1].gap == .join, tokens[end + 1].isNameLike {
                    end += 2
                } else {
                    break
                }
            }
            var start = i
            while start < end, tokens[start].shape != .upper, functionWords.contains(tokens[start].key) {
                start += 1
                while start < end, tokens[start].isContinuation { start += 1 }
            }
            if start < end { runs.append(start..<end) }
            i = end
        }
        return runs
    }

    /// Links a capitalized run: a surname the document introduced, else the cascade on the whole run, else on its
    /// longest tail of two words or more that links (a title or a sentence's first word before a name: *Лидер Си
    /// Цзиньпин*, German *Staatschef Xi Jinping*), else on each word of a longer run; the words before a linked tail
    /// one by one.
    private func linkRun(_ tokens: [Token], _ run: Range<Int>, text: DecodedText) -> [Mention] {
        if let mention = linkSpan(tokens, run, text: text) { return [mention] }
        guard run.count > 1 else { return [] }
        let starts = run.filter { k in
            !tokens[k].isContinuation && tokens[k].isNameLike && !functionWords.contains(tokens[k].key)
        }
        for (number, k) in starts.enumerated() where number > 0 && number < starts.count - 1 {
            guard let tail = linkSpan(tokens, k..<run.upperBound, text: text) else { continue }
            return linkWords(tokens, starts.prefix(number), before: k, text: text) + [tail]
        }
        return linkWords(tokens, starts[...], before: run.upperBound, text: text)
    }

    /// The mentions of single words of a run (each with its continuation tokens), up to `limit`.
    private func linkWords(_ tokens: [Token], _ starts: ArraySlice<Int>, before limit: Int, text: DecodedText)
        -> [Mention]
    {
        var mentions: [Mention] = []
        for k in starts {
            var end = k + 1
            while end < limit, tokens[end].isContinuation { end += 1 }
            if let mention = linkSpan(tokens, k..<end, text: text) { mentions.append(mention) }
        }
        return mentions
    }

    /// Links one span by the document's surnames or by the cascade.
    private func linkSpan(_ tokens: [Token], _ span: Range<Int>, text: DecodedText) -> Mention? {
        let first = span.lowerBound, last = span.upperBound - 1
        let range = tokens[first].range.lowerBound..<tokens[last].range.upperBound
        let surface = text.string(range)
        let surfaceKey = tokens[span].map(\.key).joined(separator: " ")
        // A single word the document introduced as a person's surname.
        if span.count == 1 || tokens[span].allSatisfy({ $0.range == tokens[first].range }),
           let concept = surnames[tokens[last].key] {
            let conceptValue = linker.automaton.concept(concept)
            named[concept, default: 0] += 1
            let term = conceptValue.canonicalTerm(in: options.target)
                ?? Term(text: surface, language: options.language ?? options.target)
            return makeMention(concept, term: Term(text: surface, language: term.language, status: .admitted,
                                                   kind: .short),
                               method: .document, score: 0.95, range: range, surface: surface, text: text,
                               alternatives: [])
        }
        guard options.cascade else { return nil }
        // Transcription conventions say nothing of acronyms and initials (D-MN, DC, J+30), and keys of three
        // letters or fewer match too many names.
        if tokens[span].contains(where: { $0.shape == .upper }) { return nil }
        var keyLength = 0
        for byte in surfaceKey.utf8 where byte != 0x20 { keyLength += 1 }
        if keyLength < 4 { return nil }
        // A one-word span at the start of a sentence carries no evidence of being a name; the cascade would only
        // find look-alikes of common words.
        if span.count == 1, tokens[first].startsSentence, tokens[first].shape == .capitalized,
           functionWords.contains(tokens[first].key) { return nil }
        let found: (Int32, [Match])?
        if let memo = cascadeMemo[surfaceKey] {
            found = memo
        } else {
            // A span of plain Latin words is normalized from its code units; others by the normalizer.
            var name: NormalizedName? {
                Tokenizer.latinName(surface, units: text.units, range: range, language: hint)
                    ?? (try? linker.normalizer.normalize(Tokenizer.withoutHomoglyphs(surface),
                                                         language: options.language?.description))
            }
            let query = UTF8Key(surface)
            let matches: [Match]
            if let known = lookups[query] {
                matches = known
            } else {
                matches = name.map { lookup($0) } ?? []
                if lookups.count > 100_000 { lookups.removeAll(keepingCapacity: true) }
                lookups[query] = matches
            }
            found = decide(matches).map { ($0, matches) }
            cascadeMemo[surfaceKey] = found
        }
        guard let (conceptIndex, matches) = found, let match = matches.first else { return nil }
        // A transcription variant of a word of four letters is as likely another short name the store lacks: in
        // running text such a word links only as the store spells it (key or transliteration).
        if match.method == .transcription, keyLength < 5 { return nil }
        let method: Mention.Method = switch match.method {
        case .exact: .exact
        case .key: .key
        case .transliteration: .transliteration
        case .transcription: .transcription
        case .fuzzy: .fuzzy
        }
        remember(conceptIndex, surfaceKey: surfaceKey, tokens: tokens, first, last, kind: match.matchedTerm.kind)
        return makeMention(conceptIndex, term: match.matchedTerm, method: method, score: match.score, range: range,
                           surface: surface, text: text, alternatives: [])
    }

    /// The cascade's best two matches for a span's normalized `name`; none when the best scores under the linking
    /// threshold.
    private func lookup(_ name: NormalizedName) -> [Match] {
        guard let matcher = linker.matcher else { return [] }
        // The steps whose scores stay below the threshold (fuzzy, generic-word keys) are skipped.
        let result = matcher.lookup(name: name, language: options.language, target: options.target, types: types,
                                    limit: 2, explain: false, minimumScore: options.cascadeThreshold)
        guard let best = result.best, best.score >= options.cascadeThreshold else { return [] }
        return result.matches
    }

    /// The concept of the cascade's best match (`matches[0]`), unless a second one at the same score makes it too
    /// ambiguous for what the document has named so far.
    private func decide(_ matches: [Match]) -> Int32? {
        guard let best = matches.first, best.score >= options.cascadeThreshold else { return nil }
        // Two concepts at the same score and no document evidence: too ambiguous for running text.
        if matches.count > 1, matches[1].score >= best.score,
           index(of: matches[1].conceptID).map({ named[$0] == nil }) ?? true,
           index(of: best.conceptID).map({ named[$0] == nil }) ?? true {
            return nil
        }
        return index(of: best.conceptID)
    }

    private func index(of id: String) -> Int32? { linker.automaton.conceptIndex[id] }

    /// Whether an unlinked run is worth a translator's review: not a lone capitalized word opening a sentence, and
    /// not a heading in capitals or title case (a function word written with a capital inside the run: *LE CHOIX DE
    /// LA RÉDACTION*, *Partager Cet Article*).
    private func isReviewable(_ tokens: [Token], _ run: Range<Int>) -> Bool {
        let words = run.filter { !tokens[$0].isContinuation }
        if words.dropFirst().contains(where: { tokens[$0].shape != .lower && functionWords.contains(tokens[$0].key) }) {
            return false
        }
        if words.count == 1 {
            let token = tokens[run.lowerBound]
            if token.startsSentence && token.shape == .capitalized { return false }
            if functionWords.contains(token.key) { return false }
        }
        return true
    }
}
