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

            Files and environment: $XDG_CACHE_HOME/onoma (else ~/.cache/onoma) holds the default store, built \
            from the shipped glossaries on first use, and snapshots of the matcher's indexes, one per store \
            (matcher-*.bin, 20 MB for the default store, and 11 MB more once a name has needed the fuzzy step), \
            so that the next run over an unchanged store starts in a fraction of a second. Deleting the folder only \
            costs that time again.
              ONOMA_STORE=PATH      the store when --store is not given
              ONOMA_NO_SNAPSHOTS=1  neither save nor load matcher snapshots
            """,
        version: "0.1.0 (ICU \(ICU.version), key format \(NameNormalizer.keyFormatVersion))",
        subcommands: [Normalize.self, Lookup.self, Link.self, Glossary.self]
    )
}
