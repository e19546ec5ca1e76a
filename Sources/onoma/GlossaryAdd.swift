import ArgumentParser
import Foundation
import OnomaGlossary
import OnomaStore
import OnomaText

extension Onoma.Glossary {
    /// `onoma glossary add`: one concept from the command line.
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add one concept, or add terms to it when its id is already in the store.",
            discussion: """
                Each --term is LANG=TEXT, optionally followed by markers in braces as in the TSV format: a kind \
                (full, short, acronym, adjective, transliteration) and a status (preferred, admitted, deprecated). \
                The first term of a language is preferred unless marked, the others are admitted.

                Examples:
                  onoma glossary add --id nikol-pashinyan --type person \\
                      --term en="Nikol Pashinyan" --term fr="Nikol Pachinian" --term ru=Пашинян \\
                      --term "fr=Pachinian {short}" --note "Prime Minister of Armenia" --store names.sqlite
                  onoma glossary add --id nato --type organization --term "en=NATO {acronym}" \\
                      --term "fr=OTAN {acronym}" --store names.sqlite
                """
        )

        @OptionGroup var storeOptions: StoreOptions

        @Option(help: ArgumentHelp("The concept id: lowercase letters, digits and inner - _ . (e.g. nato).",
                                   valueName: "id"))
        var id: String

        @Option(help: ArgumentHelp("The concept type (e.g. person, place, organization, event, product, term).",
                                   valueName: "type"))
        var type: String

        @Option(name: .customLong("term"), help: ArgumentHelp(
            "A term as LANG=TEXT, with optional {markers} (e.g. --term \"fr=OTAN {acronym}\").", valueName: "lang=text"))
        var terms: [String] = []

        @Option(help: ArgumentHelp("A note or definition for users.", valueName: "text"))
        var note: String?

        @Option(help: ArgumentHelp("The subject field (e.g. politics).", valueName: "domain"))
        var domain: String?

        @Option(name: .customLong("source"), help: ArgumentHelp("Where the forms are attested (repeatable).",
                                                                valueName: "text"))
        var sources: [String] = []

        @Option(help: ArgumentHelp("The Wikidata id (e.g. Q7747).", valueName: "Q…"))
        var wikidata: String?

        @Flag(help: "Replace the stored concept wholly instead of merging into it.")
        var replace = false

        func validate() throws {
            _ = try makeConcept()
        }

        /// The concept the options describe.
        func makeConcept() throws -> Concept {
            guard Concept.isValidID(id) else {
                throw ValidationError("--id \"\(id)\" is not a valid id: use lowercase ASCII letters and digits with "
                                      + "inner '-', '_' or '.' (e.g. nikol-pashinyan).")
            }
            guard ConceptType.isValid(type) else {
                throw ValidationError("--type \"\(type)\" is not a type name (e.g. person, place, organization).")
            }
            if terms.isEmpty { throw ValidationError("Give at least one --term LANG=TEXT (e.g. --term en=NATO).") }
            var parsed: [Term] = []
            var explicitStatus: [Bool] = []
            for spec in terms {
                let (term, hasStatus) = try Self.parseTerm(spec)
                parsed.append(term)
                explicitStatus.append(hasStatus)
            }
            // Like the TSV format: the first term of a language without a status marker is preferred.
            var seen = Set<LanguageTag>()
            for i in parsed.indices where !explicitStatus[i] {
                parsed[i].status = seen.contains(parsed[i].language) ? .admitted : .preferred
                seen.insert(parsed[i].language)
            }
            var externalIDs: [String: String] = [:]
            if let wikidata {
                guard wikidata.first == "Q", wikidata.count > 1, wikidata.dropFirst().allSatisfy(\.isNumber) else {
                    throw ValidationError("--wikidata must be a Wikidata id such as Q7747 (got \"\(wikidata)\").")
                }
                externalIDs["wikidata"] = wikidata
            }
            return Concept(id: id, type: ConceptType(rawValue: type), domain: domain, note: note, sources: sources,
                           externalIDs: externalIDs, terms: parsed)
        }

        /// Parses `LANG=TEXT {markers}`; returns whether a status marker was given.
        static func parseTerm(_ spec: String) throws -> (Term, Bool) {
            guard let equals = spec.firstIndex(of: "=") else {
                throw ValidationError("--term \"\(spec)\" must be LANG=TEXT (e.g. --term fr=Pachinian).")
            }
            let language = try parseLanguage(String(spec[..<equals]))
            var text = String(spec[spec.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
            var term = Term(text: text, language: language)
            var hasStatus = false
            if text.hasSuffix("}"), let open = text.range(of: " {", options: .backwards) {
                let markers = text[open.upperBound..<text.index(before: text.endIndex)].split(separator: ",")
                for marker in markers.map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) {
                    if let status = TermStatus(rawValue: marker) {
                        term.status = status
                        hasStatus = true
                    } else if let kind = TermKind(rawValue: marker) {
                        term.kind = kind
                    } else {
                        throw ValidationError("--term \"\(spec)\": unknown marker \"\(marker)\" (kinds: full, short, "
                                              + "acronym, adjective, transliteration; statuses: preferred, admitted, "
                                              + "deprecated).")
                    }
                }
                text = String(text[..<open.lowerBound]).trimmingCharacters(in: .whitespaces)
                term.text = text
            }
            if text.isEmpty { throw ValidationError("--term \"\(spec)\" has an empty text.") }
            return (term, hasStatus)
        }

        func run() throws {
            try reportingFailures {
                let concept = try makeConcept()
                let store = try storeOptions.openForWriting("adding a concept")
                let summary = try store.import([concept], mode: replace ? .replace : .merge)
                let verb = summary.conceptsAdded > 0 ? "added" : summary.conceptsUpdated > 0 ? "updated" : "unchanged"
                print("\(verb) \(concept.id): \(summary.termsAdded) terms added, \(summary.termsUpdated) updated"
                      + (summary.termsRemoved > 0 ? ", \(summary.termsRemoved) removed" : ""))
            }
        }
    }

    /// `onoma glossary remove`: concepts and their terms.
    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove concepts, with all their terms, from a store.",
            discussion: """
                Examples:
                  onoma glossary remove nato --store names.sqlite
                """
        )

        @OptionGroup var storeOptions: StoreOptions

        @Argument(help: ArgumentHelp("Concept ids (e.g. nato).", valueName: "id"))
        var ids: [String] = []

        func validate() throws {
            if ids.isEmpty { throw ValidationError("Give at least one concept id to remove.") }
        }

        func run() throws {
            try reportingFailures {
                let store = try storeOptions.openForWriting("removing a concept")
                var missing: [String] = []
                for id in ids {
                    if try store.remove(id: id) { print("removed \(id)") } else { missing.append(id) }
                }
                if !missing.isEmpty {
                    throw CommandFailure("no concept \(missing.map { "\"\($0)\"" }.joined(separator: ", ")) in "
                                         + store.path)
                }
            }
        }
    }
}
