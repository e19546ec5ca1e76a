public import ArgumentParser
import Foundation
public import OnomaBatch
import OnomaGlossary
import OnomaMatching
import OnomaText

extension Onoma {
    /// `onoma normalize`: the batch job.
    struct Normalize: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Normalize names in batch: one output row per input row, in the same order.",
            discussion: """
                Each row gets: input, normalized (NFC, spaces and punctuation tidied), key (the comparison key: \
                case, diacritics and punctuation folded), script (dominant script), latin (Latin transliteration, \
                BGN/PCGN where ICU has it); then the linked entity from the glossary store: entity (concept id), \
                canonical (its form in --to), method (exact, key, transliteration, transcription, fuzzy) and score \
                (0.5 and above is a match, or --threshold; empty for no match); and error (empty unless the row \
                is bad). --no-link leaves the entity columns out.

                Nothing is lost: an empty line, invalid UTF-8, a NUL or an over-long line each give a row with an \
                error; with --strict the first bad row stops the job with file:line: reason and exit status 65.

                Input is plain lines by default; --column reads a CSV/TSV column (by 1-based number or header \
                name; a header row is detected), --field a JSON Lines field. Several files are read in order; \
                with no file, or '-', standard input.

                Examples:
                  onoma normalize Glossaries/examples/fr-names.txt --from fr
                  onoma normalize people.csv --column name --format jsonl
                  onoma normalize mentions.tsv --column 2 --no-header
                  cat names.jsonl | onoma normalize --field name --from ru
                """
        )

        @Argument(help: ArgumentHelp("Input files; '-' or none reads standard input.", valueName: "file"))
        var files: [String] = []

        @Option(help: ArgumentHelp(
            "Language of the names, as a BCP 47 tag (e.g. fr, ru, hy, az-Cyrl). Without it, a name several concepts "
                + "share is linked as English first, and a Latin name is also read with the conventions its letters "
                + "show (ł, sch, č …).",
            valueName: "lang"))
        var from: String?

        @Option(help: "Output format: tsv (with a header row) or jsonl.")
        var format: BatchFormat = .tsv

        @Option(help: ArgumentHelp("Read this CSV/TSV column: a 1-based number or a header name (e.g. --column name).",
                                   valueName: "n|name"))
        var column: String?

        @Option(help: ArgumentHelp("Read this field of JSON Lines objects (e.g. --field name).", valueName: "name"))
        var field: String?

        @Option(help: ArgumentHelp("Column delimiter for --column: ',', ';' or 'tab' (default: by extension, .csv is comma, else tab).",
                                   valueName: "char"))
        var delimiter: String?

        @Flag(inversion: .prefixedNo, help: "Whether the first CSV/TSV row is a header (default: detected).")
        var header: Bool?

        @Flag(help: "Stop at the first bad row with file:line: reason (exit status 65).")
        var strict = false

        @Flag(name: .shortAndLong, help: "No progress bar on standard error.")
        var quiet = false

        @Option(help: ArgumentHelp("Worker threads (default: all cores).", valueName: "n"))
        var jobs: Int?

        @Option(help: ArgumentHelp("Language of the canonical forms in the entity columns (default en).",
                                   valueName: "lang"))
        var to: String = "en"

        @Flag(help: "Leave the entity columns out: normalize only, no store needed.")
        var noLink = false

        @OptionGroup var thresholdOptions: ThresholdOptions

        @OptionGroup var storeOptions: StoreOptions

        func validate() throws {
            if column != nil && field != nil { throw ValidationError("--column and --field cannot be used together.") }
            if let from { _ = try parseLanguage(from) }
            if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1.") }
            _ = try parseLanguage(to)
            if delimiter != nil && column == nil { throw ValidationError("--delimiter needs --column.") }
            if let delimiter, parseDelimiter(delimiter) == nil {
                throw ValidationError("--delimiter must be one character, or 'tab' (got \"\(delimiter)\").")
            }
        }

        func run() throws {
            let language = try from.map(parseLanguage)
            let layout: InputLayout
            if let column {
                layout = .column(ColumnSelector(column), delimiter: delimiter.flatMap(parseDelimiter), header: header)
            } else if let field {
                layout = .field(field)
            } else {
                layout = .lines
            }
            let paths = files.isEmpty ? ["-"] : files
            var sources: [InputSource] = []
            for path in paths {
                do { sources.append(try InputSource(path: path)) } catch {
                    throw ValidationError(error.description)
                }
            }
            var linker: MatcherLinker?
            if !noLink {
                // A large batch needs most transliterators: compiled while the matcher loads. A short list
                // compiles the few its names need, when they need them.
                if sources.reduce(0, { $0 + ($1.size ?? 0) }) >= 1 << 20 { BatchNormalizer.prepare() }
                try reportingFailures {
                    let matcher = try EntityMatcher.cached(store: try storeOptions.open())
                    // Kept until the process exits, which frees its memory at once: released, its concepts' terms
                    // would be freed one by one.
                    _ = Unmanaged.passRetained(matcher)
                    linker = MatcherLinker(matcher: matcher, target: try parseLanguage(to),
                                           minimumScore: thresholdOptions.threshold)
                }
            }
            let job = BatchNormalizer(language: LanguageHint(language?.description), linker: linker, output: format,
                                      workers: jobs)
            let writer = RowWriter(format: format, withEntity: linker != nil)
            writer.writeHeader()
            let progress = ProgressBar(enabled: !quiet)
            let start = Date()
            var summary = BatchNormalizer.Progress()
            do {
                try job.runChunks(sources: sources, layout: layout, handle: { chunk in
                    if strict, let first = chunk.errorRows.first {
                        for run in chunk.encoded(upTo: first) { try writer.write(bytes: run) }
                        try writer.flush()
                        let row = chunk.row(first)
                        throw StrictStop(message: "\(row.file):\(row.line): \(row.error ?? "bad row")")
                    }
                    for run in chunk.encoded(upTo: chunk.count) { try writer.write(bytes: run) }
                }, progress: { state in
                    summary = state
                    progress.update(rows: state.rows, bytes: state.bytesRead, total: state.bytesTotal)
                })
                try writer.flush()
                progress.finish(rows: summary.rows, errors: summary.errors, distinct: summary.computed,
                                seconds: Date().timeIntervalSince(start))
            } catch let stop as StrictStop {
                progress.clear()
                FileHandle.standardError.write(Data(("onoma: " + stop.message + "\n").utf8))
                throw ExitCode(65)
            } catch let error as BatchInputError {
                try? writer.flush()
                progress.clear()
                throw ValidationError(error.description)
            }
        }
    }
}

struct StrictStop: Error { var message: String }

extension BatchFormat: ExpressibleByArgument {}

/// Parses a BCP 47 tag for an option, with a message that names the option's expectations.
func parseLanguage(_ text: String) throws -> LanguageTag {
    do { return try LanguageTag(text) } catch { throw ValidationError(error.description) }
}

/// Parses the repeatable `--type` of `link` and `lookup` (case-insensitive): nil when none is given, every concept
/// type.
func parseTypes(_ names: [String]) throws -> Set<ConceptType>? {
    guard !names.isEmpty else { return nil }
    return Set(try names.map { name in
        guard ConceptType.isValid(name.lowercased()) else {
            throw ValidationError("unknown type '\(name)' (person, place, organization, event, product, term …)")
        }
        return ConceptType(rawValue: name.lowercased())
    })
}

func parseDelimiter(_ text: String) -> Character? {
    switch text.lowercased() {
    case "tab", "\\t", "\t": return "\t"
    case "comma": return ","
    case "semicolon": return ";"
    default: return text.count == 1 ? text.first : nil
    }
}
