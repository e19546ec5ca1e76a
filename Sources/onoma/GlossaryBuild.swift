import ArgumentParser
import Foundation
import OnomaGlossary
import OnomaLinking
import OnomaMatching
import OnomaStore
import OnomaText

/// Output formats of `onoma glossary build`.
enum DocumentGlossaryFormat: String, ExpressibleByArgument, CaseIterable {
    case tsv, csv, tbx, md

    /// The format a file name implies: `.md` `.markdown`, `.tsv` `.tab` `.txt`, `.csv`, `.tbx` `.xml`.
    init?(path: String) {
        guard let dot = path.lastIndex(of: "."), !path[path.index(after: dot)...].contains("/") else { return nil }
        switch path[path.index(after: dot)...].lowercased() {
        case "md", "markdown": self = .md
        case "tsv", "tab", "txt": self = .tsv
        case "csv": self = .csv
        case "tbx", "xml": self = .tbx
        default: return nil
        }
    }
}

extension Onoma.Glossary {
    /// `onoma glossary build`: the bilingual glossary of one document.
    struct Build: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build the bilingual glossary of one document: the names it uses and their target forms.",
            discussion: """
                Links the document as 'onoma link' does, then writes one row per concept it names: the forms the \
                document uses (in --from, in order of first appearance, each with its count; adjectives and \
                demonyms under the concept they derive from), the canonical form in --to (and the --to adjective \
                when the document used adjectives), the type, the number of mentions, and the first sentence the \
                concept appears in, as context for the translator.

                Capitalized names that matched no concept are listed to review, with the store's closest concepts: \
                the glossary lacks them. In md they are a second table, '## To review'. Since tsv, csv and tbx hold \
                only concepts, with those formats the list goes to FILE.review.tsv next to -o FILE (columns name, \
                forms, mentions, candidates, firstSentence), or to standard error without -o.

                The tbx, tsv and csv outputs import straight back into a store ('onoma glossary import'), so a \
                reviewed document glossary grows the store without rewriting it: each row keeps the store's concept \
                id, type, domain, note and Wikidata id; forms the store has are written as it has them; forms it \
                lacks become admitted terms; the note gets a line 'Context (FILE): first sentence'; the source \
                'document: FILE' is added.

                The format comes from --format, else from the extension of -o (.md, .tsv, .csv, .tbx), else tsv. \
                Exit status 66 when the document cannot be opened, 65 when it is binary (a NUL byte); invalid \
                UTF-8 is read as U+FFFD with a warning.

                Examples:
                  onoma glossary build article.txt --from fr --to en --format md
                  onoma glossary build article.txt --from fr -o article.tbx     # and article.review.tsv
                  onoma glossary build article.txt --from fr --type person,place -o people.csv
                  curl -s https://example.org/artikel.txt | onoma glossary build - --from de --format md
                  onoma glossary import article.tbx --store names.sqlite        # once reviewed
                """
        )

        @Argument(help: ArgumentHelp("The document: a UTF-8 text file, or '-' for standard input.",
                                     valueName: "document"))
        var document: String

        @Option(help: ArgumentHelp("Language of the document, as a BCP 47 tag (e.g. fr, de, ru).", valueName: "lang"))
        var from: String

        @Option(help: ArgumentHelp("Language of the canonical forms (default en; e.g. --to de).", valueName: "lang"))
        var to: String = "en"

        @Option(help: ArgumentHelp("Output format: tsv, csv, tbx or md (e.g. --format md).", valueName: "format"))
        var format: DocumentGlossaryFormat?

        @Option(name: .shortAndLong, help: ArgumentHelp(
            "Write to this file instead of standard output (e.g. -o article.tbx); names to review then go to "
                + "FILE.review.tsv unless the format is md.", valueName: "file"))
        var output: String?

        @Option(name: .customLong("type"), help: ArgumentHelp(
            "Only concepts of this type; repeatable or comma-separated (e.g. --type person,place; default: person, "
                + "place, organization, event, product).", valueName: "type"))
        var types: [String] = []

        @Option(help: ArgumentHelp("TBX generation: 2 (TBX-Basic, what CAT tools read) or 3 (ISO 30042:2019).",
                                   valueName: "2|3"))
        var tbxVersion = 2

        @Flag(name: .shortAndLong, help: "No summary and no list of names to review on standard error.")
        var quiet = false

        @OptionGroup var storeOptions: StoreOptions

        var resolvedFormat: DocumentGlossaryFormat {
            format ?? output.flatMap { DocumentGlossaryFormat(path: $0) } ?? .tsv
        }

        func validate() throws {
            _ = try parseLanguage(from)
            _ = try parseLanguage(to)
            if tbxVersion != 2 && tbxVersion != 3 { throw ValidationError("--tbx-version must be 2 or 3.") }
            for type in Export.list(types) where !ConceptType.isValid(type) {
                throw ValidationError("--type \"\(type)\" is not a type name (e.g. person, place, organization).")
            }
        }

        func run() throws {
            try reportingFailures {
                let input = try InputFile(document)
                let name = input.name
                let handle = input.handle
                let types = Export.list(types)
                let options = EntityLinker.Options(
                    language: try parseLanguage(from), target: try parseLanguage(to),
                    types: types.isEmpty ? nil : Set(types.map { ConceptType(rawValue: $0) }))
                let linker = try EntityLinker(store: try storeOptions.open(), snapshots: .default)
                linker.prepareCascade()
                let glossary: DocumentGlossary
                do throws(LinkError) {
                    glossary = try DocumentGlossary(
                        reading: handle, file: document == "-" ? nil : (document as NSString).lastPathComponent,
                        linker: linker, options: options)
                } catch {
                    var error = error
                    error.file = name
                    if error.code == .binaryInput {
                        error.message = "binary input (NUL byte); onoma glossary build reads UTF-8 text"
                    }
                    let data: Set<LinkError.Code> = [.binaryInput, .invalidUTF8]
                    throw CommandFailure(error.description, status: data.contains(error.code) ? 65 : 1)
                }
                if glossary.invalidByteCount > 0 {
                    let error = LinkError(.invalidUTF8, "\(glossary.invalidByteCount) invalid UTF-8 "
                                          + (glossary.invalidByteCount == 1 ? "byte" : "bytes")
                                          + ", read as U+FFFD", file: name, byteOffset: glossary.firstInvalidByte)
                    printError("onoma: warning: \(error)")
                }

                let format = resolvedFormat
                let text: String
                switch format {
                case .md:
                    text = glossary.markdown()
                case .tsv, .csv, .tbx:
                    let writerFormat: GlossaryFormat = format == .tbx ? .tbx : format == .csv ? .csv : .tsv
                    text = GlossaryWriter.write(glossary.concepts(), format: writerFormat,
                                                options: glossary.exportOptions(tbxVersion: tbxVersion))
                }
                var reviewFile: String?
                if let output {
                    try write(text, to: output)
                    if format != .md {
                        let path = Self.reviewPath(for: output)
                        try write(glossary.reviewTSV(), to: path)
                        reviewFile = path
                    }
                } else {
                    FileHandle.standardOutput.write(Data(text.utf8))
                }
                guard !quiet else { return }
                let review = glossary.toReview.count
                var summary = "onoma: \(name): \(glossary.entries.count) concepts, \(glossary.mentionCount) mentions; "
                    + "\(review) \(review == 1 ? "name" : "names") to review"
                if review > 0, let reviewFile { summary += " in \(reviewFile)" }
                if review > 0, format != .md, reviewFile == nil {
                    summary += " (not in the output):\n" + Self.reviewTable(glossary)
                }
                printError(summary)
            }
        }

        /// `FILE.review.tsv` for `-o FILE.ext`: the extension replaced (`article.tbx` → `article.review.tsv`).
        static func reviewPath(for output: String) -> String {
            let url = URL(fileURLWithPath: output)
            let base = url.pathExtension.isEmpty ? output : String(output.dropLast(url.pathExtension.count + 1))
            return base + ".review.tsv"
        }

        /// The names to review as a short table for standard error: name, mentions, best candidates.
        static func reviewTable(_ glossary: DocumentGlossary) -> String {
            let width = min(40, glossary.toReview.map(\.surface.count).max() ?? 0)
            return glossary.toReview.map { item in
                let name = item.surface.count < width
                    ? item.surface + String(repeating: " ", count: width - item.surface.count) : item.surface
                let candidates = item.candidates.isEmpty ? "no candidate" : item.candidates.map { candidate in
                    (candidate.canonical ?? candidate.conceptID) + " (\(candidate.conceptID), "
                        + String(format: "%.2f", candidate.score) + ")"
                }.joined(separator: ", ")
                return "  \(name)  ×\(item.mentions)  \(candidates)"
            }.joined(separator: "\n")
        }

        private func write(_ text: String, to path: String) throws {
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            } catch {
                throw CommandFailure("cannot write \(path): \((error as NSError).localizedDescription)", status: 73)
            }
        }
    }
}
