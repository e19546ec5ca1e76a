import OnomaText

/// Writes concepts as glossary files.
///
/// ```swift
/// let tsv = GlossaryWriter.write(concepts, format: .tsv, options: GlossaryExportOptions())
/// ```
public enum GlossaryWriter {
    /// The file text for `concepts` in `format`, filtered and ordered by `options`.
    ///
    /// Every format but OmegaT reads back (``GlossaryReader``) to the same concepts, within what the format holds:
    /// TSV and CSV group terms by language and carry no per-term source nor external ids other than Wikidata.
    /// ``GlossaryFormat/omegat`` needs ``GlossaryExportOptions/from`` and ``GlossaryExportOptions/to`` and is
    /// empty without them.
    ///
    /// - Returns: UTF-8-ready text without a byte order mark; lines end with LF.
    public static func write(_ concepts: [Concept], format: GlossaryFormat, options: GlossaryExportOptions) -> String {
        let selected = sorted(filtered(concepts, options), options)
        switch format {
        case .tsv:
            return DelimitedWriter.write(selected, languages: languageOrder(selected, options), csv: false)
        case .csv:
            return DelimitedWriter.write(selected, languages: languageOrder(selected, options), csv: true)
        case .tbx:
            return TBXWriter.write(selected, languages: languageOrder(selected, options), options: options)
        case .jsonl:
            return JSONLFormat.write(selected)
        case .omegat:
            guard let from = options.from, let to = options.to else { return "" }
            return OmegaTFormat.write(selected, from: from, to: to)
        }
    }

    /// The concepts and terms that pass the options' filters, in input order.
    static func filtered(_ concepts: [Concept], _ options: GlossaryExportOptions) -> [Concept] {
        let languages = [options.from, options.to].compactMap { $0 }
        let filtersTerms = !languages.isEmpty || options.statuses != nil
        var result: [Concept] = []
        result.reserveCapacity(concepts.count)
        for var concept in concepts {
            if let types = options.types, !types.contains(concept.type) { continue }
            if let domains = options.domains, !domains.contains(concept.domain ?? "") { continue }
            if filtersTerms {
                concept.terms = concept.terms.filter { term in
                    (options.statuses?.contains(term.status) ?? true)
                        && (languages.isEmpty || languages.contains { term.language.matches($0) })
                }
                if concept.terms.isEmpty { continue }
                if !languages.allSatisfy({ language in concept.terms.contains { $0.language.matches(language) } }) {
                    continue
                }
            }
            result.append(concept)
        }
        return result
    }

    /// The concepts sorted by the ICU collation of their canonical term in the sort language, then by id.
    static func sorted(_ concepts: [Concept], _ options: GlossaryExportOptions) -> [Concept] {
        guard options.sortsByTerm, concepts.count > 1 else { return concepts }
        let language = options.from ?? options.sortLanguage
        let collator = (try? ICU.Collator(locale: language.description)) ?? (try? ICU.Collator(locale: ""))
        let keyed = concepts.map { concept -> (key: [UInt8], concept: Concept) in
            let text = concept.canonicalTerm(in: language)?.text ?? concept.id
            return (collator?.sortKey(text) ?? Array(text.utf8), concept)
        }
        return keyed.sorted { lhs, rhs in
            if lhs.key != rhs.key { return lhs.key.lexicographicallyPrecedes(rhs.key) }
            return lhs.concept.id < rhs.concept.id
        }.map(\.concept)
    }

    /// The language columns (TSV, CSV) or language sections (TBX) in order: the sort language's tags first, then
    /// ``GlossaryExportOptions/to``'s, then the rest sorted by tag.
    static func languageOrder(_ concepts: [Concept], _ options: GlossaryExportOptions) -> [LanguageTag] {
        var seen = Set<LanguageTag>()
        for concept in concepts {
            for term in concept.terms { seen.insert(term.language) }
        }
        let all = seen.sorted()
        let first = options.from ?? options.sortLanguage
        var order = all.filter { $0.matches(first) }
        if let to = options.to { order += all.filter { $0.matches(to) && !order.contains($0) } }
        order += all.filter { !order.contains($0) }
        return order
    }
}
