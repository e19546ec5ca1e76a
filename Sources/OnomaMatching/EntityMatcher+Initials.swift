import OnomaGlossary
import OnomaStore
import OnomaText
import Synchronization

extension EntityMatcher {
    /// A name's initials and its other words, when it has both.
    struct Initials: Equatable {
        /// The other words, in their order, one space between them.
        var rest: String
        /// Each initial's letter, as written (*J.-P.* gives `J` and `P`).
        var letters: [String]
        /// Where the initials stand: before every other word (a given name's), after every other word (a register's
        /// *Putin V. V.*), or only between other words (a middle name's, *John F. Kennedy*).
        var position: Position

        enum Position: Equatable {
            case leading, trailing, middle
        }

        /// The initials of `text` (a normalized name): words that are a capital letter with a period (*V.*, *В.*),
        /// several such (*V.V.*, *J.-P.*), or, between other words only, a capital letter alone (*John F Kennedy*:
        /// first or last, a capital alone is a word, Welsh *Y Swistir*, Kinyarwanda *U Rwanda*). Nil when the name has
        /// none, has no other word, or when its other words have fewer than three letters (*A. B.*, a code); also when
        /// initials stand both before and after other words.
        init?(of text: String) {
            guard Self.mayHaveInitials(text) else { return nil }
            var rest: [Substring] = [], letters: [String] = []
            var initialWords: [Int] = [], bare = false
            let words = text.split(separator: " ")
            for (position, word) in words.enumerated() {
                if let found = Self.letters(ofInitials: word) {
                    letters += found
                    initialWords.append(position)
                    if !word.hasSuffix(".") { bare = true }
                } else {
                    rest.append(word)
                }
            }
            guard !initialWords.isEmpty, !rest.isEmpty,
                  rest.reduce(0, { $0 + $1.unicodeScalars.lazy.filter(\.properties.isAlphabetic).count }) >= 3
            else { return nil }
            let others = words.indices.filter { !initialWords.contains($0) }
            if initialWords.last! < others.first! {
                position = .leading
            } else if initialWords.first! > others.last! {
                position = .trailing
            } else if initialWords.allSatisfy({ $0 > others.first! && $0 < others.last! }) {
                position = .middle
            } else {
                return nil
            }
            if bare, position != .middle { return nil }
            self.rest = rest.joined(separator: " ")
            self.letters = letters
        }

        /// Whether `text` has a word of one capital letter (``isCapital(_:)``), or such a letter followed by a
        /// period: what every name with initials has. Every name the store lacks is asked it, so it reads scalars,
        /// without Strings: splitting names into words and characters cost ~3 % of a batch of such names.
        static func mayHaveInitials(_ text: String) -> Bool {
            var inWord = 0
            var first: Unicode.Scalar = " "
            for scalar in text.unicodeScalars {
                if scalar == " " {
                    if inWord == 1, isCapital(first) { return true }
                    inWord = 0
                } else if scalar == "." {
                    if inWord == 1, isCapital(first) { return true }
                    inWord = 0  // "V.V.": the next letter starts anew
                } else {
                    if inWord == 0 { first = scalar }
                    inWord += 1
                }
            }
            return inWord == 1 && isCapital(first)
        }

        /// A capital of an alphabet that writes initials: Latin, Greek, Cyrillic, Armenian. Not Cherokee's, whose
        /// syllabary has capitals too (a syllable alone is a word: *Ꮖ*).
        static func isCapital(_ scalar: Unicode.Scalar) -> Bool {
            let value = scalar.value
            guard (0x41...0x5A).contains(value) || (0xC0...0x24F).contains(value) || (0x1E00...0x1EFF).contains(value)
                    || (0x370...0x52F).contains(value) || (0x531...0x556).contains(value) else { return false }
            return scalar.properties.isUppercase
        }

        /// The letters of a word made of initials: each a capital letter followed by a period, joined directly or by
        /// a hyphen (*V.*, *V.V.*, *J.-P.*), or one capital letter alone. Nil for any other word.
        static func letters(ofInitials word: Substring) -> [String]? {
            let characters = Array(word)
            func isCapital(_ character: Character) -> Bool {
                character.unicodeScalars.count == 1 && Self.isCapital(character.unicodeScalars.first!)
            }
            if characters.count == 1 { return isCapital(characters[0]) ? [String(characters[0])] : nil }
            var letters: [String] = [], index = 0
            while index < characters.count {
                if !letters.isEmpty, characters[index] == "-" { index += 1 }
                guard index + 1 < characters.count, isCapital(characters[index]), characters[index + 1] == "."
                else { return nil }
                letters.append(String(characters[index]))
                index += 2
            }
            return letters
        }
    }

