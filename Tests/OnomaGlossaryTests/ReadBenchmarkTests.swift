import Foundation
import OnomaGlossary
import Testing

/// Read throughput on a synthetic 1M-term TSV; runs only with `ONOMA_BENCH=1` (use a release build:
/// `ONOMA_BENCH=1 swift test -c release --filter ReadBenchmarkTests`).
@Suite struct ReadBenchmarkTests {
    static let enabled = ProcessInfo.processInfo.environment["ONOMA_BENCH"] != nil

    @Test(.enabled(if: enabled, "set ONOMA_BENCH=1"))
    func readsAMillionTermTSV() throws {
        let languages = ["en", "fr", "de", "ru", "hy"]
        var text = "id\ttype\tdomain\twikidata\t" + languages.joined(separator: "\t") + "\n"
        let concepts = 100_000
        for index in 0..<concepts {
            text += "concept-\(index)\tperson\tpolitics\tQ\(index + 1)"
            text += "\tNikol Pashinyan \(index) | Pashinyan \(index) {short}"
            text += "\tNikol Pachinian \(index) | Pachinian \(index) {short}"
            text += "\tNikol Paschinjan \(index) | Paschinjan \(index) {short, deprecated}"
            text += "\tНикол Пашинян \(index) | Пашинян \(index) {short}"
            text += "\tՆիկոլ Փաշինյան \(index) | Փաշինյան \(index) {short}\n"
        }
        let bytes = Array(text.utf8)
        let clock = ContinuousClock()
        var read: [Concept] = []
        let elapsed = try clock.measure {
            read = try GlossaryReader.read(bytes, file: "bench.tsv", format: .tsv)
        }
        let terms = read.reduce(0) { $0 + $1.terms.count }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let rate = Int(Double(terms) / seconds)
        print("read \(terms) terms (\(bytes.count / 1_000_000) MB) in \(seconds) s: \(rate) terms/s")
        #expect(terms == concepts * 10)
    }
}
