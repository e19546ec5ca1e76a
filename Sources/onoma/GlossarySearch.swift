import ArgumentParser
import Foundation
import OnomaGlossary
import OnomaStore
import OnomaText

extension Onoma.Glossary {
    /// `onoma glossary search`: full-text prefix search over terms.
    struct Search: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Find terms whose words start with the given words (any language, any script).",
            discussion: """
                Case and diacritics are ignored, and Latin letters also find Cyrillic, Armenian, Georgian … terms \
                through their transliteration. One line per matching term: concept id, type, term, language.

                Examples:
                  onoma glossary search pashin
                  onoma glossary search "haut kar" --limit 5 --store names.sqlite
                  onoma glossary search Փաշ
                """
        )

        @OptionGroup var storeOptions: StoreOptions

        @Argument(help: ArgumentHelp("Words to look for; each is a prefix (e.g. pashin).", valueName: "text"))
        var text: String

        @Option(help: ArgumentHelp("The most terms shown (e.g. --limit 50).", valueName: "n"))
        var limit = 20

        func validate() throws {
            if limit < 1 { throw ValidationError("--limit must be at least 1.") }
        }

        func run() throws {
            try reportingFailures {
                let hits = try storeOptions.open().search(text, limit: limit)
                if hits.isEmpty {
                    printError("onoma: no term matches \"\(text)\"")
                    return
                }
                for hit in hits {
                    print("\(hit.conceptId)\t\(hit.type)\t\(hit.term.text)\t\(hit.term.language)")
                }
            }
        }
    }
}
