import Foundation
import OnomaText
import Testing
import TestResources

/// ``InputSource/forEachBufferedLine(limit:_:)``, the batch job's path for plain lines, against
/// ``InputSource/nextLine(limit:)`` line by line.
@Suite struct InputSourceTests {
    /// A file of names with every kind of line the readers tell apart: LF and CRLF ends, empty lines, lines longer
    /// than the limit, invalid UTF-8, a last line without an end.
    static func sample(seed: UInt64) -> [UInt8] {
        var generator = SplitMix(seed: seed)
        let names = ["Ереван", "Pachinian", "Haut-Karabakh", "東京", "", "Ann\ta", "\r", "x"]
        var bytes: [UInt8] = []
        for _ in 0..<2_000 {
            switch generator.next() % 20 {
            case 0: bytes += [UInt8](repeating: 0x61, count: 100 + Int(generator.next() % 300))
            case 1: bytes += [0x41, 0xFF, 0x42]
            default: bytes += Array(names[Int(generator.next() % UInt64(names.count))].utf8)
            }
            bytes += generator.next() % 3 == 0 ? [0x0D, 0x0A] : [0x0A]
        }
        return bytes + Array("Erevan".utf8)
    }

    /// Every line with its offset, truncation and full length, read with `nextLine` alone, or with the buffered
    /// lines taken whenever there are some (the caller stopping after a few now and then).
    static func lines(of path: String, blockSize: Int, limit: Int, buffered: Bool) throws
        -> [(bytes: [UInt8], offset: Int, truncated: Bool, length: Int)]
    {
        let source = try InputSource(path: path, blockSize: blockSize)
        var lines: [(bytes: [UInt8], offset: Int, truncated: Bool, length: Int)] = []
        var generator = SplitMix(seed: 7)
        while true {
            if buffered {
                let stopAfter = Int(generator.next() % 50) + 1
                var taken = 0
                let given = source.forEachBufferedLine(limit: limit) { bytes, offset in
                    lines.append((Array(bytes), offset, false, bytes.count))
                    taken += 1
                    return taken < stopAfter
                }
                #expect(given == taken)
                if given > 0 { continue }
            }
            guard let line = try source.nextLine(limit: limit) else { break }
            lines.append((Array(line.bytes), line.offset, line.truncated, line.length))
        }
        return lines
    }

    @Test(arguments: [64, 1_000, 1 << 16])
    func bufferedLinesAreTheLinesOneByOne(blockSize: Int) throws {
        let path = try TemporaryFiles.directory("input").appendingPathComponent("names.txt").path
        let bytes = Self.sample(seed: UInt64(blockSize))
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let limit = 200
        let expected = try Self.lines(of: path, blockSize: blockSize, limit: limit, buffered: false)
        let found = try Self.lines(of: path, blockSize: blockSize, limit: limit, buffered: true)
        #expect(expected.count == 2_001)
        #expect(expected.contains { $0.truncated } && expected.contains { $0.bytes.isEmpty })
        #expect(found.count == expected.count)
        for (a, b) in zip(found, expected) where a.bytes != b.bytes || a.offset != b.offset
            || a.truncated != b.truncated || a.length != b.length {
            Issue.record("at offset \(b.offset): \(a) vs \(b)")
            break
        }
    }
}
