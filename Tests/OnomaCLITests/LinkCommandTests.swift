import Foundation
import TestResources
import Testing

/// `onoma link` through the built binary, on a store imported from a small glossary of English and native forms.
@Suite(.serialized) struct LinkCommandTests {
    static let glossary = """
        id\ttype\ten\tfr\tru\thy
        nikol-pashinyan\tperson\tNikol Pashinyan | Pashinyan {short}\t\tНикол Пашинян\tՆիկոլ Փաշինյան
        yerevan\tplace\tYerevan\tErevan\tЕреван\tԵրևան
        armenia\tplace\tArmenia | Armenian {adjective}\tArménie | arménien {adjective}\tАрмения\tՀայաստան
        nagorno-karabakh\tplace\tNagorno-Karabakh\tHaut-Karabakh\tНагорный Карабах\t

        """

    static func store() throws -> String { try importedStore(glossary) }

    static let text = "Nikol Pachinian, Premier ministre arménien, est rentré à Erevan. "
        + "L’Arménie et le Haut-Karabakh…\n"

    @Test func jsonlHasExactOffsetsAndEveryKey() throws {
        let store = try Self.store()
        let result = try onoma(["link", "-", "--from", "fr", "--format", "jsonl", "--store", store], input: Self.text)
        #expect(result.status == 0, "\(result.stderr)")
        let objects = try result.stdout.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        #expect(objects.map { $0["entity"] as? String } == ["nikol-pashinyan", "armenia", "yerevan", "armenia",
                                                            "nagorno-karabakh"])
        #expect(objects.map { $0["kind"] as? String } == ["name", "adjective", "name", "name", "name"])
        #expect(objects.first?["method"] as? String == "transcription")
        #expect(objects.first?["canonical"] as? String == "Nikol Pashinyan")
        let scalars = Array(Self.text.unicodeScalars)
        let bytes = Array(Self.text.utf8)
        for object in objects {
            let keys: Set = ["start", "end", "byteStart", "byteEnd", "surface", "entity", "type", "kind",
                             "canonical", "method", "score"]
            #expect(keys.isSubset(of: Set(object.keys)))
            let start = try #require(object["start"] as? Int), end = try #require(object["end"] as? Int)
            let byteStart = try #require(object["byteStart"] as? Int), byteEnd = try #require(object["byteEnd"] as? Int)
            let surface = try #require(object["surface"] as? String)
            #expect(String(String.UnicodeScalarView(scalars[start..<end])) == surface)
            #expect(String(decoding: bytes[byteStart..<byteEnd], as: UTF8.self) == surface)
        }
    }

    @Test func annotatedAndTSV() throws {
        let store = try Self.store()
        let annotated = try onoma(["link", "--from", "fr", "--format", "annotated", "--store", store], input: Self.text)
        #expect(annotated.stdout == "Nikol Pachinian [Nikol Pashinyan], Premier ministre arménien [Armenian], est "
            + "rentré à Erevan [Yerevan]. L’Arménie [Armenia] et le Haut-Karabakh [Nagorno-Karabakh]…\n")
        let tsv = try onoma(["link", "--from", "fr", "--store", store], input: Self.text)
        let (header, rows) = tsvRows(tsv.stdout)
        #expect(header.prefix(6) == ["start", "end", "byteStart", "byteEnd", "surface", "entity"])
        #expect(rows.count == 5)
    }

    @Test func severalFilesAreSeveralDocuments() throws {
        let store = try Self.store()
        let first = try temporaryFile("first.txt", Array("Nikol Pachinian à Erevan.\n".utf8))
        let binary = try temporaryFile("binary.txt", Array("Erevan ".utf8) + [0, 0x42])
        let second = try temporaryFile("second.txt", Array("L’Arménie et Pachinian.\n".utf8))
        let result = try onoma(["link", first, binary, second, "--from", "fr", "--store", store])
        // The binary file is refused (exit 65) and reported; the files around it are linked.
        #expect(result.status == 65)
        #expect(result.stderr.contains("binary.txt: byte 7: binary input"), "\(result.stderr)")
        let (header, rows) = tsvRows(result.stdout)
        #expect(header.prefix(3) == ["file", "start", "end"])
        #expect(rows.map { [$0[0] == first ? "first" : $0[0] == second ? "second" : $0[0], $0[1], $0[6]] } == [
            ["first", "0", "nikol-pashinyan"], ["first", "18", "yerevan"],
            ["second", "2", "armenia"], ["second", "13", "nikol-pashinyan"],
        ])
    }

    @Test func badInputNamesTheByteOffset() throws {
        let store = try Self.store()
        let binary = try onoma(["link", "--store", store], bytes: Array("Erevan ".utf8) + [0, 0x42])
        #expect(binary.status == 65)
        #expect(binary.stderr.contains("<stdin>: byte 7: binary input"), "\(binary.stderr)")
        let invalid: [UInt8] = Array("Erevan ".utf8) + [0xC3] + Array(" Haut-Karabakh".utf8)
        let lenient = try onoma(["link", "--from", "fr", "--format", "jsonl", "--store", store], bytes: invalid)
        #expect(lenient.status == 0)
        #expect(lenient.stderr.contains("byte 7: invalid UTF-8"), "\(lenient.stderr)")
        #expect(lenient.stdout.contains("\"byteStart\":9"))
        let strict = try onoma(["link", "--strict", "--store", store], bytes: invalid)
        #expect(strict.status == 65)
        let missing = try onoma(["link", "/nonexistent/article.txt", "--store", store])
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("/nonexistent/article.txt: cannot open"))
    }
}
