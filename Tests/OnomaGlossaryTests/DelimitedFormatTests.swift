import OnomaGlossary
import OnomaText
import TestResources
import Testing

/// TSV and CSV reading: the hand-written fixture, markers, delimiter detection, tags, formula escaping.
@Suite struct DelimitedFormatTests {
    @Test func readsTheHandWrittenFixture() throws {
        let concepts = try GlossaryReader.read(try TestResources.bytes("glossary/people.tsv"), file: "people.tsv",
                                               format: .tsv)
        #expect(concepts.map(\.id) == ["nikol-pashinyan", "yerevan"])
        let pashinyan = try #require(concepts.first)
        #expect(pashinyan.type == .person)
        #expect(pashinyan.domain == "politics")
        #expect(pashinyan.sources == ["en.wikipedia: Nikol Pashinyan", "fr.wikipedia: Nikol Pachinian"])
        #expect(pashinyan.externalIDs == ["wikidata": "Q7037913"])
        #expect(pashinyan.terms(in: Samples.fr) == [
            Term(text: "Nikol Pachinian", language: Samples.fr),
            Term(text: "Pachinian", language: Samples.fr, status: .admitted, kind: .short),
            Term(text: "Nikol Pashinyan", language: Samples.fr, status: .deprecated, kind: .transliteration),
        ])
        #expect(pashinyan.canonicalTerm(in: Samples.hy)?.text == "Նիկոլ Փաշինյան")
        #expect(pashinyan.canonicalTerm(in: Samples.ru)?.text == "Никол Пашинян")
        #expect(concepts[1].note == nil)
        #expect(concepts[1].terms(in: Samples.fr).map(\.status) == [.preferred, .admitted])
    }

    struct Delimited: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        var format: GlossaryFormat
        var testDescription: String { name }
    }

    /// Whatever the format says, the header decides the delimiter.
    @Test(arguments: [
        Delimited(name: "tab read as tsv", text: "id\ttype\ten\tfr\nyerevan\tplace\tYerevan\tErevan, Érevan\n",
                  format: .tsv),
        Delimited(name: "tab read as csv", text: "id\ttype\ten\tfr\nyerevan\tplace\tYerevan\tErevan, Érevan\n",
                  format: .csv),
        Delimited(name: "comma read as tsv", text: "id,type,en,fr\nyerevan,place,Yerevan,\"Erevan, Érevan\"\n",
                  format: .tsv),
        Delimited(name: "semicolon", text: "id;type;en;fr\nyerevan;place;Yerevan;Erevan, Érevan\n", format: .csv),
        Delimited(name: "quoted header",
                  text: "\"id\",\"type\",\"en\",\"fr\"\nyerevan,place,Yerevan,\"Erevan, Érevan\"\n", format: .csv),
    ])
    func detectsTheDelimiter(_ input: Delimited) throws {
        let concepts = try GlossaryReader.read(Samples.bytes(input.text), file: "x", format: input.format)
        #expect(concepts.count == 1)
        #expect(concepts.first?.terms.map(\.text) == ["Yerevan", "Erevan, Érevan"])
    }

    @Test(arguments: [("fr_FR", "fr-FR"), ("FR-fr", "fr-FR"), ("fra", "fr"), ("fre", "fr"), ("hy_latn", "hy-Latn"),
                      ("AZ-cyrl", "az-Cyrl"), ("en", "en")])
    func canonicalizesHeaderTags(_ header: String, _ canonical: String) throws {
        let text = "id\ttype\t\(header)\nyerevan\tplace\tErevan\n"
        let concepts = try GlossaryReader.read(Samples.bytes(text), file: "tags.tsv", format: .tsv)
        #expect(concepts.first?.terms.first?.language.description == canonical)
    }

    /// Cells are trimmed on reading, so a leading tab (escaped too) is checked in the OWASP test below.
    @Test(arguments: ["-Yerevan", "=SUM(1)", "@x", "+374 10", "'=already", "''-two", "plain'quote", "'plain"])
    func csvFormulaEscapingRoundTrips(_ text: String) throws {
        let concept = Concept(id: "x", type: .term, note: text,
                              terms: [Term(text: text + " end", language: Samples.en)])
        let csv = GlossaryWriter.write([concept], format: .csv, options: GlossaryExportOptions())
        let row = csv.split(separator: "\n").dropFirst().first.map(String.init) ?? ""
        if let first = text.unicodeScalars.first(where: { $0 != "'" }), "=+-@\t".unicodeScalars.contains(first) {
            #expect(!row.contains(",\(text)"), "the cell is escaped in \(row)")
            #expect(row.contains("'" + text), "the cell gets a leading ' in \(row)")
        } else {
            #expect(row.contains(text), "the cell is left alone in \(row)")
        }
        let read = try GlossaryReader.read(Samples.bytes(csv), file: "x.csv", format: .csv)
        #expect(read == [concept])
    }

    @Test func csvFormulaEscapingLooksLikeOWASPs() {
        let concepts = [Concept(id: "yerevan", type: .place, note: "\tx", terms: [
            Term(text: "-Yerevan", language: Samples.en), Term(text: "=SUM(1)", language: Samples.fr),
            Term(text: "@x", language: Samples.de), Term(text: "+x", language: Samples.hy),
        ])]
        let csv = GlossaryWriter.write(concepts, format: .csv, options: GlossaryExportOptions())
        #expect(csv == "id,type,note,en,de,fr,hy\nyerevan,place,'\tx,'-Yerevan,'@x,'=SUM(1),'+x\n")
        let tsv = GlossaryWriter.write(concepts, format: .tsv, options: GlossaryExportOptions())
        #expect(tsv == "id\ttype\tnote\ten\tde\tfr\thy\nyerevan\tplace\t\"\tx\"\t-Yerevan\t@x\t=SUM(1)\t+x\n",
                "TSV is written as is (quoted only for the tab)")
    }

    @Test func tsvDoesNotStripApostrophes() throws {
        let text = "id\ttype\ten\nx\tterm\t'-Yerevan\n"
        let concepts = try GlossaryReader.read(Samples.bytes(text), file: "x.tsv", format: .tsv)
        #expect(concepts.first?.terms.first?.text == "'-Yerevan")
    }

    @Test func markersAndStatusesFollowTheFormat() throws {
        let text = """
            id\ttype\ten\tfr\taz
            nagorno-karabakh\tplace\tNagorno-Karabakh | Karabakh {short} | Artsakh {admitted}\tHaut-Karabakh\t\
            Khankendi {deprecated} | Dağlıq Qarabağ | Qarabağ {short, preferred}
            nato\torganization\tNATO {acronym} | North Atlantic Treaty Organization\tOTAN {acronym}\t
            """
        let concepts = try GlossaryReader.read(Samples.bytes(text), file: "m.tsv", format: .tsv)
        let az = LanguageTag(canonical: "az")
        #expect(concepts[0].terms(in: az) == [
            Term(text: "Khankendi", language: az, status: .deprecated),
            Term(text: "Dağlıq Qarabağ", language: az),
            Term(text: "Qarabağ", language: az, status: .preferred, kind: .short),
        ])
        #expect(concepts[0].terms(in: Samples.en).map(\.status) == [.preferred, .admitted, .admitted])
        #expect(concepts[1].terms(in: Samples.en) == [
            Term(text: "NATO", language: Samples.en, kind: .acronym),
            Term(text: "North Atlantic Treaty Organization", language: Samples.en, status: .admitted),
        ])
        #expect(concepts[1].canonicalTerm(in: Samples.fr)?.text == "OTAN")
    }

    @Test func quotedCellsMayHoldTabsAndLineBreaks() throws {
        let text = "id\ttype\tnote\ten\nx\tterm\t\"a\ttab and \"\"quotes\"\"\nnext line\"\tTerm\n"
        let concepts = try GlossaryReader.read(Samples.bytes(text), file: "q.tsv", format: .tsv)
        #expect(concepts.first?.note == "a\ttab and \"quotes\"\nnext line")
    }

    @Test func identicalDuplicatesMerge() throws {
        let text = "id\ttype\ten\nyerevan\tplace\tYerevan\nyerevan\tplace\tYerevan\n"
        let concepts = try GlossaryReader.read(Samples.bytes(text), file: "d.tsv", format: .tsv)
        #expect(concepts.count == 1)
    }

    @Test func blankRowsAndTrailingEmptyColumnsAreSkipped() throws {
        let text = "id,type,en,,\nyerevan,place,Yerevan,,\n,,,,\n"
        let concepts = try GlossaryReader.read(Samples.bytes(text), file: "s.csv", format: .csv)
        #expect(concepts.map(\.id) == ["yerevan"])
    }

    @Test func writerUsesOnlyNeededColumns() {
        let concepts = [Concept(id: "yerevan", type: .place, terms: [Term(text: "Yerevan", language: Samples.en)])]
        let tsv = GlossaryWriter.write(concepts, format: .tsv, options: GlossaryExportOptions())
        #expect(tsv == "id\ttype\ten\nyerevan\tplace\tYerevan\n")
    }
}
