public import OnomaGlossary
public import OnomaText

/// A stored term with the forms it is indexed under: what lookups return and what a matcher loads.
///
/// ```swift
/// for term in try store.terms(latinKey: "pashinyan") {
///     print(term.conceptId, term.language, term.text)   // nikol-pashinyan ru Пашинян
/// }
/// ```
public struct IndexedTerm: Hashable, Sendable {
    /// The term's row id in the store (stable until the term is removed).
    public var id: Int64
    /// The id of the term's concept.
    public var conceptId: String
    /// The term as written.
    public var text: String
    /// Its language.
    public var language: LanguageTag
    /// Preferred, admitted or deprecated.
    public var status: TermStatus
    /// Full name, short form, acronym, adjective or transliteration.
    public var kind: TermKind
    /// The forms the term is indexed under (normalized, key, script, latin, latinKey).
    public var keys: TermKeys
    /// The term's place among its concept's terms.
    public var position: Int

    /// Creates a value from its parts.
    public init(id: Int64, conceptId: String, text: String, language: LanguageTag, status: TermStatus,
                kind: TermKind, keys: TermKeys, position: Int) {
        self.id = id
        self.conceptId = conceptId
        self.text = text
        self.language = language
        self.status = status
        self.kind = kind
        self.keys = keys
        self.position = position
    }

    /// The normalized form.
    public var normalized: String { keys.normalized }
    /// The comparison key.
    public var key: String { keys.key }
    /// The comparison key of the Latin form.
    public var latinKey: String { keys.latinKey }

    /// The model term (without its source; ``GlossaryStore/concept(id:)`` has it).
    public var term: Term { Term(text: text, language: language, status: status, kind: kind) }

    /// The terms of concepts held in memory with their keys, as a store would index them (numbered in order; terms
    /// that are not names, such as an empty text, are left out): for matchers and linkers built without a store.
    public static func indexing(_ concepts: [Concept], normalizer: NameNormalizer = NameNormalizer()) -> [IndexedTerm] {
        var terms: [IndexedTerm] = []
        for concept in concepts {
            for (position, term) in concept.terms.enumerated() {
                guard let keys = try? TermKeys(text: term.text, language: term.language, normalizer: normalizer)
                else { continue }
                terms.append(IndexedTerm(id: Int64(terms.count), conceptId: concept.id, text: term.text,
                                         language: term.language, status: term.status, kind: term.kind, keys: keys,
                                         position: position))
            }
        }
        return terms
    }
}
