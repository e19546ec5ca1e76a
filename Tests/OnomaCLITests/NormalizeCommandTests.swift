import ArgumentParser
import Foundation
import OnomaBatch
import Testing
import TestResources
@testable import onoma

/// Runs the built `onoma` binary.
func onoma(_ arguments: [String], input: String? = nil, bytes: [UInt8]? = nil) throws -> ProcessResult {
    let data = bytes.map { Data($0) } ?? input.map { Data($0.utf8) }
    return try runProcess(CorpusFixtures.onomaExecutable, arguments, input: data)
}

/// Splits TSV output into rows of cells, dropping the header.
func tsvRows(_ output: String) -> (header: [String], rows: [[String]]) {
    let lines = output.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map {
        $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
    }
    return (lines.first ?? [], Array(lines.dropFirst()))
}

/// A new store imported by the built binary from a TSV glossary; the path of its SQLite file.
func importedStore(_ glossary: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
    let tsv = try temporaryFile("glossary.tsv", Array(glossary.utf8))
    let store = (tsv as NSString).deletingLastPathComponent + "/store.sqlite"
    let imported = try onoma(["glossary", "import", tsv, "--store", store])
    #expect(imported.status == 0, "\(imported.stderr)", sourceLocation: sourceLocation)
    return store
}

func temporaryFile(_ name: String, _ bytes: [UInt8]) throws -> String {
    let directory = try TemporaryFiles.directory("cli")
    let url = directory.appendingPathComponent(name)
    try Data(bytes).write(to: url)
    return url.path
}

@Suite struct NormalizeCommandParsingTests {
    @Test func parsesOptions() throws {
        let command = try Onoma.parseAsRoot(["normalize", "a.csv", "--column", "name", "--from", "fr", "--format",
                                             "jsonl", "--strict"])
        let normalize = try #require(command as? Onoma.Normalize)
        #expect(normalize.files == ["a.csv"])
        #expect(normalize.column == "name")
        #expect(normalize.format == .jsonl)
        #expect(normalize.strict)
    }

    @Test(arguments: [
        ["normalize", "--column", "1", "--field", "name"],
        ["normalize", "--from", "klingon-xx"],
        ["normalize", "--jobs", "0"],
        ["normalize", "--delimiter", ";"],
        ["normalize", "--format", "xml"],
    ])
    func rejectsBadOptions(_ arguments: [String]) {
        #expect(throws: (any Error).self) { _ = try Onoma.parseAsRoot(arguments) }
    }
}

