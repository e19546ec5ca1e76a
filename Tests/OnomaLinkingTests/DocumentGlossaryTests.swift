import Foundation
import OnomaGlossary
@testable import OnomaLinking
import OnomaMatching
import OnomaStore
import OnomaText
import TestResources
import Testing

/// Stores built from the shipped curated glossaries, and the glossaries of the example article's excerpt.
private enum DocumentFixtures {
    static let french = LanguageTag(canonical: "fr")
    static let english = LanguageTag(canonical: "en")
    static let options = EntityLinker.Options(language: french, target: english)
    static let excerptName = "fr-presstv-excerpt.txt"

    /// Every concept of `Glossaries/curated/*.tsv`.
    static let curated = Result { () throws -> [Concept] in
        let folder = CorpusFixtures.packageRoot.appendingPathComponent("Glossaries/curated")
        var concepts: [Concept] = []
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        where file.hasSuffix(".tsv") {
            let bytes = Array(try Data(contentsOf: folder.appendingPathComponent(file)))
            concepts += try GlossaryReader.read(bytes, file: file, format: .tsv)
        }
        return concepts
    }

    /// A new store in a temporary folder holding `concepts`.
    static func store(_ concepts: [Concept]) throws -> GlossaryStore {
        let folder = try TemporaryFiles.directory("document-glossary")
        let store = try GlossaryStore.open(path: folder.appendingPathComponent("store.sqlite").path)
        if !concepts.isEmpty { try store.import(concepts) }
        return store
    }

    /// A linker over a store of the curated glossaries.
    static let linker = Result { () throws -> EntityLinker in try EntityLinker(store: store(curated.get())) }

    /// A linker over the curated glossaries without Eduard Aghajanyan, whom the excerpt names.
    static let linkerWithoutAghajanyan = Result { () throws -> EntityLinker in
        try EntityLinker(store: store(curated.get().filter { $0.id != "eduard-aghajanyan" }))
    }

    static func excerptGlossary(_ linker: EntityLinker) throws -> DocumentGlossary {
        try DocumentGlossary(text: try CorpusFixtures.frenchExcerpt, file: excerptName, linker: linker,
                             options: options)
    }
}

/// The CLI's linker loads the cascade's matcher from a snapshot of the store: it must link as one that builds it.
@Suite struct SnapshotLinkerTests {
    @Test func linkerWithALoadedMatcherLinksAsOneThatBuildsIt() throws {
        let store = try DocumentFixtures.store(DocumentFixtures.curated.get())
        let directory = try TemporaryFiles.directory("linker").appendingPathComponent("snapshots")
        let snapshots = MatcherSnapshots(directory: directory)
        // The excerpt, and unseen spellings that only the cascade links.
        let text = try CorpusFixtures.frenchExcerpt + "\nLe Premier ministre Nikol Pashinian a parlé avec Vladimir Poutin "
            + "et Ilham Aliyev à Tbilissi, puis à Erevan."
        let built = try EntityLinker(store: store).link(text, options: DocumentFixtures.options)
        #expect(built.contains { $0.method == .transcription })

        let first = try EntityLinker(store: store, snapshots: snapshots)
        #expect(try first.link(text, options: DocumentFixtures.options) == built)
        #expect(first.matcher?.stats.fromSnapshot == false)
        let second = try EntityLinker(store: store, snapshots: snapshots)
        #expect(try second.link(text, options: DocumentFixtures.options) == built)
        #expect(second.matcher?.stats.fromSnapshot == true)
    }
}

@Suite struct DocumentGlossaryTests {
    @Test func pashinyanAndAlievAreEntriesWithTheirFormsAndFirstSentence() throws {
        let glossary = try DocumentFixtures.excerptGlossary(DocumentFixtures.linker.get())
        #expect(glossary.source == DocumentFixtures.french && glossary.target == DocumentFixtures.english)
        let pashinyan = try #require(glossary.entries.first { $0.conceptID == "nikol-pashinyan" })
        #expect(pashinyan.type == .person)
        #expect(pashinyan.forms.map(\.text) == ["Nikol Pachinian"])
        #expect(pashinyan.forms.first?.storeTerm?.text == "Nikol Pachinian")
        #expect(pashinyan.canonical?.text == "Nikol Pashinyan")
        #expect(pashinyan.mentions == 1)
        #expect(pashinyan.firstSentence == "Le lendemain, samedi 26 mars, le président russe, Vladimir Poutine et le "
            + "Premier ministre arménien, Nikol Pachinian se sont entretenus de la situation sur le terrain et dans "
            + "la zone sous contrôle des Casques bleus russes.")

