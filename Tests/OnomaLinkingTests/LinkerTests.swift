import Foundation
import OnomaGlossary
import OnomaLinking
import OnomaText
import TestResources
import Testing

@Suite("Entity linking in running text")
struct LinkerTests {
    let linker = LinkingFixtures.linker

    /// Every mention's offsets select its surface, in scalars and in UTF-8 bytes.
    func checkOffsets(_ mentions: [Mention], in text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let scalars = Array(text.unicodeScalars)
        let bytes = Array(text.utf8)
        for mention in mentions {
            let byScalars = String(String.UnicodeScalarView(scalars[mention.start..<mention.end]))
            let byBytes = String(decoding: bytes[mention.byteStart..<mention.byteEnd], as: UTF8.self)
            #expect(byScalars == mention.surface, sourceLocation: sourceLocation)
            #expect(byBytes == mention.surface, sourceLocation: sourceLocation)
        }
    }

    @Test("multiword, hyphenated and elided names, with ' and ’", arguments: [
        ("Le président Ilham Aliev a parlé d’Erevan.", [("Ilham Aliev", "ilham-aliyev"), ("Erevan", "yerevan")]),
        ("On a vu l'Arménie et le Caucase du Sud.", [("Arménie", "armenia"), ("Caucase du Sud", "south-caucasus")]),
        ("Les combats du Haut-Karabakh ont repris.", [("Haut-Karabakh", "nagorno-karabakh")]),
        ("L'axe US-OTAN et l’OTAN, puis qu'Erevan.", [("OTAN", "nato"), ("OTAN", "nato"), ("Erevan", "yerevan")]),
        ("a affirmé le ministère russe de la Défense.", [
            ("ministère russe de la Défense", "ministry-of-defence-russia"),
        ]),
        // A lower-case "haut" is not part of the name; the capitalized "Karabakh" after it is.
        ("HAUT-KARABAKH, haut-Karabakh et Haut Karabakh", [
            ("HAUT-KARABAKH", "nagorno-karabakh"), ("Karabakh", "nagorno-karabakh"),
            ("Haut Karabakh", "nagorno-karabakh"),
        ]),
        // A comma goes on only along a term written with one; elsewhere it separates two names.
        ("Vu à Washington, DC, puis à Washington, D.C. et à Erevan, Arménie.", [
            ("Washington, DC", "washington-dc"), ("Washington, D.C", "washington-dc"), ("Erevan", "yerevan"),
            ("Arménie", "armenia"),
        ]),
    ])
    func findsNames(text: String, expected: [(String, String)]) throws {
        let mentions = try linker.link(text, options: LinkingFixtures.options())
        #expect(mentions.map(\.surface) == expected.map(\.0))
        #expect(mentions.map(\.conceptID) == expected.map(\.1))
        checkOffsets(mentions, in: text)
    }

    @Test("a name stored with a qualifier in parentheses links where the text writes it without")
    func qualifiedNames() throws {
        let concepts = [
            Concept(id: "myanmar", type: .place, terms: [LinkingFixtures.term("Myanmar (Birmanie)", "fr")]),
            Concept(id: "cocos-islands", type: .place, terms: [LinkingFixtures.term("Îles Cocos (Keeling)", "fr")]),
        ]
        let linker = EntityLinker(automaton: TermAutomaton(concepts: concepts))
        let text = "Le Myanmar, naguère la Birmanie, et les Îles Cocos."
        let mentions = try linker.link(text, options: LinkingFixtures.options())
        #expect(mentions.map(\.surface) == ["Myanmar", "Îles Cocos"])
        #expect(mentions.map(\.conceptID) == ["myanmar", "cocos-islands"])
        // Through the matching cascade, which reads stored names without their qualifier: a key match.
        #expect(mentions.map(\.method) == [.key, .key])
        #expect(mentions.map(\.matchedTerm.text) == ["Myanmar (Birmanie)", "Îles Cocos (Keeling)"])
        checkOffsets(mentions, in: text)
    }

