public import ArgumentParser
import Foundation
public import OnomaGlossary
import OnomaStore
import Synchronization

extension Onoma {
    /// `onoma glossary`: manage glossary stores.
    struct Glossary: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import, export, inspect and edit glossary stores.",
            discussion: """
                A store is an SQLite file of concepts (one entity: a person, a place, an organization …) and their \
                terms in every language, indexed for lookup by comparison key and by Latin transliteration.

                Every command takes --store PATH (or $ONOMA_STORE); without it, reading commands use the embedded \
                default store, built on first use from the shipped Glossaries/*.tsv files and rebuilt when they \
                change. Commands that write need a store of your own.

                Examples:
                  onoma glossary import people.tsv places.tbx --store names.sqlite
                  onoma glossary search pashin --store names.sqlite
                  onoma glossary show nikol-pashinyan
                  onoma glossary export --from en --to fr --format tbx -o en-fr.tbx
                """,
            subcommands: [Import.self, Export.self, Build.self, Stats.self, Show.self, Search.self, Add.self, Remove.self, Generate.self]
        )
    }
}

extension GlossaryFormat: ExpressibleByArgument {}

/// Writes `text` to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Seconds with two decimals.
func formatSeconds(_ seconds: Double) -> String { String(format: "%.2f s", seconds) }

/// A byte count for people (`1.4 MB`).
func formatBytes(_ bytes: Int) -> String {
    if bytes < 1024 { return "\(bytes) B" }
    let units = ["KB", "MB", "GB", "TB"]
    var value = Double(bytes) / 1024
    var unit = 0
    while value >= 1024 && unit < units.count - 1 {
        value /= 1024
        unit += 1
    }
    return String(format: "%.1f %@", value, units[unit])
}

/// An import's progress on standard error, drawn only when standard error is a terminal, and the time each step
/// took (for `--verbose`).
///
/// `Sendable` notes: reports come from worker threads; the state sits in a `Mutex`.
final class ImportProgressLine: Sendable {
    private struct State {
        var lastDraw = Date.distantPast
        var steps: [(phase: ImportProgress.Phase, first: Date, last: Date)] = []
        /// The last report of normalizing, shown next to the writing that overlaps it.
        var normalizing: ImportProgress?
    }

    private let enabled: Bool
    private let state = Mutex(State())

    init(enabled: Bool) {
        self.enabled = enabled && isatty(2) == 1
    }

    func report(_ progress: ImportProgress, file: String) {
        let now = Date()
        let (due, normalizing) = state.withLock { state -> (Bool, ImportProgress?) in
            // Steps may overlap (normalizing goes on while writing): one entry per step, from its first report to
            // its last.
            if let i = state.steps.firstIndex(where: { $0.phase == progress.phase }) {
                state.steps[i].last = now
            } else {
                state.steps.append((progress.phase, now, now))
            }
            if progress.phase == .normalizing { state.normalizing = progress }
            // Once writing has started, its line shows normalizing too.
            let shownByWriting = progress.phase == .normalizing && state.steps.contains { $0.phase == .writing }
            guard enabled, !shownByWriting,
                  now.timeIntervalSince(state.lastDraw) > 0.2 || progress.done == progress.total
            else {
                return (false, nil)
            }
            state.lastDraw = now
            return (true, state.normalizing)
        }
        guard due else { return }
        var text = "\(file): "
        switch progress.phase {
        case .indexing:
            text += "indexing"
        case .normalizing:
            text += "normalizing \(progress.done)/\(progress.total) terms"
        case .writing:
            text += "writing \(progress.done)/\(progress.total) concepts"
            if let normalizing, normalizing.done < normalizing.total {
                text += ", normalizing \(normalizing.done)/\(normalizing.total) terms"
            }
        }
        FileHandle.standardError.write(Data("\r\u{1B}[K\(text)".utf8))
    }

    /// How long each step of the last import took, ending now: `normalizing 2.10 s, writing 2.30 s (while
    /// normalizing), indexing …, committing …`.
    ///
    /// A step lasts from its first report until its last one, or until the next step starts when that is later (the
    /// last report of a step may come before its end).
    func timings() -> String {
        let now = Date()
        return state.withLock { state in
            var parts: [String] = []
            var ends: [Date] = []
            for (i, step) in state.steps.enumerated() {
                let end = i + 1 < state.steps.count ? max(step.last, state.steps[i + 1].first) : step.last
                var part = "\(step.phase.rawValue) \(formatSeconds(end.timeIntervalSince(step.first)))"
                if i > 0 && step.first < ends[i - 1] { part += " (while \(state.steps[i - 1].phase.rawValue))" }
                parts.append(part)
                ends.append(end)
            }
            if let last = state.steps.map(\.last).max() {
                parts.append("committing \(formatSeconds(now.timeIntervalSince(last)))")
            }
            state.steps = []
            state.normalizing = nil
            return parts.joined(separator: ", ")
        }
    }

    func clear() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
