import Foundation
import OnomaText

/// Writes the TSV and CSV glossary formats (`Glossaries/FORMAT.md`), one concept per row.
///
/// Only the columns the concepts need are written: `id`, `type`, then `domain`, `note`, `source`, `wikidata` when
/// some concept has one, then one column per language in the given order. Cells are quoted RFC 4180-style when
/// they must be (TSV: a tab, a line break or a leading quote; CSV: a comma, a quote or a line break). CSV cells are
/// escaped against formula injection (``FormulaEscaping``); TSV cells are not. Lines end with LF.
///
/// What the format cannot hold: per-term ``Term/source`` and external ids other than Wikidata are dropped, and
/// ``TermCell/format(_:)`` adjusts the rare term text that would read as markup.
enum DelimitedWriter {
    /// The file text for `concepts`, with language columns in `languages` order.
    static func write(_ concepts: [Concept], languages: [LanguageTag], csv: Bool) -> String {
        let delimiter: Character = csv ? "," : "\t"
        var header = ["id", "type"]
        let hasDomain = concepts.contains { $0.domain != nil }
        let hasNote = concepts.contains { $0.note != nil }
        let hasSource = concepts.contains { !$0.sources.isEmpty }
        let hasWikidata = concepts.contains { $0.externalIDs["wikidata"] != nil }
        if hasDomain { header.append("domain") }
        if hasNote { header.append("note") }
        if hasSource { header.append("source") }
        if hasWikidata { header.append("wikidata") }
        // Indonesian's tag `id` would read as the id column: its column is written `ind`, its ISO 639-2 code, which
        // the reader canonicalizes back to `id`.
        header += languages.map { $0.description == "id" || $0.description.hasPrefix("id-") ? "ind" + $0.description.dropFirst(2) : $0.description }

        var out = header.joined(separator: String(delimiter)) + "\n"
        var cells: [String] = []
        cells.reserveCapacity(header.count)
        for concept in concepts {
            cells.removeAll(keepingCapacity: true)
            cells.append(concept.id)
            cells.append(concept.type.rawValue)
            if hasDomain { cells.append(concept.domain ?? "") }
            if hasNote { cells.append(concept.note ?? "") }
            if hasSource { cells.append(concept.sources.joined(separator: "; ")) }
            if hasWikidata { cells.append(concept.externalIDs["wikidata"] ?? "") }
            for language in languages {
                cells.append(TermCell.format(concept.terms.filter { $0.language == language }))
            }
            for (index, cell) in cells.enumerated() {
                if index > 0 { out.append(delimiter) }
                out += csv ? quoteCSV(FormulaEscaping.escape(cell)) : quoteTSV(cell)
            }
            out += "\n"
        }
        return out
    }

    private static func quoteTSV(_ cell: String) -> String {
        let needsQuotes = cell.utf8.first == UInt8(ascii: "\"")
            || cell.utf8.contains { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        return needsQuotes ? quoted(cell) : cell
    }

    private static func quoteCSV(_ cell: String) -> String {
        let needsQuotes = cell.utf8.contains {
            $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D
        }
        return needsQuotes ? quoted(cell) : cell
    }

    private static func quoted(_ cell: String) -> String {
        "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