        let aliev = try #require(glossary.entries.first { $0.conceptID == "ilham-aliyev" })
        #expect(aliev.forms.map { "\($0.text)×\($0.count)" } == ["Ilham Aliev×1", "Aliev×1"])
        #expect(aliev.forms.map(\.termKind) == [.full, .short])
        #expect(aliev.mentions == 2 && aliev.canonical?.text == "Ilham Aliyev")
        #expect(aliev.firstSentence.hasPrefix("La stratégie de la syrisation de l'Ukraine"))
        #expect(aliev.firstSentence.hasSuffix("à le pousser à ouvrir le front du Caucase du Sud."))

        // Entries come in order of first mention, and count every mention the linker finds.
        let mentions = try DocumentFixtures.linker.get().link(try CorpusFixtures.frenchExcerpt,
                                                              options: DocumentFixtures.options)
        var firstSeen: [String] = []
        for mention in mentions where !firstSeen.contains(mention.conceptID) { firstSeen.append(mention.conceptID) }
        #expect(glossary.entries.map(\.conceptID) == firstSeen)
        #expect(glossary.mentionCount == mentions.count)
        #expect(glossary.toReview.isEmpty, "\(glossary.toReview.map(\.surface))")
    }

    @Test func surnameAloneCountsAsAFormOfTheFullName() throws {
        let text = "Nikol Pachinian est arrivé à Moscou.\n\nSelon Pachinian, la situation est grave. Pachinian a "
            + "ajouté que rien n'était décidé."
        let glossary = try DocumentGlossary(text: text, linker: DocumentFixtures.linker.get(),
                                            options: DocumentFixtures.options)
        let pashinyan = try #require(glossary.entries.first)
        #expect(pashinyan.conceptID == "nikol-pashinyan")
        #expect(pashinyan.forms.map { "\($0.text)×\($0.count)" } == ["Nikol Pachinian×1", "Pachinian×2"])
        #expect(pashinyan.mentions == 3)
        #expect(pashinyan.firstSentence == "Nikol Pachinian est arrivé à Moscou.")
        #expect(glossary.entries.map(\.conceptID) == ["nikol-pashinyan", "moscow"])
    }

    @Test func adjectivesAggregateUnderTheirConcept() throws {
        let glossary = try DocumentFixtures.excerptGlossary(DocumentFixtures.linker.get())
        let russia = try #require(glossary.entries.first { $0.conceptID == "russia" })
        let forms = Dictionary(uniqueKeysWithValues: russia.forms.map { ($0.text, $0) })
        #expect(forms["russe"]?.kind == .adjective && forms["russe"]?.termKind == .adjective)
        #expect(forms["russes"]?.kind == .adjective)
        #expect(forms["Russie"]?.kind == .name)
        #expect(russia.canonical?.text == "Russia")
        #expect(russia.adjective?.text == "Russian")
        #expect(russia.mentions == russia.forms.reduce(0) { $0 + $1.count })
        #expect(russia.forms.first?.text == "russe", "first appearance: l'opération russe en Ukraine")

        let armenia = try #require(glossary.entries.first { $0.conceptID == "armenia" })
        #expect(armenia.forms.map { "\($0.text)×\($0.count)" } == ["arménien×2", "Arménie×1", "arméniens×1"])
        #expect(armenia.adjective?.text == "Armenian" && armenia.canonical?.text == "Armenia")
        // An adjective is not a concept of its own: Azerbaijani forms sit under azerbaijan.
        let azerbaijan = try #require(glossary.entries.first { $0.conceptID == "azerbaijan" })
        #expect(azerbaijan.forms.allSatisfy { $0.kind == .adjective })
        #expect(azerbaijan.adjective?.text == "Azerbaijani")
        #expect(glossary.entries.filter { $0.conceptID.hasPrefix("azerbaijan") }.count == 1)
    }

    @Test func aNameTheStoreLacksGoesToReview() throws {
        let glossary = try DocumentFixtures.excerptGlossary(DocumentFixtures.linkerWithoutAghajanyan.get())
        #expect(!glossary.entries.contains { $0.conceptID == "eduard-aghajanyan" })
        let item = try #require(glossary.toReview.first { $0.surface == "Eduard Aghajanian" },
                                "\(glossary.toReview.map(\.surface))")
        #expect(item.mentions == 1)
        #expect(item.firstSentence.hasPrefix("Eduard Aghajanian, membre de la faction au pouvoir du Contrat civil"))
        #expect(item.firstSentence.hasSuffix("derrière les soldats de la paix russes."))
        #expect(!item.candidates.contains { $0.conceptID == "eduard-aghajanyan" })

        // A surname alone joins the full name it ends, whichever comes first.
        let text = "Hier, Aghajanian a parlé. Le député Eduard Aghajanian a confirmé les faits. Selon Aghajanian, "
            + "les troupes avancent."
        let grouped = try DocumentGlossary(text: text, linker: DocumentFixtures.linkerWithoutAghajanyan.get(),
                                           options: DocumentFixtures.options)
        let person = try #require(grouped.toReview.first { $0.surface == "Eduard Aghajanian" },
                                  "\(grouped.toReview.map(\.surface))")
        #expect(person.forms.map { "\($0.text)×\($0.count)" } == ["Aghajanian×2", "Eduard Aghajanian×1"])
        #expect(person.mentions == 3)
        #expect(person.firstSentence == "Hier, Aghajanian a parlé.")
        #expect(grouped.toReview.count == 1, "\(grouped.toReview.map(\.surface))")
    }

    @Test func namesToReviewGetTheClosestConcepts() throws {
        // A misspelling the linker does not dare link in running text, but a translator should see.
        let glossary = try DocumentGlossary(text: "Le député Eduard Aghajaniana a parlé.",
                                            linker: DocumentFixtures.linker.get(), options: DocumentFixtures.options)
        let item = try #require(glossary.toReview.first, "\(glossary.entries.map(\.conceptID))")
        #expect(item.candidates.first?.conceptID == "eduard-aghajanyan", "\(item.candidates)")
        #expect(item.candidates.first?.canonical == "Eduard Aghajanyan")
        #expect((0.5..<0.9).contains(item.candidates.first?.score ?? 0), "fuzzy: below the linking threshold")
        #expect(glossary.markdown().contains("`eduard-aghajanyan`"))
        #expect(glossary.reviewTSV().split(separator: "\n").last?.contains("eduard-aghajanyan (Eduard Aghajanyan)")
            == true)
    }

    @Test func conceptsRoundTripThroughTBXAndMergeIntoTheStore() throws {
        // "Aliyev" is a short form the store has in English, not in French: a French form the store lacks.
        let text = try CorpusFixtures.frenchExcerpt + "\nBakou a répondu. Aliyev a démenti."
        let linker = try DocumentFixtures.linker.get()
        let glossary = try DocumentGlossary(text: text, file: "doc.txt", linker: linker,
                                            options: DocumentFixtures.options)
        let concepts = glossary.concepts()
        #expect(concepts.map(\.id) == glossary.entries.map(\.conceptID))
        let aliyev = try #require(concepts.first { $0.id == "ilham-aliyev" })
        #expect(aliyev.terms.map(\.text) == ["Ilham Aliev", "Aliev", "Aliyev", "Ilham Aliyev"])
        #expect(aliyev.terms.map(\.language.description) == ["fr", "fr", "fr", "en"])
        #expect(aliyev.terms[2].status == .admitted && aliyev.terms[2].kind == .short)
        #expect(aliyev.sources == ["document: doc.txt"])
        let pashinyan = try #require(concepts.first { $0.id == "nikol-pashinyan" })
        let stored = try #require(linker.concept(id: "nikol-pashinyan"))
        #expect(pashinyan.note == (stored.note ?? "") + "\nContext (doc.txt): Le lendemain, samedi 26 mars, le "
            + "président russe, Vladimir Poutine et le Premier ministre arménien, Nikol Pachinian se sont entretenus "
            + "de la situation sur le terrain et dans la zone sous contrôle des Casques bleus russes.")
        #expect(pashinyan.externalIDs == stored.externalIDs && pashinyan.domain == stored.domain)

        for version in [2, 3] {
            let tbx = GlossaryWriter.write(concepts, format: .tbx, options: glossary.exportOptions(tbxVersion: version))
            #expect(tbx.contains(version == 2 ? "<martif" : "<tbx"))
            let read = try GlossaryReader.read(Array(tbx.utf8), file: "doc.tbx", format: .tbx)
            #expect(read == concepts)
        }
        let tsv = GlossaryWriter.write(concepts, format: .tsv, options: glossary.exportOptions())
        #expect(tsv.hasPrefix("id\ttype\tdomain\tnote\tsource\twikidata\tfr\ten\n"))
        #expect(try GlossaryReader.read(Array(tsv.utf8), file: "doc.tsv", format: .tsv) == concepts)

        // Into a fresh copy of the store: the same concepts grow; nothing is added beside them or rewritten.
        let tbx = GlossaryWriter.write(concepts, format: .tbx, options: glossary.exportOptions())
        let imported = try GlossaryReader.read(Array(tbx.utf8), file: "doc.tbx", format: .tbx)
        let copy = try DocumentFixtures.store(DocumentFixtures.curated.get())
        let summary = try copy.import(imported)
        #expect(summary.conceptsAdded == 0)
        #expect(summary.conceptsUpdated == concepts.count)
        let newForms = glossary.entries.flatMap(\.forms).filter { $0.storeTerm == nil }
        #expect(newForms.map(\.text) == ["Aliyev"])
        #expect(summary.termsAdded == newForms.count && summary.termsUpdated == 0, "\(summary)")
        let grown = try #require(try copy.concept(id: "ilham-aliyev"))
        let before = try #require(linker.concept(id: "ilham-aliyev"))
        #expect(Set(grown.terms) == Set(before.terms + [Term(text: "Aliyev", language: DocumentFixtures.french,
                                                             status: .admitted, kind: .short)]))
        #expect(grown.terms.count == before.terms.count + 1)
        #expect(grown.canonicalTerm(in: DocumentFixtures.french) == before.canonicalTerm(in: DocumentFixtures.french))
        #expect(try copy.concept(id: "nikol-pashinyan")?.note == pashinyan.note)

        // A second round trip through the grown store changes nothing.
        let again = try DocumentGlossary(text: text, file: "doc.txt", linker: EntityLinker(store: copy),
                                         options: DocumentFixtures.options)
        let second = try copy.import(again.concepts())
        #expect(second.conceptsUnchanged == concepts.count && second.termsAdded == 0, "\(second)")

        // And into an empty store: the document's concepts, with their ids.
        let empty = try DocumentFixtures.store([])
        #expect(try empty.import(imported).conceptsAdded == concepts.count)
        #expect(try empty.concepts().map(\.id).sorted() == concepts.map(\.id).sorted())
    }

    @Test func markdownHasTheGlossaryAndTheReviewTables() throws {
        let glossary = try DocumentFixtures.excerptGlossary(DocumentFixtures.linkerWithoutAghajanyan.get())
        let markdown = glossary.markdown()
        let lines = markdown.split(separator: "\n").map(String.init)
        #expect(lines.first == "# Glossary of fr-presstv-excerpt.txt (fr → en)")
        #expect(lines.contains("| fr forms | en | type | mentions | first sentence |"))
        #expect(lines.contains { $0.hasPrefix("| Nikol Pachinian (1) | Nikol Pashinyan | person | 1 | Le lendemain,") })
        #expect(lines.contains { $0.hasPrefix("| *arménien* (2), Arménie (1), *arméniens* (1) | Armenia (adj. "
                                              + "*Armenian*) | place | 4 |") })
        let review = try #require(lines.firstIndex(of: "## To review"))
        #expect(lines[review...].contains { $0.hasPrefix("| Eduard Aghajanian (1) | 1 |") })
        #expect(DocumentGlossary.markdownCell("a|b*c\nd") == "a\\|b\\*c d")
    }

    @Test func readsAFileInChunksAsInMemory() throws {
        let text = try CorpusFixtures.frenchExcerpt
        let url = try TemporaryFiles.directory("doc").appendingPathComponent("excerpt.txt")
        try Data(text.utf8).write(to: url)
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        let linker = try DocumentFixtures.linker.get()
        let chunked = try DocumentGlossary(reading: handle, file: DocumentFixtures.excerptName, linker: linker,
                                           options: DocumentFixtures.options, chunkSize: 512)
        let whole = try DocumentFixtures.excerptGlossary(linker)
        #expect(chunked.entries.map(\.conceptID) == whole.entries.map(\.conceptID))
        #expect(chunked.entries.map(\.mentions) == whole.entries.map(\.mentions))
        #expect(chunked.entries.map(\.firstSentence) == whole.entries.map(\.firstSentence))
    }

    @Test func binaryInputIsRefused() throws {
        #expect(throws: LinkError.self) {
            try DocumentGlossary(text: "Erevan\u{0}Bakou", linker: DocumentFixtures.linker.get(),
                                 options: DocumentFixtures.options)
        }
    }
}

