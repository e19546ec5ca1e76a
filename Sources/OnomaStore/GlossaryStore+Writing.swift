import Foundation
import GRDB
public import OnomaGlossary
import OnomaText
import Synchronization

extension GlossaryStore {
    // MARK: - API

    /// Imports a batch of concepts in one transaction: all of them, or none when anything fails.
    ///
    /// The terms' normalized forms and keys are computed on all cores while the import waits for the store's lock
    /// and while it writes, the writer taking them in chunks as they are done (SQLite writes on one core). A large
    /// import into a small store suspends the lookup indexes and rebuilds them, and the search index, once at the
    /// end (inside the same transaction).
    ///
    /// ```swift
    /// let concepts = try GlossaryReader.read(bytes, file: "people.tsv", format: .tsv)
    /// let summary = try store.import(concepts, mode: .merge)
    /// print(summary)   // 3 concepts added, 1 updated, 0 unchanged; 25 terms added, 2 updated, 0 removed
    /// ```
    ///
    /// - Parameters:
    ///   - concepts: the batch; a concept may occur twice only with identical data. Within a concept, a second term
    ///     with the same text and language as an earlier one is dropped.
    ///   - mode: what happens to a concept already in the store (see ``ImportMode``).
    ///   - dryRun: validate and compute the summary, then roll back: the store is not changed.
    ///   - progress: called now and then, from any thread, during a long import.
    /// - Returns: what changed (or would change, for a dry run).
    /// - Throws: ``StoreError``: ``StoreError/Code/invalidConcept`` or ``StoreError/Code/duplicateConcept`` for bad
    ///   data, ``StoreError/Code/readOnlyStore`` on the default store, ``StoreError/Code/busy`` when another process
    ///   keeps writing.
    @discardableResult
    public func `import`(_ concepts: [Concept], mode: ImportMode = .merge, dryRun: Bool = false,
                         progress: (@Sendable (ImportProgress) -> Void)? = nil) throws(StoreError) -> ImportSummary
    {
        try self.import(concepts, mode: mode, dryRun: dryRun, progress: progress, extraStored: nil)
    }

    /// ``import(_:mode:dryRun:progress:)``, the terms in `extraStored` taken as stored too (for tests: what a hash
    /// collision, or a term removed by another connection since it was read, does).
    func `import`(_ concepts: [Concept], mode: ImportMode, dryRun: Bool,
                  progress: (@Sendable (ImportProgress) -> Void)?, extraStored: [(conceptId: String, term: Term)]?)
        throws(StoreError) -> ImportSummary
    {
        try checkWritable()
        var batch = try PreparedBatch(concepts, normalizer: normalizer)
        // When merging, terms already stored keep their keys: a re-imported file normalizes only what is new in it.
        // (A replaced concept's terms are all written again, so they all need keys.)
        var stored = mode == .merge ? try storedTerms(of: batch.concepts) : StoredTerms()
        for (conceptId, term) in extraStored ?? [] { stored.insert(conceptId: conceptId, term: term) }
        // The keys are computed while the write waits for the lock and while it writes: SQLite uses one core.
        var keys = batch.startKeys(skipping: stored, progress: progress)
        defer { keys.finish() }
        do {
            return try pool.writeWithoutTransaction { db in
                // The import writes each term right after writing or finding its concept, under the write lock: its
                // reference holds by construction, and SQLite's check of it (a look-up in the concept index per
                // term) costs a sixth of a bulk insert. Every other write keeps the check.
                try db.execute(sql: "PRAGMA foreign_keys = OFF")
                defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
                var summary = ImportSummary()
                try db.inTransaction(.immediate) {
                    summary = try batch.write(to: db, keys: &keys, mode: mode, progress: progress)
                    try Self.stampWrite(db)
                    return dryRun ? .rollback : .commit
                }
                return summary
            }
        } catch {
            throw StoreError(wrapping: error, path: path)
        }
    }

    /// Adds one concept, merging it into a stored concept with the same id (see ``ImportMode/merge``).
    ///
    /// ```swift
    /// try store.add(Concept(id: "nato", type: .organization, terms: [
    ///     Term(text: "NATO", language: LanguageTag(canonical: "en"), kind: .acronym),
    ///     Term(text: "OTAN", language: LanguageTag(canonical: "fr"), kind: .acronym),
    /// ]))
    /// ```
    @discardableResult
    public func add(_ concept: Concept) throws(StoreError) -> ImportSummary {
        try self.import([concept], mode: .merge)
    }

