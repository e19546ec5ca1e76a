public import Foundation
public import OnomaGlossary
public import OnomaText

/// The bilingual glossary of one document: each concept the document names, with the forms it uses, the canonical
/// form in the target language, how often it is named and the first sentence it appears in; and the capitalized
/// names that matched no concept, with their closest concepts, for a translator to review.
///
/// It is built by one ``LinkSession`` over the document's ``TextChunker`` chunks, so a document of any size is read
/// with bounded memory. ``concepts()`` turns it into concepts for ``GlossaryWriter`` (TSV, CSV, TBX) that import
/// back into the store without rewriting it: see ``concepts()``.
///
/// ```swift
/// let linker = try EntityLinker(store: store)
/// let options = EntityLinker.Options(language: LanguageTag(canonical: "fr"), target: LanguageTag(canonical: "en"))
/// let glossary = try DocumentGlossary(text: "Erevan accuse Bakou.", linker: linker, options: options)
/// glossary.entries.map(\.conceptID)   // ["yerevan", "baku"]
/// let tbx = GlossaryWriter.write(glossary.concepts(), format: .tbx, options: glossary.exportOptions())
/// ```
public struct DocumentGlossary: Sendable, Hashable {
    /// One way the document writes a concept or a name.
    public struct Form: Sendable, Hashable {
        /// The form as the document writes it most often (on a tie, as the store writes it, else as first written).
        public var text: String
        /// Whether the form names the entity or is an adjective or demonym derived from it.
        public var kind: Mention.Kind
        /// How many mentions use the form.
        public var count: Int
        /// The store's term of the source language with the same comparison key, when the store has one; nil for a
        /// form the store lacks (a transcription or fuzzy variant, an unseen surname alone, a name of review).
        public var storeTerm: Term?
        /// The kind of term the form is: the store term's kind, else the kind of the term it was linked through
        /// (`short` for a surname alone, `adjective` for an adjective).
        public var termKind: TermKind

        /// Creates a value from its parts.
        public init(text: String, kind: Mention.Kind, count: Int, storeTerm: Term? = nil, termKind: TermKind = .full) {
            self.text = text
            self.kind = kind
            self.count = count
            self.storeTerm = storeTerm
            self.termKind = termKind
        }
    }

    /// One concept the document names.
    public struct Entry: Sendable, Hashable {
        /// The store's concept, as the linker read it.
        public var concept: Concept
        /// The forms the document uses, in order of first appearance.
        public var forms: [Form]
        /// The concept's canonical term in the target language; nil when the store has none in that language.
        public var canonical: Term?
        /// The target language's adjective, when some form is an adjective and the store has one.
        public var adjective: Term?
        /// How many mentions name the concept.
        public var mentions: Int
        /// The sentence of the first mention, white space collapsed, at most about 300 characters.
        public var firstSentence: String
        /// The scalar offset of the first mention in the document (as `onoma link` counts).
        public var firstOffset: Int

        /// Creates a value from its parts.
        public init(concept: Concept, forms: [Form], canonical: Term?, adjective: Term? = nil, mentions: Int,
                    firstSentence: String, firstOffset: Int) {
            self.concept = concept
            self.forms = forms
            self.canonical = canonical
            self.adjective = adjective
            self.mentions = mentions
            self.firstSentence = firstSentence
            self.firstOffset = firstOffset
        }

        /// The concept's id.
        public var conceptID: String { concept.id }
        /// The concept's type.
        public var type: ConceptType { concept.type }
    }

    /// A capitalized name that matched no concept: what the store lacks.
    public struct ReviewItem: Sendable, Hashable {
        /// The fullest form (most words; the first written on a tie): *Eduard Aghajanian* rather than *Aghajanian*.
        public var surface: String
        /// The forms, in order of first appearance: those with the same comparison key, and a surname alone with the
        /// full name it ends.
        public var forms: [Form]
        /// How many spans of the document it covers.
        public var mentions: Int
        /// The sentence of the first span, as for ``Entry/firstSentence``.
        public var firstSentence: String
        /// The scalar offset of the first span in the document.
        public var firstOffset: Int
        /// The matching cascade's best concepts for ``surface`` (fuzzy step included), best first; often empty.
        public var candidates: [UnlinkedSpan.Candidate]

