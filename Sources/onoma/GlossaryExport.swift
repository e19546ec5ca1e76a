import ArgumentParser
import Foundation
import OnomaGlossary
import OnomaStore
import OnomaText

extension Onoma.Glossary {
    /// `onoma glossary export`: a store, or part of it, as a glossary file.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export a store as TBX, TSV, CSV, JSONL or an OmegaT glossary.",
            discussion: """
                With --from and --to, only concepts that have terms in both languages are exported, with only \
                those languages' terms (an OmegaT glossary needs both). --type, --domain and --status may be \
                repeated or comma-separated. Concepts are sorted by their canonical term in the --from language \
                (English by default).

                The format comes from --format, else from the extension of -o, else TSV.

                Examples:
                  onoma glossary export -o everything.tsv --store names.sqlite
                  onoma glossary export --from en --to fr --format tbx -o en-fr.tbx
                  onoma glossary export --from en --to fr --format omegat -o glossary.utf8
                  onoma glossary export --type person,place --status preferred --format jsonl
                  onoma glossary export --format tbx --tbx-version 3 -o names.tbx
                """
        )

        @OptionGroup var storeOptions: StoreOptions

        @Option(help: ArgumentHelp("Source language (e.g. en): concepts with a term in it, sorted by it.",
                                   valueName: "lang"))
        var from: String?

        @Option(help: ArgumentHelp("Target language (e.g. fr): concepts with a term in it.", valueName: "lang"))
        var to: String?

        @Option(name: .customLong("type"), help: ArgumentHelp(
            "Only concepts of this type (e.g. --type person,place).", valueName: "type"))
        var types: [String] = []

        @Option(name: .customLong("domain"), help: ArgumentHelp(
            "Only concepts of this domain (e.g. --domain politics).", valueName: "domain"))
        var domains: [String] = []

        @Option(name: .customLong("status"), help: ArgumentHelp(
            "Only terms of this status: preferred, admitted, deprecated (e.g. --status preferred).",
            valueName: "status"))
        var statuses: [String] = []

        @Option(help: ArgumentHelp("Output format: tbx, tsv, csv, jsonl or omegat.", valueName: "format"))
        var format: GlossaryFormat?

        @Option(help: ArgumentHelp("TBX generation: 2 (TBX-Basic, what CAT tools read) or 3 (ISO 30042:2019).",
                                   valueName: "2|3"))
        var tbxVersion = 2

        @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output.",
                                                        valueName: "file"))
        var output: String?

        var resolvedFormat: GlossaryFormat { format ?? output.flatMap { GlossaryFormat(path: $0) } ?? .tsv }

        static func list(_ values: [String]) -> [String] {
            values.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
        }

        func validate() throws {
            if let from { _ = try parseLanguage(from) }
            if let to { _ = try parseLanguage(to) }
            if tbxVersion != 2 && tbxVersion != 3 { throw ValidationError("--tbx-version must be 2 or 3.") }
            for type in Self.list(types) where !ConceptType.isValid(type) {
                throw ValidationError("--type \"\(type)\" is not a type name (e.g. person, place, organization).")
            }
            for status in Self.list(statuses) where TermStatus(rawValue: status.lowercased()) == nil {
                throw ValidationError("--status must be preferred, admitted or deprecated (got \"\(status)\").")
            }
            if resolvedFormat == .omegat && (from == nil || to == nil) {
                throw ValidationError("An OmegaT glossary is for one language pair: pass --from and --to "
                                      + "(e.g. --from en --to fr).")
            }
        }

        func run() throws {
            try reportingFailures {
                var options = GlossaryExportOptions(from: try from.map(parseLanguage), to: try to.map(parseLanguage),
                                                    tbxVersion: tbxVersion)
                let types = Self.list(types), domains = Self.list(domains), statuses = Self.list(statuses)
                if !types.isEmpty { options.types = Set(types.map { ConceptType(rawValue: $0) }) }
                if !domains.isEmpty { options.domains = Set(domains) }
                if !statuses.isEmpty { options.statuses = Set(statuses.compactMap { TermStatus(rawValue: $0.lowercased()) }) }

                let store = try storeOptions.open()
                let concepts = try store.concepts(types: options.types, domains: options.domains)
                let text = GlossaryWriter.write(concepts, format: resolvedFormat, options: options)
                if let output {
                    do {
                        try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
                    } catch {
                        throw CommandFailure("cannot write \(output): \((error as NSError).localizedDescription)",
                                             status: 73)
                    }
                } else {
                    FileHandle.standardOutput.write(Data(text.utf8))
                }
            }
        }
    }
}
