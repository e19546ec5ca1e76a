public import OnomaGlossary
public import OnomaText

/// How a name matched, from the most to the least certain step of the cascade.
public enum MatchMethod: String, Sendable, Hashable, Codable, CaseIterable {
    /// The normalized form equals a term's.
    case exact
    /// The comparison key (case, diacritics, punctuation folded) equals a term's.
    case key
    /// Equal after transliteration: a non-Latin query's Latin form, or a non-Latin term's Latin form.
    case transliteration
    /// Equal transcription keys once each side's transcription conventions are folded, or equal generic-word keys
    /// (the other words of "Îles Cook" and "Cook Islands", with the same tokens; ``GenericWords``).
    case transcription
    /// Close transcription keys (edit distance on keys and skeletons, or weighted edits; see
    /// ``EntityMatcher/weightedSimilarity``).
    case fuzzy
}

/// One concept a name may refer to.
public struct Match: Sendable, Hashable {
    /// The concept's id.
    public var conceptID: String
    /// Its type.
    public var type: ConceptType
    /// Its domain, when set (tells apart concepts of the same name).
    public var domain: String?
    /// Its note (tells apart concepts of the same name).
    public var note: String?
    /// The canonical form in the requested language (see ``OnomaGlossary/Concept/canonicalTerm(in:)``).
    public var canonical: Term?
    /// The term the query matched.
    public var matchedTerm: Term
    /// How it matched.
    public var method: MatchMethod
    /// Calibrated score in [0, 1]: ``EntityMatcher/threshold`` and above is a match.
    public var score: Double
    /// One line saying how the query led to the term.
    public var explanation: String
}

/// The answer to one query: the best match first, then the alternatives; empty for no match.
public struct LookupResult: Sendable {
    /// The query as given.
    public var query: String
    /// Its normalized forms.
    public var name: NormalizedName?
    /// Matches, best first, all at or above the threshold.
    public var matches: [Match]
    /// Why the query could not be looked up (not a name), if so.
    public var error: String?

    /// The best match, or nil for no match.
    public var best: Match? { matches.first }
}