        /// Creates a value from its parts.
        public init(surface: String, forms: [Form], mentions: Int, firstSentence: String, firstOffset: Int,
                    candidates: [UnlinkedSpan.Candidate] = []) {
            self.surface = surface
            self.forms = forms
            self.mentions = mentions
            self.firstSentence = firstSentence
            self.firstOffset = firstOffset
            self.candidates = candidates
        }
    }

    // MARK: - Stored state

    /// The document's file name, used in sources and notes; nil for standard input or text in memory.
    public var file: String?
    /// The language of the document and of the forms.
    public var source: LanguageTag
    /// The language of the canonical forms.
    public var target: LanguageTag
    /// The concepts the document names, in order of first mention.
    public var entries: [Entry]
    /// The names that matched nothing, in order of first appearance.
    public var toReview: [ReviewItem]
    /// How many invalid UTF-8 bytes were read as U+FFFD.
    public var invalidByteCount: Int
    /// The byte offset of the first invalid UTF-8 byte.
    public var firstInvalidByte: Int?

    /// The most characters of a first sentence; a longer sentence is cut around the mention, with `…`.
    public static let sentenceLimit = 300

    // MARK: - Building

    /// Reads a document to its end and builds its glossary.
    ///
    /// ```swift
    /// let handle = try #require(FileHandle(forReadingAtPath: "article.txt"))
    /// let glossary = try DocumentGlossary(reading: handle, file: "article.txt", linker: linker, options: options)
    /// ```
    ///
    /// - Parameters:
    ///   - handle: the document, UTF-8 text (invalid bytes are read as U+FFFD and counted).
    ///   - file: the file name for sources, notes and errors; nil for standard input.
    ///   - linker: the linker over the store.
    ///   - options: the linking options; `language` is the document's language and tags the forms (`und` when nil),
    ///     `target` the canonical forms' language.
    ///   - candidateLimit: how many candidates each name to review gets.
    ///   - chunkSize: the size of the chunks the document is linked in.
    /// - Throws: ``LinkError``: `binaryInput` for a NUL byte, `unreadableInput` when the handle cannot be read.
    public init(reading handle: FileHandle, file: String?, linker: EntityLinker, options: EntityLinker.Options,
                candidateLimit: Int = 3, chunkSize: Int = TextChunker.defaultSize) throws(LinkError) {
        var builder = Builder(linker: linker, options: options, file: file)
        try builder.session.link(reading: handle, file: file, chunkSize: chunkSize) { chunk, bytes, _ in
            builder.add(chunk, bytes: bytes)
        }
        self = builder.finish(candidateLimit: candidateLimit)
    }

    /// Builds the glossary of a document held in memory.
    ///
    /// - Parameters: as for ``init(reading:file:linker:options:candidateLimit:chunkSize:)``.
    /// - Throws: ``LinkError`` with code `binaryInput` when the text holds a NUL.
    public init(text: String, file: String? = nil, linker: EntityLinker, options: EntityLinker.Options,
                candidateLimit: Int = 3) throws(LinkError) {
        var builder = Builder(linker: linker, options: options, file: file)
        try builder.add(Array(text.utf8))
        self = builder.finish(candidateLimit: candidateLimit)
    }

    /// Creates a glossary from its parts.
    public init(file: String?, source: LanguageTag, target: LanguageTag, entries: [Entry], toReview: [ReviewItem],
                invalidByteCount: Int = 0, firstInvalidByte: Int? = nil) {
        self.file = file
        self.source = source
        self.target = target
        self.entries = entries
        self.toReview = toReview
        self.invalidByteCount = invalidByteCount
        self.firstInvalidByte = firstInvalidByte
    }

    // MARK: - API

    /// How many mentions the entries count together.
    public var mentionCount: Int { entries.reduce(0) { $0 + $1.mentions } }

