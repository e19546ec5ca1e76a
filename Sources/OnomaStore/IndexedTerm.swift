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

extension IndexedTerm {
    /// A name without its qualifier, and the qualifier: the parts in parentheses (*Myanmar (Burma)*, *Georgia
    /// (country)*, *Cocos (Keeling) Islands*, *科科斯（基林）群岛*); nil when the name has none, when its parentheses do
    /// not pair, or when either side would hold no letter.
    ///
    /// Writers name the place without it (*Myanmar*, *Cocos Islands*), so a stored name is also indexed so
    /// (``unqualifiedTerms(of:normalizer:)``). A query keeps its own: read without it, *Myanmar (Birmanie)* found the
    /// Burmese language (*Myanmar* in some locales) when the country was not stored, and Czech *Svatý Martin
    /// (Francie)* Sint Maarten (`Benchmarks/matching/gazetteer_fmr.py`: 9 more false matches). A dash between
    /// spaces is no such mark: CLDR writes *Congo - Brazzaville* so, but also Sinhala *ටිමෝර් - ලෙස්ත්* (Timor-Leste)
    /// and Kazakh *Папуа — Жаңа Гвинея* (Papua New Guinea), whose first part is another place's name.
    ///
    /// ```swift
    /// IndexedTerm.withoutQualifier("Myanmar (Burma)")           // ("Myanmar", "(Burma)")
    /// IndexedTerm.withoutQualifier("Cocos (Keeling) Islands")   // ("Cocos Islands", "(Keeling)")
    /// IndexedTerm.withoutQualifier("Congo - Brazzaville")       // nil
    /// ```
    public static func withoutQualifier(_ text: String) -> (base: String, qualifier: String)? {
        let scalars = text.unicodeScalars
        // Most names have none: one pass over the scalars before any string is built.
        guard scalars.contains(where: { $0 == "(" || $0 == "（" }) else { return nil }
        var base = String.UnicodeScalarView(), removed = String.UnicodeScalarView(), depth = 0
        for scalar in scalars {
            if scalar == "(" || scalar == "（" {
                // Two parts removed are told apart by a space: *(Keeling) (AU)*.
                if depth == 0, !removed.isEmpty { removed.append(" ") }
                depth += 1
                removed.append(scalar)
            } else if scalar == ")" || scalar == "）" {
                guard depth > 0 else { return nil }
                depth -= 1
                removed.append(scalar)
            } else if depth > 0 {
                removed.append(scalar)
            } else {
                base.append(scalar)
            }
        }
        let kept = String(base).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard depth == 0, removed.contains(where: \.properties.isAlphabetic),
              kept.unicodeScalars.contains(where: \.properties.isAlphabetic) else { return nil }
        return (kept, String(removed))
    }

    /// The term indexed under the forms of its text without its qualifier (``withoutQualifier(_:)``), its text,
    /// language and place unchanged, so that what matched is still the stored name; nil when its text has no
    /// qualifier or its key would not change.
    public func unqualified(normalizer: NameNormalizer) -> IndexedTerm? {
        guard let (base, _) = Self.withoutQualifier(text),
              let keys = try? TermKeys(text: base, language: language, normalizer: normalizer),
              !keys.key.isEmpty, keys.key != key
        else { return nil }
        var unqualified = self
        unqualified.keys = keys
        return unqualified
    }

    /// Each of `terms` whose text has a qualifier, indexed without it (``unqualified(normalizer:)``), in order.
    public static func unqualifiedTerms(of terms: [IndexedTerm], normalizer: NameNormalizer) -> [IndexedTerm] {
        terms.compactMap { $0.unqualified(normalizer: normalizer) }
    }
}
