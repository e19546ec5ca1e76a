import OnomaText

/// Reads the TSV and CSV glossary formats: one concept per row (`Glossaries/FORMAT.md`).
///
/// The delimiter is taken from the header line (tab, comma or semicolon, whichever occurs most outside quotes),
/// whatever the file's extension. Cells may be quoted RFC 4180-style. In comma- and semicolon-separated files a
/// cell that ``DelimitedWriter`` escaped against formula injection (`'-Yerevan`) is read back without its `'`; in
/// tab-separated files cells are taken as written.
///
/// Rows whose cells are all empty are skipped (spreadsheets add them); empty header cells are allowed only after
/// the named columns and their cells must stay empty.
enum DelimitedReader {
    /// What a column holds.
    private enum Column: Equatable, Sendable {
        case id, type, domain, note, source, wikidata
        case language(LanguageTag)
        /// An unnamed trailing column: its cells must be empty.
        case unnamed

        init?(fixed name: String) {
            switch name.lowercased() {
            case "id": self = .id
            case "type": self = .type
            case "domain": self = .domain
            case "note": self = .note
            case "source", "sources": self = .source
            case "wikidata": self = .wikidata
            default: return nil
            }
        }

        var name: String {
            switch self {
            case .id: "id"
            case .type: "type"
            case .domain: "domain"
            case .note: "note"
            case .source: "source"
            case .wikidata: "wikidata"
            case .language(let tag): tag.description
            case .unnamed: ""
            }
        }
    }

    /// Reads every concept of a TSV or CSV file.
    ///
    /// - Parameters:
    ///   - source: the validated file.
    ///   - preferredDelimiter: the delimiter to assume when the header does not tell (`\t` for `.tsv`).
    static func read(_ source: SourceText, preferredDelimiter: UInt8) throws(GlossaryError) -> [Concept] {
        try source.bytes.withUnsafeBufferPointer { buffer throws(GlossaryError) in
            try readRecords(source, buffer, preferredDelimiter: preferredDelimiter)
        }
    }