    /// The glossary as concepts for ``GlossaryWriter``, one per entry, in document order; names to review have no
    /// concept and are left out.
    ///
    /// Each concept keeps the store's id, type, domain and external ids, so importing it merges into the same
    /// concept. Its terms are the source-language forms, the most frequent first, then the target canonical term
    /// and adjective. A form the store has is written as the store has it (text, status, kind), so the merge leaves
    /// it alone; a form it lacks is a new `admitted` term of ``Form/termKind``. The note is the store's note followed
    /// by a line `Context (FILE): first sentence` (a merge replaces the note, so the store's note is carried over;
    /// the line is not added twice). The sources are `document: FILE`.
    ///
    /// ```swift
    /// let text = GlossaryWriter.write(glossary.concepts(), format: .tbx, options: glossary.exportOptions())
    /// try store.import(GlossaryReader.read(Array(text.utf8), file: "doc.tbx", format: .tbx))   // grows the store
    /// ```
    public func concepts() -> [Concept] {
        entries.map { entry in
            var terms: [Term] = []
            var seen = Set<String>()
            func add(_ term: Term) {
                if seen.insert(term.language.description + "\t" + term.text).inserted { terms.append(term) }
            }
            let byFrequency = entry.forms.enumerated().sorted {
                $0.element.count != $1.element.count ? $0.element.count > $1.element.count : $0.offset < $1.offset
            }.map(\.element)
            for form in byFrequency {
                add(form.storeTerm ?? Term(text: form.text, language: source, status: .admitted, kind: form.termKind))
            }
            if let canonical = entry.canonical { add(canonical) }
            if let adjective = entry.adjective { add(adjective) }
            let context = Self.contextLine(entry.firstSentence, file: file)
            var note = entry.concept.note
            if !context.isEmpty, !(note?.contains(context) ?? false) {
                note = note.map { $0 + "\n" + context } ?? context
            }
            return Concept(id: entry.concept.id, type: entry.concept.type, domain: entry.concept.domain, note: note,
                           sources: file.map { ["document: \($0)"] } ?? [], externalIDs: entry.concept.externalIDs,
                           terms: terms)
        }
    }

    /// Export options for ``concepts()``: document order kept, source-language columns and sections first.
    public func exportOptions(tbxVersion: Int = 2) -> GlossaryExportOptions {
        GlossaryExportOptions(tbxVersion: tbxVersion, sortsByTerm: false, sortLanguage: source)
    }

    /// The note line ``concepts()`` adds: `Context (FILE): sentence`, or `Context: sentence`.
    public static func contextLine(_ sentence: String, file: String?) -> String {
        guard !sentence.isEmpty else { return "" }
        return "Context" + (file.map { " (\($0))" } ?? "") + ": " + sentence
    }

    /// The glossary as Markdown: a title, a summary line, a table `| fr forms | en | type | mentions | first
    /// sentence |` and, when some names matched nothing, a section `## To review` with their candidates.
    public func markdown() -> String {
        let from = source.description, to = target.description
        var out = "# Glossary" + (file.map { " of \(Self.markdownCell($0))" } ?? "") + " (\(from) → \(to))\n\n"
        out += "\(entries.count) concepts, \(mentionCount) mentions; \(toReview.count) "
            + (toReview.count == 1 ? "name" : "names") + " to review.\n\n"
        out += "| \(from) forms | \(to) | type | mentions | first sentence |\n|---|---|---|---:|---|\n"
        for entry in entries {
            let forms = entry.forms.map(Self.markdownForm).joined(separator: ", ")
            var target = entry.canonical.map { Self.markdownCell($0.text) } ?? "—"
            if let adjective = entry.adjective { target += " (adj. *\(Self.markdownCell(adjective.text))*)" }
            out += "| \(forms) | \(target) | \(entry.type) | \(entry.mentions) | "
                + "\(Self.markdownCell(entry.firstSentence)) |\n"
        }
        if !toReview.isEmpty {
            out += "\n## To review\n\nCapitalized names that matched no concept of the store, with the closest "
                + "concepts.\n\n"
            out += "| \(from) forms | mentions | candidates | first sentence |\n|---|---:|---|---|\n"
            for item in toReview {
                let forms = item.forms.map(Self.markdownForm).joined(separator: ", ")
                let candidates = item.candidates.isEmpty ? "—" : item.candidates.map { candidate in
                    (candidate.canonical.map { Self.markdownCell($0) + " " } ?? "")
                        + "`\(candidate.conceptID)` " + String(format: "%.2f", candidate.score)
                }.joined(separator: "; ")
                out += "| \(forms) | \(item.mentions) | \(candidates) | \(Self.markdownCell(item.firstSentence)) |\n"
            }
        }
        return out
    }

