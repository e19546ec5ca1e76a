import OnomaGlossary
import Testing

/// Each kind of bad input gives a ``GlossaryError`` with the right code, line and column.
@Suite struct BadInputTests {
    struct BadInput: Sendable, CustomTestStringConvertible {
        var name: String
        var format: GlossaryFormat
        var bytes: [UInt8]
        var code: GlossaryError.Code
        var line: Int
        var column: Int?
        var testDescription: String { name }

        init(_ name: String, _ format: GlossaryFormat, _ text: String, _ code: GlossaryError.Code, _ line: Int,
             _ column: Int?) {
            self.init(name, format, Array(text.utf8), code, line, column)
        }

        init(_ name: String, _ format: GlossaryFormat, _ bytes: [UInt8], _ code: GlossaryError.Code, _ line: Int,
             _ column: Int?) {
            self.name = name
            self.format = format
            self.bytes = bytes
            self.code = code
            self.line = line
            self.column = column
        }
    }

    static let tsvHeader = "id\ttype\ten\n"

    static let delimited: [BadInput] = [
        BadInput("too many cells", .tsv, tsvHeader + "yerevan\tplace\tYerevan\textra\n", .columnCount, 2, 23),
        BadInput("too few cells", .tsv, tsvHeader + "# comment\nyerevan\tplace\n", .columnCount, 3, 14),
        BadInput("too few cells, CSV quoted", .csv, "id,type,en\nyerevan,\"place\"\n", .columnCount, 2, 16),
        BadInput("unknown language tag", .tsv, "id\ttype\ten\txx\n", .unknownLanguage, 1, 12),
        BadInput("malformed language tag", .csv, "id,type,fr,en US\n", .unknownLanguage, 1, 12),
        BadInput("duplicate language column", .tsv, "id\ttype\tfr_FR\tfr-FR\n", .duplicateColumn, 1, 15),
        BadInput("no id column", .tsv, "type\ten\nplace\tYerevan\n", .missingColumn, 1, 1),
        BadInput("no type column", .tsv, "\n# header below\nid\ten\nyerevan\tYerevan\n", .missingColumn, 3, 1),
        BadInput("empty file", .tsv, "", .missingColumn, 1, 1),
        BadInput("invalid id", .tsv, tsvHeader + "Yerevan City\tplace\tYerevan\n", .invalidID, 2, 1),
        BadInput("missing id", .csv, "type,id,en\nplace,,Yerevan\n", .invalidID, 2, 7),
        BadInput("invalid type", .tsv, tsvHeader + "yerevan\tbig city\tYerevan\n", .invalidValue, 2, 9),
        BadInput("invalid wikidata", .tsv, "id\ttype\twikidata\nyerevan\tplace\tyerevan\n", .invalidValue, 2, 15),
        BadInput("conflicting duplicate id", .tsv,
                 tsvHeader + "yerevan\tplace\tYerevan\nerevan\tplace\tErevan\nyerevan\tplace\tErivan\n",
                 .duplicateID, 4, 1),
        BadInput("empty term between bars", .tsv, tsvHeader + "yerevan\tplace\tYerevan |  | Erevan\n",
                 .emptyTerm, 2, 24),
        BadInput("trailing bar", .tsv, tsvHeader + "yerevan\tplace\tYerevan |\n", .emptyTerm, 2, 24),
        BadInput("markers without a term", .tsv, tsvHeader + "yerevan\tplace\tYerevan | {short}\n", .emptyTerm, 2, 25),
        BadInput("unknown marker", .tsv, tsvHeader + "yerevan\tplace\tYerevan {shrot}\n", .unknownMarker, 2, 24),
        BadInput("unknown second marker", .tsv, tsvHeader + "x\tterm\tÉrevan {short, deprecate}\n",
                 .unknownMarker, 2, 23),
        BadInput("conflicting markers", .tsv, tsvHeader + "x\tterm\tErevan {short, acronym}\n", .invalidValue, 2, 23),
        BadInput("marker in a quoted cell with quotes", .csv, "id,type,en\nx,term,\"\"\"A\"\" {bad}\"\n",
                 .unknownMarker, 2, 16),
        BadInput("invalid UTF-8", .tsv, Array((tsvHeader + "yerevan\tplace\tEr").utf8) + [0xFF] + Array("van\n".utf8),
                 .invalidUTF8, 2, 17),
        BadInput("invalid UTF-8 after Armenian", .csv, Array("id,type,hy\nyerevan,place,Երև".utf8) + [0xD5, 0x41],
                 .invalidUTF8, 2, 18),
        BadInput("overlong UTF-8", .tsv, Array(tsvHeader.utf8) + [0xC0, 0xAF], .invalidUTF8, 2, 1),
        BadInput("UTF-16", .tsv, [0xFF, 0xFE, 0x69, 0x00, 0x64, 0x00], .invalidUTF8, 1, 1),
        BadInput("unterminated quoted field", .csv, "id,type,en\nyerevan,place,\"Yerevan\n\nnato,organization,NATO\n",
                 .unterminatedQuote, 2, 15),
        BadInput("text after a closing quote", .csv, "id,type,en\nyerevan,place,\"Yerevan\"x\n",
                 .malformedRecord, 2, 24),
    ]