    @Test("English possessives and German genitives link by their stem; the possessive ending stays out")
    func inflections() throws {
        let english = try LinkingFixtures.curatedLinker.link("Azerbaijan's president and Putin’s aide.",
                                                             options: LinkingFixtures.options("en"))
        #expect(english.map(\.surface) == ["Azerbaijan", "Putin"])
        #expect(english.map(\.conceptID) == ["azerbaijan", "vladimir-putin"])
        let german = try LinkingFixtures.curatedLinker.link("Russlands Armee, Putins Berater und die Streitkräfte "
                                                            + "Aserbaidschans.", options: LinkingFixtures.options("de"))
        #expect(german.map(\.surface) == ["Russlands", "Putins", "Streitkräfte Aserbaidschans"])
        #expect(german.map(\.conceptID) == ["russia", "vladimir-putin", "azerbaijani-armed-forces"])
        // Russian cases and Armenian articles and cases, from the rule file's tables.
        let russian = try LinkingFixtures.curatedLinker.link(
            "В Москве Путин встретился с Пашиняном; переговоры с Путиным в Кремле.",
            options: LinkingFixtures.options("ru"))
        #expect(russian.map(\.conceptID) == ["moscow", "vladimir-putin", "nikol-pashinyan", "vladimir-putin",
                                              "moscow-kremlin"])
        let armenian = try LinkingFixtures.curatedLinker.link(
            "Նիկոլ Փաշինյանը Երևանում հանդիպեց Հայաստանի նախագահին։", options: LinkingFixtures.options("hy"))
        #expect(armenian.map(\.conceptID) == ["nikol-pashinyan", "yerevan", "armenia"])
        #expect(armenian.first?.surface == "Նիկոլ Փաշինյանը")
        // French has no such endings: an unknown plural stays unknown.
        let french = try LinkingFixtures.curatedLinker.link("Les Putins.", options: LinkingFixtures.options("fr"))
        #expect(french.isEmpty)
    }

    @Test("a two-letter acronym links in running text but not inside a heading in capitals")
    func shortAcronymsAndHeadings() throws {
        // The shipped glossary has the US states with their postal abbreviations.
        let caption = try LinkingFixtures.curatedLinker.link(
            "Ilhan Omar (D-MN) parle avec Nancy Pelosi (D-CA) à Washington.", options: LinkingFixtures.options("fr"))
        #expect(caption.filter { $0.surface.count == 2 }.map(\.conceptID) == ["minnesota", "california"])
        let heading = try LinkingFixtures.curatedLinker.link(
            "A LA UNE / LE CHOIX DE LA RÉDACTION\nLa Californie (CA) et l'axe US-OTAN.",
            options: LinkingFixtures.options("fr"))
        #expect(heading.map(\.surface) == ["Californie", "CA", "US", "OTAN"])
    }

    @Test("a capitalized term wants a capitalized surface; an acronym capitals or four letters")
    func caseRules() throws {
        let lower = try linker.link("le erevan de l'otan", options: LinkingFixtures.options())
        #expect(lower.isEmpty)
        let otan = try linker.link("Les pays de l'Otan.", options: LinkingFixtures.options())
        #expect(otan.map(\.conceptID) == ["nato"])
    }

    @Test("adjectives link to their concept as kind adjective; descriptions in lower case do not link")
    func adjectives() throws {
        let text = "L'armée russe a tiré. Le Premier ministre arménien et l'armée arménienne."
        let mentions = try linker.link(text, options: LinkingFixtures.options())
        #expect(mentions.map(\.surface) == ["russe", "arménien", "arménienne"])
        #expect(mentions.map(\.conceptID) == ["russia", "armenia", "armenia"])
        #expect(mentions.allSatisfy { $0.kind == .adjective })
        // The English adjective is the canonical form of an adjective mention.
        #expect(mentions.map(\.canonical) == ["Russian", "Armenian", "Armenian"])
        checkOffsets(mentions, in: text)
    }

    @Test("common terms, languages and scripts link only when asked for")
    func types() throws {
        let text = "Un drone russe."
        let named = try linker.link(text, options: LinkingFixtures.options())
        #expect(named.map(\.conceptID) == ["russia"])
        var options = LinkingFixtures.options()
        options.types = [.term]
        #expect(try linker.link(text, options: options).map(\.conceptID) == ["drone"])
    }

    @Test("a short form after the full name links to the document's concept")
    func surnameAfterFullName() throws {
        // "Aliev" alone is a short form of Heydar Aliev in the store; after Ilham Aliev it means him.
        let alone = try linker.link("Aliev a parlé.", options: LinkingFixtures.options())
        #expect(alone.map(\.conceptID) == ["heydar-aliyev"])
        let text = "Le président Ilham Aliev a parlé. Pour Aliev, rien ne change."
        let mentions = try linker.link(text, options: LinkingFixtures.options())
        #expect(mentions.map(\.conceptID) == ["ilham-aliyev", "ilham-aliyev"])
        #expect(mentions.last?.surface == "Aliev")
        checkOffsets(mentions, in: text)
    }

    @Test("a session's next document starts at offset 0 and forgets what the previous one named")
    func nextDocument() throws {
        let session = LinkingFixtures.linker.session(options: LinkingFixtures.options())
        func link(_ text: String) throws -> [Mention] {
            try Array(text.utf8).withUnsafeBufferPointer { bytes throws(LinkError) in try session.link(bytes) }
                .mentions
        }
        let first = try link("Le président Ilham Aliev a parlé. ")
        #expect(first.map(\.conceptID) == ["ilham-aliyev"])
        // In the same document, the surname alone is Ilham Aliev's …
        #expect(try link("Aliev a parlé.").map(\.conceptID) == ["ilham-aliyev"])
        // … in the next one, it is the store's short form again, and offsets count from the new document's start.
        session.startDocument()
        let second = try link("Aliev a parlé.")
        #expect(second.map(\.conceptID) == ["heydar-aliyev"])
        #expect(second.first?.start == 0)
        #expect(second.first?.byteStart == 0)
        #expect(session.namedConcepts == ["heydar-aliyev": 1])
    }

    @Test("an unseen transcription links through the cascade, and its surname alone follows")
    func cascadeAndDocument() throws {
        let text = "Le Premier ministre Nikol Pachinian a répondu. Selon Pachinian, le calme revient."
        let mentions = try linker.link(text, options: LinkingFixtures.options())
        #expect(mentions.map(\.surface) == ["Nikol Pachinian", "Pachinian"])
        #expect(mentions.map(\.conceptID) == ["nikol-pashinyan", "nikol-pashinyan"])
        #expect(mentions.first?.method == .transcription)
        #expect(mentions.last?.method == .document)
        checkOffsets(mentions, in: text)
        // Without the cascade only spelled-out terms link.
        var options = LinkingFixtures.options()
        options.cascade = false
        #expect(try linker.link(text, options: options).isEmpty)
    }

    @Test("a name after a capitalized word the store lacks links as the run's tail (Лидер Си Цзиньпин)")
    func runTails() throws {
        let linker = EntityLinker(automaton: TermAutomaton(concepts: [
            Concept(id: "xi-jinping", type: .person, terms: [LinkingFixtures.term("Xi Jinping", "en")]),
            Concept(id: "china", type: .place, terms: [LinkingFixtures.term("Китай", "ru"),
                                                       LinkingFixtures.term("China", "en")]),
        ]))
        for text in ["Лидер Си Цзиньпин выступил.", "Президент КНР Си Цзиньпин выступил."] {
            let mentions = try linker.link(text, options: LinkingFixtures.options("ru"))
            #expect(mentions.map(\.surface) == ["Си Цзиньпин"], "\(text): \(mentions.map(\.surface))")
            #expect(mentions.map(\.conceptID) == ["xi-jinping"])
            checkOffsets(mentions, in: text)
        }
        // The words before a linked tail are still looked up one by one (Кытай, China as Kyrgyz writes it, is no
        // term of the store: the cascade's).
        let both = try linker.link("Глава Кытай Си Цзиньпин выступил.", options: LinkingFixtures.options("ru"))
        #expect(both.map(\.conceptID) == ["china", "xi-jinping"], "\(both.map(\.surface))")
    }

    @Test("a transcription variant of four letters does not link in running text; five letters and more do")
    func shortTranscriptions() throws {
        let linker = EntityLinker(automaton: TermAutomaton(concepts: [
            Concept(id: "ufa", type: .place, terms: [
                LinkingFixtures.term("Ufa", "en"), LinkingFixtures.term("Уфа", "ru"),
            ]),
            Concept(id: "baku", type: .place, terms: [LinkingFixtures.term("Baku", "en")]),
        ]))
        // The cascade knows both French spellings (fr ou = en u) …
        #expect(linker.candidates(for: "Oufa", options: LinkingFixtures.options()).first?.conceptID == "ufa")
        #expect(linker.candidates(for: "Bakou", options: LinkingFixtures.options()).first?.conceptID == "baku")
        // … but in running text the four-letter one is as likely a name the store lacks.
        let mentions = try linker.link("Des trains relient Oufa et Bakou.", options: LinkingFixtures.options())
        #expect(mentions.map(\.surface) == ["Bakou"])
        #expect(mentions.map(\.method) == [.transcription])
    }

    @Test("ambiguous names resolve by the document's other concepts and keep the alternatives")
    func coherence() throws {
        let country = try linker.link("Tbilisi est la capitale de la Géorgie.", options: LinkingFixtures.options())
        #expect(country.last?.conceptID == "georgia-country")
        #expect(country.last?.alternatives == ["georgia-us-state"])
        let state = try linker.link("Atlanta est en Géorgie.", options: LinkingFixtures.options())
        #expect(state.last?.conceptID == "georgia-us-state")
        #expect(state.last?.alternatives == ["georgia-country"])
    }

    @Test("unknown capitalized spans are kept for review; a lone capital opening a sentence is not")
    func unlinkedSpans() throws {
        let session = linker.session(options: LinkingFixtures.options())
        let text = "Malgré tout, Certains pensent que Eduard Aghajanian a raison. Demain on verra."
        let chunk = try Array(text.utf8).withUnsafeBufferPointer { try session.link($0) }
        #expect(chunk.unlinked.map(\.surface) == ["Eduard Aghajanian"])
    }

    @Test("Cyrillic and Armenian text link by key, offsets exact in scalars and bytes")
    func otherScripts() throws {
        let text = "Премьер-министр Армении Пашинян 🇦🇲 прилетел в Ереван. Երևան"
        let mentions = try linker.link(text, options: LinkingFixtures.options("ru"))
        // The genitive Армении reaches Armenia through transliteration and transcription; Ереван through BGN/PCGN.
        #expect(mentions.map(\.surface) == ["Армении", "Пашинян", "Ереван", "Երևան"])
        #expect(mentions.map(\.conceptID) == ["armenia", "nikol-pashinyan", "yerevan", "yerevan"])
        #expect(mentions.map(\.method) == [.transcription, .exact, .transliteration, .exact])
        checkOffsets(mentions, in: text)
    }

    @Test("zero-width characters and bidi controls inside and around names")
    func formatCharacters() throws {
        let text = "La ville d'Ere\u{200B}van et \u{2067}Haut-Karabakh\u{2069} et Pa\u{00AD}chinian."
        let mentions = try linker.link(text, options: LinkingFixtures.options())
        #expect(mentions.map(\.conceptID) == ["yerevan", "nagorno-karabakh", "nikol-pashinyan"])
        #expect(mentions.first?.surface == "Ere\u{200B}van")
        #expect(mentions[1].surface == "Haut-Karabakh")
        checkOffsets(mentions, in: text)
    }

    @Test("a Latin name with Cyrillic or Greek look-alike letters links, offsets on the text as written")
    func homoglyphs() throws {
        // Cyrillic а (U+0430) in Pachinian, Cyrillic е (U+0435) in Erevan, Greek Ο (U+039F) in OTAN.
        let text = "Nikol P\u{0430}chinian, Er\u{0435}van et l'\u{039F}TAN."
        let mentions = try linker.link(text, options: LinkingFixtures.options())
        #expect(mentions.map(\.conceptID) == ["nikol-pashinyan", "yerevan", "nato"])
        #expect(mentions.first?.surface == "Nikol P\u{0430}chinian")
        checkOffsets(mentions, in: text)
    }

    @Test("invalid UTF-8 is read as U+FFFD with exact byte offsets; a NUL byte is refused with its offset")
    func badInput() throws {
        var bytes = Array("Erevan \u{FF}\u{FE} et ".utf8)
        bytes[7] = 0xFF
        bytes[8] = 0xFE
        bytes += Array("Haut-Karabakh.".utf8)
        let session = linker.session(options: LinkingFixtures.options())
        let chunk = try bytes.withUnsafeBufferPointer { try session.link($0) }
        #expect(chunk.invalidBytes == [7, 8])
        #expect(chunk.mentions.map(\.conceptID) == ["yerevan", "nagorno-karabakh"])
        let last = try #require(chunk.mentions.last)
        #expect(Array(bytes[last.byteStart..<last.byteEnd]) == Array("Haut-Karabakh".utf8))

        let binary: [UInt8] = Array("Erevan".utf8) + [0, 1, 2]
        let error = #expect(throws: LinkError.self) {
            try binary.withUnsafeBufferPointer { try linker.session().link($0) }
        }
        #expect(error?.code == .binaryInput)
        #expect(error?.byteOffset == 6)
    }

    @Test("chunked input gives the same mentions and offsets as the whole text")
    func chunking() throws {
        let paragraph = "Le président Ilham Aliev a parlé d’Erevan, de l'Arménie et du Haut-Karabakh. "
            + "Pour Aliev, non.\n"
        let text = String(repeating: paragraph, count: 40) + String(repeating: "x", count: 300)
        let whole = try linker.link(text, options: LinkingFixtures.options())
        let url = try TemporaryFiles.directory("chunk").appendingPathComponent("text.txt")
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let handle = try FileHandle(forReadingFrom: url)
        var chunker = TextChunker(handle, size: 200)
        let session = linker.session(options: LinkingFixtures.options())
        var chunked: [Mention] = []
        var chunks = 0
        while let bytes = try chunker.next() {
            chunks += 1
            chunked += try bytes.withUnsafeBufferPointer { try session.link($0) }.mentions
        }
        #expect(chunks > 20)
        #expect(whole.count == 40 * 5)
        #expect(chunked == whole)
        checkOffsets(chunked, in: text)
    }

    @Test("a 2 MB line with no space is cut between UTF-8 sequences and links without loss")
    func longLine() throws {
        let word = String(repeating: "é", count: 1 << 20)
        let text = word + " Erevan"
        let url = try TemporaryFiles.directory("long").appendingPathComponent("text.txt")
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        var chunker = TextChunker(try FileHandle(forReadingFrom: url))
        let session = linker.session(options: LinkingFixtures.options())
        var mentions: [Mention] = []
        var invalid = 0
        while let bytes = try chunker.next() {
            let chunk = try bytes.withUnsafeBufferPointer { try session.link($0) }
            mentions += chunk.mentions
            invalid += chunk.invalidCount
        }
        #expect(invalid == 0)
        #expect(mentions.map(\.conceptID) == ["yerevan"])
        #expect(mentions.first?.start == (1 << 20) + 1)
        #expect(mentions.first?.byteStart == (2 << 20) + 1)
    }
}