    /// The names to review as TSV with a header: `name`, `forms` (`form (count)`, ` | `-separated), `mentions`,
    /// `candidates` (`id (canonical) score`, `; `-separated), `firstSentence`. Tabs and line breaks in values
    /// become spaces.
    public func reviewTSV() -> String {
        var out = "name\tforms\tmentions\tcandidates\tfirstSentence\n"
        for item in toReview {
            let forms = item.forms.map { "\($0.text) (\($0.count))" }.joined(separator: " | ")
            let candidates = item.candidates.map { candidate in
                candidate.conceptID + (candidate.canonical.map { " (\($0))" } ?? "")
                    + " " + String(format: "%.2f", candidate.score)
            }.joined(separator: "; ")
            out += [item.surface, forms, String(item.mentions), candidates, item.firstSentence]
                .map(Self.tsvField).joined(separator: "\t") + "\n"
        }
        return out
    }

    // MARK: - Private

    private static func markdownForm(_ form: Form) -> String {
        let text = markdownCell(form.text)
        return (form.kind == .adjective ? "*\(text)*" : text) + " (\(form.count))"
    }

    /// `text` safe in a Markdown table cell: one line, with `\ | * _ ` < ` escaped.
    static func markdownCell(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "\\", "|", "*", "_", "`", "<": out += "\\" + String(character)
            case "\n", "\r", "\r\n", "\t": out += " "
            default: out.append(character)
            }
        }
        return out
    }

    private static func tsvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return text }
        return String(text.map { $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? " " : $0 })
    }
}

// MARK: - The builder

extension DocumentGlossary {
    /// Collects a session's mentions and unlinked spans, chunk after chunk.
    private struct Builder {
        /// A form being counted: its surfaces as written, with counts, in order.
        struct FormCount {
            var key: String
            var surfaces: [(text: String, count: Int)]
            var kind: Mention.Kind
            var termKind: TermKind
            var count: Int { surfaces.reduce(0) { $0 + $1.count } }

            mutating func add(_ surface: String) {
                if let i = surfaces.firstIndex(where: { $0.text == surface }) {
                    surfaces[i].count += 1
                } else {
                    surfaces.append((surface, 1))
                }
            }

            /// The most frequent surface; on a tie `preferred` when it is one of them, else the first written.
            func text(preferring preferred: String?) -> String {
                let top = surfaces.map(\.count).max() ?? 0
                if let preferred, surfaces.contains(where: { $0.text == preferred && $0.count == top }) {
                    return preferred
                }
                return surfaces.first { $0.count == top }?.text ?? key
            }
        }

        struct EntryCount {
            var concept: Concept
            var forms: [FormCount] = []
            var mentions = 0
            var firstSentence: String
            var firstOffset: Int
            var usesAdjective = false
        }

        struct ReviewCount {
            var key: String
            var words: Int
            var forms: [FormCount] = []
            var firstSentence: String
            var firstOffset: Int
        }

        let linker: EntityLinker
        let options: EntityLinker.Options
        let file: String?
        let source: LanguageTag
        let session: LinkSession
        private var entries: [EntryCount] = []
        private var entryIndex: [String: Int] = [:]
        private var reviews: [ReviewCount] = []
        private var reviewIndex: [String: Int] = [:]
        private var keys: [String: String] = [:]
        /// The last bytes of the previous chunks, for sentences that began there.
        private var carry: [UInt8] = []
        private var invalidCount = 0
        private var firstInvalid: Int?

        /// Bytes of the previous chunk kept for the sentence of a mention near a chunk's start.
        static let carryLimit = 4096

        init(linker: EntityLinker, options: EntityLinker.Options, file: String?) {
            self.linker = linker
            self.options = options
            self.file = file
            self.source = options.language ?? LanguageTag(canonical: "und")
            self.session = linker.session(options: options)
        }

        /// Links the next chunk and counts what it names.
        mutating func add(_ bytes: [UInt8]) throws(LinkError) {
            let chunk: LinkedChunk
            do {
                chunk = try bytes.withUnsafeBufferPointer { buffer throws(LinkError) in try session.link(buffer) }
            } catch {
                var error = error
                error.file = error.file ?? file
                throw error
            }
            add(chunk, bytes: bytes)
        }

