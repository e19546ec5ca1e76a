import Foundation

/// The name endings of `Rules/name-endings.txt`: the case and article endings inflected languages put on a name in
/// a sentence (*Moskwie*, *Путиным*, *Helsingissä*, *Putin'in*), each with the ending of the form a glossary stores,
/// which the cascade tries when a name finds nothing as written (``EntityMatcher``'s step 4e).
///
/// ```swift
/// let endings = try NameEndings(text: "pl: ie>a e>a ie>")
/// endings.dictionaryForms(of: "Moskwie", language: "pl")
/// // Moskwa (ending -ie → -a), Moskw (ending -ie dropped), Moskwia (ending -e → -a): longest endings first
/// ```
public struct NameEndings: Sendable {
    /// One way to read an ending: the letters to remove (lower case) and those to put in their place.
    struct Ending: Sendable, Equatable {
        var ending: [Unicode.Scalar]
        var replacement: String
        /// An apostrophe and everything after it (`'` alone in the table).
        var fromApostrophe: Bool { ending.isEmpty }
    }

    /// One language's endings and what a word must end with to carry one.
    struct Language: Sendable {
        /// Longest first, then in the order written.
        var endings: [Ending] = []
        /// The last letters of the endings, in lower and upper case: a word that ends otherwise has none of them
        /// (most words of a batch of names the store lacks), decided without a String made.
        var finals = Set<UInt32>()
        /// Whether an apostrophe and what follows it is an ending (`'`).
        var apostrophe = false
        /// The stem-final letters a stem is also read with once an ending is removed (`lang.stem:`).
        var stems: [(from: Unicode.Scalar, to: Unicode.Scalar)] = []
        /// The consonants before a stem's last vowel that a stem is also read with once an ending is removed, weak
        /// grade to strong (`lang.grade:`, lower case: Finnish *Irlanni-ssa* → *Irlanti*).
        var grades: [(weak: [Unicode.Scalar], strong: [Unicode.Scalar])] = []
    }

    private let languages: [String: Language]

    /// The fewest letters a word keeps once an ending is removed.
    static let shortestStem = 2

    /// The vowels, in lower case, that end a stem whose consonants before them may be in the weak grade.
    static let vowels = Set("aeiouyäöå".unicodeScalars)

    /// The fewest letters of a word in capitals read with endings (*MOSKWIE* is; *ЗСУ*, *NATO* are acronyms).
    static let shortestInflectedCapitals = 5

    /// Parses a table in the format of `Rules/name-endings.txt`.
    ///
    /// - Throws: ``RulesError`` naming the line when a line has no `lang:`, an ending is empty, a stem change is not
    ///   one letter for one letter or a grade change has an empty side.
    public init(text: String) throws {
        var languages: [String: Language] = [:]
        for (label, items, line) in try TranscriptionRules.languageLines(text, file: "name-endings.txt",
                                                                        expected: "lang: ending>replacement …") {
            let isStem = label.hasSuffix(".stem"), isGrade = label.hasSuffix(".grade")
            let code = String(isStem ? label.dropLast(5) : isGrade ? label.dropLast(6) : label)
            guard !code.isEmpty, !code.contains(" ") else {
                throw RulesError(message: "name-endings.txt line \(line): expected a language before the colon: "
                                 + "\(label)")
            }
            var language = languages[code] ?? Language()
            for item in items.split(separator: " ") {
                let parts = item.split(separator: ">", maxSplits: 1, omittingEmptySubsequences: false)
                // Compared and joined in NFC, as names are normalized.
                let ending = Array(parts[0].lowercased().precomposedStringWithCanonicalMapping.unicodeScalars)
                let replacement = parts.count > 1 ? String(parts[1]).precomposedStringWithCanonicalMapping : ""
                if isGrade {
                    let strong = Array(replacement.lowercased().unicodeScalars)
                    guard !ending.isEmpty, !strong.isEmpty else {
                        throw RulesError(message: "name-endings.txt line \(line): a grade change is weak>strong "
                                         + "consonants: \(item)")
                    }
                    language.grades.append((ending, strong))
                    continue
                }
                if isStem {
                    let to = Array(replacement.lowercased().unicodeScalars)
                    guard ending.count == 1, to.count == 1 else {
                        throw RulesError(message: "name-endings.txt line \(line): a stem change is one letter for one "
                                         + "letter (x>y): \(item)")
                    }
                    language.stems.append((ending[0], to[0]))
                    continue
                }
                guard !ending.isEmpty else {
                    throw RulesError(message: "name-endings.txt line \(line): an ending is empty: \(item)")
                }
                if ending == ["'"] {
                    language.apostrophe = true
                    if !language.endings.contains(where: \.fromApostrophe) {
                        language.endings.append(Ending(ending: [], replacement: ""))
                    }
                    continue
                }
                let parsed = Ending(ending: ending, replacement: replacement)
                if !language.endings.contains(parsed) { language.endings.append(parsed) }
                for form in [String(ending.last!).lowercased(), String(ending.last!).uppercased()] {
                    for scalar in form.unicodeScalars { language.finals.insert(scalar.value) }
                }
            }
            languages[code] = language
        }
        // Longest first; the sort is stable, so equal lengths keep the order written.
        self.languages = languages.mapValues { language in
            var sorted = language
            sorted.endings = language.endings.enumerated().sorted { a, b in
                a.element.ending.count != b.element.ending.count
                    ? a.element.ending.count > b.element.ending.count : a.offset < b.offset
            }.map(\.element)
            return sorted
        }
    }

