import Foundation
import GRDB
public import OnomaGlossary
import OnomaText

extension GlossaryStore {
    // MARK: - Concepts

    /// The concept with id `id`, with every term in stored order, or nil.
    ///
    /// ```swift
    /// try store.concept(id: "nikol-pashinyan")?.canonicalTerm(in: LanguageTag(canonical: "fr"))?.text  // Pachinian
    /// ```
    public func concept(id: String) throws(StoreError) -> Concept? {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT id, type, domain, note, sources, externalIDs FROM concept WHERE id = ?
                """, arguments: [id])
            else { return nil }
            var concept = Self.concept(from: row)
            let terms = try Row.fetchCursor(db, sql: """
                SELECT text, language, status, kind, source FROM term WHERE conceptId = ? ORDER BY position, id
                """, arguments: [id])
            while let term = try terms.next() {
                concept.terms.append(Self.term(from: term, offset: 0))
            }
            return concept
        }
    }

    /// Every concept, in the order they were first stored, optionally only those of some types or domains.
    ///
    /// - Parameters:
    ///   - types: keep concepts of these types (nil: all).
    ///   - domains: keep concepts of these domains (nil: all).
    public func concepts(types: Set<ConceptType>? = nil, domains: Set<String>? = nil) throws(StoreError)
        -> [Concept]
    {
        try read { db in
            var conditions: [String] = []
            var arguments = StatementArguments()
            if let types {
                conditions.append("type IN (\(databaseQuestionMarks(count: types.count)))")
                arguments += StatementArguments(types.map(\.rawValue))
            }
            if let domains {
                conditions.append("domain IN (\(databaseQuestionMarks(count: domains.count)))")
                arguments += StatementArguments(Array(domains))
            }
            let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
            var concepts: [Concept] = []
            var index: [String: Int] = [:]
            let rows = try Row.fetchCursor(db, sql: """
                SELECT id, type, domain, note, sources, externalIDs FROM concept\(filter) ORDER BY rowid
                """, arguments: arguments)
            while let row = try rows.next() {
                let concept = Self.concept(from: row)
                index[concept.id] = concepts.count
                concepts.append(concept)
            }
            if concepts.isEmpty { return [] }
            // One sequential scan of the terms, grouped by concept, then each concept's terms put in order.
            var positions = [[Int]](repeating: [], count: concepts.count)
            let termFilter = conditions.isEmpty ? "" : " WHERE conceptId IN (SELECT id FROM concept\(filter))"
            let terms = try Row.fetchCursor(db, sql: """
                SELECT conceptId, text, language, status, kind, source, position FROM term\(termFilter)
                """, arguments: arguments)
            while let row = try terms.next() {
                guard let i = index[row[0]] else { continue }
                concepts[i].terms.append(Self.term(from: row, offset: 1))
                positions[i].append(row[6])
            }
            for i in concepts.indices where positions[i].count > 1 {
                let order = positions[i].indices.sorted { positions[i][$0] < positions[i][$1] }
                if order != Array(positions[i].indices) {
                    concepts[i].terms = order.map { concepts[i].terms[$0] }
                }
            }
            return concepts
        }
    }

    // MARK: - Term lookups

    /// The terms whose comparison key is `key` (case, diacritics and punctuation folded).
    ///
    /// ```swift
    /// try store.terms(key: "pachinian").map(\.conceptId)   // ["nikol-pashinyan"]
    /// ```
    public func terms(key: String) throws(StoreError) -> [IndexedTerm] {
        try lookup(.key, value: key)
    }

    /// The terms whose normalized form is `normalized` (exact comparison after Unicode and space clean-up).
    public func terms(normalized: String) throws(StoreError) -> [IndexedTerm] {
        // No index on the normalized form (schema v6): a term's key is its normalized form's key in its language,
        // and languages change keys only by French elision and Turkic casing, so the key index finds the term under
        // one of those three keys.
        let keys = [LanguageHint(nil), LanguageHint("fr"), LanguageHint("tr")].map { hint in
            (try? normalizer.comparisonKey(normalized, language: hint)) ?? normalized
        }
        return try lookup(.normalized, arguments: [normalized] + keys)
    }

    /// The terms whose Latin form has the key `latinKey`: a Latin spelling finds terms in other scripts.
    ///
    /// ```swift
    /// try store.terms(latinKey: "pashinyan").map(\.text)   // ["Nikol Pashinyan"?, "Пашинян", "Փաշինյան", …]
    /// ```
    public func terms(latinKey: String) throws(StoreError) -> [IndexedTerm] {
        try lookup(.latinKey, value: latinKey)
    }

    /// A look-up of terms by one of their indexed forms.
    enum TermLookup: CaseIterable {
        case key, normalized, latinKey

        /// The query, its one argument `?1`; each part is answered by an index.
        var sql: String {
            let select = "SELECT \(GlossaryStore.indexedTermColumns) FROM term WHERE "
            let order = " ORDER BY conceptId, position"
            switch self {
            case .key: return select + "key = ?1" + order
            case .normalized:
                // '' stands for a normalized form equal to the text (schema v7, StoredForms).
                return select + "(normalized = ?1 OR (normalized = '' AND text = ?1)) AND key IN (?2, ?3, ?4)" + order
            case .latinKey:
                // The latinKey index holds only the terms whose latinKey differs from their key (schema v4), which
                // excludes '', a latinKey equal to the key (schema v7); the others are found through the key index.
                return select + "key = ?1 AND latinKey IN (key, '') UNION ALL " + select
                    + "latinKey = ?1 AND latinKey <> key AND latinKey <> ''" + order
            }
        }
    }

    private func lookup(_ lookup: TermLookup, value: String) throws(StoreError) -> [IndexedTerm] {
        try self.lookup(lookup, arguments: [value])
    }

    private func lookup(_ lookup: TermLookup, arguments: [String]) throws(StoreError) -> [IndexedTerm] {
        try read { db in
            let rows = try Row.fetchCursor(db, sql: lookup.sql, arguments: StatementArguments(arguments))
            var terms: [IndexedTerm] = []
            while let row = try rows.next() { terms.append(Self.indexedTerm(from: row)) }
            return terms
        }
    }

    /// Every term with its keys, in storage order: what a matcher loads to build its in-memory indexes.
    ///
    /// ```swift
    /// var byKey: [String: [String]] = [:]
    /// for term in try store.allTerms() { byKey[term.key, default: []].append(term.conceptId) }
    /// ```
    public func allTerms() throws(StoreError) -> [IndexedTerm] {
        var terms: [IndexedTerm] = []
        try forEachTerm { terms.append($0) }
        return terms
    }

    /// Calls `body` with every term and its keys, in storage order, without holding them all in memory.
    ///
    /// The store is read in one snapshot: writes by other connections during the scan are not seen.
    public func forEachTerm(_ body: (IndexedTerm) -> Void) throws(StoreError) {
        try read { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT \(Self.indexedTermColumns) FROM term")
            while let row = try rows.next() { body(Self.indexedTerm(from: row)) }
        }
    }

    /// The store's write stamp: a random value that every committed write replaces (schema 8), so a cache of what
    /// was read from the store is current exactly when it was read under the stamp the store has now.
    ///
    /// ```swift
    /// let stamp = try store.writeStamp()
    /// try store.add(nato)
    /// try store.writeStamp() == stamp   // false
    /// ```
    public func writeStamp() throws(StoreError) -> String {
        try read { db in try String.fetchOne(db, sql: "SELECT writeStamp FROM storeInfo") ?? "" }
    }

    /// Every concept with its terms, every term with its keys, and the write stamp they were read under, from one
    /// read transaction and one scan of the term table: what a matcher is built from.
    ///
    /// The concepts are those of ``concepts(types:domains:)`` and the terms those of ``allTerms()``, in the same
    /// orders; reading them with those two costs two scans of the term table.
    ///
    /// ```swift
    /// let contents = try store.contents()
    /// let matcher = try EntityMatcher(concepts: contents.concepts, indexedTerms: contents.terms)
    /// ```
    public func contents() throws(StoreError) -> StoreContents {
        try read { db in
            let stamp = try String.fetchOne(db, sql: "SELECT writeStamp FROM storeInfo") ?? ""
            var concepts: [Concept] = []
            var index: [String: Int] = [:]
            let rows = try Row.fetchCursor(db, sql: """
                SELECT id, type, domain, note, sources, externalIDs FROM concept ORDER BY rowid
                """)
            while let row = try rows.next() {
                let concept = Self.concept(from: row)
                index[concept.id] = concepts.count
                concepts.append(concept)
            }
            var terms: [IndexedTerm] = []
            var positions = [[Int]](repeating: [], count: concepts.count)
            // The columns of `indexedTermColumns`, then the term's source.
            let cursor = try Row.fetchCursor(db, sql: "SELECT \(Self.indexedTermColumns), source FROM term")
            // Terms come grouped by concept: the previous term's concept is looked up once.
            var previous: (id: String, concept: Int?) = ("", nil)
            while let row = try cursor.next() {
                let term = Self.indexedTerm(from: row)
                terms.append(term)
                if term.conceptId != previous.id || terms.count == 1 {
                    previous = (term.conceptId, index[term.conceptId])
                }
                guard let i = previous.concept else { continue }
                concepts[i].terms.append(Term(text: term.text, language: term.language, status: term.status,
                                              kind: term.kind, source: row[12]))
                positions[i].append(term.position)
            }
            // Each concept's terms in order, as concepts(types:domains:) puts them.
            for i in concepts.indices where positions[i].count > 1 {
                let order = positions[i].indices.sorted { positions[i][$0] < positions[i][$1] }
                if order != Array(positions[i].indices) {
                    concepts[i].terms = order.map { concepts[i].terms[$0] }
                }
            }
            return StoreContents(concepts: concepts, terms: terms, writeStamp: stamp)
        }
    }

    // MARK: - Search

    /// Full-text search over term text and the keys of their Latin forms: every word of `text` is a prefix of a word of the term.
    ///
    /// Case and diacritics are ignored, and Latin input also finds terms in other scripts through their Latin
    /// form.
    ///
    /// ```swift
    /// try store.search("pash").map(\.term.text)   // ["Nikol Pashinyan", "Пашинян", …]
    /// ```
    /// - Parameters:
    ///   - text: the words to look for; punctuation separates words.
    ///   - limit: the most hits returned, best first.
    public func search(_ text: String, limit: Int = 20) throws(StoreError) -> [SearchHit] {
        guard let query = ftsQuery(text), limit > 0 else { return [] }
        return try read { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT term.conceptId, term.text, term.language, term.status, term.kind, term.source, concept.type
                FROM termSearch
                JOIN term ON term.id = termSearch.rowid
                JOIN concept ON concept.id = term.conceptId
                WHERE termSearch MATCH ?
                ORDER BY termSearch.rank, term.conceptId, term.position
                LIMIT ?
                """, arguments: [query, limit])
            var hits: [SearchHit] = []
            while let row = try rows.next() {
                hits.append(SearchHit(conceptId: row[0], type: ConceptType(rawValue: row[6]),
                                      term: Self.term(from: row, offset: 1)))
            }
            return hits
        }
    }

    /// The FTS5 query for user text: each word quoted (so operators and punctuation are inert) and made a prefix;
    /// the words as typed, or the words of their comparison key (which joins `P'ashinyan`, folds `ß` …).
    func ftsQuery(_ text: String) -> String? {
        var alternatives: [String] = []
        for words in [Self.words(text), Self.words((try? normalizer.normalize(text).key) ?? "")] where !words.isEmpty {
            let query = words.map { "\"" + $0 + "\"*" }.joined(separator: " ")
            if !alternatives.contains(query) { alternatives.append(query) }
        }
        if alternatives.count < 2 { return alternatives.first }
        return alternatives.map { "(" + $0 + ")" }.joined(separator: " OR ")
    }

    /// The runs of letters, digits and marks in `text`.
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let properties = scalar.properties
            if properties.isAlphabetic || properties.numericType != nil || properties.generalCategory == .nonspacingMark
                || properties.generalCategory == .spacingMark
            {
                current.append(scalar)
            } else if !current.isEmpty {
                words.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { words.append(String(current)) }
        return words
    }

    // MARK: - Statistics

    /// Counts, versions and size of the store.
    public func stats() throws(StoreError) -> StoreStats {
        let (info, byType, byLanguage): (Row?, [Row], [Row]) = try read { db in
            (try Row.fetchOne(db, sql: "SELECT schemaVersion, keyFormatVersion, defaultStoreFingerprint FROM storeInfo"),
             try Row.fetchAll(db, sql: "SELECT type, COUNT(*) FROM concept GROUP BY type ORDER BY 2 DESC, 1"),
             try Row.fetchAll(db, sql: "SELECT language, COUNT(*) FROM term GROUP BY language ORDER BY 2 DESC, 1"))
        }
        let conceptsByType = byType.map { (type: ConceptType(rawValue: $0[0]), count: $0[1] as Int) }
        let termsByLanguage = byLanguage.map { (language: LanguageTag(canonical: $0[0]), count: $0[1] as Int) }
        var size = 0
        for suffix in ["", "-wal"] {
            let attributes = try? FileManager.default.attributesOfItem(atPath: path + suffix)
            size += (attributes?[.size] as? NSNumber)?.intValue ?? 0
        }
        return StoreStats(path: path, isDefault: isDefault, schemaVersion: info?[0] ?? 0,
                          keyFormatVersion: info?[1] ?? 0, defaultStoreFingerprint: info?[2],
                          conceptCount: conceptsByType.reduce(0) { $0 + $1.count },
                          termCount: termsByLanguage.reduce(0) { $0 + $1.count },
                          conceptsByType: conceptsByType, termsByLanguage: termsByLanguage, sizeOnDisk: size)
    }

    // MARK: - Private

    /// Runs `body` in a read transaction, turning any error into a ``StoreError``.
    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do { return try pool.read(body) } catch { throw StoreError(wrapping: error, path: path) }
    }

    static let indexedTermColumns =
        "id, conceptId, text, language, status, kind, normalized, key, script, latin, latinKey, position"

    static func indexedTerm(from row: Row) -> IndexedTerm {
        IndexedTerm(id: row[0], conceptId: row[1], text: row[2], language: LanguageTag(canonical: row[3]),
                    status: TermStatus(rawValue: row[4]) ?? .admitted, kind: TermKind(rawValue: row[5]) ?? .full,
                    keys: StoredForms.keys(text: row[2], normalized: row[6], key: row[7], script: row[8],
                                           latin: row[9], latinKey: row[10]),
                    position: row[11])
    }

    /// A concept from `id, type, domain, note, sources, externalIDs`.
    static func concept(from row: Row) -> Concept {
        Concept(id: row[0], type: ConceptType(rawValue: row[1]), domain: row[2], note: row[3],
                sources: JSONColumns.decodeStrings(row[4]), externalIDs: JSONColumns.decodeDictionary(row[5]))
    }

    /// A term from `text, language, status, kind, source` starting at column `offset`.
    static func term(from row: Row, offset: Int) -> Term {
        Term(text: row[offset], language: LanguageTag(canonical: row[offset + 1]),
             status: TermStatus(rawValue: row[offset + 2]) ?? .admitted, kind: TermKind(rawValue: row[offset + 3]) ?? .full,
             source: row[offset + 4])
    }
}