        /// Counts what a linked chunk names.
        mutating func add(_ chunk: LinkedChunk, bytes: [UInt8]) {
            if chunk.invalidCount > 0 {
                if firstInvalid == nil { firstInvalid = chunk.invalidBytes.first }
                invalidCount += chunk.invalidCount
            }
            let window = carry + bytes
            let base = chunk.byteOffset - carry.count
            for mention in chunk.mentions {
                record(mention, window: window, base: base)
            }
            for span in chunk.unlinked {
                record(span, window: window, base: base)
            }
            var start = max(0, window.count - Self.carryLimit)
            while start < window.count, window[start] & 0xC0 == 0x80 { start += 1 }
            carry = Array(window[start...])
        }

        private mutating func record(_ mention: Mention, window: [UInt8], base: Int) {
            let surface = SentenceCutter.collapsed(mention.surface.unicodeScalars)
            let index: Int
            if let known = entryIndex[mention.conceptID] {
                index = known
            } else {
                let concept = linker.concept(id: mention.conceptID)
                    ?? Concept(id: mention.conceptID, type: mention.type)
                let span = (mention.byteStart - base)..<(mention.byteEnd - base)
                let sentence = SentenceCutter.sentence(in: window, around: span)
                index = entries.count
                entryIndex[mention.conceptID] = index
                entries.append(EntryCount(concept: concept, firstSentence: sentence, firstOffset: mention.start))
            }
            entries[index].mentions += 1
            if mention.kind == .adjective { entries[index].usesAdjective = true }
            let key = self.key(surface)
            if let form = entries[index].forms.firstIndex(where: { $0.key == key }) {
                entries[index].forms[form].add(surface)
            } else {
                var kind: TermKind = mention.kind == .adjective ? .adjective : mention.matchedTerm.kind
                if kind == .transliteration { kind = .full }
                entries[index].forms.append(FormCount(key: key, surfaces: [(surface, 1)], kind: mention.kind,
                                                      termKind: kind))
            }
        }

        private mutating func record(_ span: UnlinkedSpan, window: [UInt8], base: Int) {
            let surface = SentenceCutter.collapsed(span.surface.unicodeScalars)
            let key = self.key(surface)
            // A lone initial (the J of J+30) names nothing a glossary could hold.
            if key.unicodeScalars.lazy.filter({ $0 != " " }).count < 2 { return }
            if let index = reviewIndex[key] {
                reviews[index].forms[0].add(surface)
                return
            }
            let sentence = SentenceCutter.sentence(in: window, around: (span.byteStart - base)..<(span.byteEnd - base))
            reviewIndex[key] = reviews.count
            reviews.append(ReviewCount(key: key, words: key.split(separator: " ").count,
                                       forms: [FormCount(key: key, surfaces: [(surface, 1)], kind: .name,
                                                         termKind: .full)],
                                       firstSentence: sentence, firstOffset: span.start))
        }

        /// The comparison key of a surface in the document's language (case, diacritics, elision folded).
        private mutating func key(_ surface: String) -> String {
            if let known = keys[surface] { return known }
            let key = (try? linker.normalizer.normalize(surface, language: options.language?.description))?.key
                ?? surface.lowercased()
            keys[surface] = key
            return key
        }

        /// The glossary: forms matched to the store's terms, names to review grouped and given candidates.
        mutating func finish(candidateLimit: Int) -> DocumentGlossary {
            var result: [Entry] = []
            result.reserveCapacity(entries.count)
            for counted in entries {
                let concept = counted.concept
                var storeTerms: [String: Term] = [:]
                for term in concept.terms(in: source) {
                    let key = self.key(term.text)
                    if storeTerms[key] == nil { storeTerms[key] = term }
                }
                let forms = counted.forms.map { form -> Form in
                    let storeTerm = storeTerms[form.key]
                    return Form(text: form.text(preferring: storeTerm?.text), kind: form.kind, count: form.count,
                                storeTerm: storeTerm, termKind: storeTerm?.kind ?? form.termKind)
                }
                var canonical = concept.canonicalTerm(in: options.target)
                if let term = canonical, term.language.language != options.target.language { canonical = nil }
                let adjective = counted.usesAdjective
                    ? concept.terms(in: options.target).filter { $0.kind == .adjective && $0.status != .deprecated }
                        .min { $0.status < $1.status }
                    : nil
                result.append(Entry(concept: concept, forms: forms, canonical: canonical, adjective: adjective,
                                    mentions: counted.mentions, firstSentence: counted.firstSentence,
                                    firstOffset: counted.firstOffset))
            }
            return DocumentGlossary(file: file, source: source, target: options.target, entries: result,
                                    toReview: reviewItems(candidateLimit: candidateLimit),
                                    invalidByteCount: invalidCount, firstInvalidByte: firstInvalid)
        }