@Suite struct NormalizeCommandTests {
    @Test func shippedExampleKeepsOrderAndLinksEveryNameOnTheDefaultStore() throws {
        let path = CorpusFixtures.packageRoot.appendingPathComponent("Glossaries/examples/fr-names.txt").path
        let inputLines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        let result = try onoma(["normalize", path, "--from", "fr", "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        let (header, rows) = tsvRows(result.stdout)
        #expect(Array(header.prefix(5)) == ["input", "normalized", "key", "script", "latin"])
        #expect(header.last == "error")
        #expect(rows.map { $0[0] } == inputLines)
        let keys = Dictionary(rows.map { ($0[0], $0[2]) }, uniquingKeysWith: { a, _ in a })
        #expect(keys["l'Arménie"] == "armenie")
        #expect(keys["qu'Erevan"] == "erevan")
        #expect(keys["Haut-Karabakh"] == "haut karabakh")
        let entity = try #require(header.firstIndex(of: "entity"))
        let canonical = try #require(header.firstIndex(of: "canonical"))
        for row in rows { #expect(!row[entity].isEmpty, "\(row[0]) is not linked") }
        let linked = Dictionary(rows.map { ($0[0], $0[canonical]) }, uniquingKeysWith: { a, _ in a })
        #expect(linked["Nikol Pachinian"] == "Nikol Pashinyan")
        #expect(linked["Erevan"] == "Yerevan")
        #expect(linked["qu'Erevan"] == "Yerevan")
        #expect(linked["Vladimir Poutine"] == "Vladimir Putin")
    }

    @Test func badRowsGiveErrorRowsInPlace() throws {
        var bytes = Array("Пашинян\n\nBa\u{0}kou\n".utf8)
        bytes += [0x45, 0x72, 0xFF, 0x65, 0x76, 0x61, 0x6E, 0x0A]  // "Er\xFFevan"
        bytes += Array(repeating: 0x61, count: 1 << 20) + [0x0A]   // a 1 MB line
        bytes += Array("Երևան".utf8)                                // last line without a newline
        let result = try onoma(["normalize", "--quiet", "--no-link"], bytes: bytes)
        #expect(result.status == 0)
        let (header, rows) = tsvRows(result.stdout)
        let error = try #require(header.firstIndex(of: "error"))
        #expect(rows.count == 6)
        #expect(rows[0][4] == "Pashinyan" && rows[0][error].isEmpty)
        #expect(rows[1][error] == "empty name")
        #expect(rows[2][error].contains("NUL"))
        #expect(rows[3][error].contains("invalid UTF-8 at byte 3"))
        #expect(rows[4][error].contains("too long"))
        #expect(rows[5][4] == "Yerevan")
        #expect(result.stdout.utf8.count < 10_000, "the 1 MB line must not be echoed whole")
    }

    @Test func strictStopsAtTheFirstBadRow() throws {
        let path = try temporaryFile("names.txt", Array("Bakou\nErevan\n\nMoscou\n".utf8))
        let result = try onoma(["normalize", path, "--strict", "--quiet", "--no-link"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("\(path):3: empty name"), "\(result.stderr)")
        #expect(tsvRows(result.stdout).rows.count == 2)
    }

    @Test func jsonlShape() throws {
        let result = try onoma(["normalize", "--format", "jsonl", "--from", "ru", "--quiet", "--no-link"], input: "Алиев\n\n")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(first["latin"] as? String == "Aliyev")
        #expect(first["script"] as? String == "Cyrillic")
        #expect(first["error"] is NSNull)
        let second = try #require(try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any])
        #expect(second["error"] as? String == "empty name")
        #expect(second["normalized"] is NSNull)
    }

    @Test func csvColumnByNameWithQuotesAndBOM() throws {
        let csv = "\u{FEFF}id,name,lang\r\n1,\"Aliev, Ilham\",fr\r\n2,\"Haut-\nKarabakh\",fr\r\n3,Pachinian,fr\r\n"
        let path = try temporaryFile("people.csv", Array(csv.utf8))
        let result = try onoma(["normalize", path, "--column", "name", "--quiet", "--no-link"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = tsvRows(result.stdout).rows
        #expect(rows.map { $0[0] } == ["Aliev, Ilham", "Haut-\\nKarabakh", "Pachinian"])
        #expect(rows[1][1] == "Haut- Karabakh")
    }

    @Test func tsvColumnByNumberDetectsHeader() throws {
        let withHeader = try temporaryFile("a.tsv", Array("id\tname\n1\tBakou\n2\tErevan\n".utf8))
        let noHeader = try temporaryFile("b.tsv", Array("1\tBakou\n2\tErevan\n".utf8))
        for path in [withHeader, noHeader] {
            let result = try onoma(["normalize", path, "--column", "2", "--quiet", "--no-link"])
            #expect(tsvRows(result.stdout).rows.map { $0[0] } == ["Bakou", "Erevan"], "\(path)")
        }
        let forced = try onoma(["normalize", withHeader, "--column", "2", "--no-header", "--quiet", "--no-link"])
        #expect(tsvRows(forced.stdout).rows.map { $0[0] } == ["name", "Bakou", "Erevan"])
    }

    @Test func unknownColumnNameIsAClearError() throws {
        let path = try temporaryFile("a.csv", Array("id,nom\n1,Bakou\n".utf8))
        let result = try onoma(["normalize", path, "--column", "name", "--quiet", "--no-link"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("no column named \"name\""), "\(result.stderr)")
    }

    @Test func jsonlFieldAndBadLines() throws {
        let input = "{\"name\":\"Փաշինյան\"}\nnot json\n{\"other\":1}\n{\"name\":42}\n"
        let result = try onoma(["normalize", "--field", "name", "--quiet", "--no-link"], input: input)
        let (header, rows) = tsvRows(result.stdout)
        let error = try #require(header.firstIndex(of: "error"))
        #expect(rows.count == 4)
        #expect(rows[0][4] == "P'ashinyan")
        #expect(rows[1][error] == "not valid JSON")
        #expect(rows[2][error] == "no field \"name\"")
        #expect(rows[3][error] == "field \"name\" is not a string")
    }

    @Test func missingFileIsAClearError() throws {
        let result = try onoma(["normalize", "/nonexistent/names.txt"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("/nonexistent/names.txt"))
    }

    @Test func manyRowsAcrossChunksKeepOrder() throws {
        // More rows than one chunk, with heavy repetition, as real batches have.
        let names = ["Poutine", "Пашинян", "Aliev", "Երևան", "Bakou", "Haut-Karabakh"]
        let input = (0..<40_000).map { "\(names[$0 % names.count]) \($0 % 97)" }
        let result = try onoma(["normalize", "--quiet", "--no-link"], input: input.joined(separator: "\n") + "\n")
        let rows = tsvRows(result.stdout).rows
        #expect(rows.count == input.count)
        #expect(rows.map { $0[0] } == input)
    }

    /// ICU's transliterators run partly on the native rule engine (the default) or all in ICU
    /// (`ONOMA_ICU_TRANSLITERATORS`): the same output on every shipped glossary term, including the names where ICU's
    /// `Any-Latin` reaches a native transliterator itself (Japanese names with kanji: アイスランド語).
    @Test func nativeTransliteratorsChangeNoOutput() throws {
        let terms = CorpusFixtures.shippedGlossaryTerms
        #expect(terms.count > 50_000)
        #expect(terms.contains("アイスランド語"))
        let input = Data((terms.joined(separator: "\n") + "\n").utf8)
        let native = try runProcess(CorpusFixtures.onomaExecutable, ["normalize", "--no-link"], input: input)
        let icu = try runProcess(CorpusFixtures.onomaExecutable, ["normalize", "--no-link"], input: input,
                                 environment: ["ONOMA_ICU_TRANSLITERATORS": "1"])
        #expect(native.status == 0, "\(native.stderr)")
        #expect(icu.status == 0, "\(icu.stderr)")
        let ours = native.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        let theirs = icu.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(ours.count == terms.count + 2)  // the header, and the empty string after the last newline
        #expect(ours.count == theirs.count)
        let differing = zip(ours, theirs).filter { $0 != $1 }.prefix(5).map { "\($0) | ICU: \($1)" }
        #expect(differing.isEmpty, "\(differing)")
    }

    @Test func helpTeachesWithExamples() throws {
        let result = try onoma(["normalize", "--help"])
        #expect(result.stdout.contains("Examples:"))
        #expect(result.stdout.contains("--column"))
        // The top-level help names where Onoma keeps files and the variables it reads.
        let top = try onoma(["--help"])
        for variable in ["XDG_CACHE_HOME", "ONOMA_STORE", "ONOMA_NO_SNAPSHOTS"] {
            #expect(top.stdout.contains(variable), "\(variable)")
        }
    }
}
