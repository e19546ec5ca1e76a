import OnomaText

extension EntityMatcher {
    /// The most forms step 4e reads for one name: a name of two inflected words has a few endings on each.
    static let mostDictionaryForms = 16

    /// The most combinations of word forms ordered to choose ``mostDictionaryForms`` from (four words of six forms
    /// each would make 1,296).
    static let mostCombinations = 256

    /// The most of those forms step 4e also reads through transliteration and transcription, the first that only
    /// dropped endings (a foreign name's stem): every form is looked up exactly and by key.
    static let mostTranscribedForms = 2

    /// A form of a name as a glossary may store it (``dictionaryForms(of:language:explain:)``).
    struct DictionaryForm {
        /// The name with the endings of some words replaced.
        var text: String
        /// What changed, word by word (empty when not explained).
        var changes: String
        /// Whether every word changed only lost its ending: a foreign name's stem (*Pasziniana* → *Paszinian*,
        /// Polish for *Pashinyan*), which the transliteration and transcription steps may find in another language.
        var drops: Bool
    }

    /// The forms `name` may have as a glossary stores it, when it is written in the case a sentence of `language` gave
    /// it (``TranscriptionRules/nameEndings``: Polish *Moskwie* → *Moskwa*; Russian *Владимира Путина* → *Владимир
    /// Путин*): each word (of one to four) as written or with one of its endings replaced, every combination but the
    /// name itself, at most ``mostDictionaryForms``. The words of a name agree in case (*Нагорном Карабахе*, both
    /// prepositional), so the forms that change more words come first; then the longest endings'.
    ///
    /// - Parameter explain: false leaves the forms' ``DictionaryForm/changes`` empty.
    func dictionaryForms(of name: NormalizedName, language: String, explain: Bool = true) -> [DictionaryForm] {
        let endings = rules.nameEndings
        guard endings.hasEndings(for: language) else { return [] }
        // Split on the bytes: a split on characters was a quarter of this function's time.
        let words = name.normalized.utf8.split(separator: 0x20).map { Substring($0) }
        guard (1...4).contains(words.count) else { return [] }
        let options = words.map { word in
            [(form: String(word), change: "", drops: true)]
                + endings.dictionaryForms(of: word, language: language, describe: explain).prefix(255)
        }
        guard options.contains(where: { $0.count > 1 }) else { return [] }
        // Every combination, bounded, each packed as one option number a byte per word (a counter whose last word
        // turns fastest), with the number of words it changes; then ordered by that number.
        var combinations: [(changed: Int, code: UInt32)] = []
        var counter = [Int](repeating: 0, count: words.count)
        while combinations.count < Self.mostCombinations {
            var position = words.count - 1
            while position >= 0 {
                counter[position] += 1
                if counter[position] < options[position].count { break }
                counter[position] = 0
                position -= 1
            }
            if position < 0 { break }
            var code: UInt32 = 0, changed = 0
            for option in counter {
                code = code << 8 | UInt32(option)
                if option > 0 { changed += 1 }
            }
            combinations.append((changed, code))
        }
        // A stable order: within the same number of words changed, the counter's.
        let ordered = combinations.enumerated().sorted { a, b in
            a.element.changed != b.element.changed ? a.element.changed > b.element.changed : a.offset < b.offset
        }
        return ordered.prefix(Self.mostDictionaryForms).map { _, combination in
            var texts: [String] = [], changes: [String] = [], drops = true
            for (position, wordOptions) in options.enumerated() {
                let shift = UInt32(8 * (words.count - 1 - position))
                let chosen = wordOptions[Int(combination.code >> shift & 0xFF)]
                texts.append(chosen.form)
                drops = drops && chosen.drops
                if explain, !chosen.change.isEmpty {
                    changes.append(words.count > 1 ? "\(words[position]): \(chosen.change)" : chosen.change)
                }
            }
            return DictionaryForm(text: texts.joined(separator: " "), changes: changes.joined(separator: "; "),
                                  drops: drops)
        }
    }
}
