import Foundation
import OnomaGlossary
@testable import OnomaStore
import OnomaText
import Synchronization
import TestResources
import Testing

/// Runs of the built `onoma glossary …` commands against temporary stores.
@Suite struct GlossaryCommandTests {
    /// A store holding the shipped sample, imported with the CLI.
    func sampleStore() throws -> String {
        let path = try temporaryStorePath()
        let result = try onoma(["glossary", "import", sampleGlossaryURL.path, "--store", path, "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        return path
    }

    @Test func importPrintsASummaryAndIsIdempotent() throws {
        let path = try temporaryStorePath()
        let first = try onoma(["glossary", "import", sampleGlossaryURL.path, "--store", path])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.hasPrefix("imported \(sampleGlossaryURL.path): 4 concepts added, 0 updated, 0 unchanged; "
                                       + "32 terms added, 0 updated, 0 removed ("), "\(first.stdout)")
        let second = try onoma(["glossary", "import", sampleGlossaryURL.path, "--store", path])
        #expect(second.stdout.contains("0 concepts added, 0 updated, 4 unchanged; 0 terms added"), "\(second.stdout)")
        #expect(try GlossaryStore.open(path: path).counts() == (4, 32))
    }

    @Test func dryRunChangesNothing() throws {
        let path = try temporaryStorePath()
        let result = try onoma(["glossary", "import", sampleGlossaryURL.path, "--store", path, "--dry-run"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("dry run, would import "))
        #expect(result.stdout.contains("4 concepts added"))
        #expect(try GlossaryStore.open(path: path).counts() == (0, 0))
    }

    @Test func badFileIsRejectedWithItsLocationAndTheStoreIsUnchanged() throws {
        let path = try sampleStore()
        let before = try GlossaryStore.open(path: path).counts()
        let directory = try temporaryDirectory()
        let good = directory.appendingPathComponent("good.tsv")
        try Data(tsv(syntheticConcepts(20)).utf8).write(to: good)
        let bad = directory.appendingPathComponent("bad.tsv")
        try Data("id\ttype\ten\tfr\nosce\torganization\tOSCE\tOSCE\nnato\torganization\tNATO |  | X\tOTAN\n".utf8)
            .write(to: bad)
        let result = try onoma(["glossary", "import", good.path, bad.path, "--store", path])
        #expect(result.status == 65)
        #expect(result.stderr.contains("\(bad.path):3:"), "\(result.stderr)")
        #expect(result.stderr.contains("nothing imported"))
        #expect(result.stdout.isEmpty)
        let after = try GlossaryStore.open(path: path)
        #expect(try after.counts() == before)
        #expect(try after.concept(id: "osce") == nil && after.concept(id: "person-0") == nil)
    }

    @Test(arguments: [
        (["glossary", "import"], "at least one file"),
        (["glossary", "import", "people.xlsx", "--store", "/tmp/x.sqlite"], "--format"),
        (["glossary", "import", "-", "--store", "/tmp/x.sqlite"], "--format"),
        (["glossary", "import", "a.tsv", "--format", "omegat"], "OmegaT"),
        (["glossary", "export", "--format", "omegat", "--from", "en"], "--from and --to"),
        (["glossary", "export", "--tbx-version", "4"], "--tbx-version"),
        (["glossary", "export", "--status", "best"], "--status"),
        (["glossary", "export", "--from", "klingon-xx"], "klingon-xx"),
        (["glossary", "add", "--id", "Bad Id", "--type", "person", "--term", "en=X"], "--id"),
        (["glossary", "add", "--id", "x", "--type", "person", "--term", "X"], "LANG=TEXT"),
        (["glossary", "add", "--id", "x", "--type", "person", "--term", "en=X {shrot}"], "unknown marker"),
        (["glossary", "search", "x", "--limit", "0"], "--limit"),
    ])
    func badCommandLinesAreExplained(arguments: [String], message: String) throws {
        let result = try onoma(arguments)
        #expect(result.status == 64, "\(arguments): \(result.status) \(result.stderr)")
        #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
    }

    @Test func missingInputFileIsAClearError() throws {
        let result = try onoma(["glossary", "import", "/nonexistent/people.tsv", "--store", try temporaryStorePath()])
        #expect(result.status != 0)
        #expect(result.stderr.contains("cannot read /nonexistent/people.tsv"), "\(result.stderr)")
    }

    @Test func exportRoundTripsThroughEveryReadableFormat() throws {
        let path = try sampleStore()
        let stored = try GlossaryStore.open(path: path).concepts()
        for format in ["jsonl", "tbx", "tsv", "csv"] {
            let output = try temporaryDirectory().appendingPathComponent("export.\(format)")
            let result = try onoma(["glossary", "export", "--store", path, "-o", output.path])
            #expect(result.status == 0, "\(result.stderr)")
            let bytes = Array(try Data(contentsOf: output))
            let concepts = try GlossaryReader.read(bytes, file: output.path, format: try #require(GlossaryFormat(path: output.path)))
            #expect(Set(concepts.map(\.id)) == Set(stored.map(\.id)), "\(format)")
            if format == "jsonl" {
                #expect(concepts.sorted { $0.id < $1.id } == stored.sorted { $0.id < $1.id })
            }
            // Importing the export into a new store gives the same terms.
            let copy = try temporaryStorePath()
            #expect(try onoma(["glossary", "import", output.path, "--store", copy, "--quiet"]).status == 0)
            let copied = try GlossaryStore.open(path: copy).concepts()
            #expect(Set(copied.flatMap { c in c.terms.map { "\(c.id)|\($0.language)|\($0.text)" } })
                    == Set(stored.flatMap { c in c.terms.map { "\(c.id)|\($0.language)|\($0.text)" } }), "\(format)")
        }
    }

    @Test func exportFiltersByLanguagesTypeAndStatus() throws {
        let path = try sampleStore()
        let omegat = try onoma(["glossary", "export", "--store", path, "--from", "en", "--to", "fr", "--format",
                                "omegat"])
        #expect(omegat.status == 0, "\(omegat.stderr)")
        #expect(omegat.stdout.contains("Nikol Pashinyan\tNikol Pachinian"), "\(omegat.stdout)")
        #expect(omegat.stdout.contains("Yerevan\tErevan"))
        #expect(!omegat.stdout.contains("Пашинян"), "only the two languages")
        let places = try onoma(["glossary", "export", "--store", path, "--type", "place", "--format", "jsonl"])
        let ids = places.stdout.split(separator: "\n").compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["id"] as? String
        }
        #expect(Set(ids) == ["yerevan", "nagorno-karabakh"])
        let tbx = try onoma(["glossary", "export", "--store", path, "--format", "tbx", "--tbx-version", "3",
                             "--status", "preferred"])
        #expect(tbx.stdout.contains("<tbx") && tbx.stdout.contains("Haut-Karabakh"))
        #expect(!tbx.stdout.contains(">Artsakh<"), "admitted terms are filtered out")
    }

    @Test func showListsEveryTerm() throws {
        let path = try sampleStore()
        let text = try onoma(["glossary", "show", "nikol-pashinyan", "--store", path])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.hasPrefix("nikol-pashinyan (person)\n"))
        #expect(text.stdout.contains("wikidata: Q7242353"))
        for line in ["fr  preferred  full            Nikol Pachinian", "ru  admitted   short           Пашинян",
                     "hy  admitted   short           Փաշինյան"] {
            #expect(text.stdout.contains(line), "\(text.stdout)")
        }
        let json = try onoma(["glossary", "show", "nikol-pashinyan", "--json", "--store", path])
        let concept = try JSONDecoder().decode(Concept.self, from: Data(json.stdout.utf8))
        #expect(concept == (try sampleConcepts().first { $0.id == "nikol-pashinyan" }))
        let missing = try onoma(["glossary", "show", "nobody", "--store", path])
        #expect(missing.status == 1 && missing.stderr.contains("no concept \"nobody\""))
    }

