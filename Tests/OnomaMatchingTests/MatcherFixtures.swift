import Foundation
import OnomaGlossary
import OnomaMatching
import OnomaText
import TestResources

/// A glossary that knows only English and native forms, as the scenario has it: the French, German and
/// other spellings the tests query are in no glossary and must be linked by the cascade.
enum MatcherFixtures {
    static func term(_ text: String, _ language: String, _ status: TermStatus = .preferred,
                     _ kind: TermKind = .full) -> Term {
        Term(text: text, language: LanguageTag(canonical: language), status: status, kind: kind)
    }

    static let concepts: [Concept] = [
        Concept(id: "vladimir-putin", type: .person, terms: [
            term("Vladimir Putin", "en"), term("Putin", "en", .admitted, .short),
            term("Владимир Путин", "ru"), term("Путин", "ru", .admitted, .short),
        ]),
        Concept(id: "nikol-pashinyan", type: .person, terms: [
            term("Nikol Pashinyan", "en"), term("Pashinyan", "en", .admitted, .short),
            term("Նիկոլ Փաշինյան", "hy"), term("Փաշինյան", "hy", .admitted, .short),
        ]),
        Concept(id: "ilham-aliyev", type: .person, terms: [
            term("Ilham Aliyev", "en"), term("Aliyev", "en", .admitted, .short),
            term("İlham Əliyev", "az"), term("Əliyev", "az", .admitted, .short),
        ]),
        Concept(id: "yerevan", type: .place, terms: [term("Yerevan", "en"), term("Երևան", "hy")]),
        Concept(id: "baku", type: .place, terms: [term("Baku", "en"), term("Bakı", "az")]),
        Concept(id: "pyotr-tchaikovsky", type: .person, terms: [
            term("Pyotr Ilyich Tchaikovsky", "en"), term("Tchaikovsky", "en", .admitted, .short),
            term("Пётр Ильич Чайковский", "ru"), term("Чайковский", "ru", .admitted, .short),
        ]),
        Concept(id: "nikita-khrushchev", type: .person, terms: [
            term("Nikita Khrushchev", "en"), term("Khrushchev", "en", .admitted, .short),
            term("Никита Хрущёв", "ru"), term("Хрущёв", "ru", .admitted, .short),
        ]),
        Concept(id: "novak-djokovic", type: .person, terms: [
            term("Novak Djokovic", "en"), term("Djokovic", "en", .admitted, .short),
            term("Новак Ђоковић", "sr"), term("Ђоковић", "sr", .admitted, .short),
        ]),
        Concept(id: "tashkent", type: .place, terms: [term("Tashkent", "en"), term("Тошкент", "uz-Cyrl")]),
        Concept(id: "dushanbe", type: .place, terms: [term("Dushanbe", "en"), term("Душанбе", "tg")]),
        Concept(id: "tbilisi", type: .place, terms: [term("Tbilisi", "en"), term("თბილისი", "ka")]),
        Concept(id: "georgia-country", type: .place, domain: "geography", note: "Country in the South Caucasus",
                terms: [term("Georgia", "en"), term("საქართველო", "ka")]),
        Concept(id: "georgia-us-state", type: .place, domain: "geography", note: "State of the United States",
                terms: [term("Georgia", "en")]),
        Concept(id: "stepanakert", type: .place, terms: [term("Stepanakert", "en"), term("Ստեփանակերտ", "hy")]),
        Concept(id: "tehran", type: .place, terms: [term("Tehran", "en"), term("تهران", "fa")]),
    ]

    static let matcher: EntityMatcher = {
        do { return try EntityMatcher(concepts: concepts) } catch { fatalError("fixture matcher: \(error)") }
    }()

    /// A matcher over places known by their English name only (its id, lower-cased), for the tests of names read from
    /// another script.
    static func englishPlaces(_ names: [String]) -> EntityMatcher {
        let concepts = names.map { name in
            Concept(id: name.lowercased(), type: .place, terms: [term(name, "en")])
        }
        do { return try EntityMatcher(concepts: concepts) } catch { fatalError("English places fixture: \(error)") }
    }

    /// The concepts of shipped glossary files (paths under `Glossaries/`, TSV), read as the store imports them.
    static func shipped(_ files: [String]) -> [Concept] {
        let glossaries = CorpusFixtures.packageRoot.appendingPathComponent("Glossaries")
        var concepts: [Concept] = []
        for file in files {
            guard let bytes = try? Data(contentsOf: glossaries.appendingPathComponent(file)),
                  let read = try? GlossaryReader.read(Array(bytes), file: file, format: .tsv) else { continue }
            concepts += read
        }
        return concepts
    }

    /// What loading a rules folder of `files` (name without `.txt`, text) throws, as text; nil when it loads.
    static func rulesLoadError(_ files: [(name: String, text: String)]) throws -> String? {
        let directory = try TemporaryFiles.directory("rules")
        defer { try? FileManager.default.removeItem(at: directory) }
        for (name, text) in files {
            try text.write(to: directory.appendingPathComponent(name + ".txt"), atomically: true, encoding: .utf8)
        }
        do {
            _ = try TranscriptionRules(directory: directory)
            return nil
        } catch {
            return "\(error)"
        }
    }
}