    private static func readRecords(_ source: SourceText, _ buffer: UnsafeBufferPointer<UInt8>,
                                    preferredDelimiter: UInt8) throws(GlossaryError) -> [Concept] {
        let delimiter = RecordSplitter.detectDelimiter(buffer, start: source.start, preferred: preferredDelimiter)
        let unescapesFormulas = delimiter != UInt8(ascii: "\t")
        var splitter = RecordSplitter(buffer, delimiter: delimiter, start: source.start)
        var fields: [FieldSpan] = []

        func next() throws(GlossaryError) -> Int? {
            do {
                return try splitter.next(into: &fields)
            } catch {
                throw source.error(error.code, at: error.offset, error.message)
            }
        }

        // MARK: Header
        guard let headerStart = try next() else {
            throw GlossaryError(.missingColumn, file: source.file, line: 1, column: 1,
                                message: "the file has no header row (expected id, type and language columns)")
        }
        var columns: [Column] = []
        columns.reserveCapacity(fields.count)
        for field in fields {
            let name = splitter.string(field).trimmingSpaces()
            if name.isEmpty {
                columns.append(.unnamed)
                continue
            }
            if columns.last == .unnamed {
                throw source.error(.invalidValue, at: field.fieldStart,
                                   "a named column after an empty header cell: name every column")
            }
            let column: Column
            if let fixed = Column(fixed: name) {
                column = fixed
            } else {
                do {
                    column = .language(try LanguageTag(name))
                } catch {
                    throw source.error(.unknownLanguage, at: field.fieldStart,
                                       "column \"\(name)\" is neither id, type, domain, note, source, wikidata nor "
                                           + "a known language tag (BCP 47, e.g. en, fr-FR, hy-Latn, az-Cyrl)")
                }
            }
            if let previous = columns.firstIndex(of: column) {
                throw source.error(.duplicateColumn, at: field.fieldStart,
                                   "column \"\(name)\" repeats column \(previous + 1) (\"\(column.name)\")")
            }
            columns.append(column)
        }
        let (headerLine, _) = source.location(of: headerStart)
        for required in [Column.id, .type] where !columns.contains(required) {
            throw GlossaryError(.missingColumn, file: source.file, line: headerLine, column: 1,
                                message: "the header has no \"\(required.name)\" column (found: "
                                    + columns.map(\.name).filter { !$0.isEmpty }.joined(separator: ", ") + ")")
        }

        // MARK: Rows
        // Rows are parsed in record-aligned slices on all cores (a large file's rows are most of an import's
        // reading time), then merged in file order, which is where duplicate ids are found. The first problem in
        // file order is the one reported, as a row-by-row reading would.
        let rows = RowParser(source: source, buffer: SharedBytes(buffer), delimiter: delimiter, columns: columns,
                             unescapesFormulas: unescapesFormulas)
        let slices = sliceRanges(buffer, from: splitter.position, delimiter: delimiter)
        let parsed = slices.count == 1 ? [rows.parse(slices[0])]
            : Parallel.mapRanges(count: slices.count, slices: slices.count) { _, range in
                range.map { rows.parse(slices[$0]) }
            }
        var concepts: [Concept] = []
        concepts.reserveCapacity(parsed.reduce(0) { $0 + $1.rows.count })
        var firstRow: [String: (index: Int, offset: Int)] = [:]
        firstRow.reserveCapacity(concepts.capacity)
        for slice in parsed {
            for row in slice.rows {
                let id = row.concept.id
                if let first = firstRow[id] {
                    guard concepts[first.index] == row.concept else {
                        let firstLine = source.location(of: first.offset).line
                        throw source.error(.duplicateID, at: row.idOffset, "concept id \"\(id)\" is already used on "
                            + "line \(firstLine) with different data: merge the two rows or give one another id")
                    }
                    continue  // an identical duplicate
                }
                firstRow[id] = (concepts.count, row.recordStart)
                concepts.append(row.concept)
            }
            if let error = slice.error { throw error }
        }
        return concepts
    }

    /// The byte ranges of the rows from `start` to the end, cut at record starts into one slice per ~1 MB (at most
    /// four per core), or a single range for a small file.
    ///
    /// In a file without quotes every line feed ends a record, so a cut goes to the line after an offset. With
    /// quotes a field may span lines: the cuts then come from splitting the records in order (a fast pass next to
    /// parsing them); a problem found on the way ends the cutting, and the last slice meets it when parsed.
    private static func sliceRanges(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, delimiter: UInt8)
        -> [Range<Int>]
    {
        let count = buffer.count
        let slices = min(Parallel.workers * 4, (count - start) / (1 << 20))
        guard slices > 1 else { return [start..<count] }
        let target = (count - start) / slices
        var cuts = [start]
        if !buffer[start...].contains(UInt8(ascii: "\"")) {
            var position = start
            while cuts.count < slices {
                position = min(count, max(position, cuts[cuts.count - 1] + target))
                while position < count && buffer[position] != UInt8(ascii: "\n") { position += 1 }
                position += 1
                if position >= count { break }
                cuts.append(position)
            }
        } else {
            var splitter = RecordSplitter(buffer, delimiter: delimiter, start: start)
            var fields: [FieldSpan] = []
            while cuts.count < slices {
                guard (try? splitter.next(into: &fields)) != nil, splitter.position < count else { break }
                if splitter.position - cuts[cuts.count - 1] >= target { cuts.append(splitter.position) }
            }
        }
        cuts.append(count)
        return (1..<cuts.count).map { cuts[$0 - 1]..<cuts[$0] }
    }