    @Test func searchShowsConceptTypeTermAndLanguage() throws {
        let path = try sampleStore()
        let result = try onoma(["glossary", "search", "pash", "--store", path])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = Set(result.stdout.split(separator: "\n").map(String.init))
        #expect(lines.contains("nikol-pashinyan\tperson\tPashinyan\ten"), "\(lines)")
        #expect(lines.contains("nikol-pashinyan\tperson\tПашинян\tru"))
        let limited = try onoma(["glossary", "search", "pash", "--limit", "2", "--store", path])
        #expect(limited.stdout.split(separator: "\n").count == 2)
        let none = try onoma(["glossary", "search", "zzzz", "--store", path])
        #expect(none.status == 0 && none.stdout.isEmpty && none.stderr.contains("no term matches"))
    }

    @Test func addMergesAndRemoveDeletes() throws {
        let path = try temporaryStorePath()
        let added = try onoma(["glossary", "add", "--store", path, "--id", "nikol-pashinyan", "--type", "person",
                               "--term", "en=Nikol Pashinyan", "--term", "fr=Nikol Pachinian",
                               "--term", "fr=Pachinian {short}", "--term", "ru=Пашинян {short, admitted}",
                               "--note", "Prime Minister of Armenia", "--wikidata", "Q7242353"])
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout == "added nikol-pashinyan: 4 terms added, 0 updated\n")
        let store = try GlossaryStore.open(path: path)
        let concept = try #require(try store.concept(id: "nikol-pashinyan"))
        #expect(concept.terms.map(\.status) == [.preferred, .preferred, .admitted, .admitted])
        #expect(concept.terms.map(\.kind) == [.full, .full, .short, .short])
        #expect(concept.externalIDs == ["wikidata": "Q7242353"] && concept.note == "Prime Minister of Armenia")

