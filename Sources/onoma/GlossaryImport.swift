import ArgumentParser
import Foundation
import OnomaGlossary
import OnomaStore

extension Onoma.Glossary {
    /// `onoma glossary import`: files into a store, each in one transaction.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import glossary files (TSV, CSV, TBX, JSONL) into a store.",
            discussion: """
                Every file is read and checked first; if any is malformed, its first problem is reported as \
                file:line:column and nothing is imported (exit status 65). Each file is then imported in one \
                transaction: all of it or, on failure, none of it.

                A concept whose id is already in the store is merged: its new terms are added (a term with the \
                same text and language is not duplicated), its type, and its domain and note when given, are \
                updated. With --replace it is replaced wholly.

                The format comes from the file extension (.tsv .csv .tbx .xml .jsonl) or --format.

                Examples:
                  onoma glossary import people.tsv places.tbx --store names.sqlite
                  onoma glossary import nato.jsonl --replace --store names.sqlite
                  onoma glossary import big.tsv --dry-run --store names.sqlite
                  cat people.csv | onoma glossary import - --format csv --store names.sqlite
                """
        )

        @OptionGroup var storeOptions: StoreOptions

        @Argument(help: ArgumentHelp("Glossary files; '-' reads standard input (with --format).", valueName: "file"))
        var files: [String] = []

        @Option(help: ArgumentHelp("The files' format: tsv, csv, tbx or jsonl (default: from each extension).",
                                   valueName: "format"))
        var format: GlossaryFormat?

        @Flag(help: "Check the files and report what would change, without changing the store.")
        var dryRun = false

        @Flag(help: "Replace concepts already in the store instead of merging into them.")
        var replace = false

        @Flag(name: .shortAndLong, help: "No progress line on standard error.")
        var quiet = false

        @Flag(help: "Also print how long each step of each import took (normalizing, writing, indexing, committing).")
        var verbose = false

        func validate() throws {
            if files.isEmpty { throw ValidationError("Give at least one file to import (e.g. people.tsv).") }
            if let format, !format.isReadable {
                throw ValidationError("OmegaT glossaries cannot be imported (they have no concept ids or language "
                                      + "tags); import the TSV, CSV, TBX or JSONL they came from.")
            }
            for file in files where format == nil {
                if file == "-" { throw ValidationError("Reading standard input needs --format (e.g. --format tsv).") }
                guard let detected = GlossaryFormat(path: file) else {
                    throw ValidationError("Cannot tell the format of \(file) from its extension: pass --format "
                                          + "tsv, csv, tbx or jsonl.")
                }
                if !detected.isReadable {
                    throw ValidationError("\(file) is an OmegaT glossary, which cannot be imported.")
                }
            }
        }

        func run() throws {
            try reportingFailures {
                // Read and check every file before touching the store.
                var parsed: [(name: String, concepts: [Concept], seconds: Double)] = []
                var failed = false
                for file in files {
                    let name = file == "-" ? "<stdin>" : file
                    let readStart = Date()
                    let bytes: [UInt8]
                    do {
                        bytes = file == "-" ? Array(FileHandle.standardInput.readDataToEndOfFile())
                            : Array(try Data(contentsOf: URL(fileURLWithPath: file)))
                    } catch {
                        throw CommandFailure("cannot read \(file): \((error as NSError).localizedDescription)",
                                             status: 66)
                    }
                    do {
                        let format = format ?? GlossaryFormat(path: file) ?? .tsv
                        let concepts = try GlossaryReader.read(bytes, file: name, format: format)
                        parsed.append((name, concepts, Date().timeIntervalSince(readStart)))
                    } catch {
                        printError("onoma: \(error)")
                        failed = true
                    }
                }
                if failed {
                    throw CommandFailure("nothing imported: fix the file\(files.count > 1 ? "s" : "") and import "
                                         + "again", status: 65)
                }

                let store = try storeOptions.openForWriting("import")
                let line = ImportProgressLine(enabled: !quiet)
                var total = ImportSummary()
                let start = Date()
                for (name, concepts, readSeconds) in parsed {
                    let fileStart = Date()
                    let summary: ImportSummary
                    do throws(StoreError) {
                        summary = try store.import(concepts, mode: replace ? .replace : .merge, dryRun: dryRun) {
                            line.report($0, file: name)
                        }
                    } catch {
                        line.clear()
                        throw CommandFailure("\(name): \(error)" + (error.code == .invalidConcept
                            || error.code == .duplicateConcept ? "; nothing of this file was imported" : ""),
                            status: CommandFailure(storeError: error).status)
                    }
                    line.clear()
                    total = total + summary
                    let prefix = dryRun ? "dry run, would import " : "imported "
                    let timings = line.timings()
                    print("\(prefix)\(name): \(summary) (\(formatSeconds(Date().timeIntervalSince(fileStart))))")
                    if verbose { print("  reading \(formatSeconds(readSeconds)), \(timings)") }
                }
                if parsed.count > 1 {
                    print("total: \(total) (\(formatSeconds(Date().timeIntervalSince(start))))")
                }
                // The command ends here. A large import's terms are left for the system to reclaim with the process
                // instead of being freed one string at a time (~0.2 s for a million terms, after the work is done).
                if parsed.reduce(0, { $0 + $1.concepts.count }) >= Self.keptAtExit {
                    _ = Unmanaged.passRetained(KeptUntilExit(parsed.map(\.concepts)))
                }
            }
        }

        /// The number of concepts from which the parsed files are not freed before the process exits.
        static let keptAtExit = 50_000
    }
}

/// Values the process keeps until it exits (see `Import.run()`).
private final class KeptUntilExit<Value> {
    let value: Value
    init(_ value: Value) { self.value = value }
}
