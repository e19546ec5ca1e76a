import OnomaGlossary
import OnomaText
import Synchronization

/// The matcher's concepts by number: concepts already decoded (a matcher built from a store), or a snapshot's words
/// with each concept decoded on its first use (a matcher loaded from its snapshot).
///
/// Decoding the default store's 1,358 concepts and their 117,691 terms took 26 ms of a snapshot's 45 ms load, while a
/// run of `onoma lookup` on a few names reads a few concepts, and the batch job
/// (``EntityMatcher/bestMatch(name:language:target:minimumScore:)``) reads only each concept's id and canonical
/// form. A loaded table keeps the snapshot's concept words and string bytes (``MatcherSnapshot/ConceptWords``,
/// checked at load so that every concept decodes) and every concept's id and type, which look-ups filter on and
/// answer with; it finds a canonical form in the words, decoding that term alone, and decodes a concept's other
/// fields and terms when first asked for, then keeps it.
///
/// Each concept's canonical form in the first language asked for is kept too, in either kind of table: a batch asks
/// every concept in one target language, once per distinct name linked to it, and finding a form in a language
/// listed after a few hundred others (French in a CLDR territory) reads those first.
///
/// ```swift
/// let row = matcher.concepts[7]
/// row.id                          // at once
/// row.canonicalTerm(in: english)  // one term decoded, then kept
/// row.note                        // concept 7 decoded, then kept
/// ```
///
/// `Sendable` notes: the table is immutable but for two `AtomicLazyReference` slots per concept (its decoded concept
/// and its first canonical form), in memory allocated once by `init` and freed by `deinit`. Readers load a slot with
/// an atomic (acquiring) load, no lock; threads that find the same slot empty each compute its value, the first to
/// store it wins and the others use that one (their copies are released). Computing reads only immutable arrays and
/// cannot fail.
final class ConceptTable: RandomAccessCollection, @unchecked Sendable {
    /// A decoded concept, as a slot holds it.
    private final class Decoded: Sendable {
        /// The concept.
        let concept: Concept

        /// Holds `concept`.
        init(_ concept: Concept) {
            self.concept = concept
        }
    }

    /// A concept's canonical form in one language, as a slot holds it.
    private final class Canonical: Sendable {
        /// The language asked for.
        let language: LanguageTag
        /// The canonical form there (nil: every term is deprecated).
        let term: Term?

        /// Holds `term`, the canonical form in `language`.
        init(_ language: LanguageTag, _ term: Term?) {
            self.language = language
            self.term = term
        }
    }

    /// Where the concepts come from.
    private enum Storage {
        /// Decoded already.
        case decoded([Concept])
        /// A snapshot's words, and one slot per concept for it once decoded.
        case lazy(MatcherSnapshot.ConceptWords, UnsafeMutablePointer<AtomicLazyReference<Decoded>>)
    }

    /// Each concept's id, decoded at once: what look-ups answer with and ``concept(id:)`` searches.
    let ids: [String]
    /// Each concept's type, decoded at once: what look-ups filter on.
    let types: [ConceptType]
    /// The concepts, or what they are decoded from.
    private let storage: Storage
    /// Per concept, its canonical form in the first language asked for, once asked.
    private let canonicalSlots: UnsafeMutablePointer<AtomicLazyReference<Canonical>>

    // MARK: - Init and deinit

    /// A table of `concepts`, decoded already.
    init(_ concepts: [Concept]) {
        ids = concepts.map(\.id)
        types = concepts.map(\.type)
        storage = .decoded(concepts)
        canonicalSlots = Self.emptySlots(concepts.count)
    }

    /// A table over a snapshot's checked `words`, with the concepts' `ids` and `types` decoded (as many as
    /// `words` has concepts).
    init(words: MatcherSnapshot.ConceptWords, ids: [String], types: [ConceptType]) {
        precondition(ids.count == words.count && types.count == words.count, "one id and type per concept")
        self.ids = ids
        self.types = types
        storage = .lazy(words, Self.emptySlots(words.count))
        canonicalSlots = Self.emptySlots(words.count)
    }

    deinit {
        // Releases what the slots hold.
        if case .lazy(_, let slots) = storage {
            slots.deinitialize(count: ids.count)
            slots.deallocate()
        }
        canonicalSlots.deinitialize(count: ids.count)
        canonicalSlots.deallocate()
    }

    /// `count` empty slots.
    private static func emptySlots<Value: AnyObject>(_ count: Int) -> UnsafeMutablePointer<AtomicLazyReference<Value>> {
        let slots = UnsafeMutablePointer<AtomicLazyReference<Value>>.allocate(capacity: count)
        for number in 0..<count {
            (slots + number).initialize(to: AtomicLazyReference())
        }
        return slots
    }

    // MARK: - API

    /// The first concept number, 0.
    var startIndex: Int { 0 }

    /// The number of concepts.
    var endIndex: Int { ids.count }

    /// Concept `number`: its id and type at once, the rest when asked for.
    subscript(number: Int) -> Row {
        precondition(number >= 0 && number < ids.count, "concept number out of range")
        return Row(table: self, number: number)
    }

    /// Concept `number`, decoded (on its first use in a loaded table, then kept).
    func concept(_ number: Int) -> Concept {
        switch storage {
        case .decoded(let concepts):
            return concepts[number]
        case .lazy(let words, let slots):
            if let decoded = slots[number].load() { return decoded.concept }
            let decoded = Decoded(words.concept(number, id: ids[number], type: types[number]))
            return slots[number].storeIfNil(decoded).concept
        }
    }

    /// Concept `number`'s canonical form in `language` (``OnomaGlossary/Concept/canonicalTerm(in:)``).
    ///
    /// In a loaded table whose concept is not decoded, found in the snapshot's words
    /// (``MatcherSnapshot/ConceptWords/canonicalTerm(_:in:)``). Kept for the first language asked for; other languages
    /// are found again at each call.
    func canonicalTerm(_ number: Int, in language: LanguageTag) -> Term? {
        let kept = canonicalSlots[number].load()
        if let kept, kept.language == language { return kept.term }
        let term: Term?
        switch storage {
        case .decoded(let concepts):
            term = concepts[number].canonicalTerm(in: language)
        case .lazy(let words, let slots):
            if let decoded = slots[number].load() {
                term = decoded.concept.canonicalTerm(in: language)
            } else {
                term = words.canonicalTerm(number, in: language)
            }
        }
        if kept == nil { _ = canonicalSlots[number].storeIfNil(Canonical(language, term)) }
        return term
    }

    /// The concept with `id`, decoded; nil when there is none.
    func concept(id: String) -> Concept? {
        ids.firstIndex(of: id).map(concept)
    }

    /// One concept of a table, by number: what look-ups read of it.
    struct Row {
        /// The table.
        let table: ConceptTable
        /// The concept's number in it.
        let number: Int

        /// The concept's id (``OnomaGlossary/Concept/id``).
        var id: String { table.ids[number] }
        /// The concept's type.
        var type: ConceptType { table.types[number] }
        /// The whole concept (decoded on first use).
        var concept: Concept { table.concept(number) }
        /// The concept's subject field.
        var domain: String? { concept.domain }
        /// The concept's note.
        var note: String? { concept.note }
        /// The concept's terms.
        var terms: [Term] { concept.terms }

        /// The concept's canonical form in `language` (``ConceptTable/canonicalTerm(_:in:)``).
        func canonicalTerm(in language: LanguageTag) -> Term? {
            table.canonicalTerm(number, in: language)
        }
    }
}
