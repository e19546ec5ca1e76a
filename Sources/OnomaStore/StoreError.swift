public import OnomaGlossary

/// Why a glossary store could not be opened, read or written, with a message a user can act on.
///
/// Like ``OnomaGlossary/GlossaryError``, the error is a struct: branch on ``code``, print ``description``.
///
/// ```swift
/// do {
///     let store = try GlossaryStore.open(path: "names.sqlite")
///     _ = try store.import(concepts)
/// } catch {
///     print(error)   // store names.sqlite was written by a newer Onoma (schema 5; this build knows 2): upgrade onoma
///     if error.code == .newerSchema { … }
/// }
/// ```
public struct StoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem a ``StoreError`` reports.
    ///
    /// Codes compare by name; new codes may be added, so a `switch` over them needs a `default`.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Storage: String, Hashable, Sendable {
            case newerSchema, notAStore, cannotOpen, busy, database, invalidConcept, duplicateConcept
            case glossariesNotFound, glossaryFile, readOnlyStore
        }

        private let storage: Storage
        private init(_ storage: Storage) { self.storage = storage }

        /// The code's name (`newerSchema`).
        public var description: String { storage.rawValue }

        /// The store was written by a newer Onoma whose schema this build does not know.
        public static let newerSchema = Code(.newerSchema)
        /// The file exists but is not an Onoma store (not SQLite, or SQLite holding other tables).
        public static let notAStore = Code(.notAStore)
        /// The file cannot be created or opened (missing directory, permissions).
        public static let cannotOpen = Code(.cannotOpen)
        /// Another process held the store's write lock for longer than the busy timeout.
        public static let busy = Code(.busy)
        /// SQLite reported an error (disk full, I/O error, corruption).
        public static let database = Code(.database)
        /// A concept or one of its terms cannot be stored (bad id, bad type, a term that does not normalize).
        public static let invalidConcept = Code(.invalidConcept)
        /// One batch holds two different concepts with the same id.
        public static let duplicateConcept = Code(.duplicateConcept)
        /// The shipped `Glossaries/` folder, needed for the embedded default store, was not found.
        public static let glossariesNotFound = Code(.glossariesNotFound)
        /// A shipped glossary file is malformed (``glossaryError`` says where).
        public static let glossaryFile = Code(.glossaryFile)
        /// A write was attempted on the embedded default store, which is rebuilt from `Glossaries/`.
        public static let readOnlyStore = Code(.readOnlyStore)
    }

    /// The kind of problem.
    public let code: Code
    /// The store's path, when the problem concerns one store.
    public let path: String?
    /// What is wrong and, where it helps, what to do about it.
    public let message: String
    /// The file error behind a ``Code/glossaryFile`` error.
    public let glossaryError: GlossaryError?

    /// Creates an error.
    public init(_ code: Code, path: String?, message: String, glossaryError: GlossaryError? = nil) {
        self.code = code
        self.path = path
        self.message = message
        self.glossaryError = glossaryError
    }

    public var description: String { message }

    // MARK: - Factories

    static func newerSchema(path: String, found: Int, known: Int) -> StoreError {
        StoreError(.newerSchema, path: path, message: "store \(path) was written by a newer Onoma (schema \(found); "
                   + "this build knows \(known)): upgrade onoma")
    }

    static func notAStore(path: String, reason: String) -> StoreError {
        StoreError(.notAStore, path: path, message: "\(path) is not an Onoma glossary store (\(reason))")
    }

    static func cannotOpen(path: String, reason: String) -> StoreError {
        StoreError(.cannotOpen, path: path, message: "cannot open store \(path): \(reason)")
    }

    static func invalidConcept(_ id: String, _ reason: String) -> StoreError {
        StoreError(.invalidConcept, path: nil, message: "concept \"\(id)\": \(reason)")
    }

    static func duplicateConcept(_ id: String) -> StoreError {
        StoreError(.duplicateConcept, path: nil,
                   message: "concept \"\(id)\" occurs twice with different data; keep one or merge them")
    }

    static func readOnly(path: String) -> StoreError {
        StoreError(.readOnlyStore, path: path, message: "the embedded default store (\(path)) is rebuilt from the "
                   + "shipped Glossaries/ files and cannot be edited: use a store of your own (--store PATH or "
                   + "ONOMA_STORE), or edit the files in Glossaries/")
    }

    static func glossariesNotFound(searched: [String]) -> StoreError {
        StoreError(.glossariesNotFound, path: nil, message: "no glossary store given and the shipped Glossaries/ "
                   + "folder was not found (looked in: \(searched.joined(separator: ", "))): pass --store PATH, set "
                   + "ONOMA_STORE, or set ONOMA_GLOSSARIES to the Glossaries folder")
    }

    static func glossaryFile(_ error: GlossaryError) -> StoreError {
        StoreError(.glossaryFile, path: nil, message: "shipped glossary \(error.description)", glossaryError: error)
    }
}
