import OnomaText

/// Writes OmegaT glossaries: `source<TAB>target<TAB>comment`, one line per source term, UTF-8.
///
/// Every non-deprecated term of the source language becomes a line whose target is the concept's canonical term in
/// the target language (deprecated terms are never exported, on either side). The comment is the concept type and
/// note (`person; Prime Minister of Armenia`). Tabs and line breaks inside fields become spaces, since the format
/// has no quoting. OmegaT skips lines starting with `#` as comments, so a source term starting with `#` is written
/// with a leading space (OmegaT still reads the entry; its matcher ignores the space). Name the file `.utf8`:
/// OmegaT reads `.txt` and `.tab` glossaries in the system encoding.
enum OmegaTFormat {
    /// The glossary text for the `from` → `to` pair.
    static func write(_ concepts: [Concept], from: LanguageTag, to: LanguageTag) -> String {
        var out = ""
        for concept in concepts {
            let targets = Concept(id: concept.id, type: concept.type,
                                  terms: concept.terms.filter { $0.language.matches(to) })
            guard let target = targets.canonicalTerm(in: to) else { continue }
            var comment = concept.type == .term ? "" : concept.type.rawValue
            if let note = concept.note { comment += (comment.isEmpty ? "" : "; ") + note }
            var written = Set<String>()
            for term in concept.terms where term.language.matches(from) && term.status != .deprecated {
                var source = field(term.text)
                guard !source.isEmpty, written.insert(source).inserted else { continue }
                if source.hasPrefix("#") { source = " " + source }
                out += source + "\t" + field(target.text)
                if !comment.isEmpty { out += "\t" + field(comment) }
                out += "\n"
            }
        }
        return out
    }

    /// `text` on one line: tabs and line breaks replaced by spaces, trimmed.
    private static func field(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else {
            return text.trimmingSpaces()
        }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            out.append(scalar == "\t" || scalar == "\n" || scalar == "\r" ? " " : scalar)
        }
        return String(out).trimmingSpaces()
    }
}
