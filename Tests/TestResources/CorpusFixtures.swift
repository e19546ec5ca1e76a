package import Foundation

/// Test access to the example-article excerpts and to the package's own files.
package enum CorpusFixtures {
    /// The French article excerpt (see the file's header for its source).
    package static var frenchExcerpt: String {
        get throws {
            let url = Bundle.module.url(forResource: "Resources/corpus/fr-presstv-excerpt", withExtension: "txt")!
            return try String(contentsOf: url, encoding: .utf8)
                .split(separator: "\n").filter { !$0.hasPrefix("#") }.joined(separator: "\n")
        }
    }

    /// The package's root folder (for shipped data such as `Glossaries/`).
    package static var packageRoot: URL {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }

    /// Every term of the shipped glossaries (`Glossaries/cldr` and `Glossaries/curated`, every language cell split on
    /// ` | `, `{…}` markers and surrounding quotes dropped), each once, sorted: real names in hundreds of locales.
    package static let shippedGlossaryTerms: [String] = {
        let root = packageRoot.appendingPathComponent("Glossaries")
        let fixed: Set<String> = ["id", "type", "domain", "note", "source", "wikidata"]
        var terms = Set<String>()
        for folder in ["cldr", "curated"] {
            let directory = root.appendingPathComponent(folder)
            let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            for file in files where file.hasSuffix(".tsv") {
                guard let text = try? String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
                else { continue }
                var header: [Substring]?
                for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
                    let cells = line.split(separator: "\t", omittingEmptySubsequences: false)
                    guard let columns = header else {
                        header = cells
                        continue
                    }
                    for (i, cell) in cells.enumerated() where i < columns.count && !fixed.contains(String(columns[i])) {
                        for term in cell.components(separatedBy: " | ") {
                            let text = term.components(separatedBy: " {")[0]
                                .trimmingCharacters(in: CharacterSet(charactersIn: " \""))
                            if !text.isEmpty { terms.insert(text) }
                        }
                    }
                }
            }
        }
        return terms.sorted()
    }()

    /// The built `onoma` executable next to the test bundle.
    package static var onomaExecutable: URL {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            Bundle.main.bundleURL,
            Bundle.main.bundleURL.deletingLastPathComponent(),
        ]
        for directory in candidates {
            let url = directory.appendingPathComponent("onoma")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return packageRoot.appendingPathComponent(".build/debug/onoma")
    }
}

/// The result of running a program.
package struct ProcessResult: Sendable {
    package var status: Int32
    package var stdout: String
    package var stderr: String
}

/// Runs `executable` with `arguments`, feeding `input` on standard input.
package func runProcess(_ executable: URL, _ arguments: [String], input: Data? = nil,
                        environment: [String: String]? = nil) throws -> ProcessResult {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let environment {
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    }
    let out = Pipe(), err = Pipe(), inp = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = inp
    try process.run()
    // Read both pipes concurrently with the write so a large output cannot deadlock.
    let group = DispatchGroup()
    nonisolated(unsafe) var outData = Data(), errData = Data()
    DispatchQueue.global().async(group: group) { outData = out.fileHandleForReading.readDataToEndOfFile() }
    DispatchQueue.global().async(group: group) { errData = err.fileHandleForReading.readDataToEndOfFile() }
    if let input { inp.fileHandleForWriting.write(input) }
    try inp.fileHandleForWriting.close()
    process.waitUntilExit()
    group.wait()
    return ProcessResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData, as: UTF8.self))
}
