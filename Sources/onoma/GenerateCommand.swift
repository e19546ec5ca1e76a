import ArgumentParser
import Foundation
import OnomaGlossary

extension Onoma {
    /// `onoma glossary generate`: glossaries generated from data that ships with ICU.
    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generate glossaries from ICU's own data, offline.",
            subcommands: [CLDR.self]
        )

        /// `onoma glossary generate cldr`.
        struct CLDR: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "cldr",
                abstract: "Generate the CLDR gazetteer: territories, time-zone cities, languages and scripts.",
                discussion: """
                    Uses the CLDR tables inside ICU (no network): every territory name in every locale \
                    (uloc_getDisplayCountry), every time-zone exemplar city (date pattern VVV: Asia/Yerevan is \
                    Erevan in French, Eriwan in German, Ереван in Russian), language and script names. A locale \
                    that only inherits the English name, or its parent language's name, adds no term. Writes one \
                    TSV glossary per kind (territories.tsv, cities.tsv, languages.tsv, scripts.tsv).

                    Examples:
                      onoma glossary generate cldr -o Glossaries/cldr
                      onoma glossary generate cldr --kind territories --kind cities -o /tmp/gazetteer
                    """
            )

            @Option(name: .shortAndLong, help: ArgumentHelp("Output folder (created if missing).", valueName: "dir"))
            var output: String = "Glossaries/cldr"

            @Option(help: ArgumentHelp("Only these kinds: territories, cities, languages, scripts (repeatable).",
                                       valueName: "kind"))
            var kind: [String] = []

            @Flag(name: .shortAndLong, help: "No summary on standard error.")
            var quiet = false

            func validate() throws {
                for k in kind where CLDRGazetteer.Kind(rawValue: k) == nil {
                    throw ValidationError("unknown kind \"\(k)\"; use territories, cities, languages or scripts")
                }
            }

            func run() throws {
                let start = Date()
                let kinds = kind.isEmpty ? Set(CLDRGazetteer.Kind.allCases) : Set(kind.compactMap(CLDRGazetteer.Kind.init))
                let gazetteer = try CLDRGazetteer.generate(kinds: kinds)
                let folder = URL(fileURLWithPath: output)
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                var lines: [String] = []
                for (kind, concepts) in [(CLDRGazetteer.Kind.territories, gazetteer.territories),
                                         (.cities, gazetteer.cities), (.languages, gazetteer.languages),
                                         (.scripts, gazetteer.scripts)] where kinds.contains(kind) {
                    let text = GlossaryWriter.write(concepts, format: .tsv, options: GlossaryExportOptions())
                    let url = folder.appendingPathComponent("\(kind.rawValue).tsv")
                    try Data(text.utf8).write(to: url, options: .atomic)
                    let terms = concepts.reduce(0) { $0 + $1.terms.count }
                    lines.append("\(url.path): \(concepts.count) concepts, \(terms) terms")
                }
                if !quiet {
                    let seconds = String(format: "%.2f", Date().timeIntervalSince(start))
                    let summary = lines.joined(separator: "\n") + "\n(\(CLDRGazetteer.source), \(seconds) s)\n"
                    FileHandle.standardError.write(Data(summary.utf8))
                }
            }
        }
    }
}