    /// Removes the concept `id` and its terms; returns whether it was there.
    @discardableResult
    public func remove(id: String) throws(StoreError) -> Bool {
        try checkWritable()
        do {
            return try pool.write { db in
                try db.execute(sql: "DELETE FROM concept WHERE id = ?", arguments: [id])
                let removed = db.changesCount > 0
                if removed { try Self.stampWrite(db) }
                return removed
            }
        } catch {
            throw StoreError(wrapping: error, path: path)
        }
    }

    /// Gives the store a new write stamp (``writeStamp()``), inside the caller's write transaction.
    ///
    /// Every write transaction that may change concepts or terms must call it before committing: caches of what was
    /// read from the store (the matcher's snapshot) are keyed by the stamp and trust it to change with the contents.
    /// It is one row's update, whatever the size of the write. (An import that changes nothing still gets a new
    /// stamp: a cache rebuilt once too often costs time, one kept too long gives wrong answers.)
    static func stampWrite(_ db: Database) throws {
        try db.execute(sql: "UPDATE storeInfo SET writeStamp = lower(hex(randomblob(16)))")
    }
}

// MARK: - The prepared batch

/// A validated batch and the computation of its new terms' keys: what an import writes.
struct PreparedBatch: Sendable {
    /// The concepts, duplicates removed, each concept's duplicate terms removed.
    var concepts: [Concept]
    /// Where each concept's terms start in ``inputIndexes``.
    var offsets: [Int] = []
    /// For every term, concept after concept: its place among the inputs whose keys are computed, or -1 for a term
    /// that was stored when the batch was prepared (it keeps its stored keys).
    var inputIndexes: [Int32] = []
    /// Whether every term is an input (nothing was stored): then ``inputIndexes`` is empty and term `n` of concept
    /// `i` is input `offsets[i] + n`.
    var everyTermIsInput = false
    private let normalizer: NameNormalizer

    /// Validates `input`: ids and types, and no id twice with different data.
    init(_ input: [Concept], normalizer: NameNormalizer) throws(StoreError) {
        self.normalizer = normalizer
        var concepts: [Concept] = []
        concepts.reserveCapacity(input.count)
        var seen: [String: Int] = [:]
        seen.reserveCapacity(input.count)
        for concept in input {
            if let earlier = seen[concept.id] {
                if concepts[earlier] != Self.deduplicated(concept) { throw .duplicateConcept(concept.id) }
                continue
            }
            guard Concept.isValidID(concept.id) else {
                throw .invalidConcept(concept.id, "invalid id: use 1 to 200 lowercase ASCII letters and digits, "
                                      + "with inner '-', '_' or '.' (e.g. nikol-pashinyan)")
            }
            guard ConceptType.isValid(concept.type.rawValue) else {
                throw .invalidConcept(concept.id, "invalid type \"\(concept.type)\": use a lowercase word such as "
                                      + "person, place, organization")
            }
            seen[concept.id] = concepts.count
            concepts.append(Self.deduplicated(concept))
        }
        self.concepts = concepts
    }

    /// Starts computing, on all cores, the keys of every term not in `stored`; ``write(to:keys:mode:progress:)``
    /// takes them from the returned reader as they come. Finish the reader when done, whatever happens.
    mutating func startKeys(skipping stored: StoredTerms,
                            progress: (@Sendable (ImportProgress) -> Void)?) -> KeyPipeline.Reader
    {
        offsets = []
        offsets.reserveCapacity(concepts.count + 1)
        inputIndexes = []
        if stored.isEmpty {
            // Every term is new (a first import): term n of concept i is input offsets[i] + n, read by the workers
            // from the concepts themselves.
            var total = 0
            for concept in concepts {
                offsets.append(total)
                total += concept.terms.count
            }
            offsets.append(total)
            everyTermIsInput = true
            progress?(ImportProgress(phase: .normalizing, done: 0, total: total))
            return KeyPipeline(source: .terms(concepts, starts: offsets), normalizer: normalizer,
                               progress: Self.progressCounter(progress, total: total)).reader()
        }
        everyTermIsInput = false
        var inputs: [TermKeys.Input] = []
        for concept in concepts {
            offsets.append(inputIndexes.count)
            for term in concept.terms {
                if stored.isEmpty || !stored.contains(conceptId: concept.id, term: term) {
                    inputIndexes.append(Int32(inputs.count))
                    inputs.append(TermKeys.Input(text: term.text, language: term.language))
                } else {
                    inputIndexes.append(-1)
                }
            }
        }
        let total = inputs.count
        progress?(ImportProgress(phase: .normalizing, done: 0, total: total))
        return KeyPipeline(inputs, normalizer: normalizer, progress: Self.progressCounter(progress, total: total))
            .reader()
    }

