public import OnomaGlossary
public import OnomaText

/// What a store holds.
public struct StoreStats: Sendable {
    /// The store's file.
    public var path: String
    /// Whether it is the embedded default store.
    public var isDefault: Bool
    /// The schema version (the last migration applied).
    public var schemaVersion: Int
    /// The key-format version the terms are indexed under.
    public var keyFormatVersion: Int
    /// For the default store, the fingerprint of the `Glossaries/` files it was built from.
    public var defaultStoreFingerprint: String?
    /// Number of concepts.
    public var conceptCount: Int
    /// Number of terms.
    public var termCount: Int
    /// Concepts per type, most frequent first.
    public var conceptsByType: [(type: ConceptType, count: Int)]
    /// Terms per language, most frequent first.
    public var termsByLanguage: [(language: LanguageTag, count: Int)]
    /// Bytes on disk: the database file and its write-ahead log.
    public var sizeOnDisk: Int
}
