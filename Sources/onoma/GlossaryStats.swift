import ArgumentParser
import Foundation
import OnomaGlossary
import OnomaStore
import OnomaText

extension Onoma.Glossary {
    /// `onoma glossary stats`: what a store holds.
    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a store's path, versions, size, concepts by type and terms by language.",
            discussion: """
                Examples:
                  onoma glossary stats
                  onoma glossary stats --store names.sqlite
                """
        )

        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            try reportingFailures {
                let stats = try storeOptions.open().stats()
                var lines: [String] = []
                lines.append("store: \(stats.path)" + (stats.isDefault ? " (embedded default store)" : ""))
                if let fingerprint = stats.defaultStoreFingerprint {
                    lines.append("built from: Glossaries/ (fingerprint \(fingerprint.prefix(16)))")
                }
                lines.append("schema: \(stats.schemaVersion), key format: \(stats.keyFormatVersion)")
                lines.append("size: \(formatBytes(stats.sizeOnDisk))")
                lines.append("concepts: \(stats.conceptCount)")
                for (type, count) in stats.conceptsByType { lines.append("  \(type.rawValue)\t\(count)") }
                lines.append("terms: \(stats.termCount)")
                for (language, count) in stats.termsByLanguage { lines.append("  \(language)\t\(count)") }
                print(lines.joined(separator: "\n"))
            }
        }
    }
}