    /// The file's bytes, shared read-only by the threads that parse its slices.
    ///
    /// `Sendable` notes: the bytes belong to the `SourceText` that outlives the parse and nothing writes them.
    private struct SharedBytes: @unchecked Sendable {
        let buffer: UnsafeBufferPointer<UInt8>
        init(_ buffer: UnsafeBufferPointer<UInt8>) { self.buffer = buffer }
    }

    /// One parsed row: its concept and where it is in the file.
    private struct ParsedRow: Sendable {
        var concept: Concept
        var recordStart: Int
        var idOffset: Int
    }

    /// The rows of one slice up to its first problem, if any.
    private struct ParsedSlice: Sendable {
        var rows: [ParsedRow] = []
        var error: GlossaryError?
    }

    /// Parses rows once the header is known; used by several threads at once (it holds only immutable values).
    private struct RowParser: Sendable {
        let source: SourceText
        let buffer: SharedBytes
        let delimiter: UInt8
        let columns: [Column]
        let unescapesFormulas: Bool

        /// The rows of the record-aligned byte range `range`.
        func parse(_ range: Range<Int>) -> ParsedSlice {
            // The splitter sees the file up to the slice's end, so offsets (and error locations) stay file offsets.
            let bytes = UnsafeBufferPointer(start: buffer.buffer.baseAddress, count: range.upperBound)
            var splitter = RecordSplitter(bytes, delimiter: delimiter, start: range.lowerBound)
            var fields: [FieldSpan] = []
            var terms: [Term] = []
            var slice = ParsedSlice()
            do throws(GlossaryError) {
                while true {
                    let recordStart: Int
                    do {
                        guard let start = try splitter.next(into: &fields) else { break }
                        recordStart = start
                    } catch {
                        throw source.error(error.code, at: error.offset, error.message)
                    }
                    if fields.allSatisfy({ isBlank(bytes, $0) }) { continue }
                    if let row = try parseRow(splitter, fields, recordStart: recordStart, terms: &terms) {
                        slice.rows.append(row)
                    }
                }
            } catch {
                slice.error = error
            }
            return slice
        }

        private func parseRow(_ splitter: RecordSplitter, _ fields: [FieldSpan], recordStart: Int,
                              terms: inout [Term]) throws(GlossaryError) -> ParsedRow?
        {
            let buffer = splitter.buffer
            guard fields.count == columns.count else {
                if fields.count > columns.count {
                    throw source.error(.columnCount, at: fields[columns.count].fieldStart,
                                       "\(fields.count) cells but the header has \(columns.count) columns")
                }
                let last = fields[fields.count - 1]
                let end = last.end + (last.start == last.fieldStart ? 0 : 1)
                throw source.error(.columnCount, at: end,
                                   "\(fields.count) cells but the header has \(columns.count) columns "
                                       + "(missing: \(columns[fields.count...].map(\.name).joined(separator: ", ")))")
            }
            var id = ""
            var idOffset = recordStart
            var type: ConceptType = .term
            var domain: String?
            var note: String?
            var sources: [String] = []
            var externalIDs: [String: String] = [:]
            terms.removeAll(keepingCapacity: true)
            for (index, column) in columns.enumerated() {
                var field = fields[index]
                if unescapesFormulas { unescapeFormula(buffer, &field) }
                switch column {
                case .language(let tag):
                    try parseTerms(source, splitter, field, language: tag, into: &terms)
                case .id:
                    id = splitter.string(field).trimmingSpaces()
                    idOffset = field.fieldStart
                    guard !id.isEmpty else {
                        throw source.error(.invalidID, at: field.fieldStart, "missing concept id")
                    }
                    guard Concept.isValidID(id) else {
                        throw source.error(.invalidID, at: field.fieldStart, "invalid concept id \"\(id)\": use "
                            + "lowercase ASCII letters and digits with inner -, _ or . (e.g. nikol-pashinyan)")
                    }
                case .type:
                    let name = splitter.string(field).trimmingSpaces().lowercased()
                    guard ConceptType.isValid(name) else {
                        throw source.error(.invalidValue, at: field.fieldStart, name.isEmpty
                            ? "missing concept type (person, place, organization, event, product, term …)"
                            : "invalid concept type \"\(name)\": a lowercase word such as person, place, "
                                + "organization, event, product, term")
                    }
                    type = ConceptType(rawValue: name)
                case .domain:
                    domain = nonEmpty(splitter.string(field))
                case .note:
                    note = nonEmpty(splitter.string(field))
                case .source:
                    sources = splitSources(splitter.string(field))
                case .wikidata:
                    guard let value = nonEmpty(splitter.string(field)) else { break }
                    let upper = value.uppercased()
                    guard isWikidataID(upper) else {
                        throw source.error(.invalidValue, at: field.fieldStart, "invalid Wikidata id \"\(value)\" "
                            + "(expected Q followed by digits, e.g. Q7747)")
                    }
                    externalIDs["wikidata"] = upper
                case .unnamed:
                    guard isBlank(buffer, field) else {
                        throw source.error(.columnCount, at: field.fieldStart,
                                           "a value in a column with an empty header: name the column")
                    }
                }
            }
            let concept = Concept(id: id, type: type, domain: domain, note: note, sources: sources,
                                  externalIDs: externalIDs, terms: terms)
            return ParsedRow(concept: concept, recordStart: recordStart, idOffset: idOffset)
        }
    }