    static let markup: [BadInput] = [
        BadInput("mismatched tag", .tbx, "<martif type=\"TBX-Basic\" xml:lang=\"en\">\n<text><body>\n"
            + "<termEntry id=\"c-x\"></body></text></martif>\n", .malformedXML, 3, 28),
        BadInput("truncated", .tbx, "<martif type=\"TBX-Basic\" xml:lang=\"en\">\n<text><body>\n",
                 .malformedXML, 2, 13),
        BadInput("unescaped ampersand", .tbx, "<martif>\n  <text><body><termEntry><langSet xml:lang=\"en\"><tig>"
            + "<term>AT&T</term></tig></langSet></termEntry></body></text></martif>", .malformedXML, 2, 64),
        BadInput("empty", .tbx, "", .malformedXML, 1, 1),
        BadInput("not TBX", .tbx, "<?xml version=\"1.0\"?>\n<html><body/></html>", .malformedXML, 2, 1),
        BadInput("unknown xml:lang", .tbx, "<martif><text><body>\n<termEntry id=\"c-x\">\n"
            + "  <langSet xml:lang=\"xx-invalid-tag\"><tig><term>X</term></tig></langSet>\n"
            + "</termEntry></body></text></martif>", .unknownLanguage, 3, 3),
        BadInput("missing xml:lang", .tbx, "<tbx xmlns=\"urn:iso:std:iso:30042:ed-2\"><text><body>\n"
            + "<conceptEntry id=\"c-x\"><langSec><termSec><term>X</term></termSec></langSec></conceptEntry>\n"
            + "</body></text></tbx>", .missingColumn, 2, 24),
        BadInput("empty term", .tbx, "<martif><text><body><termEntry id=\"c-x\"><langSet xml:lang=\"fr\">\n"
            + "  <tig><term>  </term></tig></langSet></termEntry></body></text></martif>", .emptyTerm, 2, 3),
        BadInput("conflicting duplicate entry", .tbx, "<martif><text><body>\n"
            + "<termEntry id=\"c-x\"><langSet xml:lang=\"fr\"><tig><term>A</term></tig></langSet></termEntry>\n"
            + "<termEntry id=\"c-x\"><langSet xml:lang=\"fr\"><tig><term>B</term></tig></langSet></termEntry>\n"
            + "</body></text></martif>", .duplicateID, 3, 1),
        BadInput("XXE", .tbx, """
            <?xml version="1.0"?>
            <!DOCTYPE martif [
              <!ENTITY xxe SYSTEM "file:///etc/passwd">
            ]>
            <martif><text><body><termEntry><langSet xml:lang="en"><tig><term>&xxe;</term></tig></langSet>\
            </termEntry></body></text></martif>
            """, .unsafeXML, 3, 3),
        BadInput("billion laughs", .tbx, """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
             <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
            <martif><text><body><termEntry><langSet xml:lang="en"><tig><term>&lol3;</term></tig></langSet>\
            </termEntry></body></text></martif>
            """, .unsafeXML, 2, 17),
        BadInput("parameter entity", .tbx, "<!DOCTYPE m [<!ENTITY % p SYSTEM \"http://127.0.0.1:9/x.dtd\"> %p;]>\n<m/>",
                 .unsafeXML, 1, 14),
        BadInput("Latin-1 declaration", .tbx, "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<martif/>",
                 .invalidUTF8, 1, 21),
        BadInput("invalid UTF-8 in XML", .tbx, Array("<martif>\n<x>é".utf8) + [0xE9] + Array("</x></martif>".utf8),
                 .invalidUTF8, 2, 5),
    ]

