import ArgumentParser
import Foundation
import OnomaGlossary
import OnomaStore
import OnomaText

extension Onoma.Glossary {
    /// `onoma glossary show`: one concept with all its terms.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a concept and every term, with language, status and kind.",
            discussion: """
                Examples:
                  onoma glossary show nikol-pashinyan
                  onoma glossary show nato --json --store names.sqlite
                """
        )

        @OptionGroup var storeOptions: StoreOptions

        @Argument(help: ArgumentHelp("The concept id (e.g. nikol-pashinyan).", valueName: "id"))
        var id: String

        @Flag(help: "Print the concept as one JSON object (the JSONL glossary format).")
        var json = false

        func run() throws {
            try reportingFailures {
                let store = try storeOptions.open()
                guard let concept = try store.concept(id: id) else {
                    throw CommandFailure("no concept \"\(id)\" in \(store.path)")
                }
                if json {
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                    let data: Data
                    do { data = try encoder.encode(concept) } catch {
                        throw CommandFailure("cannot encode \(id): \(error)")
                    }
                    print(String(decoding: data, as: UTF8.self))
                    return
                }
                print(Self.describe(concept))
            }
        }

        /// The concept as aligned text.
        static func describe(_ concept: Concept) -> String {
            var lines = ["\(concept.id) (\(concept.type))"]
            if let domain = concept.domain { lines.append("domain: \(domain)") }
            if let note = concept.note { lines.append("note: \(note)") }
            if !concept.sources.isEmpty { lines.append("sources: \(concept.sources.joined(separator: "; "))") }
            for (scheme, value) in concept.externalIDs.sorted(by: { $0.key < $1.key }) {
                lines.append("\(scheme): \(value)")
            }
            lines.append("terms:")
            let width = concept.terms.map(\.language.description.count).max() ?? 2
            for term in concept.terms {
                let language = term.language.description.padding(toLength: width, withPad: " ", startingAt: 0)
                let status = term.status.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)
                let kind = term.kind.rawValue.padding(toLength: 15, withPad: " ", startingAt: 0)
                var line = "  \(language)  \(status) \(kind) \(term.text)"
                if let source = term.source { line += "  [\(source)]" }
                lines.append(line)
            }
            return lines.joined(separator: "\n")
        }
    }
}