    /// The words of `text`'s Latin key (``OnomaStore/TermKeys/latinKey(of:language:normalizer:memo:)``): what
    /// initials and family names are compared by, so that *В.* meets *Vladimir* and *Aliyev* meets *Алиев*.
    func latinWords(of text: String, language: String?) -> [Substring] {
        guard let name = try? normalizer.normalize(text, language: language),
              let key = try? TermKeys.latinKey(of: name, language: language, normalizer: normalizer) else { return [] }
        return key.split(separator: " ")
    }

    /// The first letter of each word of `text`'s Latin key (``latinWords(of:language:)``).
    func latinInitials(of text: String, language: String?) -> [UInt8] {
        latinWords(of: text, language: language).compactMap { $0.utf8.first }
    }

    /// The full name of concept `number`, in one of `languages` (primary subtags), whose words begin with `letters`
    /// (Latin initials) before its other words, or after them (a name stored family name first); nil when none does.
    /// A gazetteer concept has names in hundreds of languages: one of them would begin with any letter (the Ewondo
    /// name of Korean, *Ǹkɔ́bɔ koréan*, for *N. Korea*).
    func fullName(of number: Int32, withInitials letters: [UInt8], languages: Set<String>) -> Term? {
        concepts[Int(number)].terms.first { term in
            term.kind == .full && languages.contains(term.language.language)
                && Self.begins(latinInitials(of: term.text, language: term.language.description), with: letters)
        }
    }

    /// Whether entry `entry`'s term has words that begin with `letters` (Latin initials) before its other words, or
    /// after them.
    func termHasInitials(_ entry: Int, _ letters: [UInt8]) -> Bool {
        let term = storedTerm(entry)
        return Self.begins(latinInitials(of: term.text, language: term.language.description), with: letters)
    }

    /// Whether a name's word initials (`initials`) have `letters` before its other words, or after them.
    static func begins(_ initials: [UInt8], with letters: [UInt8]) -> Bool {
        initials.count > letters.count
            && (initials.prefix(letters.count).elementsEqual(letters)
                || initials.suffix(letters.count).elementsEqual(letters))
    }

    /// The most full names ``familyNameMatches(rest:letters:language:)`` reads for one family name: a common one
    /// (*Smith*) in a large store of people would otherwise cost a normalization per namesake.
    static let familyNameReadLimit = 256

    /// The entries whose full name ends with the words of `rest` (a name's other words than its initials or title,
    /// Latin keys compared) and whose first words begin with `letters` (none after a title): *H. Aliyev* is *Heydar
    /// Aliyev*, also when the store has no short form *Aliyev* of him. Each with the term.
    func familyNameMatches(rest: NormalizedName, letters: [UInt8], language: String?) -> [(entry: Int32, term: Term)] {
        let restWords = latinWords(of: rest.normalized, language: language)
        guard let lastWord = restWords.last else { return [] }
        var probes = [String(lastWord)]
        if let keyLast = rest.key.split(separator: " ").last, keyLast != lastWord { probes.append(String(keyLast)) }
        var found: [(entry: Int32, term: Term)] = [], seen = Set<Int32>()
        for probe in probes {
            for entry in familyNames.entries(for: probe).prefix(Self.familyNameReadLimit)
            where seen.insert(entry).inserted {
                let term = storedTerm(Int(entry))
                let words = latinWords(of: term.text, language: term.language.description)
                guard words.count >= restWords.count + letters.count,
                      words.suffix(restWords.count).elementsEqual(restWords),
                      words.prefix(letters.count).map({ $0.utf8.first }).elementsEqual(letters.map(Optional.some))
                else { continue }
                found.append((entry, term))
            }
        }
        return found
    }

    /// The full names of two words or more (not acronyms) by the last word of their key and of their Latin key, built
    /// on the first name with initials or a title that needs it (a batch without any never pays for it).
    ///
    /// Two threads that need it at once may both build it (a few milliseconds to a second, by the store's size); the
    /// first one stored is kept and read by all, without a lock.
    var familyNames: KeyIndex {
        if let built = familyNameReference.load() { return built.index }
        var builder = KeyIndex.Builder()
        for source in [byKey, byLatinKey] {
            for number in 0..<source.count {
                let key = source.key(number)
                guard let space = key.lastIndex(of: 0x20) else { continue }
                let lastWord = key[(space + 1)...]
                for entry in source.entries(ofKey: number) {
                    let indexed = entries[Int(entry)]
                    guard indexed.isFullName, !indexed.isAcronym else { continue }
                    lastWord.withUnsafeBufferPointer { builder.add($0, entry: entry) }
                }
            }
        }
        return familyNameReference.storeIfNil(FamilyNameIndex(builder.finish())).index
    }
}

/// ``EntityMatcher/familyNames``, published once built.
final class FamilyNameIndex: Sendable {
    let index: KeyIndex

    init(_ index: KeyIndex) { self.index = index }
}
