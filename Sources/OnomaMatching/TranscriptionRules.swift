public import Foundation
public import OnomaText
import Synchronization

/// The transcription-convention rule tables (`Rules/transcription-*.txt`, `Rules/skeleton.txt`), compiled once.
///
/// Names from Cyrillic, Armenian, Georgian, Arabic and Azerbaijani are transcribed differently by French, German,
/// English, Polish … writers (fr *ch* = en *sh* = de *sch*). Each language's table rewrites its own conventions into
/// an English/BGN-like spelling; the common table then folds what conventions disagree on, giving a *transcription
/// key* in which *Pachinian*, *Pashinyan* and *Paschinjan* meet. The tables are ICU transform rules, written as data
/// and documented in their headers; `Benchmarks/transcription/README.md` tells how they were measured. The generic
/// words of `Rules/generic-words.txt` (``GenericWords``) give names such as "Îles Salomon" one more key.
///
/// Each table is compiled natively on first use (``NativeTransform``, ICU's semantics for the subset of rule syntax
/// the tables use) and applied without ICU's rule interpreter; a table using other syntax keeps ICU's transliterator.
///
/// `Sendable` notes: native tables are immutable values, published once through an `AtomicLazyReference`; ICU-compiled
/// tables live in a ``OnomaText/ICU/TransliteratorPool`` that hands each concurrent call its own instance.
public final class TranscriptionRules: Sendable {
    /// The version of how keys are made from the tables, beyond the tables' text (which caches also record): 2 adds
    /// the generic-word keys; 3 reads an Indic name's transliteration without ISO 15919's apostrophes
    /// (``prepare(latin:written:)``); 4 a kana name's without Hepburn's; 5 joins a colon abbreviation (*S:t*); 6
    /// indexes a stored name's last *e* spoken too (``spokenFinalEKey(prepared:)``); 7 an English name's borrowed
    /// letters read as their spelling's language does (``borrowedSpellingKey(prepared:)``); 8 an English name's
    /// plural without its *-es* (``pluralStemKey(prepared:)``); 9 an English name's *g* before *e*, *i*, *y* said as
    /// *j* (``softGKey(prepared:)``).
    static let keyVersion = 9

    /// Languages that have a convention table.
    public let languages: Set<String>
    /// Languages written with another language's table (`convention-languages.txt`: Slovak with Czech's), by
    /// language.
    private let sharedTables: [String: String]
    /// Languages whose names written in Latin letters are read with a convention table: ``languages`` and those
    /// sharing one, not those whose table reads another script's transliteration (``readingTables``), nor the
    /// scripts `convention-languages.txt` names.
    public var conventionLanguages: Set<String> {
        languages.union(sharedTables.keys).filter { latinConvention($0) != nil && $0.first?.isLowercase == true }
    }
    /// The tables that read the Latin form of a name written in another script (`ka`, `el`, `hi`, `ja`, `ko`: their
    /// language is not written in Latin letters, as ICU's likely script tells), so never a name written in Latin
    /// letters: Georgian *-i* and Hindi *-a* are the transliteration's, not a Latin spelling's.
    private let readingTables: Set<String>
    /// The script each reading table's language is written in (`as`: Bengali): a name of that language in that
    /// script is read with its own table before its script's (``readingConvention(language:script:)``).
    private let readingTableScripts: [String: String]
    /// The tables a script's names are read with besides its own reading table, by script: the lines of
    /// `convention-languages.txt` after the first that name it (Cyrillic: `zh-Cyrl`, Chinese names as Russian writes
    /// them), in the file's order.
    private let alsoReadings: [String: [String]]
    /// The tables each table includes (`::include`), directly or not, by table name without its `transcription-`
    /// prefix (`mr`: `hi`): a name read with Marathi's table is read as Hindi's is, and more.
    private let inclusions: [String: Set<String>]
    /// Each convention's markers (`convention-markers.txt`) as UTF-8 bytes, in the file's order: the letters and
    /// letter groups that show a Latin name of unknown language follows it (``conventions(markedIn:)``).
    private let markers: [(convention: String, markers: [[UInt8]])]
    /// The generic words (`generic-words.txt`).
    public let genericWords: GenericWords
    /// The person titles (`person-titles.txt`): how queries are read, not part of any key.
    public let personTitles: PersonTitles
    /// The name endings (`name-endings.txt`): how queries are read, not part of any key.
    public let nameEndings: NameEndings
    /// The fuzzy step's learned edit costs (`edit-costs.tsv`); nil when the folder has none, which leaves the
    /// step's learned rule out. Not part of the keys, so not of ``fingerprintSource``: changing them needs no new
    /// key cache.
    let editCosts: EditCosts?
    private let pool: ICU.TransliteratorPool
    /// Every table, by name, compiled natively on its first use.
    private let tables: [String: NativeTable]
    private let sources: [String: String]
    /// Literal rules per table (`fr`, `common`), for explanations.
    private var literal: [String: [(from: String, to: String)]] { explained.literal }
    /// The same rules ready for ``firedRules(_:on:)``: per table, each rule's characters and name, and the rules
    /// by first character, in file order.
    private var literalTables: [String: LiteralTable] { explained.tables }
    private let explainedReference = AtomicLazyReference<Explained>()

    /// ``literal`` and ``literalTables``, parsed on first use: only explanations need them.
    private var explained: Explained {
        if let explained = explainedReference.load() { return explained }
        var literal: [String: [(from: String, to: String)]] = [:]
        for (name, text) in sources where name.hasPrefix("transcription-") {
            literal[String(name.dropFirst(14))] = Self.parseLiteralRules(text)
        }
        return explainedReference.storeIfNil(Explained(literal: literal, tables: literal.mapValues(LiteralTable.init)))
    }

    /// What explanations read of the tables (``literal``, ``literalTables``).
    private final class Explained: Sendable {
        let literal: [String: [(from: String, to: String)]]
        let tables: [String: LiteralTable]

        init(literal: [String: [(from: String, to: String)]], tables: [String: LiteralTable]) {
            self.literal = literal
            self.tables = tables
        }
    }

    /// `text` with each space shown as `␣`, so that a rule or change of spaces reads in an explanation (`␣→∅`, a
    /// space dropped, where `" →∅"` looked like a rule of nothing).
    static func visible(_ text: some StringProtocol) -> String { String(text.map { $0 == " " ? "␣" : $0 }) }

