import Foundation
import TestResources
import Testing

/// `onoma glossary build` through the built binary, on the example article's excerpt and a store made from the
/// shipped curated glossaries.
@Suite(.serialized) struct GlossaryBuildCommandTests {
    /// A store of `Glossaries/curated/*.tsv`, imported by the binary, and the excerpt as a file beside it.
    static func fixture() throws -> (store: String, document: String) {
        let document = try temporaryFile("fr-presstv-excerpt.txt", Array(try CorpusFixtures.frenchExcerpt.utf8))
        let store = (document as NSString).deletingLastPathComponent + "/store.sqlite"
        let folder = CorpusFixtures.packageRoot.appendingPathComponent("Glossaries/curated").path
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".tsv") }
            .sorted().map { folder + "/" + $0 }
        let imported = try onoma(["glossary", "import"] + files + ["--store", store, "--quiet"])
        #expect(imported.status == 0, "\(imported.stderr)")
        return (store, document)
    }

    @Test func markdownOfTheExcerpt() throws {
        let (store, document) = try Self.fixture()
        let result = try onoma(["glossary", "build", document, "--from", "fr", "--to", "en", "--format", "md",
                                "--store", store])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "# Glossary of fr-presstv-excerpt.txt (fr → en)")
        #expect(lines.contains("| fr forms | en | type | mentions | first sentence |"))
        #expect(lines.contains("| Nikol Pachinian (1) | Nikol Pashinyan | person | 1 | Le lendemain, samedi 26 mars, "
            + "le président russe, Vladimir Poutine et le Premier ministre arménien, Nikol Pachinian se sont "
            + "entretenus de la situation sur le terrain et dans la zone sous contrôle des Casques bleus russes. |"))
        #expect(lines.contains { $0.hasPrefix("| Ilham Aliev (1), Aliev (1) | Ilham Aliyev | person | 2 | La stra") })
        #expect(lines.contains {
            $0.hasPrefix("| *arménien* (2), Arménie (1), *arméniens* (1) | Armenia (adj. *Armenian*) | place | 4 |")
        })
        #expect(!lines.contains("## To review"))
        #expect(result.stderr.contains(": 21 concepts, 34 mentions; 0 names to review"), "\(result.stderr)")

        // A name the store lacks: a second table, with the closest concept.
        let text = try CorpusFixtures.frenchExcerpt + "\nLe député Eduard Aghajaniana a parlé.\n"
        let review = try onoma(["glossary", "build", "-", "--from", "fr", "--format", "md", "--store", store],
                               input: text)
        #expect(review.status == 0, "\(review.stderr)")
        let reviewLines = review.stdout.split(separator: "\n").map(String.init)
        let section = try #require(reviewLines.firstIndex(of: "## To review"), "\(review.stdout)")
        #expect(reviewLines[section...].contains {
            $0.hasPrefix("| Eduard Aghajaniana (1) | 1 | Eduard Aghajanyan `eduard-aghajanyan` 0.")
        }, "\(review.stdout)")
    }

    @Test func tbxImportsBackIntoTheStore() throws {
        let (store, document) = try Self.fixture()
        let folder = (document as NSString).deletingLastPathComponent
        let output = folder + "/glossary.tbx"
        let built = try onoma(["glossary", "build", document, "--from", "fr", "-o", output, "--store", store])
        #expect(built.status == 0, "\(built.stderr)")
        let tbx = try String(contentsOfFile: output, encoding: .utf8)
        #expect(tbx.contains("<martif type=\"TBX-Basic\" xml:lang=\"fr\">"))
        #expect(tbx.contains("<termEntry id=\"c-nikol-pashinyan\">"))
        #expect(tbx.contains("<admin type=\"source\">document: fr-presstv-excerpt.txt</admin>"))
        #expect(tbx.contains("Context (fr-presstv-excerpt.txt): Le lendemain, samedi 26 mars"))
        let review = try String(contentsOfFile: folder + "/glossary.review.tsv", encoding: .utf8)
        #expect(review == "name\tforms\tmentions\tcandidates\tfirstSentence\n")

        let imported = try onoma(["glossary", "import", output, "--store", store])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("0 concepts added, 21 updated, 0 unchanged; 0 terms added"),
                "\(imported.stdout)")
        // Built again from the grown store and imported again: nothing changes.
        _ = try onoma(["glossary", "build", document, "--from", "fr", "-o", output, "--store", store])
        let again = try onoma(["glossary", "import", output, "--store", store])
        #expect(again.stdout.contains("0 concepts added, 0 updated, 21 unchanged; 0 terms added"), "\(again.stdout)")

        let v3 = try onoma(["glossary", "build", document, "--from", "fr", "--format", "tbx", "--tbx-version", "3",
                            "--store", store, "--quiet"])
        #expect(v3.status == 0 && v3.stdout.contains("<tbx type=\"TBX-Basic\"") && v3.stderr.isEmpty)
    }

    @Test func namesToReviewGoToStandardErrorWithTSV() throws {
        let (store, _) = try Self.fixture()
        let result = try onoma(["glossary", "build", "-", "--from", "fr", "--store", store],
                               input: "Bakou accuse Erevan. Le député Eduard Aghajaniana a parlé.\n")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("id\ttype\tdomain\tnote\tsource\twikidata\tfr\ten\n")
            || result.stdout.hasPrefix("id\ttype\tdomain\tnote\twikidata\tfr\ten\n"), "\(result.stdout)")
        #expect(result.stdout.contains("\nbaku\tplace\t"))
        #expect(!result.stdout.contains("Aghajaniana"))
        #expect(result.stderr.contains("1 name to review (not in the output):"), "\(result.stderr)")
        #expect(result.stderr.contains("Eduard Aghajaniana  ×1  Eduard Aghajanyan (eduard-aghajanyan, 0."))
    }

    @Test func missingAndBinaryDocumentsFail() throws {
        let missing = try onoma(["glossary", "build", "/nonexistent/article.txt", "--from", "fr"])
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("/nonexistent/article.txt: cannot open"), "\(missing.stderr)")
        let (store, _) = try Self.fixture()
        let binary = try onoma(["glossary", "build", "-", "--from", "fr", "--store", store], bytes: [0x41, 0, 0x42])
        #expect(binary.status == 65)
        #expect(binary.stderr.contains("<stdin>: byte 1: binary input (NUL byte)"), "\(binary.stderr)")
        let noLanguage = try onoma(["glossary", "build", "article.txt"])
        #expect(noLanguage.status == 64 && noLanguage.stderr.contains("--from"))
    }
}
