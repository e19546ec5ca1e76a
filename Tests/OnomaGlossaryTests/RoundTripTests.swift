import OnomaGlossary
import OnomaText
import Testing

/// Every format reads its own output back: every field the format holds survives, and writing again is stable.
@Suite struct RoundTripTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var format: GlossaryFormat
        var tbxVersion = 2
        var testDescription: String { format == .tbx ? "tbx v\(tbxVersion)" : format.rawValue }
    }

    static let cases = [
        Case(format: .tsv), Case(format: .csv), Case(format: .tbx, tbxVersion: 2), Case(format: .tbx, tbxVersion: 3),
        Case(format: .jsonl),
    ]

    @Test(arguments: cases)
    func everyFieldSurvives(_ testCase: Case) throws {
        let options = GlossaryExportOptions(tbxVersion: testCase.tbxVersion)
        let text = GlossaryWriter.write(Samples.rich, format: testCase.format, options: options)
        let read = try GlossaryReader.read(Array(text.utf8), file: "out", format: testCase.format)
        let tabular = testCase.format == .tsv || testCase.format == .csv
        let expected = Samples.normalized(tabular ? Samples.tabular : Samples.rich)
        let actual = Samples.normalized(read)
        #expect(actual.count == expected.count)
        for (id, concept) in expected {
            #expect(actual[id] == concept, "\(testCase.testDescription): concept \(id) changed:\n\(text)")
        }
        let again = GlossaryWriter.write(read, format: testCase.format, options: options)
        #expect(again == text, "writing what was read gives the same file")
    }

    @Test(arguments: cases)
    func byteOrderMarkAndCRLFAreAccepted(_ testCase: Case) throws {
        let options = GlossaryExportOptions(tbxVersion: testCase.tbxVersion)
        // No line breaks inside cells here, so every LF can become CRLF.
        let concepts = Samples.tabular.filter { !($0.note ?? "").contains("\n") }
        let text = GlossaryWriter.write(concepts, format: testCase.format, options: options)
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(text.replacingLineFeeds().utf8)
        let read = try GlossaryReader.read(bytes, file: "bom", format: testCase.format)
        #expect(Samples.normalized(read) == Samples.normalized(concepts))
    }

    @Test func tsvWithCRLFLineEnds() throws {
        let text = "\u{FEFF}id\ttype\ten\tfr\r\n# comment\r\n\r\nyerevan\tplace\tYerevan\tErevan | Érevan\r\n"
        let concepts = try GlossaryReader.read(Samples.bytes(text), file: "crlf.tsv", format: .tsv)
        #expect(concepts == [Concept(id: "yerevan", type: .place, terms: [
            Term(text: "Yerevan", language: Samples.en),
            Term(text: "Erevan", language: Samples.fr),
            Term(text: "Érevan", language: Samples.fr, status: .admitted),
        ])])
    }
}

extension String {
    /// The text with every LF turned into CRLF.
    func replacingLineFeeds() -> String {
        var out = ""
        for scalar in unicodeScalars {
            if scalar == "\n" { out += "\r\n" } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }
}