        /// The names to review, a surname alone merged into the one full name it ends.
        private func reviewItems(candidateLimit: Int) -> [ReviewItem] {
            var groups = reviews
            var merged = Set<Int>()
            for (i, single) in groups.enumerated() where single.words == 1 {
                let owners = groups.indices.filter { j in
                    groups[j].words > 1 && groups[j].key.split(separator: " ").last.map(String.init) == single.key
                }
                guard owners.count == 1, let owner = owners.first else { continue }
                if single.firstOffset < groups[owner].firstOffset {
                    groups[owner].forms = single.forms + groups[owner].forms
                    groups[owner].firstOffset = single.firstOffset
                    groups[owner].firstSentence = single.firstSentence
                } else {
                    groups[owner].forms += single.forms
                }
                merged.insert(i)
            }
            return groups.indices.filter { !merged.contains($0) }.map { i -> ReviewItem in
                let group = groups[i]
                let forms = group.forms.map { Form(text: $0.text(preferring: nil), kind: .name, count: $0.count) }
                // The fullest form: most words, the first written on a tie.
                let surface = forms.max { lhs, rhs in
                    lhs.text.split(separator: " ").count < rhs.text.split(separator: " ").count
                }?.text ?? group.key
                return ReviewItem(surface: surface, forms: forms, mentions: forms.reduce(0) { $0 + $1.count },
                                  firstSentence: group.firstSentence, firstOffset: group.firstOffset,
                                  candidates: candidateLimit > 0
                                    ? linker.candidates(for: surface, options: options, limit: candidateLimit) : [])
            }.sorted { $0.firstOffset < $1.firstOffset }
        }
    }
}

// MARK: - Sentences

/// Cuts the sentence around a span of text: from the end of the previous sentence to the end of the span's own.
///
/// A sentence ends at `.`, `!`, `?` or `…` followed by white space (after closing quotes and brackets, `»` also
/// after a space), or at a blank line. A terminator before a lower-case word, and a period after an initial or a
/// usual abbreviation (*M.*, *Rep.*, *Dr.*), end nothing. The result has its white space collapsed and is at most about
/// ``DocumentGlossary/sentenceLimit`` characters, cut around the span with `…` when longer.
enum SentenceCutter {
    /// Abbreviations whose period ends no sentence.
    static let abbreviations: Set<String> = [
        "M", "MM", "Mme", "Mlle", "Mr", "Mrs", "Ms", "Dr", "Pr", "Prof", "St", "Ste", "Mgr", "Gen", "Gén", "Col",
        "Lt", "Sgt", "Cpt", "Rep", "Sen", "Gov", "Jr", "Sr", "No", "Vol", "av", "Av", "cf", "env", "vs",
    ]

    /// The sentence of `bytes` around the byte range `span`, cleaned and capped.
    static func sentence(in bytes: [UInt8], around span: Range<Int>,
                         limit: Int = DocumentGlossary.sentenceLimit) -> String {
        guard span.lowerBound >= 0, span.upperBound <= bytes.count, !span.isEmpty else { return "" }
        let reach = 4 * limit + 1024
        var lower = max(0, span.lowerBound - reach)
        while lower < span.lowerBound, bytes[lower] & 0xC0 == 0x80 { lower += 1 }
        var upper = min(bytes.count, span.upperBound + reach)
        while upper > span.upperBound, upper < bytes.count, bytes[upper] & 0xC0 == 0x80 { upper -= 1 }
        let before = scalars(bytes[lower..<span.lowerBound])
        let inside = scalars(bytes[span])
        let after = scalars(bytes[span.upperBound..<upper])
        let s = before + inside + after
        let a = before.count, b = a + inside.count

        var start = 0
        var cutBefore = lower > 0
        var i = a - 1
        while i >= 0 {
            if isParagraphBreak(s, at: i) {
                start = i + 1
                cutBefore = false
                break
            }
            if isTerminator(s[i]), let end = sentenceEnd(s, at: i), end <= a {
                start = end
                cutBefore = false
                break
            }
            i -= 1
        }
        var end = s.count
        var cutAfter = upper < bytes.count
        var j = b
        while j < s.count {
            if isParagraphBreak(s, at: j) {
                end = j
                cutAfter = false
                break
            }
            if isTerminator(s[j]), let found = sentenceEnd(s, at: j) {
                end = found
                cutAfter = false
                break
            }
            j += 1
        }

        // Too long: a window around the span, in whole words.
        var from = start, to = end
        if collapsedLength(s[start..<end]) > limit {
            let room = max(0, limit - (b - a))
            var left = min(a - start, room / 2)
            let right = min(end - b, room - left)
            left = min(a - start, room - right)
            from = a - left
            to = b + right
            if from > start {
                while from < a, !s[from - 1].properties.isWhitespace { from += 1 }
                cutBefore = true
            }
            if to < end {
                while to > b, !s[to].properties.isWhitespace { to -= 1 }
                cutAfter = true
            }
        }
        var text = collapsed(s[from..<to])
        if text.isEmpty { return "" }
        if cutBefore { text = "… " + text }
        if cutAfter { text += " …" }
        return text
    }