    /// The literal rules of one table, compiled for matching.
    private struct LiteralTable: Sendable {
        /// Per rule, what it rewrites, into what, and its name (`ch→sh`, `h→∅`).
        var rules: [(from: [Character], to: String, name: String)] = []
        /// The numbers of the rules whose `from` starts with a character, in file order.
        var byFirst: [Character: [Int]] = [:]

        init(_ literal: [(from: String, to: String)]) {
            for (from, to) in literal {
                let characters = Array(from)
                guard let first = characters.first else { continue }
                byFirst[first, default: []].append(rules.count)
                let name = TranscriptionRules.visible(from) + "→" + (to.isEmpty ? "∅" : TranscriptionRules.visible(to))
                rules.append((characters, to, name))
            }
        }
    }

    /// One table's text and, once first used, its native compilation.
    ///
    /// Compiling all seventeen tables took 17–29 ms, most of `onoma normalize`'s start-up beside the matcher's
    /// snapshot, also for batches whose names all match before the transcription step. Two threads meeting an
    /// uncompiled table may both compile it; one result is kept.
    private final class NativeTable: Sendable {
        let text: String
        private let compiled = AtomicLazyReference<Compiled>()

        /// The compilation's result: nil when the table uses syntax the native engine leaves to ICU.
        private final class Compiled: Sendable {
            let transform: NativeTransform?
            init(_ transform: NativeTransform?) { self.transform = transform }
        }

        init(text: String) { self.text = text }

        var transform: NativeTransform? {
            if let compiled = compiled.load() { return compiled.transform }
            return compiled.storeIfNil(Compiled(NativeTransform(rules: text))).transform
        }
    }

    /// The table `name` compiled natively, or nil when it has no native form (ICU applies it) or no such table.
    func native(_ name: String) -> NativeTransform? { tables[name]?.transform }

    /// The rule tables shipped with the package.
    public static let shared: TranscriptionRules = {
        do { return try TranscriptionRules(directory: bundledRules()) } catch {
            fatalError("the shipped transcription rules do not load: \(error)")
        }
    }()

