import OnomaText

/// Reads TBX glossaries of both generations into concepts.
///
/// - TBX v2 (ISO 30042:2008, TBX-Basic, no namespace): `martif/text/body/termEntry/langSet/(tig | ntig/termGrp)`.
/// - TBX v3 (ISO 30042:2019, namespace `urn:iso:std:iso:30042:ed-2`): `tbx/text/body/conceptEntry/langSec/termSec`,
///   DCA style (`<termNote type="partOfSpeech">`) or DCT style (`<basic:partOfSpeech>`).
///
/// Data categories, at any level where TBX allows them:
/// | TBX | model |
/// |---|---|
/// | entry `id` | ``Concept/id``: our `c-` prefix stripped; another id made a slug; none → `entry-<n>` |
/// | `<note>type: person</note>` (entry level) | ``Concept/type`` (default `term`) |
/// | `subjectField` | ``Concept/domain`` |
/// | `definition`, other `<note>`s | ``Concept/note`` (entry level first, else the first language's definition) |
/// | `source` (`admin`, `descrip`), `<xref target="https://…">` | ``Concept/sources`` (in a term: ``Term/source``) |
/// | `<xref target="https://www.wikidata.org/wiki/Q…">` or `"urn:onoma:scheme:value"` | ``Concept/externalIDs`` |
/// | `administrativeStatus` (also `normativeAuthorization`) | ``Term/status`` (default: first usable term preferred) |
/// | `termType`, `partOfSpeech` `adjective` | ``Term/kind`` |
enum TBXReader {
    /// Reads every concept of a TBX file.
    static func read(_ source: SourceText) throws(GlossaryError) -> [Concept] {
        let root = try MarkupTree.parse(source)
        guard root.name == "martif" || root.name == "tbx" else {
            throw MarkupTree.error(.malformedXML, at: root, in: source, "not a TBX file: the root element is "
                + "<\(root.name)>, expected <martif> (TBX v2) or <tbx> (TBX v3)")
        }
        var entries: [MarkupElement] = []
        collectEntries(root, into: &entries)

        var concepts: [Concept] = []
        var firstEntry: [String: (index: Int, element: MarkupElement)] = [:]
        for (number, entry) in entries.enumerated() {
            let (id, derived) = conceptID(entry.attributes["id"], number: number + 1)
            var concept = try readEntry(entry, id: id, source: source)
            if let first = firstEntry[concept.id] {
                if derived {
                    // A slug or generated id that collides: number it rather than refuse someone else's file.
                    var suffix = 2
                    while firstEntry["\(id)-\(suffix)"] != nil { suffix += 1 }
                    concept.id = "\(id)-\(suffix)"
                } else {
                    guard concepts[first.index] == concept else {
                        let firstLine = first.element.line
                        throw MarkupTree.error(.duplicateID, at: entry, in: source, "concept id \"\(id)\" is "
                            + "already used on line \(firstLine) with different data: merge the two entries or "
                            + "give one another id")
                    }
                    continue
                }
            }
            firstEntry[concept.id] = (concepts.count, entry)
            concepts.append(concept)
        }
        return concepts
    }

    private static func collectEntries(_ element: MarkupElement, into entries: inout [MarkupElement]) {
        for child in element.children {
            if child.name == "termEntry" || child.name == "conceptEntry" {
                entries.append(child)
            } else {
                collectEntries(child, into: &entries)
            }
        }
    }

    /// The concept id for an entry's `id` attribute, and whether it was derived (slug or generated).
    static func conceptID(_ attribute: String?, number: Int) -> (String, Bool) {
        guard let attribute = attribute?.trimmingSpaces(), !attribute.isEmpty else { return ("entry-\(number)", true) }
        if attribute.hasPrefix("c-"), Concept.isValidID(String(attribute.dropFirst(2))) {
            return (String(attribute.dropFirst(2)), false)
        }
        if Concept.isValidID(attribute) { return (attribute, false) }
        let slug = slugify(attribute)
        return (slug.isEmpty ? "entry-\(number)" : slug, true)
    }