    private static func parseTerms(_ source: SourceText, _ splitter: RecordSplitter, _ field: FieldSpan,
                                   language: LanguageTag, into terms: inout [Term]) throws(GlossaryError) {
        if !field.hasEscapedQuotes {
            do {
                try TermCell.parse(splitter.buffer, field.start..<field.end, language: language, into: &terms)
            } catch {
                throw source.error(error.code, at: error.offset, error.message)
            }
            return
        }
        let bytes = splitter.unescaped(field)
        do {
            try bytes.withUnsafeBufferPointer { cell throws(TermCell.Problem) in
                try TermCell.parse(cell, 0..<cell.count, language: language, into: &terms)
            }
        } catch {
            throw source.error(error.code, at: splitter.fileOffset(field, unescapedOffset: error.offset),
                               error.message)
        }
    }

    /// Drops the `'` that ``DelimitedWriter`` puts before a cell starting with `=`, `+`, `-`, `@`, tab or CR (or
    /// with `'`s followed by one of them).
    private static func unescapeFormula(_ buffer: UnsafeBufferPointer<UInt8>, _ field: inout FieldSpan) {
        guard field.start < field.end, buffer[field.start] == UInt8(ascii: "'") else { return }
        var index = field.start
        while index < field.end && buffer[index] == UInt8(ascii: "'") { index += 1 }
        if index < field.end && FormulaEscaping.isTrigger(buffer[index]) { field.start += 1 }
    }

    private static func isBlank(_ buffer: UnsafeBufferPointer<UInt8>, _ field: FieldSpan) -> Bool {
        var index = field.start
        while index < field.end {
            let byte = buffer[index]
            if byte != 0x20 && byte != 0x09 && byte != 0x0D && byte != 0x0A { return false }
            index += 1
        }
        return true
    }

    private static func nonEmpty(_ text: String) -> String? {
        let trimmed = text.trimmingSpaces()
        return trimmed.isEmpty ? nil : trimmed
    }

    /// Splits a `source` cell on `; `.
    static func splitSources(_ text: String) -> [String] {
        text.split(separator: "; ").map { String($0).trimmingSpaces() }.filter { !$0.isEmpty }
    }

    /// Whether `text` is `Q` followed by digits, the first not 0.
    static func isWikidataID(_ text: String) -> Bool {
        let utf8 = Array(text.utf8)
        return utf8.count >= 2 && utf8.count <= 20 && utf8[0] == UInt8(ascii: "Q") && utf8[1] != UInt8(ascii: "0")
            && utf8.dropFirst().allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }
}
