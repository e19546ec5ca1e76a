import Foundation
import OnomaGlossary
import OnomaText
import TestResources
import Testing

/// Reading TBX written by others: both generations, ids, data categories, and XML that must be refused.
@Suite struct TBXReaderTests {
    @Test func readsHandWrittenTBXv2WithNtigAndTermGrp() throws {
        let concepts = try GlossaryReader.read(try TestResources.bytes("glossary/tbx2-ntig.tbx"),
                                               file: "tbx2-ntig.tbx", format: .tbx)
        #expect(concepts.map(\.id) == ["nato", "nikol-pashinyan-pm", "entry-3"])
        let frFR = LanguageTag(canonical: "fr-FR")
        #expect(concepts[0] == Concept(
            id: "nato", type: .organization, domain: "military", note: "North Atlantic military alliance.",
            externalIDs: ["wikidata": "Q7184"],
            terms: [
                Term(text: "North Atlantic Treaty Organization", language: Samples.en, source: "en.wikipedia: NATO"),
                Term(text: "NATO", language: Samples.en, status: .admitted, kind: .acronym),
                Term(text: "Organisation du traité de l’Atlantique nord", language: frFR),
                Term(text: "OTAN", language: frFR, status: .admitted, kind: .acronym),
            ]))
        #expect(concepts[1] == Concept(
            id: "nikol-pashinyan-pm", type: .term,
            terms: [
                Term(text: "Nikol Pashinyan", language: Samples.en),
                Term(text: "Pashinyan", language: Samples.en, status: .admitted, kind: .short),
                Term(text: "Nikol Paschinjan", language: Samples.de),
                Term(text: "Nikol Pachinian", language: Samples.fr),
                Term(text: "Nikol Pashinyan", language: Samples.fr, status: .deprecated),
            ]))
        #expect(concepts[2].terms == [Term(text: "arménienne", language: Samples.fr, kind: .adjective)])
    }

    @Test func readsTBXv3() throws {
        let concepts = try GlossaryReader.read(try TestResources.bytes("glossary/tbx3-basic.tbx"),
                                               file: "tbx3-basic.tbx", format: .tbx)
        #expect(concepts == [
            Concept(
                id: "yerevan", type: .place, domain: "geography", note: "Capital of Armenia.",
                sources: ["en.wikipedia: Yerevan"],
                terms: [
                    Term(text: "Yerevan", language: Samples.en),
                    Term(text: "Erivan", language: Samples.en, status: .deprecated),
                    Term(text: "Erevan", language: Samples.fr),
                    Term(text: "Érevan", language: Samples.fr, status: .admitted),
                    Term(text: "Երևան", language: Samples.hy),
                ]),
            Concept(
                id: "nagorno-karabakh", type: .place, domain: "geography",
                terms: [Term(text: "Haut-Karabakh", language: Samples.fr, source: "fr.wikipedia: Haut-Karabakh")]),
        ])
        #expect(concepts[0].canonicalTerm(in: Samples.en)?.text == "Yerevan")
    }

    @Test func readsTBXv3DCTStyle() throws {
        let text = """
            <?xml version="1.0" encoding="UTF-8"?>
            <tbx type="TBX-Basic" style="dct" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"
                 xmlns:basic="http://www.tbxinfo.net/ns/basic">
              <tbxHeader><fileDesc><sourceDesc><p>DCT</p></sourceDesc></fileDesc></tbxHeader>
              <text><body>
                <conceptEntry id="c-nato">
                  <basic:subjectField>military</basic:subjectField>
                  <langSec xml:lang="fr">
                    <termSec>
                      <term>OTAN</term>
                      <basic:termType>acronym</basic:termType>
                      <basic:administrativeStatus>admittedTerm-admn-sts</basic:administrativeStatus>
                    </termSec>
                  </langSec>
                </conceptEntry>
              </body></text>
            </tbx>
            """
        let concepts = try GlossaryReader.read(Samples.bytes(text), file: "dct.tbx", format: .tbx)
        #expect(concepts == [Concept(id: "nato", type: .term, domain: "military", terms: [
            Term(text: "OTAN", language: Samples.fr, status: .admitted, kind: .acronym),
        ])])
    }

    @Test(arguments: [
        ("c-nikol-pashinyan", "nikol-pashinyan"), ("yerevan", "yerevan"), ("Yerevan City", "yerevan-city"),
        ("_123", "123"), ("c-Bad Id", "c-bad-id"), ("Երևան", "entry-1"), ("  ", "entry-1"),
    ])
    func conceptIDsComeFromTheEntryID(_ attribute: String, _ expected: String) throws {
        let text = "<martif><text><body><termEntry id=\"\(attribute)\"><langSet xml:lang=\"en\"><tig><term>X</term>"
            + "</tig></langSet></termEntry></body></text></martif>"
        let concepts = try GlossaryReader.read(Samples.bytes(text), file: "ids.tbx", format: .tbx)
        #expect(concepts.map(\.id) == [expected])
    }

    @Test func derivedIDsThatCollideAreNumbered() throws {
        let entry = { (id: String, term: String) in
            "<termEntry id=\"\(id)\"><langSet xml:lang=\"en\"><tig><term>\(term)</term></tig></langSet></termEntry>"
        }
        let text = "<martif><text><body>" + entry("Yerevan", "Yerevan") + entry("YEREVAN", "Erevan")
            + "</body></text></martif>"
        let concepts = try GlossaryReader.read(Samples.bytes(text), file: "c.tbx", format: .tbx)
        #expect(concepts.map(\.id) == ["yerevan", "yerevan-2"])
    }

    @Test func externalDTDsAreNeverLoaded() throws {
        let directory = try TemporaryFiles.directory("dtd")
        defer { try? FileManager.default.removeItem(at: directory) }
        let dtd = directory.appendingPathComponent("evil.dtd")
        try Data("<!ENTITY leak \"LEAKED\">".utf8).write(to: dtd)
        let text = "<?xml version=\"1.0\"?>\n<!DOCTYPE martif SYSTEM \"\(dtd.absoluteString)\">\n<martif><text><body>"
            + "<termEntry id=\"c-x\"><langSet xml:lang=\"en\"><tig><term>&leak;</term></tig></langSet></termEntry>"
            + "</body></text></martif>"
        do {
            let concepts = try GlossaryReader.read(Samples.bytes(text), file: "dtd.tbx", format: .tbx)
            #expect(!concepts.flatMap(\.terms).contains { $0.text.contains("LEAKED") }, "the DTD was loaded")
        } catch {
            #expect(error.code == .malformedXML, "the entity stays undeclared: \(error)")
            #expect(error.line == 3)
        }
    }

    @Test func aDoctypeWithoutEntitiesIsFine() throws {
        let text = "<?xml version=\"1.0\"?>\n<!DOCTYPE martif SYSTEM \"TBXBasiccoreStructV02.dtd\">\n"
            + "<martif><text><body><termEntry id=\"c-x\"><langSet xml:lang=\"en\"><tig><term>AT&amp;T</term></tig>"
            + "</langSet></termEntry></body></text></martif>"
        let concepts = try GlossaryReader.read(Samples.bytes(text), file: "ok.tbx", format: .tbx)
        #expect(concepts.first?.terms.first?.text == "AT&T")
    }

    @Test(.timeLimit(.minutes(1)))
    func billionLaughsIsRefusedQuickly() {
        var entities = "<!ENTITY lol0 \"lol\">"
        for level in 1...9 {
            entities += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1);", count: 10) + "\">"
        }
        let text = "<?xml version=\"1.0\"?>\n<!DOCTYPE martif [\(entities)]>\n<martif><text><body><termEntry>"
            + "<langSet xml:lang=\"en\"><tig><term>&lol9;</term></tig></langSet></termEntry></body></text></martif>"
        #expect(throws: GlossaryError.self) {
            try GlossaryReader.read(Samples.bytes(text), file: "lol.tbx", format: .tbx)
        }
    }

    @Test func mixedContentAndCDATAAreText() throws {
        let text = "<martif><text><body><termEntry id=\"c-x\"><langSet xml:lang=\"en\"><tig>"
            + "<term>Nagorno-<hi type=\"italics\">Karabakh</hi> <![CDATA[<Republic>]]></term></tig></langSet>"
            + "</termEntry></body></text></martif>"
        let concepts = try GlossaryReader.read(Samples.bytes(text), file: "m.tbx", format: .tbx)
        #expect(concepts.first?.terms.first?.text == "Nagorno-Karabakh <Republic>")
    }
}
