import OnomaGlossary
import Synchronization

extension EntityMatcher {
    /// A full name found with more or fewer given names than the query has (step 4f).
    struct GivenNameMatch {
        /// The entry whose term was found.
        var entry: Int32
        /// The query's transcription key that found it.
        var key: String
        /// The stored term's transcription key.
        var storedKey: String
        /// The words only the query has (its middle names, a patronymic), or only the stored name has (given names
        /// the query leaves out), one space between them.
        var otherWords: String
        /// Whether ``otherWords`` are the query's (the stored name has fewer words).
        var queryHasMore: Bool
    }

    /// Whether the words `short` are the words of the person's name `long` with given names left out: fewer words,
    /// the same last word (the family name), and either the same first word (middle names or a patronymic left out:
    /// *Kassym Tokayev* for *Kassym-Jomart Tokayev*, *Sergueï Lavrov* for *Sergueï Viktorovitch Lavrov*) or, with
    /// `leading`, the last words of `long` (the first given names left out: *Tayyip Erdoğan*, *Lula da Silva*).
    ///
    /// Words are transcription keys' words, so the spellings of two conventions meet (*Kassym Tokaïev*, *Kassym-Jomart
    /// Tokayev*). Leaving out leading words keeps two words of three letters or more: *da Silva* alone is a family
    /// name many people share, not *Lula da Silva*.
    static func leavesOutGivenNames(_ short: [Substring], of long: [Substring], leading: Bool) -> Bool {
        guard short.count >= 2, short.count < long.count, short.last == long.last else { return false }
        if short.first == long.first {
            // A subsequence: the words left out are between the first and the last.
            var next = long.startIndex
            for word in short {
                guard let found = long[next...].firstIndex(of: word) else { return false }
                next = found + 1
            }
            return true
        }
        return leading && long.suffix(short.count).elementsEqual(short)
            && short.lazy.filter { $0.utf8.count >= 3 }.count >= 2
    }

    /// The full names of people (and of concepts of a glossary that gives no type) that a transcription key of the
    /// query names with more or fewer given names (``leavesOutGivenNames(_:of:leading:)``, either way): *Tayyip
    /// Erdoğan* is *Recep Tayyip Erdoğan*, *Ilham Heydar oglu Aliyev* is *Ilham Aliyev*. A query that leaves out
    /// the stored name's first given names is one; a query with words before the stored name's first is not (*Moscow
    /// Vladimir Putin*).
    ///
    /// Only keys with as many words as their name has as written (split at spaces and hyphens) are compared, the
    /// query's and the stored names': a romanization's apostrophe is no word boundary (Ukrainian *В'ячеслав*,
    /// *V'yacheslav*, is one given name, whose *v* is no initial).
    ///
    /// - Parameters:
    ///   - keys: the query's transcription keys.
    ///   - generic: those of `keys` that are generic-word keys (a name's other words), which are not read.
    ///   - writtenWords: the number of words of the query as written.
    func givenNameMatches(keys: [String], generic: Set<String>, writtenWords: Int) -> [GivenNameMatch] {
        guard writtenWords >= 2 else { return [] }
        let index = personLastWords
        var found: [GivenNameMatch] = []
        for key in keys {
            // Every name the store lacks comes here: the last word is found on the key's bytes, and most keys end
            // there, with no full name of a person ending so.
            var bytes = key
            let named = bytes.withUTF8 { utf8 -> ArraySlice<Int32> in
                var spaces = 0, lastWord = 0
                for (offset, byte) in utf8.enumerated() where byte == 0x20 {
                    spaces += 1
                    lastWord = offset + 1
                }
                guard spaces + 1 == writtenWords else { return [] }
                return index.entries(for: UnsafeBufferPointer(rebasing: utf8[lastWord...]))
            }
            guard !named.isEmpty, !generic.contains(key) else { continue }
            let words = key.split(separator: " ")
            guard words.count == writtenWords else { continue }
            let transcription = transcriptionIndex
            var seen = Set<Int32>()
            for entry in named.prefix(Self.familyNameReadLimit) where seen.insert(entry).inserted {
                guard Self.titledTypes.contains(concepts[Int(entries[Int(entry)].concept)].type) else { continue }
                let storedWritten = Self.writtenWordCount(storedTerm(Int(entry)).text)
                for pair in transcription.pairs(ofEntry: Int(entry)) {
                    let stored = transcription.byTranscription.key(Int(transcription.pairKeys[Int(pair)]))
                    let storedWords = stored.split(separator: 0x20).map {
                        Substring(String(decoding: $0, as: UTF8.self))
                    }
                    guard storedWords.count == storedWritten else { continue }
                    let queryHasMore: Bool
                    if Self.leavesOutGivenNames(words, of: storedWords, leading: true) {
                        queryHasMore = false
                    } else if Self.leavesOutGivenNames(storedWords, of: words, leading: false) {
                        queryHasMore = true
                    } else {
                        continue
                    }
                    let (short, long) = queryHasMore ? (storedWords, words) : (words, storedWords)
                    var remaining = short[...]
                    var others: [Substring] = []
                    for word in long {
                        if remaining.first == word { remaining.removeFirst() } else { others.append(word) }
                    }
                    found.append(GivenNameMatch(entry: entry, key: key,
                                                storedKey: String(decoding: stored, as: UTF8.self),
                                                otherWords: others.joined(separator: " "), queryHasMore: queryHasMore))
                    break
                }
            }
        }
        return found
    }

    /// The number of words of `text` as written: what spaces and hyphens separate (*Kassym-Jomart Tokayev*, three).
    static func writtenWordCount(_ text: String) -> Int {
        text.utf8.split(whereSeparator: { $0 == 0x20 || $0 == 0x2D }).count
    }

    /// The full names of two words or more of concepts that are not generated (a gazetteer names places), by the last
    /// word of each of their transcription keys; built by the first query that reaches step 4f. Not the terms written
    /// in lower case: a description's words are no given names (Turkish *silahlı insansız hava aracı*, an armed drone,
    /// is not *insansız hava aracı*, a drone). Its concepts' types are read by the query, so that the build decodes no
    /// concept.
    ///
    /// Two threads that need it at once may both build it; the first one stored is kept and read by all, without a
    /// lock.
    var personLastWords: KeyIndex {
        if let built = personLastWordReference.load() { return built.index }
        let transcription = transcriptionIndex
        var builder = KeyIndex.Builder()
        for (number, entry) in entries.enumerated()
        where entry.isFullName && !entry.isAcronym && !entry.isLowercase && !generated[Int(entry.concept)] {
            for pair in transcription.pairs(ofEntry: number) {
                let key = transcription.byTranscription.key(Int(transcription.pairKeys[Int(pair)]))
                guard let space = key.lastIndex(of: 0x20) else { continue }
                key[(space + 1)...].withUnsafeBufferPointer { builder.add($0, entry: Int32(number)) }
            }
        }
        return personLastWordReference.storeIfNil(FamilyNameIndex(builder.finish())).index
    }
}
