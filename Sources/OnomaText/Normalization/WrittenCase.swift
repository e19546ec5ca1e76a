/// How a text uses letter case, which tells a proper name (*Erevan*) from a lower-case word (*russe*, *ucraino*)
/// and from an acronym (*OTAN*).
///
/// The text linker takes from it what surface a term needs to match (a capitalized term wants a capitalized word);
/// the matcher's transcription and fuzzy steps take a lower-case word as no spelling of a capitalized name (Italian
/// *Ucraina* is not a misspelt *ucraino*, the language).
///
/// ```swift
/// WrittenCase.of("Erevan")                         // .capitalized
/// WrittenCase.of("ministère russe de la Défense")  // .innerCapital
/// WrittenCase.of("თბილისი")                        // .uncased
/// ```
package enum WrittenCase: UInt8, Sendable {
    /// Letters in lower case only (*russe*, *drone*, *armée russe*): a word or a description rather than a name.
    case lowercase
    /// No letter of a script with case (Arabic, Georgian, Han), or no letter at all.
    case uncased
    /// The first letter is upper case: proper names (*Erevan*, *Caucase du Sud*).
    case capitalized
    /// A lower-case first word and a capital later (*ministère russe de la Défense*, *de Gaulle*).
    case innerCapital
    /// Two letters or more, all capitals (*OTAN*, *AP*).
    case acronym

    /// Whether the text is written as a name is in a script with case: capitalized or with a capital inside. All
    /// capitals and all lower case say nothing (a headline, a name typed in haste).
    package var isNameCase: Bool { self == .capitalized || self == .innerCapital }

    /// How `text` is written.
    package static func of(_ text: String) -> WrittenCase {
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII, most texts: no Unicode property look-up.
            var letters = 0
            var upper = 0
            var firstUpper: Bool?
            for byte in text.utf8 {
                let isUpper = byte >= 0x41 && byte <= 0x5A
                guard isUpper || (byte >= 0x61 && byte <= 0x7A) else { continue }
                letters += 1
                if isUpper { upper += 1 }
                if firstUpper == nil { firstUpper = isUpper }
            }
            guard let firstUpper else { return .uncased }
            if letters >= 2 && upper == letters { return .acronym }
            return firstUpper ? .capitalized : upper > 0 ? .innerCapital : .lowercase
        }
        var letters = 0
        var upper = 0
        var firstUpper: Bool?
        for scalar in text.unicodeScalars {
            let letterCase = scalar.value < Self.casesBelow ? Self.cases[Int(scalar.value)] : Self.letterCase(scalar)
            if letterCase == 0 { continue }
            letters += 1
            let isUpper = letterCase == 2
            if isUpper { upper += 1 }
            if firstUpper == nil { firstUpper = isUpper }
        }
        guard let firstUpper else { return .uncased }  // Arabic, Georgian, Han …
        if letters >= 2 && upper == letters { return .acronym }
        return firstUpper ? .capitalized : upper > 0 ? .innerCapital : .lowercase
    }

    /// A letter's case for ``of(_:)``: 0 for no cased letter, 1 lower case, 2 upper or title case.
    static func letterCase(_ scalar: Unicode.Scalar) -> UInt8 {
        let properties = scalar.properties
        guard properties.isAlphabetic, !isGeorgian(scalar.value) else { return 0 }
        if properties.isUppercase || properties.generalCategory == .titlecaseLetter { return 2 }
        return properties.isLowercase ? 1 : 0
    }

    /// Whether `value` is a Georgian letter: Georgian is written without capitals (Unicode makes its everyday
    /// Mkhedruli letters lower case, and its Mtavruli capitals serve for text in capitals only), so its names are
    /// uncased, as Arabic or Han ones, not lower-case descriptions.
    package static func isGeorgian(_ value: UInt32) -> Bool {
        (0x10D0...0x10FF).contains(value) || (0x1C90...0x1CBF).contains(value)
    }

    /// ``letterCase(_:)`` of every code point below ``casesBelow`` (the alphabets, before CJK), computed once: four
    /// property look-ups per character of every non-ASCII term were a quarter of the text linker's build.
    static let casesBelow: UInt32 = 0x3400
    static let cases: [UInt8] = (0..<casesBelow).map { value in Unicode.Scalar(value).map(letterCase) ?? 0 }
}