    private static func scalars(_ bytes: ArraySlice<UInt8>) -> [Unicode.Scalar] {
        Array(String(decoding: bytes, as: UTF8.self).unicodeScalars)
    }

    private static func isTerminator(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "." || scalar == "!" || scalar == "?" || scalar == "…"
    }

    /// A closing quote or bracket that belongs to the sentence before it.
    private static func isClosing(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "\"", "'", "”", "’", "»", "›", ")", "]": return true
        default: return false
        }
    }

    private static func isInlineSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\u{A0}" || scalar == "\u{202F}" || scalar == "\t"
    }

    /// Whether `s[i]` is a line break that, with an earlier one and only spaces between, makes a blank line (or
    /// is a paragraph separator).
    private static func isParagraphBreak(_ s: [Unicode.Scalar], at i: Int) -> Bool {
        if s[i] == "\u{2029}" { return true }
        guard s[i] == "\n" else { return false }
        var k = i - 1
        while k >= 0, isInlineSpace(s[k]) || s[k] == "\r" { k -= 1 }
        if k >= 0, s[k] == "\n" { return true }
        k = i + 1
        while k < s.count, isInlineSpace(s[k]) || s[k] == "\r" { k += 1 }
        return k < s.count && s[k] == "\n"
    }

    /// Where the sentence whose terminator is `s[i]` ends (after closing quotes and brackets), or nil when the
    /// terminator ends no sentence.
    private static func sentenceEnd(_ s: [Unicode.Scalar], at i: Int) -> Int? {
        var k = i
        while k < s.count, isTerminator(s[k]) { k += 1 }
        var end = k
        var m = k
        while m < s.count {
            if isClosing(s[m]) {
                m += 1
                end = m
            } else if isInlineSpace(s[m]), m + 1 < s.count, s[m + 1] == "»" || s[m + 1] == "›" {
                m += 1
            } else {
                break
            }
        }
        guard end == s.count || s[end].properties.isWhitespace else { return nil }
        if k == i + 1, s[i] == "." {
            // The word before a period: an initial or an abbreviation ends no sentence.
            var w = i
            while w > 0, s[w - 1].properties.isAlphabetic { w -= 1 }
            let word = String(String.UnicodeScalarView(s[w..<i]))
            if word.unicodeScalars.count == 1, s[w].properties.isUppercase { return nil }
            if abbreviations.contains(word) { return nil }
        }
        // Followed by a lower-case word, the sentence goes on (etc. ont vu; « la paix ! » à Erevan).
        var n = end
        while n < s.count, s[n].properties.isWhitespace { n += 1 }
        if n < s.count, s[n].properties.isLowercase { return nil }
        return end
    }

    private static func collapsedLength(_ slice: ArraySlice<Unicode.Scalar>) -> Int {
        var count = 0
        var space = false
        for scalar in slice {
            if scalar.properties.isWhitespace {
                space = true
            } else {
                if space && count > 0 { count += 1 }
                space = false
                count += 1
            }
        }
        return count
    }

    /// The scalars with every run of white space made one space, trimmed.
    static func collapsed(_ scalars: some Sequence<Unicode.Scalar>) -> String {
        var out = String.UnicodeScalarView()
        var space = false
        for scalar in scalars {
            if scalar.properties.isWhitespace {
                space = !out.isEmpty
            } else {
                if space { out.append(" ") }
                space = false
                out.append(scalar)
            }
        }
        return String(out)
    }
}
