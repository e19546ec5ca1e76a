import OnomaText

/// Writes TBX-Basic glossaries: v2 (`martif`, the default) or v3 (ISO 30042:2019 `tbx`, DCA style).
///
/// The v2 output validates against the TBX schema OmegaT ships (`schemas/tbx.xsd` in `OmegaT.jar`) and has no
/// DOCTYPE, so no reader tries to fetch a DTD. Per concept:
///
/// ```xml
/// <termEntry id="c-yerevan">
///   <descrip type="subjectField">geography</descrip>
///   <note>type: place</note>
///   <note>Capital of Armenia.</note>
///   <admin type="source">en.wikipedia: Yerevan</admin>
///   <xref type="externalCrossReference" target="https://www.wikidata.org/wiki/Q1953">Wikidata Q1953</xref>
///   <langSet xml:lang="fr">
///     <tig id="c-yerevan-fr-1">
///       <term>Erevan</term>
///       <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
///       <termNote type="partOfSpeech">noun</termNote>
///       <termNote type="termType">fullForm</termNote>
///     </tig>
///   </langSet>
/// </termEntry>
/// ```
///
/// The concept type has no TBX data category: it is written as an entry-level `<note>type: place</note>` (omitted
/// for `term`), which OmegaT shows as a comment and other tools keep as a note. XML ids are `c-` + the concept id
/// and `c-<id>-<language>-<n>` for terms, never derived from term text. External ids other than Wikidata are
/// written as `<xref target="urn:onoma:scheme:value">`.
enum TBXWriter {
    /// The target prefix of an external id other than Wikidata (`urn:onoma:iso3166:AM`).
    static let externalIDPrefix = "urn:onoma:"

    /// The TBX text for `concepts`, with language sections in `languages` order.
    static func write(_ concepts: [Concept], languages: [LanguageTag], options: GlossaryExportOptions) -> String {
        let v3 = options.tbxVersion >= 3
        let names = v3
            ? Names(entry: "conceptEntry", language: "langSec", term: "termSec")
            : Names(entry: "termEntry", language: "langSet", term: "tig")
        let mainLanguage = (options.from ?? languages.first ?? options.sortLanguage).description
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        if v3 {
            out += "<tbx type=\"TBX-Basic\" style=\"dca\" xml:lang=\"\(attribute(mainLanguage))\" "
                + "xmlns=\"urn:iso:std:iso:30042:ed-2\">\n"
            out += "  <tbxHeader>\n"
        } else {
            out += "<martif type=\"TBX-Basic\" xml:lang=\"\(attribute(mainLanguage))\">\n"
            out += "  <martifHeader>\n"
        }
        out += "    <fileDesc>\n"
        out += "      <titleStmt>\n        <title>Onoma glossary</title>\n      </titleStmt>\n"
        out += "      <sourceDesc>\n        <p>Exported by Onoma</p>\n      </sourceDesc>\n"
        out += "    </fileDesc>\n"
        if v3 {
            out += "  </tbxHeader>\n"
        } else {
            out += "    <encodingDesc>\n      <p type=\"XCSURI\">TBXBasicXCSV02.xcs</p>\n    </encodingDesc>\n"
            out += "  </martifHeader>\n"
        }
        out += "  <text>\n    <body>\n"
        var usedIDs = Set<String>()
        for concept in concepts {
            writeEntry(concept, languages: languages, names: names, usedIDs: &usedIDs, into: &out)
        }
        out += "    </body>\n  </text>\n"
        out += v3 ? "</tbx>\n" : "</martif>\n"
        return out
    }

    /// Element names of one TBX generation.
    private struct Names {
        var entry: String
        var language: String
        var term: String
    }

    private static func writeEntry(_ concept: Concept, languages: [LanguageTag], names: Names,
                                   usedIDs: inout Set<String>, into out: inout String) {
        let entryID = uniqueID("c-" + concept.id, &usedIDs)
        out += "      <\(names.entry) id=\"\(attribute(entryID))\">\n"
        let pad = "        "
        if let domain = concept.domain {
            out += pad + "<descrip type=\"subjectField\">\(text(domain))</descrip>\n"
        }
        if concept.type != .term {
            out += pad + "<note>type: \(text(concept.type.rawValue))</note>\n"
        }
        if let note = concept.note {
            out += pad + "<note>\(text(note))</note>\n"
        }
        for source in concept.sources {
            out += pad + "<admin type=\"source\">\(text(source))</admin>\n"
        }
        for (scheme, value) in concept.externalIDs.sorted(by: { $0.key < $1.key }) {
            let target = scheme == "wikidata"
                ? "https://www.wikidata.org/wiki/" + value : externalIDPrefix + scheme + ":" + value
            let label = scheme == "wikidata" ? "Wikidata " + value : scheme + " " + value
            out += pad + "<xref type=\"externalCrossReference\" target=\"\(attribute(target))\">\(text(label))</xref>\n"
        }
        for language in languages {
            let terms = concept.terms.filter { $0.language == language }
            guard !terms.isEmpty else { continue }
            out += pad + "<\(names.language) xml:lang=\"\(attribute(language.description))\">\n"
            for (index, term) in terms.enumerated() {
                let termID = uniqueID("c-\(concept.id)-\(language.description)-\(index + 1)", &usedIDs)
                out += pad + "  <\(names.term) id=\"\(attribute(termID))\">\n"
                out += pad + "    <term>\(text(term.text))</term>\n"
                out += pad + "    <termNote type=\"administrativeStatus\">\(term.status.tbxValue)</termNote>\n"
                out += pad + "    <termNote type=\"partOfSpeech\">\(term.partOfSpeech)</termNote>\n"
                out += pad + "    <termNote type=\"termType\">\(term.kind.tbxTermType)</termNote>\n"
                if let source = term.source {
                    out += pad + "    <admin type=\"source\">\(text(source))</admin>\n"
                }
                out += pad + "  </\(names.term)>\n"
            }
            out += pad + "</\(names.language)>\n"
        }
        out += "      </\(names.entry)>\n"
    }

    /// `id`, or `id-2`, `id-3` … when already used in the document (XML ids must be unique).
    private static func uniqueID(_ id: String, _ used: inout Set<String>) -> String {
        var candidate = id
        var suffix = 2
        while !used.insert(candidate).inserted {
            candidate = "\(id)-\(suffix)"
            suffix += 1
        }
        return candidate
    }

    /// `value` escaped for character data: `&`, `<`, `>`, and CR kept as `&#13;`; characters XML 1.0 forbids
    /// are dropped.
    static func text(_ value: String) -> String {
        escape(value, inAttribute: false)
    }

    /// `value` escaped for a double-quoted attribute: also `"`, tab and line breaks as character references.
    static func attribute(_ value: String) -> String {
        escape(value, inAttribute: true)
    }

    private static func escape(_ value: String, inAttribute: Bool) -> String {
        let needsWork = value.utf8.contains { byte in
            byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte < 0x20
                || byte == UInt8(ascii: "\"") || byte == 0xEF
        }
        guard needsWork else { return value }
        var out = ""
        out.reserveCapacity(value.utf8.count + 16)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where inAttribute: out += "&quot;"
            case "\r": out += "&#13;"
            case "\n" where inAttribute: out += "&#10;"
            case "\t" where inAttribute: out += "&#9;"
            case "\n", "\t": out.unicodeScalars.append(scalar)
            default:
                // XML 1.0 Char: no other C0 controls, no U+FFFE/U+FFFF.
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