@Suite struct SentenceCutterTests {
    static let cases: [(text: String, name: String, sentence: String)] = [
        ("Bonjour. M. Pachinian est arrivé. Il repart.", "Pachinian", "M. Pachinian est arrivé."),
        ("Titre\n\nErevan accuse Bakou d'avoir violé un cessez-le-feu. Fin.", "Bakou",
         "Erevan accuse Bakou d'avoir violé un cessez-le-feu."),
        ("« Nous ne reculerons pas ! » Aliev l'a dit.", "Aliev", "Aliev l'a dit."),
        ("Il a dit « la paix, maintenant ! » à Erevan. Puis rien.", "Erevan",
         "Il a dit « la paix, maintenant ! » à Erevan."),
        ("Une ligne sans point\n   \nPoutine parle   de\npaix… Suite.", "Poutine", "Poutine parle de paix…"),
        ("US Rep. Ilhan Omar (D-MN) talks in Washington, DC. (AFP photo)", "Omar",
         "US Rep. Ilhan Omar (D-MN) talks in Washington, DC."),
        ("Les forces de l'ordre, etc. ont vu Bakou. Fin", "Bakou", "Les forces de l'ordre, etc. ont vu Bakou."),
    ]

    @Test(arguments: cases) func cutsTheSentenceAroundAName(_ example: (text: String, name: String, sentence: String))
        throws
    {
        let bytes = Array(example.text.utf8)
        let range = try #require(example.text.range(of: example.name))
        let start = example.text.utf8.distance(from: example.text.startIndex, to: range.lowerBound)
        let end = example.text.utf8.distance(from: example.text.startIndex, to: range.upperBound)
        #expect(SentenceCutter.sentence(in: bytes, around: start..<end) == example.sentence)
    }

    @Test func longSentencesAreCutAroundTheName() throws {
        let words = (1...120).map { "mot\($0)" }
        let text = words[..<60].joined(separator: " ") + " Pachinian " + words[60...].joined(separator: " ") + "."
        let range = try #require(text.range(of: "Pachinian"))
        let start = text.utf8.distance(from: text.startIndex, to: range.lowerBound)
        let sentence = SentenceCutter.sentence(in: Array(text.utf8), around: start..<(start + 9))
        #expect(sentence.hasPrefix("… mot") && sentence.hasSuffix(" …"), "\(sentence)")
        #expect(sentence.contains(" Pachinian "))
        #expect(sentence.count <= DocumentGlossary.sentenceLimit + 4, "\(sentence.count)")
        #expect(sentence.count >= DocumentGlossary.sentenceLimit - 20, "\(sentence.count)")
    }
}
