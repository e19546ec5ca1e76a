import Foundation
import OnomaText

/// Reads and writes JSON Lines glossaries: one concept object per line, every field of the model.
///
/// ```json
/// {"id":"yerevan","type":"place","domain":"geography","externalIDs":{"wikidata":"Q1953"},"terms":[
///  {"text":"Yerevan","language":"en","status":"preferred","kind":"full"}]}
/// ```
/// (one line in the file). Keys: `id`, `type`, `domain`, `note`, `sources`, `externalIDs`, `terms`; a term has
/// `text`, `language`, `status`, `kind`, `source`. On reading, only `id` and, per term, `text` and `language` are
/// required: `type` defaults to `term`, `status` to the position rule of the TSV format (first usable term of a
/// language preferred, the others admitted), `kind` to `full`. Blank lines are skipped.
enum JSONLFormat {
    private struct ConceptRecord: Decodable {
        var id: String?
        var type: String?
        var domain: String?
        var note: String?
        var sources: [String]?
        var externalIDs: [String: String]?
        var terms: [TermRecord]?
    }

    private struct TermRecord: Decodable {
        var text: String?
        var language: String?
        var status: String?
        var kind: String?
        var source: String?
    }

    /// Reads every concept of a JSON Lines file.
    static func read(_ source: SourceText) throws(GlossaryError) -> [Concept] {
        let bytes = source.bytes
        let decoder = JSONDecoder()
        var concepts: [Concept] = []
        var firstLine: [String: (index: Int, line: Int)] = [:]
        var lineStart = source.start
        var line = 0
        while lineStart < bytes.count {
            line += 1
            var lineEnd = lineStart
            while lineEnd < bytes.count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
            defer { lineStart = lineEnd + 1 }
            let content = bytes[lineStart..<lineEnd]
            if content.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            func fail(_ code: GlossaryError.Code, _ column: Int?, _ message: String) -> GlossaryError {
                GlossaryError(code, file: source.file, line: line, column: column, message: message)
            }
            let record: ConceptRecord
            do {
                record = try decoder.decode(ConceptRecord.self, from: Data(content))
            } catch {
                let (column, reason) = describe(error, content)
                throw fail(.malformedJSON, column, "not a JSON concept object: \(reason)")
            }
            guard let id = record.id, Concept.isValidID(id) else {
                throw fail(.invalidID, nil, record.id.map { "invalid concept id \"\($0)\": use lowercase ASCII "
                    + "letters and digits with inner -, _ or . (e.g. nikol-pashinyan)" } ?? "missing \"id\"")
            }
            let typeName = record.type ?? ConceptType.term.rawValue
            guard ConceptType.isValid(typeName) else {
                throw fail(.invalidValue, nil, "invalid concept type \"\(typeName)\": a lowercase word such as "
                    + "person, place, organization, event, product, term")
            }
            var terms: [Term] = []
            var usable = Set<LanguageTag>()
            for (index, item) in (record.terms ?? []).enumerated() {
                guard let text = item.text, !text.trimmingSpaces().isEmpty else {
                    throw fail(.emptyTerm, nil, "term \(index + 1) has no text")
                }
                let language: LanguageTag
                do {
                    language = try LanguageTag(item.language ?? "")
                } catch {
                    throw fail(.unknownLanguage, nil, "term \(index + 1) (\"\(text)\"): " + (item.language == nil
                        ? "missing \"language\"" : error.description))
                }
                let status: TermStatus
                if let name = item.status {
                    guard let value = TermStatus(rawValue: name) else {
                        throw fail(.invalidValue, nil, "term \(index + 1) (\"\(text)\"): unknown status \"\(name)\" "
                            + "(preferred, admitted, deprecated)")
                    }
                    status = value
                } else {
                    status = usable.contains(language) ? .admitted : .preferred
                }
                if status != .deprecated { usable.insert(language) }
                var kind = TermKind.full
                if let name = item.kind {
                    guard let value = TermKind(rawValue: name) else {
                        throw fail(.invalidValue, nil, "term \(index + 1) (\"\(text)\"): unknown kind \"\(name)\" "
                            + "(full, short, acronym, adjective, transliteration)")
                    }
                    kind = value
                }
                terms.append(Term(text: text, language: language, status: status, kind: kind, source: item.source))
            }
            let concept = Concept(id: id, type: ConceptType(rawValue: typeName), domain: record.domain,
                                  note: record.note, sources: record.sources ?? [],
                                  externalIDs: record.externalIDs ?? [:], terms: terms)
            if let first = firstLine[id] {
                guard concepts[first.index] == concept else {
                    throw fail(.duplicateID, nil, "concept id \"\(id)\" is already used on line \(first.line) "
                        + "with different data: merge the two lines or give one another id")
                }
                continue
            }
            firstLine[id] = (concepts.count, line)
            concepts.append(concept)
        }
        return concepts
    }

