import Foundation
import OnomaLinking
import Testing
import TestResources

/// The linker against our gold annotation of the example article's excerpt, with the shipped curated glossary.
@Suite("Gold annotation of the example article")
struct GoldTests {
    struct GoldRow {
        var surface: String
        var entity: String
        var kind: String
    }

    /// Gold rows of `Resources/linking/<name>`: `surface<TAB>entity<TAB>kind<TAB>canonical`.
    static func gold(_ name: String) throws -> [GoldRow] {
        let text = String(decoding: try TestResources.bytes("linking/\(name)"), as: UTF8.self)
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }.compactMap { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 3, fields[0] != "surface" else { return nil }
            return GoldRow(surface: fields[0], entity: fields[1], kind: fields[2])
        }
    }

    /// Gold spans: every occurrence of every surface between non-alphanumerics, longer surfaces first, no overlap
    /// (the rule of Benchmarks/linking/eval.py).
    static func spans(_ rows: [GoldRow], in text: String) -> [(Range<Int>, String, String)] {
        let scalars = Array(text.unicodeScalars)
        var taken = [Bool](repeating: false, count: scalars.count)
        var spans: [(Range<Int>, String, String)] = []
        func isWordScalar(_ i: Int) -> Bool {
            i >= 0 && i < scalars.count
                && (scalars[i].properties.isAlphabetic || scalars[i].properties.numericType != nil)
        }
        for row in rows.sorted(by: { $0.surface.unicodeScalars.count > $1.surface.unicodeScalars.count }) {
            let pattern = Array(row.surface.unicodeScalars)
            for start in scalarOffsets(of: row.surface, in: text) {
                let range = start..<(start + pattern.count)
                guard !isWordScalar(start - 1), !isWordScalar(range.upperBound),
                      !range.contains(where: { taken[$0] }) else { continue }
                for i in range { taken[i] = true }
                spans.append((range, row.entity, row.kind))
            }
        }
        return spans
    }

    @Test("precision, recall and F1 on the excerpt, names and adjectives, at least 0.9")
    func excerpt() throws {
        let text = try CorpusFixtures.frenchExcerpt
        let gold = Self.spans(try Self.gold("fr-presstv-excerpt-gold.tsv"), in: text)
        #expect(gold.count > 25)
        let mentions = try LinkingFixtures.curatedLinker.link(text, options: LinkingFixtures.options())
        let goldSet = Set(gold.map { "\($0.0.lowerBound):\($0.0.upperBound):\($0.1)" })
        let found = Set(mentions.map { "\($0.start):\($0.end):\($0.conceptID)" })
        let correct = goldSet.intersection(found).count
        let precision = Double(correct) / Double(max(found.count, 1))
        let recall = Double(correct) / Double(max(goldSet.count, 1))
        let f1 = 2 * precision * recall / max(precision + recall, 1e-9)
        #expect(f1 >= 0.9, """
            P \(precision) R \(recall); missed \(goldSet.subtracting(found).sorted()); \
            extra \(found.subtracting(goldSet).sorted())
            """)
        // Adjectives are reported as such.
        let adjectives = Set(gold.filter { $0.2 == "adjective" }.map { $0.0.lowerBound })
        #expect(mentions.filter { adjectives.contains($0.start) }.allSatisfy { $0.kind == .adjective })
    }
}