        let more = try onoma(["glossary", "add", "--store", path, "--id", "nikol-pashinyan", "--type", "person",
                              "--term", "de=Paschinjan {short}", "--term", "fr=Pachinian {short, admitted}"])
        #expect(more.stdout == "updated nikol-pashinyan: 1 terms added, 0 updated\n", "\(more.stdout)")
        #expect(try store.concept(id: "nikol-pashinyan")?.terms.count == 5)

        let removed = try onoma(["glossary", "remove", "nikol-pashinyan", "--store", path])
        #expect(removed.status == 0 && removed.stdout == "removed nikol-pashinyan\n")
        #expect(try store.counts() == (0, 0))
        let again = try onoma(["glossary", "remove", "nikol-pashinyan", "--store", path])
        #expect(again.status == 1 && again.stderr.contains("no concept \"nikol-pashinyan\""))
    }

    @Test func statsShowVersionsAndCounts() throws {
        let path = try sampleStore()
        let result = try onoma(["glossary", "stats", "--store", path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("schema: \(StoreSchema.version), key format: \(NameNormalizer.keyFormatVersion)"))
        #expect(result.stdout.contains("concepts: 4\n"))
        #expect(result.stdout.contains("  place\t2\n"))
        #expect(result.stdout.contains("  en\t8\n"))
        #expect(result.stdout.contains("size: "))
    }

    @Test func newerStoreIsRefusedByTheCommand() throws {
        let path = try temporaryStorePath()
        let store = try GlossaryStore.open(path: path)
        let newer = StoreSchema.version + 1
        try store.executeForTesting("UPDATE storeInfo SET schemaVersion = \(newer)")
        try store.close()
        let result = try onoma(["glossary", "stats", "--store", path])
        #expect(result.status == 1)
        #expect(result.stderr == "onoma: store \(path) was written by a newer Onoma (schema \(newer); "
                + "this build knows \(StoreSchema.version)): upgrade onoma\n")
    }

    @Test func helpTeachesWithExamples() throws {
        for command in ["import", "export", "stats", "show", "search", "add", "remove"] {
            let result = try onoma(["glossary", command, "--help"])
            #expect(result.stdout.contains("Examples:"), "\(command)")
            #expect(result.stdout.contains("ONOMA_STORE"), "\(command)")
        }
        #expect(try onoma(["--help"]).stdout.contains("glossary"))
    }
}