    /// The pipeline's progress callback: a running count of normalized terms reported as import progress.
    private static func progressCounter(_ progress: (@Sendable (ImportProgress) -> Void)?, total: Int)
        -> (@Sendable (Int) -> Void)?
    {
        let done = Counter()
        return progress.map { progress in
            { @Sendable count in
                progress(ImportProgress(phase: .normalizing, done: done.add(count), total: total))
            }
        }
    }

    /// The keys of term `n` of concept `index`: from the pipeline, or computed now for a term that was stored
    /// when the batch was prepared and has since been removed by another connection.
    ///
    /// - Throws: ``StoreError/Code/invalidConcept`` when the term is not a name.
    private func keys(of index: Int, term n: Int, from reader: inout KeyPipeline.Reader) throws(StoreError)
        -> TermKeys
    {
        let concept = concepts[index], term = concept.terms[n]
        let input = everyTermIsInput ? offsets[index] + n : Int(inputIndexes[offsets[index] + n])
        let result = input >= 0 ? reader.keys(at: input) : Result { () throws(NameError) -> TermKeys in
            try TermKeys(text: term.text, language: term.language, normalizer: normalizer)
        }
        switch result {
        case let .success(keys):
            return keys
        case let .failure(error):
            throw .invalidConcept(concept.id, "term \"\(term.text)\" (\(term.language)): \(error)")
        }
    }

    /// `concept` without a second term of the same text and language.
    private static func deduplicated(_ concept: Concept) -> Concept {
        let terms = concept.terms
        guard terms.count > 1 else { return concept }
        if terms.count <= 16 {
            // Pairwise comparison beats hashing for the few terms a concept usually has.
            var unique = true
            outer: for i in 1..<terms.count {
                for j in 0..<i where terms[i].language == terms[j].language && terms[i].text == terms[j].text {
                    unique = false
                    break outer
                }
            }
            if unique { return concept }
        }
        var seen = Set<TermIdentity>()
        var concept = concept
        concept.terms = concept.terms.filter { seen.insert(TermIdentity($0)).inserted }
        return concept
    }

    // MARK: - Writing

