import ArgumentParser
import OnomaText

/// The `onoma` command: multilingual entity names, glossaries and linking on ICU.
@main
struct Onoma: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "onoma",
        abstract: "Normalize, look up and link multilingual entity names; build bilingual glossaries.",
        discussion: """
            Onoma maps every spelling of a name (French Pachinian, English Pashinyan, German Paschinjan, \
            Armenian Փաշինյան) to one concept and its canonical form in the language you want.

            Examples:
              onoma normalize Glossaries/examples/fr-names.txt --from fr
              onoma normalize names.csv --column name --format jsonl
              onoma lookup Pachinian Erevan --from fr
              onoma link article.txt --from fr --format annotated
            """,
        version: "0.1.0 (ICU \(ICU.version), key format \(NameNormalizer.keyFormatVersion))",
        subcommands: [Normalize.self, Lookup.self, Link.self, Glossary.self]
    )
}
