public import OnomaGlossary

/// Everything a store holds, read in one transaction (``GlossaryStore/contents()``): what a matcher is built from.
///
/// ```swift
/// let contents = try store.contents()
/// print(contents.concepts.count, contents.terms.count)   // 1358 117691
/// ```
public struct StoreContents: Sendable {
    /// Every concept with its terms in order, in the order the concepts were first stored.
    public var concepts: [Concept]
    /// Every term with its keys, in storage order.
    public var terms: [IndexedTerm]
    /// The store's write stamp when these were read (``GlossaryStore/writeStamp()``).
    public var writeStamp: String

    /// Creates a value from its parts.
    public init(concepts: [Concept], terms: [IndexedTerm], writeStamp: String) {
        self.concepts = concepts
        self.terms = terms
        self.writeStamp = writeStamp
    }
}