    /// The column (when known) and a readable reason for a decoding error of `line`.
    ///
    /// `JSONDecoder` gives no position for syntax errors; `JSONSerialization` names a byte offset ("around
    /// character 12"), which becomes a column in Unicode scalars.
    private static func describe(_ error: any Error, _ line: ArraySlice<UInt8>) -> (Int?, String) {
        switch error {
        case DecodingError.typeMismatch(let type, let context):
            return (nil, "\"\(path(context.codingPath))\" should be \(type == String.self ? "a string" : "\(type)")")
        case DecodingError.keyNotFound(let key, _):
            return (nil, "missing \"\(key.stringValue)\"")
        case DecodingError.valueNotFound(_, let context):
            return (nil, "\"\(path(context.codingPath))\" is null")
        default:
            break
        }
        do {
            _ = try JSONSerialization.jsonObject(with: Data(line))
        } catch {
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "invalid JSON"
            var column: Int?
            if let range = detail.range(of: "around character ") {
                let digits = detail[range.upperBound...].prefix { $0.isASCII && $0.isNumber }
                if let offset = Int(digits) {
                    column = line.prefix(offset).reduce(1) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
                }
            } else if detail.contains("end of file") {
                column = line.reduce(1) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
            }
            let reason = detail.replacingOccurrences(of: "end of file", with: "end of line")
                .replacingOccurrences(of: " around character \\d+", with: "", options: .regularExpression)
            return (column, reason.hasSuffix(".") ? String(reason.dropLast()) : reason)
        }
        return (nil, "invalid JSON")
    }

    private static func path(_ codingPath: [any CodingKey]) -> String {
        codingPath.map { $0.intValue.map { "\($0 + 1)" } ?? $0.stringValue }.joined(separator: ".")
    }

    /// One line per concept, keys in a fixed readable order; empty fields are left out.
    static func write(_ concepts: [Concept]) -> String {
        var out = ""
        for concept in concepts {
            out += "{\"id\":" + quoted(concept.id) + ",\"type\":" + quoted(concept.type.rawValue)
            if let domain = concept.domain { out += ",\"domain\":" + quoted(domain) }
            if let note = concept.note { out += ",\"note\":" + quoted(note) }
            if !concept.sources.isEmpty {
                out += ",\"sources\":[" + concept.sources.map(quoted).joined(separator: ",") + "]"
            }
            if !concept.externalIDs.isEmpty {
                out += ",\"externalIDs\":{" + concept.externalIDs.sorted { $0.key < $1.key }
                    .map { quoted($0.key) + ":" + quoted($0.value) }.joined(separator: ",") + "}"
            }
            out += ",\"terms\":["
            for (index, term) in concept.terms.enumerated() {
                if index > 0 { out += "," }
                out += "{\"text\":" + quoted(term.text) + ",\"language\":" + quoted(term.language.description)
                    + ",\"status\":\"" + term.status.rawValue + "\",\"kind\":\"" + term.kind.rawValue + "\""
                if let source = term.source { out += ",\"source\":" + quoted(source) }
                out += "}"
            }
            out += "]}\n"
        }
        return out
    }

    /// `text` as a JSON string literal.
    static func quoted(_ text: String) -> String { JSONText.quoted(text) }
}
