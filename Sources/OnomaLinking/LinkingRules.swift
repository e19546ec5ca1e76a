public import Foundation
import OnomaText

/// The per-language word lists the linker reads running text with: elided words, function words and name
/// connectors (see `Rules/function-words.txt`, which documents each list).
///
/// `Sendable`: immutable after loading.
public struct LinkingRules: Sendable {
    /// Words written before an apostrophe that are not part of the name after it (l', d', qu', dell').
    var elisions: [String: Set<String>] = [:]
    /// Closed-class words that are not names even when capitalized.
    var functionWords: [String: Set<String>] = [:]
    /// Lower-case words that may join the parts of a multiword name.
    var connectors: [String: Set<String>] = [:]
    /// Inflection endings a name may carry, each with the ending of the form terms are written in (`ы>а`:
    /// Москвы → Москва; `s>`: Russlands → Russland), in file order.
    var suffixes: [String: [(ending: String, replacement: String)]] = [:]

    /// The rules shipped with Onoma.
    public static let shared: LinkingRules = {
        do {
            return try LinkingRules(contentsOf: Self.bundledFile)
        } catch {
            // The file ships inside the module's bundle; without it linking still works, only less precisely.
            return LinkingRules()
        }
    }()

    /// The rule file inside the module's resource bundle.
    static var bundledFile: URL {
        Bundle.module.rulesFolder.appendingPathComponent("function-words.txt")
    }

    /// Empty rules.
    public init() {}

    /// Rules read from a file in the `function-words.txt` format.
    ///
    /// - Throws: ``LinkError`` naming the file and line of a malformed line.
    public init(contentsOf url: URL) throws(LinkError) {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw LinkError(.unreadableRules, "cannot read the linking rules: \(error.localizedDescription)",
                            file: url.path)
        }
        try self.init(text: text, file: url.path)
    }

    /// Rules parsed from `text`.
    init(text: String, file: String) throws(LinkError) {
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            guard let colon = trimmed.firstIndex(of: ":") else {
                throw LinkError(.invalidRules, "expected `LANG.SET: words`", file: file, line: number + 1, column: 1)
            }
            let head = trimmed[..<colon].split(separator: ".")
            guard head.count == 2 else {
                throw LinkError(.invalidRules, "expected `LANG.SET` before the colon", file: file, line: number + 1,
                                column: 1)
            }
            let language = String(head[0])
            let words = trimmed[trimmed.index(after: colon)...].split(separator: " ").map(String.init)
            switch head[1] {
            case "elision": elisions[language, default: []].formUnion(words)
            case "function": functionWords[language, default: []].formUnion(words)
            case "connector": connectors[language, default: []].formUnion(words)
            case "suffix":
                for word in words {
                    let parts = word.split(separator: ">", maxSplits: 1, omittingEmptySubsequences: false)
                    let ending = String(parts[0])
                    guard !ending.isEmpty else {
                        throw LinkError(.invalidRules, "a suffix needs an ending before `>`", file: file,
                                        line: number + 1, column: 1)
                    }
                    suffixes[language, default: []].append((ending, parts.count > 1 ? String(parts[1]) : ""))
                }
            default:
                throw LinkError(.invalidRules, "unknown set `\(head[1])` (elision, function, connector or suffix)",
                                file: file, line: number + 1, column: language.count + 2)
            }
        }
    }

    /// The inflection endings of `language` (every language's when none is given), longest ending first, then in
    /// file order.
    func endings(language: String?) -> [(ending: String, replacement: String)] {
        let lists = language.map { [suffixes[$0] ?? [], suffixes["*"] ?? []] }
            ?? suffixes.keys.sorted().map { suffixes[$0] ?? [] }
        let all = lists.flatMap { $0 }
        return all.enumerated().sorted { a, b in
            a.element.ending.count != b.element.ending.count
                ? a.element.ending.count > b.element.ending.count : a.offset < b.offset
        }.map(\.element)
    }

    /// The words of one set for `language`, with the `*` entries; the union of every language when none is given.
    func words(_ table: [String: Set<String>], language: String?) -> Set<String> {
        guard let language else { return table.values.reduce(into: Set<String>()) { $0.formUnion($1) } }
        return (table[language] ?? []).union(table["*"] ?? [])
    }
}
