import Foundation
import OnomaGlossary
@testable import OnomaStore
import OnomaText
import TestResources

/// A fresh temporary directory, removed when the test process exits (`ONOMA_KEEP_TEST_FILES=1` keeps it for a
/// post-mortem).
func temporaryDirectory(_ label: String = "store") throws -> URL {
    try TemporaryFiles.directory(label)
}

/// A path for a store that does not exist yet.
func temporaryStorePath(_ name: String = "glossary.sqlite") throws -> String {
    try temporaryDirectory().appendingPathComponent(name).path
}

/// A new empty store.
func makeStore() throws -> GlossaryStore {
    try GlossaryStore.open(path: try temporaryStorePath())
}

func tag(_ text: String) -> LanguageTag { LanguageTag(canonical: text) }

/// The shipped sample glossary for these tests.
var sampleGlossaryURL: URL {
    CorpusFixtures.packageRoot.appendingPathComponent("Glossaries/examples/store-sample.tsv")
}

/// The sample glossary's concepts, read with the TSV reader.
func sampleConcepts() throws -> [Concept] {
    let bytes = Array(try Data(contentsOf: sampleGlossaryURL))
    return try GlossaryReader.read(bytes, file: "store-sample.tsv", format: .tsv)
}

/// A concept that uses every field of the model.
let pashinyan = Concept(
    id: "nikol-pashinyan", type: .person, domain: "politics", note: "Prime Minister of Armenia since 2018.",
    sources: ["en.wikipedia: Nikol Pashinyan", "fr.wikipedia: Nikol Pachinian"],
    externalIDs: ["wikidata": "Q7242353", "viaf": "305383546"],
    terms: [
        Term(text: "Nikol Pashinyan", language: tag("en")),
        Term(text: "Pashinyan", language: tag("en"), status: .admitted, kind: .short),
        Term(text: "Nikol Pachinian", language: tag("fr"), source: "Le Monde"),
        Term(text: "Pachinian", language: tag("fr"), status: .admitted, kind: .short),
        Term(text: "Paschinjan", language: tag("de"), status: .admitted, kind: .short),
        Term(text: "Пашинян", language: tag("ru"), status: .admitted, kind: .short),
        Term(text: "Փաշինյան", language: tag("hy"), status: .admitted, kind: .short),
        Term(text: "Nikol Pashinian", language: tag("hy-Latn"), status: .deprecated, kind: .transliteration),
    ])

let nato = Concept(id: "nato", type: .organization, terms: [
    Term(text: "NATO", language: tag("en"), kind: .acronym),
    Term(text: "OTAN", language: tag("fr"), kind: .acronym),
])

/// `count` synthetic person concepts with `languages.count` terms each.
func syntheticConcepts(_ count: Int, prefix: String = "person", languages: [String] = ["en", "fr"]) -> [Concept] {
    let given = ["Nikol", "Ilham", "Serzh", "Levon", "Robert", "Armen", "Tigran", "Anna", "Lilit", "Zara"]
    let family = ["Pashinyan", "Aliyev", "Sargsyan", "Kocharyan", "Grigoryan", "Avetisyan", "Mirzoyan"]
    return (0..<count).map { n in
        let name = "\(given[n % given.count]) \(family[(n / given.count) % family.count]) \(n)"
        return Concept(id: "\(prefix)-\(n)", type: .person, terms: languages.map { Term(text: name, language: tag($0)) })
    }
}

/// The glossary as TSV text (for CLI tests), through the formats layer.
func tsv(_ concepts: [Concept]) -> String {
    var options = GlossaryExportOptions()
    options.sortsByTerm = false
    return GlossaryWriter.write(concepts, format: .tsv, options: options)
}

/// Runs the built `onoma` binary.
func onoma(_ arguments: [String], environment: [String: String]? = nil, input: String? = nil) throws
    -> ProcessResult
{
    try runProcess(CorpusFixtures.onomaExecutable, arguments, input: input.map { Data($0.utf8) },
                   environment: environment)
}

extension GlossaryStore {
    /// Concept and term counts.
    func counts() throws -> (concepts: Int, terms: Int) {
        let stats = try stats()
        return (stats.conceptCount, stats.termCount)
    }
}
