import ArgumentParser
import Foundation
import OnomaBatch
import OnomaGlossary
import OnomaLinking
import OnomaMatching
import OnomaStore
import OnomaText

/// Output formats of `onoma link`.
enum LinkFormat: String, ExpressibleByArgument, CaseIterable {
    case tsv, jsonl, annotated
}

extension Onoma {
    /// `onoma link`: entity mentions of running text, linked to the store's concepts.
    struct Link: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Find the people, places and organizations named in running text and link each to its concept.",
            discussion: """
                Mentions are found by ICU word boundaries and a longest match over the store's terms (multiword, \
                hyphenated, case and diacritic variants, French elision as in l'Arménie or d’Erevan). Capitalized \
                spans the store does not spell out go through the lookup cascade with a stricter threshold, so an \
                unseen transcription still links. A surname alone after the full name, and an ambiguous name, link \
                to the concept the document already named. Adjectives and demonyms (russe, arménienne) are kind \
                'adjective'.

                Each mention has scalar offsets (start, end: Unicode code points from the start of the input) and \
                UTF-8 byte offsets (byteStart, byteEnd), both exact on the input as read; end is exclusive. \
                Formats: tsv (with a header), jsonl (keys start, end, byteStart, byteEnd, surface, entity, type, \
                kind, canonical, method, score, alternatives), annotated (the text, each mention followed by its \
                canonical form in brackets).

                Invalid UTF-8 is read as U+FFFD (one per bad byte, offsets stay exact) and reported on standard \
                error with its byte offset; --strict makes it an error (exit status 65). Binary input (a NUL \
                byte) is refused with exit status 65.

                Examples:
                  onoma link article.txt --from fr --to en
                  onoma link article.txt --from fr --format annotated
                  cat bericht.txt | onoma link - --from de --format jsonl --type person
                """
        )

        @Argument(help: ArgumentHelp("Text files; '-' or none reads standard input.", valueName: "file"))
        var files: [String] = []

        @Option(help: ArgumentHelp("Language of the text, as a BCP 47 tag (e.g. fr, de, en).", valueName: "lang"))
        var from: String?

        @Option(help: ArgumentHelp("Language of the canonical forms.", valueName: "lang"))
        var to: String = "en"

        @Option(help: "Output format: tsv, jsonl or annotated.")
        var format: LinkFormat = .tsv

        @Option(help: ArgumentHelp(
            "Link only concepts of this type; repeatable (default: person, place, organization, event, product; "
                + "'term', 'language' and 'script' are also accepted).", valueName: "type"))
        var type: [String] = []

        @Flag(help: "Only mentions the store spells out: no lookup cascade for other capitalized spans.")
        var noCascade = false

        @Option(help: ArgumentHelp(
            "Lowest cascade score linked in running text (0.9: transcription or better; lower admits fuzzy matches).",
            valueName: "score"))
        var threshold: Double = 0.9

        @Flag(help: "Stop with exit status 65 at the first invalid UTF-8 byte.")
        var strict = false

        @Flag(name: .shortAndLong, help: "No progress bar on standard error.")
        var quiet = false

        @OptionGroup var storeOptions: StoreOptions

        func validate() throws {
            if let from { _ = try parseLanguage(from) }
            _ = try parseLanguage(to)
            if !(0...1).contains(threshold) { throw ValidationError("--threshold must be between 0 and 1") }
            _ = try parseTypes(type)
        }

        func run() throws {
            var failed: Int32 = 0
            try reportingFailures {
                let store = try storeOptions.open()
                let linker = try EntityLinker(store: store, snapshots: .default)
                if !noCascade { linker.prepareCascade() }
                let options = EntityLinker.Options(
                    language: try from.map(parseLanguage), target: try parseLanguage(to),
                    types: try parseTypes(type),
                    cascade: !noCascade, cascadeThreshold: threshold)
                let inputs = files.isEmpty ? ["-"] : files
                let output = OutputBuffer()
                if format == .tsv {
                    output.write((inputs.count > 1 ? "file\t" : "")
                                 + "start\tend\tbyteStart\tbyteEnd\tsurface\tentity\ttype\tkind\tcanonical\tmethod\t"
                                 + "score\talternatives\n")
                }
                // One session for all the files, a new document for each: spellings are keyed once.
                let session = linker.session(options: options)
                for input in inputs {
                    session.startDocument()
                    let status = try linkFile(input, label: inputs.count > 1 ? input : nil, session: session,
                                              output: output)
                    failed = max(failed, status)
                }
                output.flush()
                // The process ends now: the OS takes the index back at once, freeing it term by term takes a while.
                _ = Unmanaged.passRetained(linker)
            }
            if failed != 0 { throw ExitCode(failed) }
        }

        /// Links one input; returns 0, or 65 when its data was refused.
        private func linkFile(_ path: String, label: String?, session: LinkSession, output: OutputBuffer) throws
            -> Int32
        {
            let input = try InputFile(path)
            let progress = ProgressBar(enabled: !quiet && (input.size ?? 0) > 4 << 20)
            var invalid = 0
            var mentions = 0
            do throws(LinkError) {
                try session.link(reading: input.handle, file: input.name) {
                    chunk, bytes, bytesRead throws(LinkError) in
                    if chunk.invalidCount > 0 {
                        if strict {
                            throw LinkError(.invalidUTF8, "invalid UTF-8 (use without --strict to read it as U+FFFD)",
                                            byteOffset: chunk.invalidBytes.first)
                        }
                        if invalid == 0, let first = chunk.invalidBytes.first {
                            progress.clear()
                            let warning = LinkError(.invalidUTF8, "invalid UTF-8, read as U+FFFD (offsets stay exact)",
                                                    file: input.name, byteOffset: first)
                            printError("onoma: warning: \(warning)")
                        }
                        invalid += chunk.invalidCount
                    }
                    mentions += chunk.mentions.count
                    write(chunk, bytes: bytes, label: label, output: output)
                    progress.update(rows: mentions, bytes: bytesRead, total: input.size)
                }
            } catch {
                progress.clear()
                output.flush()
                printError("onoma: \(error)")
                return error.code == .unreadableInput ? 74 : 65
            }
            progress.clear()
            if invalid > 1 { printError("onoma: warning: \(input.name): \(invalid) invalid UTF-8 bytes in all") }
            return 0
        }

        private func write(_ chunk: LinkedChunk, bytes: [UInt8], label: String?, output: OutputBuffer) {
            switch format {
            case .tsv:
                for m in chunk.mentions {
                    var fields = [String(m.start), String(m.end), String(m.byteStart), String(m.byteEnd),
                                  m.surface, m.conceptID, m.type.rawValue, m.kind.rawValue, m.canonical ?? "",
                                  m.method.rawValue, Self.score(m.score),
                                  m.alternatives.joined(separator: ",")]
                    if let label { fields.insert(label, at: 0) }
                    output.write(fields.map(Self.tsvField).joined(separator: "\t") + "\n")
                }
            case .jsonl:
                // Appended byte by byte into the output buffer: one line per mention, no intermediate strings.
                output.append { bytes in
                    for m in chunk.mentions { m.appendJSONLine(to: &bytes, file: label) }
                }
            case .annotated:
                // The chunk's own bytes, each mention followed by its canonical form; byte offsets are exact.
                var position = 0
                for m in chunk.mentions {
                    let end = m.byteEnd - chunk.byteOffset
                    guard end >= position, end <= bytes.count else { continue }
                    output.write(Array(bytes[position..<end]))
                    output.write(" [\(m.canonical ?? m.conceptID)]")
                    position = end
                }
                output.write(Array(bytes[position...]))
            }
        }

        /// A score with three decimals, without Foundation's locale-aware formatting (called once per mention).
        static func score(_ value: Double) -> String { Mention.formatted(score: value) }

        static func tsvField(_ text: String) -> String {
            text.contains(where: { $0 == "\t" || $0 == "\n" || $0 == "\r" })
                ? text.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\n", with: " ")
                    .replacingOccurrences(of: "\r", with: " ")
                : text
        }
    }
}

/// Buffered standard output: one write per 64 KB, not one per line.
final class OutputBuffer {
    private var buffer: [UInt8] = []

    func write(_ text: String) { write(Array(text.utf8)) }

    /// Appends straight into the buffer.
    func append(_ body: (inout [UInt8]) -> Void) {
        body(&buffer)
        if buffer.count >= 1 << 16 { flush() }
    }

    func write(_ bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { flush() }
    }

    func flush() {
        guard !buffer.isEmpty else { return }
        FileHandle.standardOutput.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }
}
