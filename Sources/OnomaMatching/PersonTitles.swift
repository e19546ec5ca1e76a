/// The person titles of `Rules/person-titles.txt`: forms of address, offices and ranks written before a person's
/// name (*M. Poutine*, *President Putin*, *президент Путин*), which the cascade drops when a name finds nothing with
/// them (``EntityMatcher``'s `withoutTitle`).
///
/// ```swift
/// let titles = try PersonTitles(text: "fr: m, président, premier ministre")
/// titles.titleLength(PersonTitles.words(of: "Premier ministre Pachinian"))   // 2
/// ```
public struct PersonTitles: Sendable {
    /// Each title's words (``words(of:)``), by its first word, longest first.
    private let byFirstWord: [String: [[String]]]
    /// The titles' first words in lower case, as the table writes them (*président*) and folded (*president*): what
    /// a name's first word, in lower case, is looked up in before it is folded.
    private let firstWords: Set<String>
    /// The first letters of ``firstWords``, in lower and upper case: a word that begins otherwise is decided without
    /// a String made of it.
    private let firstScalars: Set<UInt32>

    /// Parses a table in the format of `Rules/person-titles.txt`.
    ///
    /// - Throws: ``RulesError`` naming the line when a line has no `lang:` or an empty title.
    public init(text: String) throws {
        var byFirstWord: [String: [[String]]] = [:]
        var firstWords = Set<String>()
        for (_, titles, line) in try TranscriptionRules.languageLines(text, file: "person-titles.txt",
                                                                      expected: "lang: title, title …") {
            for title in titles.split(separator: ",", omittingEmptySubsequences: false) {
                let words = Self.words(of: title)
                guard let first = words.first else {
                    throw RulesError(message: "person-titles.txt line \(line): an empty title: \(titles)")
                }
                if byFirstWord[first]?.contains(words) != true { byFirstWord[first, default: []].append(words) }
                firstWords.insert(first)
                if let written = title.split(whereSeparator: { $0 == " " || $0 == "-" }).first {
                    firstWords.insert(Self.lowercased(written))
                }
            }
        }
        self.byFirstWord = byFirstWord.mapValues { $0.sorted { $0.count > $1.count } }
        self.firstWords = firstWords
        var firstScalars = Set<UInt32>()
        for word in firstWords {
            guard let first = word.first else { continue }
            for form in [first.lowercased(), first.uppercased()] {
                if let scalar = form.unicodeScalars.first { firstScalars.insert(scalar.value) }
            }
        }
        self.firstScalars = firstScalars
    }

    /// How many leading words of `words` (``words(of:)``) are a title, when they are one and at least one word
    /// follows them; nil otherwise.
    public func titleLength(_ words: [String]) -> Int? {
        guard let first = words.first, let titles = byFirstWord[first] else { return nil }
        return titles.first { $0.count < words.count && words.starts(with: $0) }?.count
    }

    /// Whether `word` (one word as written) begins some title: the cheap test every name that finds nothing is put
    /// to. Its lower case is looked up as the table writes the titles and folded; folding it (a Unicode
    /// decomposition) cost ~4 % of a batch of names the store lacks, most of them not in ASCII. A title written with
    /// other diacritics than the table's or none (*Presidént*) is not read.
    public func beginsATitle(_ word: Substring) -> Bool {
        guard let first = word.unicodeScalars.first, firstScalars.contains(first.value) else { return false }
        return firstWords.contains(Self.lowercased(word))
    }

    /// `word` in lower case, a final period dropped.
    private static func lowercased(_ word: Substring) -> String {
        (word.hasSuffix(".") ? word.dropLast() : word).lowercased()
    }

    /// The words of `text` as titles compare: split at spaces and hyphens, lower case, without accents
    /// (``GenericWords``' fold), a final period dropped (*M.*, *Dr.*).
    public static func words(of text: some StringProtocol) -> [String] {
        text.split { $0 == " " || $0 == "-" }.map { fold(Substring($0)) }.filter { !$0.isEmpty }
    }

    static func fold(_ word: Substring) -> String {
        GenericWords.fold(String(word.hasSuffix(".") ? word.dropLast() : word))
    }
}