    /// Loads every `transcription-*.txt`, `skeleton.txt`, and the optional `generic-words.txt`, `person-titles.txt`,
    /// `name-endings.txt` and `edit-costs.tsv` of `directory`.
    ///
    /// - Throws: an error naming the file when one cannot be read or the generic-word, person-title, name-ending or
    ///   edit-cost table is malformed; rule syntax errors surface, with line and offset (``ICUError/ruleLocation``), in
    ///   ``validate()``, where ICU compiles every table, or on first use of a table that uses syntax the native engine
    ///   leaves to ICU.
    public init(directory: URL) throws {
        var sources: [String: String] = [:]
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".txt") }
        for file in files {
            let name = String(file.dropLast(4))
            sources[name] = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
        }
        guard sources["transcription-common"] != nil, sources["skeleton"] != nil else {
            throw RulesError(message: "\(directory.path): transcription-common.txt and skeleton.txt are required")
        }
        // Read before the includes are expanded, which leaves no trace of them.
        self.inclusions = Self.inclusions(in: sources)
        // An abjad reading may include a transcription table too (`abjad-Khmer.txt`: the Khmer table's letters).
        for (name, text) in sources where name.hasPrefix("transcription-") || name.hasPrefix("abjad-") {
            sources[name] = try Self.expandingIncludes(text, file: name + ".txt", sources: sources)
        }
        // Not a rule table, and not part of any key: how queries are read.
        let markerText = sources.removeValue(forKey: "convention-markers") ?? ""
        self.personTitles = try PersonTitles(text: sources.removeValue(forKey: "person-titles") ?? "")
        self.nameEndings = try NameEndings(text: sources.removeValue(forKey: "name-endings") ?? "")
        // Not a rule table either, but part of the keys (a Slovak name's keys come from the Czech table), so it stays
        // among the sources that ``fingerprintSource`` covers.
        let sharedText = sources["convention-languages"] ?? ""
        self.genericWords = try GenericWords(text: sources["generic-words"] ?? "")
        let costsURL = directory.appendingPathComponent("edit-costs.tsv")
        self.editCosts = FileManager.default.fileExists(atPath: costsURL.path)
            ? try EditCosts(text: String(contentsOf: costsURL, encoding: .utf8)) : nil
        self.sources = sources
        self.languages = Set(sources.keys.compactMap { $0.hasPrefix("transcription-") ? String($0.dropFirst(14)) : nil }
            .filter { $0 != "common" })
        self.markers = try Self.parseLanguageLists(markerText, file: "convention-markers.txt", languages: languages)
            .map { ($0.language, $0.items.map { Array($0.lowercased().precomposedStringWithCanonicalMapping.utf8) }) }
        var sharedTables: [String: String] = [:]
        var alsoReadings: [String: [String]] = [:]
        for (table, others, line) in try Self.parseLanguageLists(sharedText, file: "convention-languages.txt",
                                                                languages: languages) {
            for language in others.map(String.init) {
                // A script named again, on another table's line: its names are read with that table too.
                if let first = sharedTables[language], language.first?.isUppercase == true, first != table,
                   alsoReadings[language]?.contains(table) != true {
                    alsoReadings[language, default: []].append(table)
                    continue
                }
                guard !languages.contains(language), sharedTables[language] == nil else {
                    throw RulesError(message: "convention-languages.txt line \(line): '\(language)' has its own table "
                                     + "or is listed twice")
                }
                sharedTables[language] = table
            }
        }
        self.sharedTables = sharedTables
        self.alsoReadings = alsoReadings
        self.readingTables = languages.filter { (ICU.Locale.likelyScript($0) ?? "Latn") != "Latn" }
        self.readingTableScripts = Dictionary(uniqueKeysWithValues: readingTables.compactMap { table in
            ICU.Locale.likelyScript(table).flatMap { ICU.Script(named: $0)?.name }.map { (table, $0) }
        })
        var tables: [String: NativeTable] = [:]
        for (name, text) in sources where name.hasPrefix("transcription-") || name == "skeleton"
            || name.hasPrefix("abjad-") {
            tables[name] = NativeTable(text: text)
        }
        self.tables = tables
        let frozen = sources
        self.pool = ICU.TransliteratorPool { name throws(ICUError) in
            try ICU.Transliterator(name: name, rules: frozen[name] ?? "")
        }
    }

    /// The `Rules` folder inside the module's resource bundle.
    static func bundledRules() -> URL { Bundle.module.rulesFolder }

    /// Applies the table `name`: natively when it compiled so, else through ICU.
    private func apply(_ text: String, _ name: String) throws(ICUError) -> String {
        if let table = tables[name]?.transform { return try table.apply(text) }
        return try pool.transform(text, with: name)
    }

    /// Applies the table `name` through ICU's transliterator, whether or not it compiled natively: the reference
    /// the native engine is tested against.
    func applyWithICU(_ text: String, _ name: String) throws(ICUError) -> String {
        try pool.transform(text, with: name)
    }

    /// Compiles every table with ICU now, so rule errors show at start-up rather than mid-batch (ICU stays the
    /// judge of the rule text, also for the tables applied natively).
    public func validate() throws(ICUError) {
        for name in tables.keys.sorted() { _ = try pool.transform("a", with: name) }
    }

    /// Every table's name and text, in a stable order: what a cache of computed keys must be invalidated by.
    var fingerprintSource: String {
        sources.keys.sorted().map { "\($0)\u{0}\(sources[$0]!)" }.joined(separator: "\u{1}")
    }

    /// The rule text of a table (`fr`, `common`, `skeleton`, `generic-words`), for explanations.
    public func source(of table: String) -> String? {
        sources[table == "skeleton" || table == "generic-words" ? table : "transcription-" + table]
    }

    /// ``prepare(_:)`` for the Latin form of a name written as `written`: for a name in another script, without the
    /// apostrophes of its transliteration (those between two letters, and all of an Indic or kana name's).
    ///
    /// ICU's Indic transliterators (ISO 15919) write an apostrophe between two letters that would otherwise read as
    /// one: between two vowels (साइप्रस *sā'iprasa*, Cyprus; बिसाउ *bisā'u*, Bissau), before a *y* or *h* that is no
    /// digraph's (केन्या *kēn'yā*, Kenya), between a doubled consonant's halves (బిస్సావ్ *bis'sāv*); its Hepburn
    /// romanization of kana after an ン before a vowel or *y* (カイエンヌ *kaien'nu*, Cayenne). It is no word break,
    /// which ``prepare(_:)`` makes of every apostrophe (for *d'Ivoire*): read so, the reading tables' word-final rules
    /// met a word's inside (*sā iprasa*, inherent *a* dropped twice) and the transcription key never equalled a name's.
    ///
    /// A transliteration's apostrophe between two letters is no word break either: BGN's mark of an aspirate or
    /// ejective (Armenian *Step’anakert*, Georgian *ts’q’alt’ubo*), the Ukrainian apostrophe (*V'yacheslav*), Arabic
    /// BGN's *‘* of an *ʻayn*: the letters are joined (``joiningTransliterationMarks(_:)``). The English table joined
    /// such fragments again by rule, and so joined words a space parted (*Tayip Erdogan*, *tayiperdogan*; English *Port
    /// of Spain*, *portof spain*).
    public static func prepare(latin: String, written: String) -> String {
        // Swedish and Finnish abbreviate with a colon inside a word (S:t Lucia, S:ta Maria): one word, as the
        // generic words list it (st, sta), not two initials.
        let latin = latin.utf8.contains(0x3A) ? joiningColonAbbreviations(latin) : latin
        if latin.utf8.contains(0x27), written.unicodeScalars.contains(where: {
            (0x0900..<0x0E00).contains($0.value) || (0x3040..<0x3100).contains($0.value)
        }) {
            return prepare(String(String.UnicodeScalarView(latin.unicodeScalars.filter { $0 != "'" })))
        }
        guard latin != written, latin.unicodeScalars.contains(where: { transliterationMarks.contains($0) }) else {
            return prepare(latin)
        }
        return prepare(joiningTransliterationMarks(latin))
    }

    /// The marks a transliteration writes inside a word that ``prepare(_:)`` would read as word breaks: apostrophes
    /// (' ’ ‘) and BGN's middle dot (Russian *St·enli*, Стэнли). The modifier letters ʹ ʺ ʼ ʻ are letters to it.
    static let transliterationMarks: Set<Unicode.Scalar> = ["\u{27}", "\u{2019}", "\u{2018}", "\u{B7}"]

    /// `text` without the ``transliterationMarks`` that stand between two letters (*Step’anakert* → *Stepanakert*).
    /// A middle dot before a consonant stays: it parts two letters that would read as one (Russian *Yakut·sk*, тс,
    /// not ц; Belarusian *Stak·holʹm*, кг, not х), which the common table would read as the digraph (the English
    /// table joins *t s* and *k h* itself).
    static func joiningTransliterationMarks(_ text: String) -> String {
        withoutMarksBetweenLetters(text) { mark, next in
            transliterationMarks.contains(mark) && (mark != "\u{B7}" || "aeiouyAEIOUY".unicodeScalars.contains(next))
        }
    }

    /// `text` without the colons that stand between two letters (*S:t* → *St*).
    static func joiningColonAbbreviations(_ text: String) -> String {
        withoutMarksBetweenLetters(text) { mark, _ in mark == ":" }
    }

    /// `text` without the characters between two letters that `isJoined` accepts, given the character and the letter
    /// after it.
    private static func withoutMarksBetweenLetters(_ text: String,
                                                   _ isJoined: (Unicode.Scalar, Unicode.Scalar) -> Bool) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        for (i, scalar) in scalars.enumerated() {
            if i > 0, i + 1 < scalars.count, scalars[i - 1].properties.isAlphabetic,
               scalars[i + 1].properties.isAlphabetic, isJoined(scalar, scalars[i + 1]) {
                continue
            }
            out.append(scalar)
        }
        return String(out)
    }

    /// Lower-cases and keeps letters, marks and digits, every other run of characters becoming one space: the
    /// input the tables expect.
    ///
    /// A text that still holds a letter of another script (a script ICU cannot transliterate, left in the Latin form)
    /// gives the empty text, which has no key: the tables would delete that letter, and the rest of the name alone
    /// would then match names it is not (*Lasinn ማኮንዴ* as *Lacin*).
    public static func prepare(_ latin: String) -> String {
        if latin.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII, the common case for Latin names: done on bytes.
            var bytes: [UInt8] = []
            bytes.reserveCapacity(latin.utf8.count)
            var pendingSpace = false
            for byte in latin.utf8 {
                let lower = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
                let keep = (lower >= 0x61 && lower <= 0x7A) || (lower >= 0x30 && lower <= 0x39)
                if !keep {
                    pendingSpace = !bytes.isEmpty
                    continue
                }
                if pendingSpace {
                    bytes.append(0x20)
                    pendingSpace = false
                }
                bytes.append(lower)
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in ((try? ICU.lowercase(latin)) ?? latin.lowercased()).unicodeScalars {
            let keep = scalar.value < Self.keptBelow ? Self.keptTable[Int(scalar.value)] : Self.isKept(scalar)
            if keep, NameNormalizer.isNonLatinLetter(scalar) { return "" }
            if !keep {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace {
                out.append(" ")
                pendingSpace = false
            }
            out.append(scalar)
        }
        return String(out)
    }

    /// Whether ``prepare(_:)`` keeps a character: letters, marks and digits.
    static func isKept(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        return properties.isAlphabetic || properties.numericType != nil
            || properties.generalCategory == .nonspacingMark || properties.generalCategory == .spacingMark
    }

    /// ``isKept(_:)`` for every code point below ``keptBelow`` (the alphabets, before CJK), computed once: Swift's
    /// property look-ups for each character were ~2.5 % of perf's samples of batch linking on the unique file.
    static let keptBelow: UInt32 = 0x3400
    static let keptTable: [Bool] = (0..<keptBelow).map { value in Unicode.Scalar(value).map(isKept) ?? false }

    /// The transcription keys of a Latin-script name written by `convention` writers: the key through the
    /// convention's table then the common one, and the source-spelling key through the common table alone (a name
    /// left in its own spelling, *Chicago* in a Polish text). One key when both agree or no table exists. A name with
    /// generic words (``GenericWords``) also gets the keys of its other words followed by its tokens
    /// (`"îles salomon"` → `salomon I`).
    public func keys(prepared: String, convention: String?) throws(ICUError) -> [String] {
        try transcription(prepared: prepared, convention: convention).keys
    }

    /// The key of a stored name read with its last letter, an *e*, spoken: nil when the name does not end in *e* or
    /// *é* after a consonant, or when the spelling before says the *e* is mute, as English and French write it: a
    /// doubled consonant (*Cayenne*, *Mayotte*) or two vowels (*Greece*, *Boise*) before it, or English's suffix
    /// *-ese* (*Maltese*, *Japanese*, names of languages and peoples).
    ///
    /// The common table drops a last *e* after a consonant as mute, as French and English say it (*Poutine*, *Rome*,
    /// *France*), which is how *Poutine* meets *Putin*. Names from other languages say it (*Chile*, *Skopje*,
    /// *Recife*, *Mbabane*, *Lomé*), and so do the languages that write a name by its sound (Hindi *चिली* *chili*,
    /// Russian *Чили*, Tamil *ஸ்கோப்ஜே*): their keys keep the vowel, one letter past the stored key's end, which the
    /// fuzzy step does not take from a short key (*tunisi* is not *Tunis*). The matcher indexes this key beside a
    /// stored name's others; a query gets none, so *Poutine* still reads *putin* only.
    public func spokenFinalEKey(prepared: String) throws(ICUError) -> String? {
        let letters = Array(prepared.unicodeScalars.suffix(4))
        guard letters.count >= 3, letters[letters.count - 1] == "e" || letters[letters.count - 1] == "é" else {
            return nil
        }
        let consonant = letters[letters.count - 2], before = letters[letters.count - 3]
        guard consonant.properties.isAlphabetic, !Self.isVowelLetter(consonant), before != consonant,
              letters.count < 4 || !(Self.isVowelLetter(before) && Self.isVowelLetter(letters[0])),
              !prepared.hasSuffix("ese")
        else { return nil }
        // The common table reads a kept e as i (`e > i`), and its mute-e rule takes only an e.
        let key = try apply(String(prepared.unicodeScalars.dropLast()) + "i", "transcription-common")
        return key.isEmpty ? nil : key
    }

    /// The key of a stored English name read with the letters it keeps from the spelling of the place's own
    /// language as that language reads them: *ç* as *s* (French, Portuguese, Catalan: *Curaçao*, *Iguaçu*), and an
    /// *oe* inside a word as *u* (Dutch, Afrikaans: *Windhoek*, *Bloemfontein*); nil when the name has neither.
    ///
    /// The common table reads *ç* as Turkish, Azerbaijani and Albanian write it, *ch*, and a word's *oe* as two
    /// vowels; the languages that write such a place by its sound write what it is said (*Kurasao*, *Curazao*,
    /// *Кюрасао*; *Vindhuk*, *Windhuk*, *Виндхук*). The matcher indexes this key beside an English name's others
    /// (written in Latin letters, not transliterated); a query gets none.
    public func borrowedSpellingKey(prepared: String) throws(ICUError) -> String? {
        guard Self.mayHoldBorrowedLetters(prepared) else { return nil }
        let scalars = Array(prepared.unicodeScalars)
        var read = String.UnicodeScalarView(), changed = false
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "ç" {
                read.append("s")
                changed = true
            } else if scalar == "o", index > 0, index + 2 < scalars.count, scalars[index + 1] == "e",
                      scalars[index - 1].properties.isAlphabetic, scalars[index + 2].properties.isAlphabetic {
                read.append("u")
                index += 1
                changed = true
            } else {
                read.append(scalar)
            }
            index += 1
        }
        guard changed else { return nil }
        return try englishKey(prepared: String(read))
    }

    /// The key of a stored English name read with its *g* before *e*, *i* or *y* as English says it, *j* [dʒ]
    /// (*Germany*, *Belgium*, *Algeria*, *Georgia*, *Egypt*); nil when it has none (after another *g*, as in
    /// *Haggerty*, it is hard).
    ///
    /// The tables read an English *g* as written, hard, since most languages that write a name in Latin letters keep
    /// its *g* and read it so (German *Belgien*, Polish *Argentyna*); the languages that write a name by its sound
    /// write *j* (Hindi *जर्मनी* *jarmanī*, Swahili *Ujerumani*, Amharic *ቤልጄም*). The matcher indexes this key beside
    /// an English name's others (written in Latin letters); a query gets none.
    public func softGKey(prepared: String) throws(ICUError) -> String? {
        guard Self.mayHoldSoftG(prepared) else { return nil }
        var read = String.UnicodeScalarView(), previous: Unicode.Scalar = " ", changed = false
        var scalars = prepared.unicodeScalars.makeIterator(), current = scalars.next()
        while let scalar = current {
            let next = scalars.next()
            if scalar == "g", previous != "g", let next, "eiy".unicodeScalars.contains(next) {
                read.append("j")
                changed = true
            } else {
                read.append(scalar)
            }
            previous = scalar
            current = next
        }
        guard changed else { return nil }
        return try englishKey(prepared: String(read))
    }

    /// Whether `prepared` holds a *g* before *e*, *i* or *y* that is not doubled (``softGKey(prepared:)``).
    static func mayHoldSoftG(_ prepared: String) -> Bool {
        var previous: UInt8 = 0x20, before: UInt8 = 0x20
        for byte in prepared.utf8 {
            if previous == 0x67, before != 0x67, byte == 0x65 || byte == 0x69 || byte == 0x79 { return true }
            (before, previous) = (previous, byte)
        }
        return false
    }

    /// The key of a stored English name of one word that is a plural, without its ending *-es* after a consonant or
    /// an *i* (*Maldives*, *Azores*, *Seychelles*, *Canaries*); nil for another name, or when fewer than four letters
    /// would remain (*Wales*).
    ///
    /// English names island groups in the plural, which other languages write with their own plural ending or none
    /// (Italian *Maldive*, Romanian *Azore*, Polish *Filipiny*): one letter or two past the stem, which the fuzzy step
    /// does not take from a key as short as most such stems. Not *-as* and *-os*, which end more names than plurals
    /// (with them, on the CLDR sets, *Caracas* met Curaçao's names in 126 languages and *Comoros* Comoro's), nor a name
    /// of several words (*Los Angeles* met Angola). The matcher indexes this key beside an English name's others
    /// (written in Latin letters); a query gets none.
    public func pluralStemKey(prepared: String) throws(ICUError) -> String? {
        guard let stem = Self.pluralStem(prepared) else { return nil }
        return try englishKey(prepared: stem)
    }

    /// The first key of `prepared` read with the English convention, or nil when it is empty.
    private func englishKey(prepared: String) throws(ICUError) -> String? {
        let key = try keys(prepared: prepared, convention: "en").first
        return key?.isEmpty == false ? key : nil
    }

    /// `prepared` without its plural ending (``pluralStemKey(prepared:)``), or nil.
    static func pluralStem(_ prepared: String) -> String? {
        // Every English name of the store comes here: the ending is tested before any array is made.
        guard prepared.utf8.count >= 6, prepared.utf8.suffix(2).elementsEqual("es".utf8) else { return nil }
        let scalars = Array(prepared.unicodeScalars)
        let count = scalars.count
        guard count >= 6, scalars[count - 1] == "s", scalars[count - 2] == "e",
              scalars[count - 3] == "i" || !isVowelLetter(scalars[count - 3]),
              scalars.allSatisfy(\.properties.isAlphabetic)
        else { return nil }
        return String(String.UnicodeScalarView(scalars[..<(count - 2)]))
    }

    /// Whether `prepared` holds a *ç* or an *oe*, the letters ``borrowedSpellingKey(prepared:)`` reads: a cheap test
    /// that leaves out every name that gets no such key (a few that hold them get none either).
    static func mayHoldBorrowedLetters(_ prepared: String) -> Bool {
        var previous: Unicode.Scalar = " "
        for scalar in prepared.unicodeScalars {
            if scalar == "ç" || previous == "o" && scalar == "e" { return true }
            previous = scalar
        }
        return false
    }

    /// Whether `letter` is *a*, *e*, *i*, *o* or *u*, with or without a diacritic (*y* is a consonant here, as in the
    /// common table's mute-*e* rule).
    static func isVowelLetter(_ letter: Unicode.Scalar) -> Bool {
        let base = String(letter).decomposedStringWithCanonicalMapping.unicodeScalars.first ?? letter
        return "aeiouAEIOU".unicodeScalars.contains(base)
    }

    /// The keys of ``keys(prepared:convention:)`` without the generic-word keys.
    ///
    /// - Parameter common: the common table's output on `prepared`, computed here when nil (and kept for the next
    ///   convention a caller reads the same name with).
    private func plainKeys(prepared: String, convention: String?, common: inout String?) throws(ICUError)
        -> (keys: [String], converted: String?)
    {
        let commonKey: String
        if let common {
            commonKey = common
        } else {
            commonKey = try apply(prepared, "transcription-common")
            common = commonKey
        }
        guard let table = table(for: convention) else { return (commonKey.isEmpty ? [] : [commonKey], nil) }
        let converted = try apply(prepared, "transcription-" + table)
        // A name the convention's table leaves as it was has the common key already computed. (`==` is canonical
        // equivalence, which is enough: the common table starts with `::NFC ;`.)
        let unchanged = converted == prepared
        let convertedKey = unchanged ? commonKey : try apply(converted, "transcription-common")
        var keys: [String] = []
        for key in [convertedKey, commonKey] where !key.isEmpty && !keys.contains(key) { keys.append(key) }
        return (keys, converted)
    }

    /// The generic-word keys of a name (``GenericWords``): its other words' keys, each followed by a space and its
    /// tokens (none when it only had small words), with the split and the convention table's output on the other
    /// words; nil when the name has no generic or small word.
    public func genericKeys(prepared: String, convention: String?) throws(ICUError)
        -> (split: GenericWords.Split, keys: [String], converted: String?)?
    {
        var reading = SharedReading(prepared: prepared)
        return try genericKeys(&reading, convention: convention)
    }

    /// What the readings of one name in several conventions have in common (the common table's output on the name
    /// and on its words without the generic ones, and its generic-word split), computed by the first reading that
    /// needs it: ``transcription(_:convention:generic:)`` with one value for every convention a name is read with
    /// computes them once.
    public struct SharedReading {
        /// The name, as ``prepare(_:)`` gives it.
        public let prepared: String
        fileprivate var common: String?
        /// The generic-word split once computed: `.some(nil)` when the name has none.
        fileprivate var split: GenericWords.Split??
        fileprivate var splitCommon: String?

        /// Nothing computed yet for `prepared`.
        public init(prepared: String) { self.prepared = prepared }
    }

    /// ``genericKeys(prepared:convention:)`` sharing what `reading` holds.
    func genericKeys(_ reading: inout SharedReading, convention: String?) throws(ICUError)
        -> (split: GenericWords.Split, keys: [String], converted: String?)?
    {
        if reading.split == nil { reading.split = .some(genericWords.split(reading.prepared)) }
        guard let split = reading.split ?? nil else { return nil }
        let suffix = split.tokens.isEmpty ? "" : " " + split.tokens
        let plain = try plainKeys(prepared: split.base, convention: convention, common: &reading.splitCommon)
        return (split, plain.keys.map { $0 + suffix }, plain.converted)
    }

    /// ``keys(prepared:convention:)`` and, when the convention has a table, that table's output (the explanation's
    /// middle step, ``applyConvention(_:convention:)``), computed once.
    ///
    /// - Parameter generic: false leaves out the generic-word keys (a caller that cannot use their lower score).
    /// - Returns: the keys, sorted; the convention table's output; which of the keys are generic-word keys.
    public func transcription(prepared: String, convention: String?, generic withGeneric: Bool = true)
        throws(ICUError) -> (keys: [String], converted: String?, generic: Set<String>)
    {
        var reading = SharedReading(prepared: prepared)
        return try transcription(&reading, convention: convention, generic: withGeneric)
    }

    /// ``transcription(prepared:convention:generic:)`` of `reading`'s name, sharing with the name's other
    /// conventions what `reading` holds: the same result as without it.
    public func transcription(_ reading: inout SharedReading, convention: String?, generic withGeneric: Bool = true)
        throws(ICUError) -> (keys: [String], converted: String?, generic: Set<String>)
    {
        var (keys, converted) = try plainKeys(prepared: reading.prepared, convention: convention,
                                              common: &reading.common)
        let generic = withGeneric ? try genericKeys(&reading, convention: convention)?.keys ?? [] : []
        if generic.isEmpty {
            // One or two distinct keys (the linker's case): no sets to build.
            keys.sort()
            return (keys, converted, [])
        }
        let plain = Set(keys)
        keys += generic
        return (Array(Set(keys)).sorted(), converted, Set(generic).subtracting(plain))
    }

    /// The conventions whose markers `prepared` holds (``markers``), in the markers file's order: the tables a Latin
    /// name of unknown language is read with besides the common one (Polish *Szewczenko*: `pl`; *Chruščov*: `cs`,
    /// `hr`). Empty for most names.
    ///
    /// - Parameter prepared: a name as ``prepare(_:)`` gives it (NFC, lower case, accents kept), which the markers
    ///   are written in, so a byte search finds them.
    public func conventions(markedIn prepared: String) -> [String] {
        var text = prepared
        return text.withUTF8 { bytes -> [String] in
            var found: [String] = []
            for (convention, markers) in markers
            where markers.contains(where: { ByteSearch.firstIndex(of: $0, in: bytes) != nil }) {
                found.append(convention)
            }
            return found
        }
    }

    /// The conventions ``conventions(markedIn:)`` may give, in the markers file's order.
    public var markedConventions: [String] { markers.map(\.convention) }

    /// The language of the table that `language`'s writers' names are read with: its own, the one it shares
    /// (`convention-languages.txt`: `sk` → `cs`), or nil for the common table alone.
    public func table(for language: String?) -> String? {
        guard let language else { return nil }
        return languages.contains(language) ? language : sharedTables[language]
    }

    /// The convention a name written in Latin letters is read with, given its language: the language, unless its
    /// table reads transliterations (``readingTables``), in which case the common table alone (nil).
    public func latinConvention(_ language: String?) -> String? {
        guard let table = table(for: language), readingTables.contains(table) else { return language }
        return nil
    }

    /// The convention a name written in another script is read with besides English's (BGN/PCGN's), after
    /// transliteration: its language's table when that table reads Latin spellings (a Serbian Cyrillic name with the
    /// Croatian table, not the Cyrillic script's Russian one), else the table `convention-languages.txt` names for
    /// its script (Georgian `ka`, Devanagari `hi`, Bengali `bn`, Katakana `ja`, Cyrillic `ru`); nil for none. A
    /// language with a reading table of its own, or one it shares, is read with it in that table's script (Assamese
    /// in Bengali letters: `as`, not `bn`; Konkani in Devanagari: Marathi's `mr`, not `hi`). Han characters of a
    /// language with another reading table are read with none: Japanese kanji (日本, pinyin *rì běn*) and Korean
    /// hanja are not chosen for their sound, as Chinese characters in a foreign name are.
    public func readingConvention(language: String?, script: String) -> String? {
        if let own = table(for: language), readingTableScripts[own] == script { return own }
        let scriptTable = table(for: script)
        // A language with a Latin table keeps it in a script that has one too (Serbian Cyrillic: Croatian's).
        if let language, language != "en", scriptTable != nil, let own = table(for: language),
           !readingTables.contains(own) {
            return own
        }
        if let scriptTable {
            if script == "Han", let own = table(for: language), own != scriptTable, readingTables.contains(own) {
                return nil
            }
            return scriptTable
        }
        guard let language, language != "en", let table = table(for: language), !readingTables.contains(table) else {
            return nil
        }
        return table
    }

    /// The tables a name written in `script` is read with besides `reading`, its
    /// ``readingConvention(language:script:)``: those the later lines of `convention-languages.txt` name the script on
    /// (a Cyrillic name is also read as Chinese syllables, `zh-Cyrl`), when `reading` is its script's own table or
    /// one that includes it (Marathi's, which reads Devanagari as Hindi's does, and more), not a Serbian name's, read
    /// as Croatian; empty for most scripts.
    public func alsoReadingConventions(script: String, readWith reading: String?) -> [String] {
        guard let also = alsoReadings[script], let own = table(for: script), let reading,
              reading == own || inclusions[reading]?.contains(own) == true else { return [] }
        return also
    }

    /// The tables each transcription table of `sources` includes, directly or through the tables it includes, by
    /// name without the `transcription-` prefix (an include of a missing table is left to
    /// ``expandingIncludes(_:file:sources:including:)`` to report).
    static func inclusions(in sources: [String: String]) -> [String: Set<String>] {
        let prefix = "transcription-"
        var direct: [String: [String]] = [:]
        for (name, text) in sources where name.hasPrefix(prefix) && mentionsInclude(text) {
            direct[String(name.dropFirst(prefix.count))] = text.split(separator: "\n").compactMap(includedTable)
                .filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
        }
        var result: [String: Set<String>] = [:]
        for (table, included) in direct {
            var seen = Set<String>(), pending = included
            while let next = pending.popLast() {
                if seen.insert(next).inserted { pending += direct[next] ?? [] }
            }
            result[table] = seen
        }
        return result
    }

    /// Whether `text` holds an `::include` line. A byte search: Foundation's `contains` converts each table to UTF-16
    /// first, which was a third of the rule files' load (a one-name `onoma lookup` read them all in ~10 ms).
    private static func mentionsInclude(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { ByteSearch.firstIndex(of: Array("::include".utf8), in: $0) } != nil
    }

    /// The table an `::include transcription-xx ;` line names: nil for a line that is no include, empty for a
    /// malformed one.
    private static func includedTable(_ line: Substring) -> String? {
        let words = line.split(separator: " ")
        guard words.first == "::include" else { return nil }
        return words.count == 3 && words[2] == ";" ? String(words[1]) : ""
    }

    /// `text` with each of its `::include transcription-xx ;` lines replaced by that table's rules (themselves
    /// expanded): a table that reads a language as another does and more (`transcription-as.txt`: Bengali's rules
    /// and Assamese *s*) states the rest once. ICU has no such directive, so an unexpanded one fails to compile.
    ///
    /// - Throws: ``RulesError`` naming the file and line of an include of a missing table, or of one that includes
    ///   itself, directly or not.
    static func expandingIncludes(_ text: String, file: String, sources: [String: String],
                                  including: [String] = []) throws -> String {
        guard mentionsInclude(text) else { return text }
        var lines: [String] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard let name = includedTable(line) else {
                lines.append(String(line))
                continue
            }
            guard let included = sources[name], name.hasPrefix("transcription-") else {
                throw RulesError(message: "\(file) line \(number + 1): '\(line)' names no transcription table "
                                 + "(write ::include transcription-xx ;)")
            }
            guard !including.contains(name), name + ".txt" != file else {
                throw RulesError(message: "\(file) line \(number + 1): \(name) includes itself")
            }
            lines.append(try expandingIncludes(included, file: name + ".txt", sources: sources,
                                               including: including + [String(file.dropLast(4))]))
        }
        return lines.joined(separator: "\n")
    }

    /// Parses a file of `lang: item item …` lines (`#` comments) whose `lang` must have a table:
    /// `convention-markers.txt` (items are markers) and `convention-languages.txt` (items are languages or scripts).
    ///
    /// - Throws: ``RulesError`` naming the file and line when a line is malformed or names a language without a table.
    /// - Returns: per line, its language, its items and its number (from 1).
    static func parseLanguageLists(_ text: String, file: String, languages: Set<String>) throws
        -> [(language: String, items: [Substring], line: Int)]
    {
        try languageLines(text, file: file, expected: "lang: item item …").map { language, rest, line in
            guard languages.contains(String(language)) else {
                throw RulesError(message: "\(file) line \(line): no transcription table for '\(language)': "
                                 + "\(language):\(rest)")
            }
            return (String(language), rest.split(separator: " "), line)
        }
    }

    /// The `lang: …` lines of a rules file, `#` comments and blank lines left out: each line's language, what follows
    /// its colon, and its number (from 1).
    ///
    /// - Throws: ``RulesError`` naming the file and line when a line has no colon (`expected` says what it should be).
    static func languageLines(_ text: String, file: String, expected: String) throws
        -> [(language: Substring, rest: Substring, line: Int)]
    {
        var result: [(language: Substring, rest: Substring, line: Int)] = []
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = (rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
                .trimmingWhitespace
            if line.isEmpty { continue }
            guard let colon = line.firstIndex(of: ":") else {
                throw RulesError(message: "\(file) line \(number + 1): expected \(expected): \(line)")
            }
            result.append((line[..<colon].trimmingWhitespace, line[line.index(after: colon)...], number + 1))
        }
        return result
    }

    /// The result of the convention table alone (the explanation's middle step).
    public func applyConvention(_ prepared: String, convention: String) throws(ICUError) -> String {
        guard let table = table(for: convention) else { return prepared }
        return try apply(prepared, "transcription-" + table)
    }

    /// The context-free literal rules (`ch > sh ;`) of a table, in file order: what explanations name.
    public func literalRules(of table: String) -> [(from: String, to: String)] {
        literal[table] ?? []
    }

    /// Parses the literal rules of a rule text.
    static func parseLiteralRules(_ text: String?) -> [(from: String, to: String)] {
        guard let text else { return [] }
        var rules: [(String, String)] = []
        for rawLine in text.split(separator: "\n") {
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            guard let arrow = line.range(of: ">"), let end = line.range(of: ";") else { continue }
            let lhs = line[..<arrow.lowerBound].trimmingCharacters(in: .whitespaces)
            let rhs = line[arrow.upperBound..<end.lowerBound].trimmingCharacters(in: .whitespaces)
            let literal: (Substring) -> Bool = { part in part.allSatisfy { $0.isLetter } }
            guard !lhs.isEmpty, lhs != rhs, literal(Substring(lhs)), literal(Substring(rhs)) else { continue }
            rules.append((lhs, rhs))
        }
        return rules
    }

    /// The literal rules of `table` that fire on `text`, left to right, the first rule in file order winning at each
    /// position as in ICU: `fr` on "khrouchtchev" gives `ch→sh, tch→ch`.
    ///
    /// Rules with a context (`[^$L] { bh > b`) are not among them, so the literal rules may claim text such a rule
    /// rewrote: given `giving`, the table's real output, the rules returned are those of a rewriting of `text` into it
    /// where each position either keeps its character or takes a literal rule (the first in file order that leads to
    /// the output), and none when no such rewriting exists. So a literal rule that a context rule overruled is left
    /// out (the common table's `c→k` in *khroushchev*, whose *ch* stays) instead of voiding the list.
    public func firedRules(_ table: String, on text: String, giving output: String? = nil) -> [String] {
        guard let table = literalTables[self.table(for: table) ?? table] else { return [] }
        if let output { return Self.rewriting(Array(text), into: Array(output), with: table) ?? [] }
        let characters = Array(text)
        var fired: [String] = []
        var i = 0
        while i < characters.count {
            // The first rule in file order whose text starts here: only rules starting with this character can.
            let rule = table.byFirst[characters[i]]?.first { number in
                let from = table.rules[number].from
                return i + from.count <= characters.count && characters[i..<(i + from.count)].elementsEqual(from)
            }
            if let rule {
                let name = table.rules[rule].name
                if !fired.contains(name) { fired.append(name) }
                i += table.rules[rule].from.count
            } else {
                i += 1
            }
        }
        return fired
    }

    /// The names of the literal rules of a rewriting of `text` into `output` (``firedRules(_:on:giving:)``): at each
    /// position, the first rule in file order whose `from` starts there and whose `to` the output continues with, and
    /// from which the rest can be rewritten, else the character kept; nil when nothing leads to the output.
    private static func rewriting(_ text: [Character], into output: [Character], with table: LiteralTable)
        -> [String]?
    {
        guard text.count <= 256, output.count <= 256 else { return nil }
        // Positions (in text, in output) known to lead nowhere.
        var deadEnds = Set<Int>()
        var applied: [Int] = []
        func search(_ i: Int, _ k: Int) -> Bool {
            if i == text.count { return k == output.count }
            if deadEnds.contains(i << 9 | k) { return false }
            for number in table.byFirst[text[i]] ?? [] {
                let rule = table.rules[number], to = Array(rule.to)
                guard i + rule.from.count <= text.count, text[i..<(i + rule.from.count)].elementsEqual(rule.from),
                      k + to.count <= output.count, output[k..<(k + to.count)].elementsEqual(to) else { continue }
                applied.append(number)
                if search(i + rule.from.count, k + to.count) { return true }
                applied.removeLast()
            }
            if k < output.count, text[i] == output[k], search(i + 1, k + 1) { return true }
            deadEnds.insert(i << 9 | k)
            return false
        }
        guard search(0, 0) else { return nil }
        var names: [String] = []
        for number in applied where !names.contains(table.rules[number].name) { names.append(table.rules[number].name) }
        return names
    }

    /// The scripts of India and Sri Lanka, which write a consonant's inherent vowel by writing nothing: read like an
    /// abjad's (``abjadKey(latin:script:original:)``), with one table for all, `abjad-Indic.txt`, since ICU romanizes
    /// them all alike (ISO 15919), unless the script has its own (`abjad-Tamil.txt`).
    static let inherentVowelScripts: Set<String> = [
        "Devanagari", "Bengali", "Gurmukhi", "Gujarati", "Oriya", "Telugu", "Kannada", "Malayalam", "Sinhala", "Tamil",
        "Chakma",
    ]

    /// Whether a romanized word begins with a Latin consonant: a letter of Latin-1 or Latin Extended, or one with a
    /// mark (Any-Latin writes Pashto's consonants so: ḵ ک, ṯ ټ, ḏ ډ) whose base is a consonant other than *y* (ỷ is a
    /// hamza's seat, a vowel).
    static func startsWithLatinConsonant(_ word: String) -> Bool {
        guard var first = word.unicodeScalars.first, first.properties.isAlphabetic else { return false }
        if first.value >= 0x250 {
            guard let base = String(first).decomposedStringWithCanonicalMapping.unicodeScalars.first,
                  base.value < 0x250, base != "y" else { return false }
            first = base
        }
        return !"aeiouāạ".unicodeScalars.contains(first)
    }

    /// The letters that end a word with a vowel in an abjad's spelling of a foreign name: ha (Arabic ه, Urdu ہ), ta
    /// marbuta (ة) and he (ה), which BGN/PCGN romanizes *h*.
    static let finalHaLetters: Set<Character> = ["ه", "ہ", "ة", "ה"]

    /// Whether a script is an abjad proper (Arabic, Hebrew), whose word-initial alef carries a vowel it leaves
    /// unwritten; the Indic scripts read as abjads (``inherentVowelScripts``) write every vowel a word begins with.
    public static func isAbjad(_ script: String) -> Bool { script == "Arabic" || script == "Hebrew" }

    /// The abjad reading of the Latin form of a name written in Arabic or Hebrew letters (`abjad-Arabic.txt`,
    /// `abjad-Hebrew.txt`: its vowel letters read as vowels), or in an Indic script (`abjad-Indic.txt`: without the
    /// inherent vowel, which stands for any vowel of a foreign name or none), through the common table; nil for a
    /// script without such a table.
    ///
    /// - Parameters:
    ///   - latin: the name's Latin form (``OnomaText/NormalizedName/latin``); in an abjad's, its apostrophes, which
    ///     stand for alef, ayin and hamza, become the vowel they carry, before ``prepare(_:)`` would make them spaces;
    ///     in an Indic one, ISO 15919's apostrophes are dropped (``prepare(latin:written:)``).
    ///   - script: the name's script, as ``OnomaText/NormalizedName/script`` names it (`Arabic`).
    ///   - original: the name in its own script; a word of it that begins with an alef (ا, آ, ٱ, أ, إ) whose Latin
    ///     word begins with a consonant gets the vowel back: BGN/PCGN omits a word's first alef (Persian *اسمره*,
    ///     Asmara, is *smrh*), which carries the vowel the foreign name begins with. A word of it that ends with a
    ///     ha (ه, ہ, ة, ה) ends with a vowel, read *a*, after any letter (*کلکته*, *klkth*, Kolkata).
    public func abjadKey(latin: String, script: String, original: String = "") throws(ICUError) -> String? {
        if Self.inherentVowelScripts.contains(script) {
            let table = tables["abjad-" + script] != nil ? "abjad-" + script : "abjad-Indic"
            guard tables[table] != nil else { return nil }
            return try apply(apply(Self.prepare(latin: latin, written: original), table), "transcription-common")
        }
        let table = "abjad-" + script
        guard tables[table] != nil else { return nil }
        var words = latin.split(separator: " ").map(String.init)
        let originalWords = original.split(separator: " ")
        if originalWords.count == words.count {
            for (i, word) in originalWords.enumerated() {
                if word.first.map({ "اآٱأإ".contains($0) }) == true, Self.startsWithLatinConsonant(words[i]) {
                    words[i] = "a" + words[i]
                }
                // A word's last ha (ه, ہ, ة, ה) is its final vowel, whatever letter it follows: its romanization's
                // *h* would otherwise join the consonant before it (*کلکته*, *klkth*, Kolkata; *מלטה*, *mlth*,
                // Malta), as no table can tell *t* + *h* from a *th*.
                if word.last.map(Self.finalHaLetters.contains) == true, words[i].hasSuffix("h"), words[i].count > 1 {
                    words[i] = String(words[i].dropLast()) + "a"
                }
            }
        }
        let vowels = String(String.UnicodeScalarView(words.joined(separator: " ").unicodeScalars.map { scalar in
            "'’ʼʻ‘".unicodeScalars.contains(scalar) ? "a" : scalar
        }))
        return try apply(apply(Self.prepare(vowels), table), "transcription-common")
    }

    /// The coarse consonant skeleton of a transcription key, for candidate generation only; a generic-word key's
    /// tokens follow its skeleton unchanged (`salomon I` → `slmnI`).
    public func skeleton(_ key: String) throws(ICUError) -> String {
        let tokens = key.utf8.reversed().prefix { $0 >= 0x41 && $0 <= 0x5A }.count
        guard tokens > 0 else { return try apply(key, "skeleton") }
        let base = String(key.dropLast(tokens))
        return try apply(base, "skeleton") + String(key.suffix(tokens))
    }
}

/// The rule tables could not be loaded.
public struct RulesError: Error, CustomStringConvertible, Sendable {
    /// What went wrong.
    public var message: String
    public var description: String { message }
}
