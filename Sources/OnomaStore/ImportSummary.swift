/// How an import treats a concept whose id is already in the store.
public enum ImportMode: String, Hashable, Sendable, CaseIterable {
    /// Keep the stored concept and add to it: new terms are appended (a term with the same text and language is
    /// not duplicated, its status, kind and source are updated), type is replaced, domain and note are replaced
    /// when given, sources and external ids are united.
    case merge
    /// Replace the stored concept wholly by the imported one.
    case replace
}

/// What an import changed.
///
/// ```swift
/// let summary = try store.import(concepts)
/// print(summary)   // 3 concepts added, 1 updated, 0 unchanged; 25 terms added, 2 updated, 0 removed
/// ```
public struct ImportSummary: Hashable, Sendable, CustomStringConvertible {
    /// Concepts that were not in the store.
    public var conceptsAdded = 0
    /// Stored concepts that changed.
    public var conceptsUpdated = 0
    /// Stored concepts that the import left as they were.
    public var conceptsUnchanged = 0
    /// Terms written for the first time.
    public var termsAdded = 0
    /// Stored terms whose status, kind or source changed.
    public var termsUpdated = 0
    /// Stored terms removed because their concept was replaced.
    public var termsRemoved = 0

    /// Zero counts.
    public init() {}

    public var description: String {
        "\(conceptsAdded) concepts added, \(conceptsUpdated) updated, \(conceptsUnchanged) unchanged; "
            + "\(termsAdded) terms added, \(termsUpdated) updated, \(termsRemoved) removed"
    }

    /// The sum of two summaries (several files).
    public static func + (lhs: ImportSummary, rhs: ImportSummary) -> ImportSummary {
        var sum = lhs
        sum.conceptsAdded += rhs.conceptsAdded
        sum.conceptsUpdated += rhs.conceptsUpdated
        sum.conceptsUnchanged += rhs.conceptsUnchanged
        sum.termsAdded += rhs.termsAdded
        sum.termsUpdated += rhs.termsUpdated
        sum.termsRemoved += rhs.termsRemoved
        return sum
    }
}

/// Where a long import is, for a progress display.
public struct ImportProgress: Hashable, Sendable {
    /// The steps of an import.
    public enum Phase: String, Hashable, Sendable {
        /// Computing the normalized forms and keys of the terms, on all cores; it goes on while writing.
        case normalizing
        /// Writing concepts and terms (as their keys come).
        case writing
        /// Rebuilding the lookup and search indexes after a large import.
        case indexing
    }

    /// The current step.
    public var phase: Phase
    /// Units done in this step (terms while normalizing, concepts while writing).
    public var done: Int
    /// Units in this step.
    public var total: Int
}