    /// Whether the table has endings for `language`.
    public func hasEndings(for language: String) -> Bool { languages[language] != nil }

    /// The forms `word` may have as a glossary stores it, when it carries one of `language`'s endings: each with a
    /// short description of the change (`ending -ie → -a`) and whether the ending was only dropped (a foreign name's
    /// stem: *Putin-em*), in the table's order, without `word` itself and without repeats. Case follows the word's: a
    /// replacement is written in capitals after a stem in capitals.
    ///
    /// - Parameter describe: false leaves the descriptions empty (a batch job's query writes no explanation).
    public func dictionaryForms(of word: some StringProtocol, language: String, describe: Bool = true)
        -> [(form: String, change: String, drops: Bool)]
    {
        guard let table = languages[language], let last = word.unicodeScalars.last else { return [] }
        let hasApostrophe = table.apostrophe && word.unicodeScalars.contains { $0 == "'" || $0 == "\u{2019}" }
        guard table.finals.contains(last.value) || hasApostrophe else { return [] }
        let scalars = Array(word.unicodeScalars)
        // A short word in capitals is an acronym, which takes no ending (Ukrainian *ЗСУ*, not *ЗС* + -у).
        if scalars.count < Self.shortestInflectedCapitals, scalars.contains(where: \.properties.isUppercase),
           !scalars.contains(where: \.properties.isLowercase) {
            return []
        }
        let lower = Array(word.lowercased().unicodeScalars)
        // Lower-casing may change the number of letters (rarely: İ); such a word is read as written.
        guard lower.count == scalars.count else { return [] }
        var forms: [(form: String, change: String, drops: Bool)] = []
        let written = String(word)
        func add(_ form: String, _ change: String, drops: Bool) {
            if form != written, !forms.contains(where: { $0.form == form }) { forms.append((form, change, drops)) }
        }
        for ending in table.endings {
            let stemLength: Int
            if ending.fromApostrophe {
                guard hasApostrophe,
                      let apostrophe = scalars.firstIndex(where: { $0 == "'" || $0 == "\u{2019}" }),
                      apostrophe + 1 < scalars.count else { continue }
                stemLength = apostrophe
            } else {
                guard lower.count > ending.ending.count, lower.suffix(ending.ending.count).elementsEqual(ending.ending)
                else { continue }
                stemLength = scalars.count - ending.ending.count
            }
            let stem = scalars[..<stemLength]
            guard stem.lazy.filter(\.properties.isAlphabetic).count >= Self.shortestStem else { continue }
            // Letters of a script without case are neither: such a stem is no stem in capitals.
            let capitals = stem.count > 1 && stem.contains { $0.properties.isUppercase }
                && !stem.contains { $0.properties.isLowercase }
            let replacement = capitals ? ending.replacement.uppercased() : ending.replacement
            let stemText = String(String.UnicodeScalarView(stem))
            let change = describe
                ? "ending -\(String(String.UnicodeScalarView(scalars[stemLength...])))"
                    + (ending.replacement.isEmpty ? " dropped" : " → -\(replacement)")
                : ""
            add(stemText + replacement, change, drops: ending.replacement.isEmpty)
            // A stem lengthened before the ending (Hungarian Moszkvá-ban): also read with its short letter.
            if ending.replacement.isEmpty, let end = stem.last {
                let lowerEnd = lower[stemLength - 1]
                for (from, to) in table.stems where from == lowerEnd {
                    let short = end.properties.isUppercase ? String(to).uppercased() : String(to)
                    add(String(String.UnicodeScalarView(stem.dropLast())) + short,
                        describe ? change + ", -\(end) → -\(short)" : "", drops: false)
                }
            }
            // A stem in the weak grade before the ending (Finnish Irlanni-ssa, Helsingi-ssä): also read with the
            // strong grade of the consonants before its last vowel (Irlanti, Helsinki).
            if ending.replacement.isEmpty, !table.grades.isEmpty, stemLength >= 3,
               Self.vowels.contains(lower[stemLength - 1]) {
                let vowel = stemLength - 1
                for (weak, strong) in table.grades where vowel > weak.count {
                    let start = vowel - weak.count
                    // The weak consonants whole: *tt* is no weak *t* after another t.
                    guard lower[start..<vowel].elementsEqual(weak), lower[start - 1] != weak[0] else { continue }
                    let strongLetters = String(String.UnicodeScalarView(strong))
                    let strongText = capitals ? strongLetters.uppercased() : strongLetters
                    add(String(String.UnicodeScalarView(scalars[..<start])) + strongText
                            + String(String.UnicodeScalarView(scalars[vowel..<stemLength])),
                        describe ? change + ", -\(String(String.UnicodeScalarView(weak)))- → -\(strongText)-" : "",
                        drops: false)
                }
            }
        }
        return forms
    }
}