    /// `text` as a valid concept id: lowercase ASCII letters and digits, other runs turned into one `-`.
    static func slugify(_ text: String) -> String {
        var out: [UInt8] = []
        var pendingDash = false
        for byte in text.lowercased().utf8 {
            let isAlnum = (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
            if isAlnum {
                if pendingDash && !out.isEmpty { out.append(UInt8(ascii: "-")) }
                pendingDash = false
                out.append(byte)
                if out.count >= 200 { break }
            } else {
                pendingDash = true
            }
        }
        while let last = out.last, last == UInt8(ascii: "-") { out.removeLast() }
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: - Entries

    private static func readEntry(_ entry: MarkupElement, id: String, source: SourceText) throws(GlossaryError)
        -> Concept
    {
        var concept = Concept(id: id, type: .term)
        var entryNotes: [String] = []
        var languageNote: String?
        var usable = Set<LanguageTag>()
        for child in entry.children {
            switch child.name {
            case "langSet", "langSec":
                try readLanguage(child, into: &concept, usable: &usable, note: &languageNote, source: source)
            default:
                readConceptData(child, into: &concept, notes: &entryNotes)
            }
        }
        if !entryNotes.isEmpty {
            concept.note = entryNotes.joined(separator: "\n")
        } else if concept.note == nil {
            concept.note = languageNote
        }
        return concept
    }

    /// Reads one entry-level data element (`descrip`, `admin`, `note`, `xref` and their groups).
    private static func readConceptData(_ element: MarkupElement, into concept: inout Concept,
                                        notes: inout [String]) {
        if element.name.hasSuffix("Grp") {
            for child in element.children { readConceptData(child, into: &concept, notes: &notes) }
            return
        }
        let text = element.trimmedText
        switch element.category {
        case "subjectField":
            if concept.domain == nil, !text.isEmpty { concept.domain = text }
        case "definition":
            if !text.isEmpty { notes.append(text) }
        case "note":
            if let type = typeNote(text) {
                concept.type = type
            } else if !text.isEmpty {
                notes.append(text)
            }
        case "source":
            if !text.isEmpty { concept.sources.append(text) }
        case "xref", "externalCrossReference":
            readReference(element, into: &concept)
        default:
            break
        }
    }

    /// `type: person` → `person`, when the rest is a valid type name.
    private static func typeNote(_ text: String) -> ConceptType? {
        guard text.hasPrefix("type: ") else { return nil }
        let name = String(text.dropFirst(6)).trimmingSpaces()
        return ConceptType.isValid(name) ? ConceptType(rawValue: name) : nil
    }

    /// An `xref`: a Wikidata URL or `scheme:value` becomes an external id, another target a source.
    private static func readReference(_ element: MarkupElement, into concept: inout Concept) {
        let target = (element.attributes["target"] ?? element.trimmedText).trimmingSpaces()
        guard !target.isEmpty else { return }
        for prefix in ["https://www.wikidata.org/wiki/", "http://www.wikidata.org/wiki/",
                       "https://www.wikidata.org/entity/", "http://www.wikidata.org/entity/"]
        where target.hasPrefix(prefix) {
            let qid = String(target.dropFirst(prefix.count))
            if DelimitedReader.isWikidataID(qid) {
                concept.externalIDs["wikidata"] = qid
                return
            }
        }
        if target.hasPrefix(TBXWriter.externalIDPrefix) {
            let rest = target.dropFirst(TBXWriter.externalIDPrefix.count)
            if let colon = rest.firstIndex(of: ":"), colon != rest.startIndex {
                let value = rest[rest.index(after: colon)...]
                if !value.isEmpty {
                    concept.externalIDs[String(rest[..<colon])] = String(value)
                    return
                }
            }
        }
        concept.sources.append(target)
    }

    // MARK: - Languages and terms

    private static func readLanguage(_ section: MarkupElement, into concept: inout Concept,
                                     usable: inout Set<LanguageTag>, note: inout String?,
                                     source: SourceText) throws(GlossaryError) {
        guard let tagText = section.attributes["xml:lang"] ?? section.attributes["lang"] else {
            throw MarkupTree.error(.missingColumn, at: section, in: source,
                                   "<\(section.name)> without xml:lang: every language section needs a language tag")
        }
        let language: LanguageTag
        do {
            language = try LanguageTag(tagText)
        } catch {
            let hint = tagText == "xx" ? " (\"xx\" is translate-toolkit's placeholder for an unset language: "
                + "replace it with the real tag)" : ""
            throw MarkupTree.error(.unknownLanguage, at: section, in: source, "xml:lang=\"\(tagText)\": "
                + "unknown or malformed language tag (expected BCP 47, e.g. en, fr-FR, hy-Latn, az-Cyrl)" + hint)
        }
        for child in section.children {
            switch child.name {
            case "tig", "ntig", "termSec":
                let term = try readTerm(child, language: language, usable: usable, source: source)
                if term.status != .deprecated { usable.insert(language) }
                concept.terms.append(term)
            default:
                if child.name.hasSuffix("Grp") {
                    for item in child.children where item.category == "definition" && note == nil {
                        note = nonEmpty(item.trimmedText)
                    }
                }
                switch child.category {
                case "definition", "note":
                    if note == nil { note = nonEmpty(child.trimmedText) }
                case "subjectField":
                    if concept.domain == nil { concept.domain = nonEmpty(child.trimmedText) }
                default:
                    break
                }
            }
        }
    }

    private static func readTerm(_ container: MarkupElement, language: LanguageTag, usable: Set<LanguageTag>,
                                 source: SourceText) throws(GlossaryError) -> Term {
        var text: String?
        var status: TermStatus?
        var termType: String?
        var partOfSpeech: String?
        var termSource: String?
        func visit(_ element: MarkupElement) {
            switch element.name {
            case "term":
                if text == nil { text = element.trimmedText }
                return
            case "termGrp", "termNoteGrp", "descripGrp", "adminGrp":
                element.children.forEach(visit)
                return
            default:
                break
            }
            let value = element.trimmedText
            switch element.category {
            case "administrativeStatus", "normativeAuthorization":
                status = status ?? TermStatus(tbx: value)
            case "termType":
                termType = termType ?? value
            case "partOfSpeech":
                partOfSpeech = partOfSpeech ?? value
            case "source":
                if termSource == nil, !value.isEmpty { termSource = value }
            default:
                break
            }
        }
        container.children.forEach(visit)
        guard let text, !text.isEmpty else {
            throw MarkupTree.error(.emptyTerm, at: container, in: source,
                                   "<\(container.name)> without a term: every term container needs a non-empty <term>")
        }
        var kind = termType.flatMap { TermKind(name: $0) } ?? .full
        if kind == .full && partOfSpeech?.lowercased() == "adjective" { kind = .adjective }
        let implied: TermStatus = usable.contains(language) ? .admitted : .preferred
        return Term(text: text, language: language, status: status ?? implied, kind: kind, source: termSource)
    }

    private static func nonEmpty(_ text: String) -> String? { text.isEmpty ? nil : text }
}
