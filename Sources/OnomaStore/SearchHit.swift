public import OnomaGlossary

/// One full-text search result: a term whose text or Latin key matches, with its concept.
public struct SearchHit: Hashable, Sendable {
    /// The id of the matching term's concept.
    public var conceptId: String
    /// The concept's type.
    public var type: ConceptType
    /// The matching term.
    public var term: Term

    /// Creates a value from its parts.
    public init(conceptId: String, type: ConceptType, term: Term) {
        self.conceptId = conceptId
        self.type = type
        self.term = term
    }
}
