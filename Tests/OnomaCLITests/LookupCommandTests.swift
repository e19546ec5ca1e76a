import Foundation
import TestResources
import Testing

/// `onoma lookup` and the entity columns of `onoma normalize`, through the built binary, on a store made from a
/// glossary holding only English and native forms (so French and German spellings must be found by the cascade).
@Suite(.serialized) struct LookupCommandTests {
    static let glossary = """
        id\ttype\tdomain\tnote\ten\tru\thy\taz
        nikol-pashinyan\tperson\tpolitics\tPrime Minister of Armenia\tNikol Pashinyan | Pashinyan {short}\t\
        Никол Пашинян\tՆիկոլ Փաշինյան\t
        yerevan\tplace\tgeography\tCapital of Armenia\tYerevan\tЕреван\tԵրևան\t
        baku\tplace\tgeography\tCapital of Azerbaijan\tBaku\tБаку\t\tBakı
        georgia-country\tplace\tgeography\tCountry in the South Caucasus\tGeorgia\tГрузия\t\t
        georgia-us-state\tplace\tgeography\tState of the United States\tGeorgia\tДжорджия\t\t

        """

    static func store() throws -> String { try importedStore(glossary) }

    @Test func looksUpFrenchAndGermanSpellingsAndScripts() throws {
        let store = try Self.store()
        let result = try onoma(["lookup", "Pachinian", "Erevan", "Bakou", "--from", "fr", "--store", store])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let heads = lines.filter { !$0.hasPrefix(" ") }
        #expect(heads.count == 3)
        #expect(heads[0].hasPrefix("Pachinian\tnikol-pashinyan (person, politics)\tNikol Pashinyan\ttranscription"))
        #expect(heads[1].contains("\tyerevan (place"))
        #expect(heads[2].contains("\tbaku (place"))
        #expect(lines.contains { $0.contains("transcription fr: ch→sh") }, "\(result.stdout)")
        let german = try onoma(["lookup", "Paschinjan", "--from", "de", "--to", "hy", "--store", store, "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(german.stdout.utf8)) as? [String: Any])
        let matches = try #require(object["matches"] as? [[String: Any]])
        #expect(matches.first?["canonical"] as? String == "Նիկոլ Փաշինյան")
        #expect(matches.first?["method"] as? String == "transcription")
        let cyrillic = try onoma(["lookup", "Пашинян", "--store", store])
        #expect(cyrillic.stdout.contains("nikol-pashinyan"), "\(cyrillic.stdout)")
    }

    /// The matcher's snapshot goes to `$XDG_CACHE_HOME/onoma`, serves the next run, follows an import into the store,
    /// and is not written with `ONOMA_NO_SNAPSHOTS`.
    @Test func snapshotsFollowTheStoreAndCanBeTurnedOff() throws {
        let store = try Self.store()
        let cache = (try temporaryFile("marker", []) as NSString).deletingLastPathComponent + "/cache"
        func lookup(_ name: String, _ environment: [String: String] = [:]) throws -> ProcessResult {
            try runProcess(CorpusFixtures.onomaExecutable, ["lookup", name, "--from", "fr", "--store", store],
                           environment: environment.merging(["XDG_CACHE_HOME": cache]) { $1 })
        }
        func snapshots() -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: cache + "/onoma")) ?? []).filter {
                $0.hasPrefix("matcher-")
            }
        }
        #expect(try lookup("Pachinian", ["ONOMA_NO_SNAPSHOTS": "1"]).stdout.contains("nikol-pashinyan"))
        #expect(snapshots().isEmpty)
        #expect(try lookup("Pachinian").stdout.contains("nikol-pashinyan"))
        let written = snapshots()
        #expect(written.count == 1)
        let path = cache + "/onoma/" + (written.first ?? "")
        let saved = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
        #expect(try lookup("Erevan").stdout.contains("yerevan"))
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date == saved,
                "an unchanged store's snapshot is read, not written again")
        // A concept imported since: the snapshot is stale, the new concept found and saved.
        let tsv = try temporaryFile("more.tsv", Array("id\ttype\ten\nzzyzx-qwerty\tplace\tZzyzx Qwerty\n".utf8))
        #expect(try onoma(["glossary", "import", tsv, "--store", store]).status == 0)
        #expect(try lookup("Zzyzx Qwerty").stdout.contains("zzyzx-qwerty"))
        #expect(snapshots() == written)
    }

    @Test func noMatchExitsOne() throws {
        let store = try Self.store()
        let result = try onoma(["lookup", "Baku", "Xyzzyqua", "--store", store])
        #expect(result.status == 1)
        #expect(result.stdout.contains("Xyzzyqua\tno match"))
    }

    @Test func ambiguousNamesListEveryConcept() throws {
        let store = try Self.store()
        let result = try onoma(["lookup", "Georgia", "--store", store])
        #expect(result.stdout.contains("georgia-country") && result.stdout.contains("georgia-us-state"))
        #expect(result.stdout.contains("note: State of the United States"))
        let people = try onoma(["lookup", "Georgia", "--type", "person", "--store", store])
        #expect(people.status == 1)
    }

    /// `--threshold` keeps the matches scoring at least that much, in `lookup` and in `normalize`: a misspelt name
    /// found by the fuzzy step (under 0.9) drops out at 0.9, a transcription (0.90) stays.
    @Test func thresholdKeepsOnlyStrongerMatches() throws {
        let store = try Self.store()
        let loose = try onoma(["lookup", "Pachinyam", "--json", "--store", store])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(loose.stdout.utf8)) as? [String: Any])
        let best = try #require((object["matches"] as? [[String: Any]])?.first)
        #expect(best["entity"] as? String == "nikol-pashinyan" && best["method"] as? String == "fuzzy")
        let score = try #require(best["score"] as? Double)
        #expect(score >= 0.5 && score < 0.9)
        // The JSON score is rounded to 3 decimals: just under it keeps the match, just over it drops it.
        let under = try onoma(["lookup", "Pachinyam", "--threshold", String(format: "%.4f", score - 0.001),
                               "--store", store])
        #expect(under.status == 0 && under.stdout.contains("nikol-pashinyan"), "\(under.stdout)")
        let over = try onoma(["lookup", "Pachinyam", "--threshold", String(format: "%.4f", score + 0.001),
                              "--store", store])
        #expect(over.status == 1 && over.stdout.contains("no match"), "\(over.stdout)")
        let strict = try onoma(["lookup", "Pachinyam", "Pachinian", "--from", "fr", "--threshold", "0.9",
                                "--store", store])
        #expect(strict.status == 1)
        #expect(strict.stdout.contains("Pachinyam\tno match"), "\(strict.stdout)")
        #expect(strict.stdout.contains("Pachinian\tnikol-pashinyan"), "\(strict.stdout)")

        let rows = try onoma(["normalize", "--from", "fr", "--threshold", "0.9", "--store", store, "--quiet"],
                             input: "Pachinyam\nPachinian\n")
        #expect(rows.status == 0, "\(rows.stderr)")
        let table = tsvRows(rows.stdout).rows
        #expect(table.count == 2)
        #expect(table.first?[5] == "" && table.first?[8] == "")
        #expect(table.last?[5] == "nikol-pashinyan" && table.last?[7] == "transcription")
        let defaults = try onoma(["normalize", "--from", "fr", "--store", store, "--quiet"], input: "Pachinyam\n")
        #expect(tsvRows(defaults.stdout).rows.first?[5] == "nikol-pashinyan")

        for bad in ["0.3", "1.5", "nan"] {
            let refused = try onoma(["lookup", "Baku", "--threshold", bad, "--store", store])
            #expect(refused.status == 64 && refused.stderr.contains("--threshold must be between 0.5"),
                    "\(bad): \(refused.stderr)")
        }
    }

    /// With `--from`, a name in the case a sentence gave it is found through its dictionary form, explained, at 0.88;
    /// `normalize` fills the entity columns the same way; without `--from` no language's endings are read.
    @Test func inflectedNamesAreFoundWithTheirLanguage() throws {
        let store = try Self.store()
        let result = try onoma(["lookup", "Ереване", "Пашиняна", "Bakıda", "--from", "ru", "--store", store])
        #expect(result.stdout.contains("Ереване\tyerevan (place, geography)\tYerevan\t"), "\(result.stdout)")
        #expect(result.stdout.contains("→ dictionary form \"Пашинян\" (ending -а dropped)"), "\(result.stdout)")
        let polish = try onoma(["lookup", "Pasziniana", "--from", "pl", "--json", "--store", store])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(polish.stdout.utf8)) as? [String: Any])
        let best = try #require((object["matches"] as? [[String: Any]])?.first)
        #expect(best["entity"] as? String == "nikol-pashinyan" && best["score"] as? Double == 0.88, "\(best)")
        #expect((best["explanation"] as? String)?.contains("dictionary form \"Paszinian\"") == true, "\(best)")
        let rows = try onoma(["normalize", "--from", "az", "--store", store, "--quiet"], input: "Bakıda\nBakı\n")
        let table = tsvRows(rows.stdout).rows
        #expect(table.count == 2 && table.allSatisfy { $0[5] == "baku" }, "\(rows.stdout)")
        #expect(table.first?[8] == "0.880" && table.last?[8] == "1.000", "\(rows.stdout)")
        let unknown = try onoma(["lookup", "Pasziniana", "--json", "--store", store])
        #expect(!unknown.stdout.contains("dictionary form"), "\(unknown.stdout)")
    }

    /// A person's official name with a father's name added (Armenian *Nikol Vovayi Pashinyan*) is the store's *Nikol
    /// Pashinyan*, at 0.88 and explained, in `lookup` and in `normalize`; a word before the name is another name's.
    @Test func givenNamesAddedOrLeftOut() throws {
        let store = try Self.store()
        let result = try onoma(["lookup", "Nikol Vovayi Pashinyan", "Никол Вовайи Пашинян", "--json",
                                "--store", store])
        let objects = result.stdout.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        #expect(objects.count == 2, "\(result.stdout)")
        for object in objects {
            let best = try #require((object["matches"] as? [[String: Any]])?.first, "\(object)")
            #expect(best["entity"] as? String == "nikol-pashinyan" && best["score"] as? Double == 0.88, "\(best)")
            #expect((best["explanation"] as? String)?.contains("without the middle names") == true, "\(best)")
        }
        let rows = try onoma(["normalize", "--store", store, "--quiet"],
                             input: "Nikol Vovayi Pashinyan\nYerevan Nikol Pashinyan\n")
        let table = tsvRows(rows.stdout).rows
        #expect(table.first?[5] == "nikol-pashinyan" && table.first?[8] == "0.880", "\(rows.stdout)")
        #expect(table.last?[5] != "nikol-pashinyan", "\(rows.stdout)")
    }

    /// A `--type` that no concept of the store has is a mistake (a typo, a plural), said with the store's types,
    /// not a silent "no match".
    @Test func unknownTypeIsAnError() throws {
        let store = try Self.store()
        let result = try onoma(["lookup", "Baku", "--type", "places", "--store", store])
        #expect(result.status == 64)
        #expect(result.stderr.contains("no concept of the store has type 'places'; its types: person, place"),
                "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test func normalizeFillsTheEntityColumns() throws {
        let store = try Self.store()
        let result = try onoma(["normalize", "--from", "fr", "--store", store, "--quiet"],
                               input: "Pachinian\nl'Arménie inconnue\nBakou\n")
        #expect(result.status == 0, "\(result.stderr)")
        let (header, rows) = tsvRows(result.stdout)
        #expect(header == ["input", "normalized", "key", "script", "latin", "entity", "canonical", "method", "score",
                           "error"])
        #expect(rows.count == 3)
        #expect(rows[0][5] == "nikol-pashinyan" && rows[0][6] == "Nikol Pashinyan" && rows[0][7] == "transcription")
        #expect(rows[1][5].isEmpty && rows[1][8].isEmpty)
        #expect(rows[2][5] == "baku")
        let unlinked = try onoma(["normalize", "--no-link", "--quiet"], input: "Bakou\n")
        #expect(tsvRows(unlinked.stdout).header.count == 6)
    }
}