    static let json: [BadInput] = [
        BadInput("broken JSON", .jsonl, "{\"id\":\"x\",\"type\":\"term\",\"terms\":[]}\n\n{\"id\": \"Երևան\", ]\n",
                 .malformedJSON, 3, 17),
        BadInput("JSON wrong type", .jsonl, "{\"id\":\"x\",\"terms\":[{\"text\":1}]}", .malformedJSON, 1, nil),
        BadInput("JSON bad language", .jsonl, "{\"id\":\"x\",\"terms\":[{\"text\":\"Erevan\",\"language\":\"xx\"}]}",
                 .unknownLanguage, 1, nil),
        BadInput("JSON invalid id", .jsonl, "{\"id\":\"X Y\"}", .invalidID, 1, nil),
        BadInput("JSON empty term", .jsonl, "{\"id\":\"x\",\"terms\":[{\"text\":\" \",\"language\":\"en\"}]}",
                 .emptyTerm, 1, nil),
        BadInput("JSON unknown status", .jsonl,
                 "{\"id\":\"x\",\"terms\":[{\"text\":\"A\",\"language\":\"en\",\"status\":\"best\"}]}",
                 .invalidValue, 1, nil),
        BadInput("OmegaT is export-only", .omegat, "Yerevan\tErevan\n", .unsupportedFormat, 1, nil),
    ]

    @Test(arguments: delimited + markup + json)
    func reportsTheFirstProblem(_ input: BadInput) {
        do {
            let concepts = try GlossaryReader.read(input.bytes, file: "bad.\(input.format.fileExtension)",
                                                   format: input.format)
            Issue.record("\(input.name): read \(concepts.count) concepts instead of failing")
        } catch {
            #expect(error.code == input.code, "\(error)")
            #expect(error.line == input.line, "\(error)")
            #expect(error.column == input.column, "\(error)")
            #expect(error.file == "bad.\(input.format.fileExtension)")
            #expect(error.description.hasPrefix("bad.\(input.format.fileExtension):\(input.line):"))
            #expect(error.message.count > 15, "a reason a user can act on: \(error.message)")
        }
    }

    @Test func jsonErrorsNameTheColumnWhenTheDecoderDoes() {
        do {
            _ = try GlossaryReader.read(Array("{\"id\": \"y\", ]\n".utf8), file: "x.jsonl", format: .jsonl)
            Issue.record("broken JSON was read")
        } catch {
            #expect(error.line == 1)
            #expect(error.column != nil, "\(error)")
        }
    }

    @Test func descriptionIsFileLineColumnMessage() {
        let error = GlossaryError(.emptyTerm, file: "a.tsv", line: 3, column: 7, message: "empty term")
        #expect(error.description == "a.tsv:3:7: empty term")
        let noColumn = GlossaryError(.malformedJSON, file: "a.jsonl", line: 2, column: nil, message: "bad")
        #expect(noColumn.description == "a.jsonl:2: bad")
    }
}
