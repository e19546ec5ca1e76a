import ArgumentParser
import Foundation
import OnomaBatch
import OnomaGlossary
import OnomaMatching
import OnomaStore
import OnomaText

extension Onoma {
    /// `onoma lookup`: any spelling, any script → the concept, explained.
    struct Lookup: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Look up names in any language or script: concept, canonical form, names, how it matched.",
            discussion: """
                Each name goes through one cascade: exact form, comparison key (case, diacritics, punctuation), \
                transliteration (BGN/PCGN), transcription conventions (French ch = English sh = German sch …), \
                then fuzzy transcription keys (and, for a name in Arabic or Hebrew letters, its consonants with the \
                vowels those scripts leave unwritten). Before the fuzzy step, a name that found nothing is also \
                read without a person's title (M. Poutine, President Putin), with initials (V. Putin, Putin V. V.), \
                with its words in another order (Putin, Vladimir), with fewer or more given names (Tayyip Erdoğan, \
                Sergueï Viktorovitch Lavrov) and, with --from, in the form a glossary stores \
                when a sentence inflected it (pl Moskwie, ru Путиным, hu Moszkvában, tr Putin'in: \
                Rules/name-endings.txt, 25 languages). Scores are calibrated: 0.5 and above is a match, below is no \
                match; --threshold keeps only higher scores (0.7: fewer wrong fuzzy matches; 0.9: none). Two concepts \
                with the same name are both shown, best first, with the type and note that tell them apart; --type \
                narrows.

                Exit status: 0 when every name matched, 1 when one did not.

                Examples:
                  onoma lookup Pachinian Erevan Bakou --from fr
                  onoma lookup Пашинян --to fr
                  onoma lookup Georgia --type place --limit 3 --json
                  onoma lookup "PUTIN, Vladimir" "V. Poutine" "le président Poutine" --from fr
                  onoma lookup "Tayyip Erdoğan" --from tr           # Recep Tayyip Erdoğan
                  onoma lookup Moskwie Putinem --from pl            # inflected: Moscow, Putin
                  onoma lookup Bucaresr --from fr                   # fuzzy 0.69: Bucharest
                  onoma lookup Bucaresr --from fr --threshold 0.7   # no match
                """
        )

        @Argument(help: ArgumentHelp("Names to look up.", valueName: "name"))
        var names: [String]

        @Option(help: ArgumentHelp(
            "Language the names are written in (BCP 47, e.g. fr, de, ru). Without it, a name several concepts share "
                + "is read as English first, and a Latin name also with the conventions its letters show "
                + "(ł, sch, č …).",
            valueName: "lang"))
        var from: String?

        @Option(help: ArgumentHelp("Language of the canonical forms (default en).", valueName: "lang"))
        var to: String = "en"

        @Option(help: ArgumentHelp("Only concepts of this type (person, place, organization …); repeatable.",
                                   valueName: "type"))
        var type: [String] = []

        @Option(help: ArgumentHelp("Most matches shown per name.", valueName: "n"))
        var limit: Int = 3

        @Flag(help: "One JSON object per name, on one line each.")
        var json = false

        @OptionGroup var thresholdOptions: ThresholdOptions

        @OptionGroup var storeOptions: StoreOptions

        func validate() throws {
            if names.isEmpty { throw ValidationError("give at least one name to look up") }
            if limit < 1 { throw ValidationError("--limit must be at least 1") }
            _ = try parseTypes(type)
            if let from { _ = try parseLanguage(from) }
            _ = try parseLanguage(to)
        }

        func run() throws {
            var unmatched = false
            try reportingFailures {
                let store = try storeOptions.open()
                let matcher = try EntityMatcher.cached(store: store)
                // Kept until the process exits, which frees its memory at once (see Normalize).
                _ = Unmanaged.passRetained(matcher)
                let source = try from.map(parseLanguage)
                let target = try parseLanguage(to)
                let types = try parseTypes(type)
                if let types {
                    let known = matcher.conceptTypes
                    if let unknown = types.first(where: { !known.contains($0) }) {
                        throw CommandFailure("no concept of the store has type '\(unknown.rawValue)'; its types: "
                                             + known.map(\.rawValue).sorted().joined(separator: ", "), status: 64)
                    }
                }
                var output = ""
                for name in names {
                    let result = matcher.lookup(name, language: source, target: target, types: types, limit: limit,
                                                minimumScore: thresholdOptions.threshold)
                    if result.best == nil { unmatched = true }
                    output += json ? Self.json(result, matcher: matcher) + "\n" : Self.text(result, matcher: matcher)
                }
                FileHandle.standardOutput.write(Data(output.utf8))
            }
            if unmatched { throw ExitCode(1) }
        }

        /// The preferred term of each language, en first.
        static func names(of id: String, matcher: EntityMatcher) -> [(String, String)] {
            guard let concept = matcher.concept(id: id) else { return [] }
            var seen = Set<String>()
            var result: [(String, String)] = []
            for term in concept.terms where term.status == .preferred && term.kind == .full {
                if seen.insert(term.language.description).inserted {
                    result.append((term.language.description, term.text))
                }
            }
            return result.sorted { ($0.0 == "en" ? "" : $0.0) < ($1.0 == "en" ? "" : $1.0) }
        }

        static func text(_ result: LookupResult, matcher: EntityMatcher) -> String {
            guard let best = result.best else {
                return "\(result.query)\tno match\(result.error.map { " (\($0))" } ?? "")\n"
            }
            var text = ""
            for (rank, match) in result.matches.enumerated() {
                let lead = rank == 0 ? result.query : "  or"
                text += "\(lead)\t\(match.conceptID) (\(match.type)\(match.domain.map { ", \($0)" } ?? ""))\t"
                text += "\(match.canonical?.text ?? "?")\t\(match.method.rawValue) \(String(format: "%.2f", match.score))\n"
                if rank == 0 || match.note != nil {
                    text += "  \(match.explanation)\n"
                    if let note = match.note { text += "  note: \(note)\n" }
                }
            }
            let names = Self.names(of: best.conceptID, matcher: matcher).prefix(12)
                .map { "\($0.0) \($0.1)" }.joined(separator: " · ")
            if !names.isEmpty { text += "  names: \(names)\n" }
            return text
        }

        static func json(_ result: LookupResult, matcher: EntityMatcher) -> String {
            func string(_ value: String?) -> String { value.map(RowEncoding.jsonString) ?? "null" }
            let matches = result.matches.map { match -> String in
                let names = Self.names(of: match.conceptID, matcher: matcher)
                    .map { "\(string($0.0)):\(string($0.1))" }.joined(separator: ",")
                return "{\"entity\":\(string(match.conceptID)),\"type\":\(string(match.type.rawValue)),"
                    + "\"domain\":\(string(match.domain)),\"note\":\(string(match.note)),"
                    + "\"canonical\":\(string(match.canonical?.text)),"
                    + "\"matched\":{\"text\":\(string(match.matchedTerm.text)),"
                    + "\"language\":\(string(match.matchedTerm.language.description))},"
                    + "\"method\":\(string(match.method.rawValue)),\"score\":\(String(format: "%.3f", match.score)),"
                    + "\"explanation\":\(string(match.explanation)),\"names\":{\(names)}}"
            }
            return "{\"query\":\(string(result.query)),\"error\":\(string(result.error)),"
                + "\"matches\":[\(matches.joined(separator: ","))]}"
        }
    }
}
