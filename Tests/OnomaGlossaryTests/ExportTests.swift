import Foundation
import OnomaGlossary
import OnomaText
import Testing

/// Export filters, collation order and the OmegaT glossary.
@Suite struct ExportTests {
    func ids(_ concepts: [Concept], _ options: GlossaryExportOptions) throws -> [String] {
        let jsonl = GlossaryWriter.write(concepts, format: .jsonl, options: options)
        return try GlossaryReader.read(Samples.bytes(jsonl), file: "x.jsonl", format: .jsonl).map(\.id)
    }

    @Test func languagePairKeepsConceptsWithBothAndOnlyThoseLanguages() throws {
        let options = GlossaryExportOptions(from: Samples.en, to: Samples.fr)
        let tsv = GlossaryWriter.write(Samples.tabular, format: .tsv, options: options)
        let header = tsv.split(separator: "\n").first.map(String.init) ?? ""
        #expect(header.hasSuffix("\ten\tfr\tfr-FR"), "only the pair's languages: \(header)")
        let read = try GlossaryReader.read(Samples.bytes(tsv), file: "pair.tsv", format: .tsv)
        #expect(Set(read.map(\.id)) == ["formula.cells_1", "armenian", "nagorno-karabakh", "nikol-pashinyan", "nato",
                                        "yerevan"])
        let languages = Set(read.flatMap(\.terms).map(\.language.description))
        #expect(languages == ["en", "fr", "fr-FR"])
        let tbx = GlossaryWriter.write(Samples.rich, format: .tbx, options: options)
        #expect(!tbx.contains("xml:lang=\"ru\"") && !tbx.contains("xml:lang=\"de\""))
        #expect(tbx.contains("<langSet xml:lang=\"fr-FR\">"))
    }

    @Test func aPairDropsConceptsMissingOneSide() throws {
        let concepts = [
            Concept(id: "both", type: .place, terms: [Term(text: "Yerevan", language: Samples.en),
                                                     Term(text: "Erevan", language: Samples.fr)]),
            Concept(id: "english-only", type: .place, terms: [Term(text: "Artsakh", language: Samples.en)]),
            Concept(id: "deprecated-only", type: .place, terms: [
                Term(text: "Khankendi", language: Samples.en),
                Term(text: "Khankendi", language: Samples.fr, status: .deprecated),
            ]),
        ]
        let pair = GlossaryExportOptions(from: Samples.en, to: Samples.fr)
        #expect(try ids(concepts, pair) == ["deprecated-only", "both"], "sorted by the English term")
        var usable = pair
        usable.statuses = [.preferred, .admitted]
        #expect(try ids(concepts, usable) == ["both"])
    }

    @Test(arguments: [
        (Set<ConceptType>([.place]), ["nagorno-karabakh", "yerevan"]),
        (Set<ConceptType>([.person, .organization]), ["nikol-pashinyan", "nato"]),
        (Set<ConceptType>(["language"]), []),
    ])
    func typeFilter(_ types: Set<ConceptType>, _ expected: [String]) throws {
        #expect(try ids(Samples.rich, GlossaryExportOptions(types: types)) == expected)
    }

    @Test func domainFilter() throws {
        #expect(try ids(Samples.rich, GlossaryExportOptions(domains: ["military", "politics"]))
                    == ["nikol-pashinyan", "nato"])
    }

    @Test func statusFilterKeepsDeprecatedAsDeprecated() throws {
        let options = GlossaryExportOptions(statuses: [.deprecated])
        let tsv = GlossaryWriter.write(Samples.tabular, format: .tsv, options: options)
        #expect(tsv.contains("Nikol Pashinyan {transliteration, deprecated}"))
        #expect(tsv.contains("arméniens {adjective, deprecated}"))
        let read = try GlossaryReader.read(Samples.bytes(tsv), file: "d.tsv", format: .tsv)
        #expect(read.map(\.id) == ["armenian", "nikol-pashinyan"])
        #expect(read.flatMap(\.terms).allSatisfy { $0.status == .deprecated })
        let tbx = GlossaryWriter.write(Samples.rich, format: .tbx, options: options)
        #expect(tbx.components(separatedBy: "deprecatedTerm-admn-sts").count == 3)
        #expect(!tbx.contains("preferredTerm-admn-sts") && !tbx.contains("admittedTerm-admn-sts"))
    }

    @Test func deprecatedTermsStayDeprecatedInEveryFormat() throws {
        for format in [GlossaryFormat.tsv, .csv, .tbx, .jsonl] {
            let text = GlossaryWriter.write(Samples.tabular, format: format, options: GlossaryExportOptions())
            let read = try GlossaryReader.read(Samples.bytes(text), file: "x", format: format)
            let pashinyan = try #require(read.first { $0.id == "nikol-pashinyan" })
            #expect(pashinyan.terms(in: Samples.fr).last?.status == .deprecated, "\(format)")
            #expect(pashinyan.canonicalTerm(in: Samples.fr)?.text == "Nikol Pachinian", "\(format)")
        }
    }

    @Test func frenchCollationSortsAccentedLettersAmongTheirBase() throws {
        let names = ["Zanguezour", "Érevan", "Ararat", "Erzeroum", "Ėchmiadzin", "arménienne", "Zvartnots"]
        let concepts = names.enumerated().map { index, name in
            Concept(id: "c\(index)", type: .place, terms: [Term(text: name, language: Samples.fr)])
        }
        let options = GlossaryExportOptions(from: Samples.fr)
        let tsv = GlossaryWriter.write(concepts, format: .tsv, options: options)
        let order = tsv.split(separator: "\n").dropFirst().map { String($0.split(separator: "\t").last ?? "") }
        #expect(order == ["Ararat", "arménienne", "Ėchmiadzin", "Érevan", "Erzeroum", "Zanguezour", "Zvartnots"])
        var unsorted = options
        unsorted.sortsByTerm = false
        let kept = GlossaryWriter.write(concepts, format: .tsv, options: unsorted)
        #expect(kept.split(separator: "\n").dropFirst().map { String($0.split(separator: "\t").last ?? "") } == names)
    }

    @Test func sortsByTheEnglishCanonicalTermByDefault() throws {
        #expect(try ids(Samples.rich, GlossaryExportOptions()) == [
"formula.cells_1", "armenian", "nagorno-karabakh", "nikol-pashinyan", "no-terms", "nato", "yerevan",
        ])
    }

    @Test func omegatExportHasOneLinePerUsableSourceTerm() {
        let options = GlossaryExportOptions(from: Samples.en, to: Samples.fr)
        let text = GlossaryWriter.write(Samples.rich, format: .omegat, options: options)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.last == "")
        #expect(lines.contains("Nikol Pashinyan\tNikol Pachinian\tperson; Prime Minister of Armenia since 2018."))
        #expect(lines.contains("Pashinyan\tNikol Pachinian\tperson; Prime Minister of Armenia since 2018."))
        #expect(lines.contains("NATO\tOrganisation du traité de l’Atlantique nord\torganization"))
        #expect(lines.contains("Nagorno-Karabakh\tHaut-Karabakh\tplace"))
        #expect(lines.contains("Armenian\tarménien\tAdjective and demonym; every inflected form is its own term."))
        #expect(lines.contains(" #hashtag\tcomma, inside\tevent; Quote \"this\", a tab here, <tags> & ampersands, "
                                   + "second line  third; CRLF above"))
        #expect(!lines.contains { $0.hasPrefix("#") }, "no line reads as an OmegaT comment")
        #expect(lines.dropLast().allSatisfy { $0.split(separator: "\t", omittingEmptySubsequences: false).count <= 3 })
    }

    @Test func omegatExportLeavesDeprecatedTermsOut() {
        let options = GlossaryExportOptions(from: Samples.fr, to: Samples.en)
        let text = GlossaryWriter.write(Samples.rich, format: .omegat, options: options)
        #expect(text.contains("Nikol Pachinian\tNikol Pashinyan\t"))
        #expect(!text.contains("\nNikol Pashinyan\t"), "the deprecated French form is no source")
        #expect(!text.contains("arméniens"))
        let reverse = GlossaryWriter.write(Samples.rich, format: .omegat,
                                           options: GlossaryExportOptions(from: Samples.en, to: Samples.fr))
        #expect(!reverse.contains("\tNikol Pashinyan\t"), "nor a target")
    }

    @Test func omegatExportNeedsBothLanguages() {
        #expect(GlossaryWriter.write(Samples.rich, format: .omegat, options: GlossaryExportOptions()).isEmpty)
        #expect(GlossaryWriter.write(Samples.rich, format: .omegat,
                                     options: GlossaryExportOptions(from: Samples.en)).isEmpty)
    }

    @Test func tbxIDsNeverComeFromTermText() {
        let text = GlossaryWriter.write(Samples.rich, format: .tbx, options: GlossaryExportOptions())
        #expect(text.contains("<termEntry id=\"c-nikol-pashinyan\">"))
        #expect(text.contains("<tig id=\"c-nikol-pashinyan-fr-3\">"))
        #expect(text.contains("<tig id=\"c-yerevan-az-Cyrl-1\">"))
        let v3 = GlossaryWriter.write(Samples.rich, format: .tbx, options: GlossaryExportOptions(tbxVersion: 3))
        #expect(v3.contains("<conceptEntry id=\"c-yerevan\">"))
        #expect(v3.contains("<termSec id=\"c-yerevan-hy-1\">"))
        #expect(v3.contains("xmlns=\"urn:iso:std:iso:30042:ed-2\""))
    }
}

/// File name → format.
@Suite struct GlossaryFormatTests {
    @Test(arguments: [
        ("people.tsv", GlossaryFormat.tsv), ("a/b.TAB", .tsv), ("notes.txt", .tsv), ("x.csv", .csv),
        ("glossary.tbx", .tbx), ("export.xml", .tbx), ("c.jsonl", .jsonl), ("c.ndjson", .jsonl),
        ("omegat/glossary.utf8", .omegat),
    ])
    func formatFromPath(_ path: String, _ format: GlossaryFormat) {
        #expect(GlossaryFormat(path: path) == format)
    }

    @Test(arguments: ["README", "a.b/c", "x.docx", "dir.tsv/"])
    func noFormat(_ path: String) {
        #expect(GlossaryFormat(path: path) == nil)
    }

    @Test func omegatIsExportOnly() {
        #expect(GlossaryFormat.allCases.filter { !$0.isReadable } == [.omegat])
        #expect(GlossaryFormat.omegat.fileExtension == "utf8")
    }
}
