import Foundation
import OnomaGlossary
import Testing

/// Files of more than 2 MB are parsed in record-aligned slices on all cores: the result and the first error must be
/// those of a row-by-row reading.
@Suite struct SlicedReadingTests {
    /// A header and `count` rows of real-looking names; every 7th CSV row has a quoted note spanning two lines.
    static func rows(_ count: Int, csv: Bool) -> (header: String, rows: [String]) {
        let separator = csv ? "," : "\t"
        let header = ["id", "type", "note", "en", "fr", "ru"].joined(separator: separator)
        let rows = (0..<count).map { index in
            let note = csv && index % 7 == 0 ? "\"seen in \"\"Le Monde\"\",\nissue \(index)\"" : "row \(index)"
            return ["person-\(index)", "person", note, "Nikol Pashinyan \(index) | Pashinyan \(index) {short}",
                    "Nikol Pachinian \(index)", "Никол Пашинян \(index)"].joined(separator: separator)
        }
        return (header, rows)
    }

    @Test(arguments: [false, true])
    func slicesReadLikeSmallFiles(csv: Bool) throws {
        let (header, rows) = Self.rows(24_000, csv: csv)
        let whole = header + "\n" + rows.joined(separator: "\n") + "\n"
        #expect(whole.utf8.count > 2 << 20, "the file must be large enough to be read in slices")
        let format: GlossaryFormat = csv ? .csv : .tsv
        let read = try GlossaryReader.read(Array(whole.utf8), file: "big", format: format)
        // The reference: the same rows as files small enough to be read in one piece.
        var expected: [Concept] = []
        for start in stride(from: 0, to: rows.count, by: 6_000) {
            let part = header + "\n" + rows[start..<min(rows.count, start + 6_000)].joined(separator: "\n") + "\n"
            expected += try GlossaryReader.read(Array(part.utf8), file: "part", format: format)
        }
        #expect(read.count == rows.count)
        #expect(read == expected)
        #expect(read[7].note == "seen in \"Le Monde\",\nissue 7" || !csv)
    }

    /// Replaces row `index` (0-based, after the header) and returns the file.
    static func file(_ rows: [String], header: String, replacing changes: [Int: String]) -> [UInt8] {
        var rows = rows
        for (index, row) in changes { rows[index] = row }
        return Array((header + "\n" + rows.joined(separator: "\n") + "\n").utf8)
    }

    @Test func theFirstProblemInFileOrderIsReported() throws {
        let (header, rows) = Self.rows(24_000, csv: false)
        let conflicting = rows[10].replacingOccurrences(of: "Nikol Pachinian 10", with: "Nicolas Pachinian")
        let tooMany = rows[20_000] + "\textra"
        // A duplicate id with other data (found when slices are merged) before a bad row of a later slice.
        var error = #expect(throws: GlossaryError.self) {
            try GlossaryReader.read(Self.file(rows, header: header, replacing: [15_000: conflicting, 20_000: tooMany]),
                                    file: "big.tsv", format: .tsv)
        }
        #expect(error?.code == .duplicateID)
        #expect(error?.line == 15_002)
        #expect(error?.message.contains("line 12") == true)
        // The bad row first: it wins over the later duplicate.
        error = #expect(throws: GlossaryError.self) {
            try GlossaryReader.read(Self.file(rows, header: header, replacing: [23_000: conflicting, 20_000: tooMany]),
                                    file: "big.tsv", format: .tsv)
        }
        #expect(error?.code == .columnCount)
        #expect(error?.line == 20_002)
        // Two bad rows in different slices: the earlier one.
        error = #expect(throws: GlossaryError.self) {
            let badID = rows[9_000].replacingOccurrences(of: "person-9000", with: "Bad Id")
            return try GlossaryReader.read(Self.file(rows, header: header, replacing: [23_500: tooMany, 9_000: badID]),
                                           file: "big.tsv", format: .tsv)
        }
        #expect(error?.code == .invalidID)
        #expect(error?.line == 9_002)
    }

    @Test func anUnterminatedQuoteLateInALargeCSVIsFound() throws {
        let (header, rows) = Self.rows(24_000, csv: true)
        let error = #expect(throws: GlossaryError.self) {
            try GlossaryReader.read(Self.file(rows, header: header, replacing: [23_999: "x,term,\"open,,,"]),
                                    file: "big.csv", format: .csv)
        }
        #expect(error?.code == .unterminatedQuote)
        // The last row's line: the header, 23,999 rows before it, and one more line for each two-line note among them.
        #expect(error?.line == 1 + 23_999 + (23_999 + 6) / 7 + 1)
    }
}