    /// Writes the batch inside the caller's transaction, with the new terms' keys from `keys`.
    func write(to db: Database, keys reader: inout KeyPipeline.Reader, mode: ImportMode,
               progress: (@Sendable (ImportProgress) -> Void)?) throws -> ImportSummary
    {
        var summary = ImportSummary()
        let lastTermID = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM term") ?? 0
        let newTerms = reader.count
        // A store without concepts needs no look-ups (the usual first import of a large file).
        let storeIsEmpty = try !(Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM concept)") ?? false)
        let suspended = newTerms >= GlossaryStore.bulkThreshold && Int64(newTerms) * 2 >= lastTermID
            ? try SuspendedIndexes(db, includingUnique: storeIsEmpty) : nil
        let selectConcept = try BoundStatement(db, sql: """
            SELECT type, domain, note, sources, externalIDs FROM concept WHERE id = ?
            """)
        let selectTerms = try BoundStatement(db, sql: """
            SELECT id, text, language, status, kind, source, position FROM term WHERE conceptId = ?
            ORDER BY position, id
            """)
        let insertConcept = try BoundStatement(db, sql: """
            INSERT INTO concept (id, type, domain, note, sources, externalIDs) VALUES (?, ?, ?, ?, ?, ?)
            """)
        let updateConcept = try db.cachedStatement(sql: """
            UPDATE concept SET type = ?, domain = ?, note = ?, sources = ?, externalIDs = ? WHERE id = ?
            """)
        let insertTerm = try BoundStatement(db, sql: """
            INSERT INTO term (conceptId, text, language, status, kind, source, normalized, key, script, latin,
                latinKey, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let updateTerm = try db.cachedStatement(sql: "UPDATE term SET status = ?, kind = ?, source = ? WHERE id = ?")
        let deleteTerms = try db.cachedStatement(sql: "DELETE FROM term WHERE conceptId = ?")

        func insert(_ term: Term, of concept: Concept, keys: TermKeys, position: Int) throws {
            insertTerm.bind(concept.id, at: 1)
            insertTerm.bind(term.text, at: 2)
            insertTerm.bind(term.language.description, at: 3)
            insertTerm.bind(term.status.rawValue, at: 4)
            insertTerm.bind(term.kind.rawValue, at: 5)
            insertTerm.bind(term.source, at: 6)
            insertTerm.bind(StoredForms.normalized(keys, text: term.text), at: 7)
            insertTerm.bind(keys.key, at: 8)
            insertTerm.bind(keys.script, at: 9)
            insertTerm.bind(StoredForms.latin(keys), at: 10)
            insertTerm.bind(StoredForms.latinKey(keys, text: term.text), at: 11)
            insertTerm.bind(position, at: 12)
            try insertTerm.execute()
        }

        func insertTerms(of index: Int) throws {
            let concept = concepts[index]
            for (n, term) in concept.terms.enumerated() {
                try insert(term, of: concept, keys: keys(of: index, term: n, from: &reader), position: n)
            }
        }

        for (index, concept) in concepts.enumerated() {
            if let progress, index % 4096 == 0 {
                progress(ImportProgress(phase: .writing, done: index, total: concepts.count))
            }
            var found: Concept?
            if !storeIsEmpty {
                selectConcept.bind(concept.id, at: 1)
                try selectConcept.forEachRow { row in
                    found = Concept(id: concept.id, type: ConceptType(rawValue: row.string(0)),
                                    domain: row.optionalString(1), note: row.optionalString(2),
                                    sources: JSONColumns.decodeStrings(row.string(3)),
                                    externalIDs: JSONColumns.decodeDictionary(row.string(4)))
                }
            }
            guard var stored = found else {
                insertConcept.bind(concept.id, at: 1)
                insertConcept.bind(concept.type.rawValue, at: 2)
                insertConcept.bind(concept.domain, at: 3)
                insertConcept.bind(concept.note, at: 4)
                insertConcept.bind(JSONColumns.encode(concept.sources), at: 5)
                insertConcept.bind(JSONColumns.encode(concept.externalIDs), at: 6)
                try insertConcept.execute()
                try insertTerms(of: index)
                summary.conceptsAdded += 1
                summary.termsAdded += concept.terms.count
                continue
            }
            var storedTerms: [StoredTerm] = []
            selectTerms.bind(concept.id, at: 1)
            try selectTerms.forEachRow { row in
                let term = Term(text: row.string(1), language: LanguageTag(canonical: row.string(2)),
                                status: TermStatus(rawValue: row.string(3)) ?? .admitted,
                                kind: TermKind(rawValue: row.string(4)) ?? .full, source: row.optionalString(5))
                storedTerms.append(StoredTerm(id: Int64(row.int(0)), term: term, position: row.int(6)))
            }
            stored.terms = storedTerms.map(\.term)

            switch mode {
            case .replace:
                if stored == concept {
                    summary.conceptsUnchanged += 1
                    continue
                }
                try deleteTerms.execute(arguments: [concept.id])
                try updateConcept.execute(arguments: [
                    concept.type.rawValue, concept.domain, concept.note, JSONColumns.encode(concept.sources),
                    JSONColumns.encode(concept.externalIDs), concept.id,
                ])
                try insertTerms(of: index)
                summary.conceptsUpdated += 1
                summary.termsRemoved += storedTerms.count
                summary.termsAdded += concept.terms.count

            case .merge:
                var merged = stored
                merged.terms = []
                stored.terms = []
                merged.type = concept.type
                if let domain = concept.domain { merged.domain = domain }
                if let note = concept.note { merged.note = note }
                for source in concept.sources where !merged.sources.contains(source) { merged.sources.append(source) }
                merged.externalIDs.merge(concept.externalIDs) { $1 }
                var changed = merged != stored
                if changed {
                    try updateConcept.execute(arguments: [
                        merged.type.rawValue, merged.domain, merged.note, JSONColumns.encode(merged.sources),
                        JSONColumns.encode(merged.externalIDs), concept.id,
                    ])
                }
                var byIdentity: [TermIdentity: StoredTerm] = [:]
                for term in storedTerms { byIdentity[TermIdentity(term.term)] = term }
                var position = (storedTerms.map(\.position).max() ?? -1) + 1
                for (n, term) in concept.terms.enumerated() {
                    if let old = byIdentity[TermIdentity(term)] {
                        let source = term.source ?? old.term.source
                        if old.term.status != term.status || old.term.kind != term.kind || old.term.source != source {
                            try updateTerm.execute(arguments: [term.status.rawValue, term.kind.rawValue, source,
                                                               old.id])
                            summary.termsUpdated += 1
                            changed = true
                        }
                    } else {
                        try insert(term, of: concept, keys: keys(of: index, term: n, from: &reader), position: position)
                        position += 1
                        summary.termsAdded += 1
                        changed = true
                    }
                }
                if changed { summary.conceptsUpdated += 1 } else { summary.conceptsUnchanged += 1 }
            }
        }
        progress?(ImportProgress(phase: .writing, done: concepts.count, total: concepts.count))
        if let suspended {
            progress?(ImportProgress(phase: .indexing, done: 0, total: 1))
            try suspended.restore(db)
            progress?(ImportProgress(phase: .indexing, done: 1, total: 1))
        }
        return summary
    }
}

/// A stored term as the merge sees it.
private struct StoredTerm {
    var id: Int64
    var term: Term
    var position: Int
}

/// The terms already in a store, each as a hash of its concept id, language and text: the terms an import need not
/// normalize.
///
/// Hashes, not strings: a million stored terms are a million integers (no string to allocate, compare or free).
/// Two terms may share a hash, so ``contains(conceptId:term:)`` can answer yes for a term that is not stored; the
/// import then computes that term's keys when it writes it (``PreparedBatch``), which only costs time, and hardly
/// ever (64-bit hashes).
struct StoredTerms: Sendable {
    private var hashes: Set<Int> = []

    var isEmpty: Bool { hashes.isEmpty }

    mutating func reserveCapacity(_ count: Int) { hashes.reserveCapacity(count) }

    /// Whether the store (probably) holds `term` in concept `conceptId`.
    func contains(conceptId: String, term: Term) -> Bool {
        hashes.contains(Self.hash(conceptId, term.language.description, term.text))
    }

    /// Adds a stored term.
    mutating func insert(conceptId: String, term: Term) {
        hashes.insert(Self.hash(conceptId, term.language.description, term.text))
    }

    /// Adds a stored term from the UTF-8 bytes of its concept id, language and text.
    mutating func insert(conceptId: UnsafeRawBufferPointer, language: UnsafeRawBufferPointer,
                         text: UnsafeRawBufferPointer)
    {
        hashes.insert(Self.hash(conceptId, language, text))
    }

    /// The hash of a concept id.
    static func hash(_ conceptId: UnsafeRawBufferPointer) -> Int {
        var hasher = Hasher()
        hasher.combine(bytes: conceptId)
        return hasher.finalize()
    }

    /// The hash of a term of a concept.
    static func hash(_ conceptId: UnsafeRawBufferPointer, _ language: UnsafeRawBufferPointer,
                     _ text: UnsafeRawBufferPointer) -> Int
    {
        var hasher = Hasher()
        hasher.combine(conceptId.count)
        hasher.combine(bytes: conceptId)
        hasher.combine(language.count)
        hasher.combine(bytes: language)
        hasher.combine(bytes: text)
        return hasher.finalize()
    }

    static func hash(_ conceptId: String, _ language: String, _ text: String) -> Int {
        var (conceptId, language, text) = (conceptId, language, text)
        return conceptId.withUTF8 { id in
            language.withUTF8 { language in
                text.withUTF8 { text in hash(UnsafeRawBufferPointer(id), UnsafeRawBufferPointer(language),
                                            UnsafeRawBufferPointer(text)) }
            }
        }
    }
}

extension GlossaryStore {
    /// The stored terms of the concepts of a batch, read in one snapshot before the write transaction.
    func storedTerms(of concepts: [Concept]) throws(StoreError) -> StoredTerms {
        try read { db in
            var stored = StoredTerms()
            let storedConcepts = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM concept") ?? 0
            if storedConcepts == 0 || concepts.isEmpty { return stored }
            stored.reserveCapacity(concepts.reduce(0) { $0 + $1.terms.count })
            if concepts.count * 4 >= storedConcepts {
                // Most of the store: one scan of the (conceptId, language, text) index, keeping the batch's concepts
                // (by the hash of their id: a collision only keeps a few hashes more).
                var ids = Set<Int>(minimumCapacity: concepts.count)
                for concept in concepts {
                    var id = concept.id
                    ids.insert(id.withUTF8 { StoredTerms.hash(UnsafeRawBufferPointer($0)) })
                }
                try BoundStatement(db, sql: "SELECT conceptId, language, text FROM term").forEachRow { row in
                    row.withBytes(0) { id in
                        guard ids.contains(StoredTerms.hash(id)) else { return }
                        row.withBytes(1) { language in
                            row.withBytes(2) { text in stored.insert(conceptId: id, language: language, text: text) }
                        }
                    }
                }
            } else {
                let statement = try BoundStatement(db, sql: "SELECT language, text FROM term WHERE conceptId = ?")
                for concept in concepts where !concept.terms.isEmpty {
                    statement.bind(concept.id, at: 1)
                    var id = concept.id
                    try id.withUTF8 { id in
                        try statement.forEachRow { row in
                            row.withBytes(0) { language in
                                row.withBytes(1) { text in
                                    stored.insert(conceptId: UnsafeRawBufferPointer(id), language: language, text: text)
                                }
                            }
                        }
                    }
                }
            }
            return stored
        }
    }
}

/// What makes two terms of a concept the same term: text and language.
struct TermIdentity: Hashable {
    var text: String
    var language: String
    init(_ term: Term) {
        text = term.text
        language = term.language.description
    }
}

/// A thread-safe running total for progress reports.
final class Counter: Sendable {
    private let value = Atomic<Int>(0)
    /// Adds `count` and returns the new total.
    func add(_ count: Int) -> Int { value.add(count, ordering: .relaxed).newValue }
}

// MARK: - Suspended indexes

/// The `term` table's secondary indexes and search triggers, dropped for a bulk write and re-created after it.
///
/// Building an index once from all rows is much faster than updating it row by row, and the FTS5 `rebuild`
/// command likewise reads the whole table once. Everything happens inside the caller's transaction, so a failure
/// or a crash rolls the drops back too.
///
/// Unique indexes stay unless `includingUnique`: they enforce the data's rules, and the one on
/// `(conceptId, language, text)` serves the merge's lookups. A write into an empty store looks nothing up, and
/// its batch has no duplicates (``PreparedBatch`` removed them); re-creating a unique index checks that anyway,
/// failing the transaction on a duplicate.
struct SuspendedIndexes {
    private var indexes: [String] = []
    private var triggers: [String] = []

    /// Drops the non-unique indexes (all indexes when `includingUnique`) and the triggers of `term`, remembering
    /// their SQL.
    init(_ db: Database, includingUnique: Bool = false) throws {
        let unique = includingUnique ? []
            : Set(try String.fetchAll(db, sql: "SELECT name FROM pragma_index_list('term') WHERE \"unique\" = 1"))
        let rows = try Row.fetchAll(db, sql: """
            SELECT type, name, sql FROM sqlite_master
            WHERE tbl_name = 'term' AND type IN ('index', 'trigger') AND sql IS NOT NULL
            """)
        for row in rows {
            let type: String = row[0], name: String = row[1], sql: String = row[2]
            if type == "index" {
                if unique.contains(name) { continue }
                indexes.append(sql)
                try db.execute(sql: "DROP INDEX \(name.quotedDatabaseIdentifier)")
            } else {
                triggers.append(sql)
                try db.execute(sql: "DROP TRIGGER \(name.quotedDatabaseIdentifier)")
            }
        }
    }

    /// Re-creates the indexes and triggers and rebuilds the search index from the `term` table.
    func restore(_ db: Database) throws {
        for sql in indexes { try db.execute(sql: sql) }
        for sql in triggers { try db.execute(sql: sql) }
        // FTS5 writes its in-memory index out as a new segment whenever it holds `hashsize` bytes (1 MB by default)
        // and merges segments as they pile up; a 16 MB buffer for the rebuild leaves fewer segments to merge (a
        // sixth less CPU for a million terms). The setting is stored with the table: the default comes back after.
        try db.execute(sql: "INSERT INTO termSearch(termSearch, rank) VALUES ('hashsize', 16777216)")
        try db.execute(sql: "INSERT INTO termSearch(termSearch) VALUES ('rebuild')")
        try db.execute(sql: "INSERT INTO termSearch(termSearch, rank) VALUES ('hashsize', 1048576)")
    }
}
