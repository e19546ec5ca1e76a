/// A native compiler and interpreter for the subset of ICU transform-rule syntax that the transcription tables use,
/// giving the same output as ICU's rule-based transliterator for every input.
///
/// ICU's rule interpretation (`TransliterationRuleSet::transliterate` and the `UnicodeString` edits behind it) was
/// over a third of the CPU of linking unseen text; the tables are small and simple, so a direct interpreter over
/// code points does the same work without ICU's per-rule virtual matchers and string replacement.
///
/// Supported: phases separated by `::Null ;`; the passes `::NFC ;`, `::Lower ;` and `::Latin-ASCII ;` (run through
/// ICU's own transliterators, and skipped when the text is already in their target form); conversion rules
/// `ante { key } post > output ;` with the anchors `^` and `$`, the cursor mark `|` at the start (or end) of the
/// output, literal letters, quoted literals, escapes, the sets `[abc]`, `[b-df-h]`, `[^a-z\ ]` and `[:L:]`, variables
/// `$V = [...] ;`, and comments. Anything else makes ``init(rules:)`` return nil, and the caller keeps ICU for that
/// table.
///
/// Semantics reproduced (ICU user guide, "Transforms / Rule syntax", and `rbt.cpp`, `rbt_set.cpp`): within a phase
/// the cursor walks the text; at each position the first rule in file order whose ante-context, key and
/// post-context match wins; the ante-context is matched against the already rewritten text before the cursor, key
/// and post-context against the text not yet processed; after a replacement the cursor moves past the output, or
/// to its `|` mark, the output after the mark being processed again; when no rule matches, the cursor advances one
/// code point.
///
/// `Sendable` notes: an immutable value once compiled; each call works on its own buffers.
package struct NativeTransform: Sendable {
    /// One step of the compound transform.
    enum Pass: Sendable {
        /// ICU's `Any-NFC`.
        case nfc
        /// ICU's `Any-Lower`.
        case lower
        /// ICU's `Latin-ASCII`.
        case latinASCII
        /// One block of conversion rules.
        case rules(Phase)
    }

    /// The steps, in order.
    let passes: [Pass]

    /// Compiles `rules`; nil when the text uses syntax outside the supported subset (or that this parser rejects:
    /// ICU then reports the error, with its location, as before).
    package init?(rules: String) {
        var parser = Parser(rules)
        guard let passes = try? parser.parse() else { return nil }
        self.passes = passes
    }

    /// Transforms `text` as ICU's transliterator compiled from the same rules would.
    ///
    /// - Parameter system: the pool that serves ICU's `Any-NFC`, `Any-Lower` and `Latin-ASCII` when the text is not
    ///   already in their target form.
    package func apply(_ text: String, system: ICU.TransliteratorPool = .shared) throws(ICUError) -> String {
        if text.isEmpty { return "" }
        var scalars = Self.scalars(text)
        var spare: [UInt32] = []
        for pass in passes {
            switch pass {
            case .nfc:
                // Code points below U+0300 neither compose with a following character nor decompose.
                if scalars.allSatisfy({ $0 < 0x300 }) { continue }
                scalars = Self.scalars(try system.transform(Self.string(scalars), with: "Any-NFC"))
            case .lower:
                if scalars.allSatisfy({ $0 < 0x80 }) {
                    // ASCII lower-casing is all `Any-Lower` does to ASCII text.
                    for i in scalars.indices where scalars[i] >= 0x41 && scalars[i] <= 0x5A { scalars[i] += 0x20 }
                    continue
                }
                scalars = Self.scalars(try system.transform(Self.string(scalars), with: "Any-Lower"))
            case .latinASCII:
                // `Latin-ASCII` has no rule for an ASCII character.
                if scalars.allSatisfy({ $0 < 0x80 }) { continue }
                scalars = Self.scalars(try system.transform(Self.string(scalars), with: "Latin-ASCII"))
            case .rules(let phase):
                phase.run(&scalars, into: &spare)
                swap(&scalars, &spare)
            }
            if scalars.isEmpty { return "" }
        }
        return Self.string(scalars)
    }

    static func scalars(_ text: String) -> [UInt32] {
        var out: [UInt32] = []
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars { out.append(scalar.value) }
        return out
    }

    static func string(_ scalars: [UInt32]) -> String {
        if scalars.allSatisfy({ $0 < 0x80 }) {
            return String(unsafeUninitializedCapacity: scalars.count) { buffer in
                for (i, scalar) in scalars.enumerated() { buffer[i] = UInt8(truncatingIfNeeded: scalar) }
                return scalars.count
            }
        }
        var view = String.UnicodeScalarView()
        for value in scalars { view.append(Unicode.Scalar(value) ?? "\u{FFFD}") }
        return String(view)
    }
}

// MARK: - Compiled rules

extension NativeTransform {
    /// A set of code points: listed characters and ranges, optionally ICU's `[:L:]`, optionally negated.
    struct ScalarSet: Sendable {
        var ranges: [ClosedRange<UInt32>] = []
        /// ICU's `[:L:]` (general category L*).
        var letters = false
        var negated = false
        /// Membership of U+0000…U+007F, negation applied.
        private(set) var ascii: (UInt64, UInt64) = (0, 0)

        mutating func freeze() {
            ascii = (0, 0)
            for c in UInt32(0)..<0x80 where slowContains(c) {
                if c < 64 { ascii.0 |= 1 << UInt64(c) } else { ascii.1 |= 1 << UInt64(c - 64) }
            }
        }

        @inline(__always) func contains(_ c: UInt32) -> Bool {
            if c < 64 { return ascii.0 & (1 << UInt64(c)) != 0 }
            if c < 128 { return ascii.1 & (1 << UInt64(c - 64)) != 0 }
            return slowContains(c)
        }

        private func slowContains(_ c: UInt32) -> Bool {
            var inside = ranges.contains { $0.contains(c) }
            if !inside, letters, let scalar = Unicode.Scalar(c) { inside = Self.isLetter(scalar) }
            return inside != negated
        }

        /// Whether ICU 72 (Unicode 15.0) gives `scalar` a letter category: characters assigned after Unicode 15.0
        /// are unassigned (Cn) there.
        static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
            let properties = scalar.properties
            guard let age = properties.age, age.major < 15 || (age.major == 15 && age.minor == 0) else { return false }
            switch properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
            default: return false
            }
        }
    }

    /// One element of a pattern: a code point or a set of them.
    enum Unit: Sendable {
        case scalar(UInt32)
        case set(ScalarSet)

        @inline(__always) func matches(_ c: UInt32) -> Bool {
            switch self {
            case .scalar(let s): return s == c
            case .set(let set): return set.contains(c)
            }
        }
    }

    /// A conversion rule `^ ante { key } post $ > output ;`.
    struct Rule: Sendable {
        var ante: [Unit] = []
        var anchoredStart = false
        var key: [Unit] = []
        var post: [Unit] = []
        var anchoredEnd = false
        var output: [UInt32] = []
        /// Where `|` stands in the output; nil for after it.
        var cursor: Int?
    }

    /// A block of conversion rules, applied in one walk of the text.
    ///
    /// The rules are flattened into plain values (units as ASCII bitmaps, contexts and outputs as ranges of shared
    /// arrays) so that the walk retains and releases nothing: with the rules kept as arrays of enums, reference
    /// counting was a large part of the walk. A class, so that taking a phase out of ``NativeTransform/passes``
    /// retains one object rather than each of its arrays.
    final class Phase: Sendable {
        /// A unit of a pattern as a plain value: its ASCII members as a bitmap, else a non-ASCII code point or a set.
        struct Matcher: Sendable {
            var ascii: (UInt64, UInt64) = (0, 0)
            /// The non-ASCII code point a literal matches, or `UInt32.max`.
            var literal = UInt32.max
            /// The set (in ``Phase/sets``) that decides non-ASCII code points, or -1.
            var set: Int32 = -1
        }

        /// A rule as ranges of ``Phase/matchers`` and ``Phase/outputs``.
        struct Flat: Sendable {
            var ante = 0..<0
            var key = 0..<0
            var post = 0..<0
            var output = 0..<0
            var anchoredStart = false
            var anchoredEnd = false
            /// Whether the output goes back in front of the unprocessed text (a `|` at its start).
            var again = false
        }

        private let matchers: [Matcher]
        private let sets: [ScalarSet]
        private let outputs: [UInt32]
        private let flat: [Flat]
        /// Per ASCII code point c, `byASCII[start[c]..<start[c + 1]]` are the rules whose key can start with it, in
        /// file order.
        private let byASCII: [Int32]
        private let asciiStart: [Int32]
        /// The rules whose key can start with a non-ASCII code point, in file order.
        private let other: [Int32]

        init(rules: [Rule]) {
            var matchers: [Matcher] = []
            var sets: [ScalarSet] = []
            var outputs: [UInt32] = []
            var flat: [Flat] = []
            func add(_ units: [Unit]) -> Range<Int> {
                let start = matchers.count
                for unit in units {
                    var matcher = Matcher()
                    for c in UInt32(0)..<0x80 where unit.matches(c) {
                        if c < 64 { matcher.ascii.0 |= 1 << UInt64(c) } else { matcher.ascii.1 |= 1 << UInt64(c - 64) }
                    }
                    switch unit {
                    case .scalar(let s): if s >= 0x80 { matcher.literal = s }
                    case .set(let set):
                        matcher.set = Int32(sets.count)
                        sets.append(set)
                    }
                    matchers.append(matcher)
                }
                return start..<matchers.count
            }
            for rule in rules {
                var f = Flat()
                f.ante = add(rule.ante)
                f.key = add(rule.key)
                f.post = add(rule.post)
                f.output = outputs.count..<(outputs.count + rule.output.count)
                outputs += rule.output
                f.anchoredStart = rule.anchoredStart
                f.anchoredEnd = rule.anchoredEnd
                f.again = rule.cursor == 0 && !rule.output.isEmpty
                flat.append(f)
            }
            var byASCII: [Int32] = []
            var asciiStart: [Int32] = []
            var other: [Int32] = []
            for c in UInt32(0)..<0x80 {
                asciiStart.append(Int32(byASCII.count))
                for (n, rule) in rules.enumerated() where rule.key[0].matches(c) { byASCII.append(Int32(n)) }
            }
            asciiStart.append(Int32(byASCII.count))
            for (n, rule) in rules.enumerated() {
                switch rule.key[0] {
                case .scalar(let s): if s >= 0x80 { other.append(Int32(n)) }
                case .set: other.append(Int32(n))
                }
            }
            (self.matchers, self.sets, self.outputs, self.flat) = (matchers, sets, outputs, flat)
            (self.byASCII, self.asciiStart, self.other) = (byASCII, asciiStart, other)
        }

        @inline(__always) private static func matches(
            _ m: Matcher, _ c: UInt32, _ sets: UnsafeBufferPointer<ScalarSet>
        ) -> Bool {
            if c < 64 { return m.ascii.0 & (1 << UInt64(c)) != 0 }
            if c < 128 { return m.ascii.1 & (1 << UInt64(c - 64)) != 0 }
            if c == m.literal { return true }
            return m.set >= 0 && sets[Int(m.set)].contains(c)
        }

        /// Rewrites `text` into `out` (cleared first). `text` is used as the work buffer for output that a `|`
        /// sends back to be processed again.
        func run(_ text: inout [UInt32], into out: inout [UInt32]) {
            out.removeAll(keepingCapacity: true)
            out.reserveCapacity(text.count + 8)
            matchers.withUnsafeBufferPointer { matchers in
            sets.withUnsafeBufferPointer { sets in
            outputs.withUnsafeBufferPointer { outputs in
            flat.withUnsafeBufferPointer { flat in
            byASCII.withUnsafeBufferPointer { byASCII in
            asciiStart.withUnsafeBufferPointer { asciiStart in
            other.withUnsafeBufferPointer { other in
                var i = 0
                while i < text.count {
                    let c = text[i]
                    let candidates = c < 0x80
                        ? UnsafeBufferPointer(rebasing: byASCII[Int(asciiStart[Int(c)])..<Int(asciiStart[Int(c) + 1])])
                        : UnsafeBufferPointer(rebasing: other[...])
                    var matched = false
                    rules: for n in candidates {
                        let rule = flat[Int(n)]
                        let keyEnd = i + rule.key.count
                        let postEnd = keyEnd + rule.post.count
                        if postEnd > text.count || (rule.anchoredEnd && postEnd != text.count) { continue }
                        let anteCount = rule.ante.count
                        if anteCount > out.count || (rule.anchoredStart && anteCount != out.count) { continue }
                        var at = i
                        for m in rule.key {
                            if !Self.matches(matchers[m], text[at], sets) { continue rules }
                            at += 1
                        }
                        for m in rule.post {
                            if !Self.matches(matchers[m], text[at], sets) { continue rules }
                            at += 1
                        }
                        at = out.count - anteCount
                        for m in rule.ante {
                            if !Self.matches(matchers[m], out[at], sets) { continue rules }
                            at += 1
                        }
                        matched = true
                        let output = UnsafeBufferPointer(rebasing: outputs[rule.output])
                        if rule.again && output.count <= keyEnd {
                            // The output goes back in front of the unprocessed text.
                            i = keyEnd - output.count
                            for (k, s) in output.enumerated() { text[i + k] = s }
                        } else if rule.again {
                            text = Array(output) + text[keyEnd...]
                            i = 0
                        } else {
                            out.append(contentsOf: output)
                            i = keyEnd
                        }
                        break
                    }
                    if !matched {
                        out.append(c)
                        i += 1
                    }
                }
            }}}}}}}
        }
    }
}

// MARK: - Parser

extension NativeTransform {
    /// Raised for syntax outside the supported subset.
    struct Unsupported: Error {}

    /// Parses rule text into passes.
    struct Parser {
        private let text: [Unicode.Scalar]
        private var variables: [String: [Unit]] = [:]

        init(_ rules: String) { text = Array(rules.unicodeScalars) }

        mutating func parse() throws(Unsupported) -> [Pass] {
            var passes: [Pass] = []
            var block: [Rule] = []
            func flush() {
                if !block.isEmpty { passes.append(.rules(Phase(rules: block))) }
                block = []
            }
            for statement in try statements() {
                if statement.first == ":" {
                    guard statement.count > 2, statement[1] == ":" else { throw Unsupported() }
                    let id = String(String.UnicodeScalarView(statement[2...]))
                    flush()
                    switch id {
                    case "Null": break
                    case "NFC", "Any-NFC": passes.append(.nfc)
                    case "Lower", "Any-Lower": passes.append(.lower)
                    case "Latin-ASCII": passes.append(.latinASCII)
                    default: throw Unsupported()
                    }
                } else if let equals = statement.firstIndex(of: "=") {
                    guard statement.first == "$" else { throw Unsupported() }
                    let name = String(String.UnicodeScalarView(statement[1..<equals]))
                    guard !name.isEmpty, name.unicodeScalars.allSatisfy(Self.isIdentifier) else { throw Unsupported() }
                    let value = try units(statement[(equals + 1)...])
                    guard value.markers.isEmpty, !value.anchoredStart, !value.anchoredEnd else { throw Unsupported() }
                    variables[name] = value.units
                } else {
                    block.append(try rule(statement))
                }
            }
            flush()
            return passes
        }

        /// The statements (up to `;`) with comments and unquoted white space removed, quotes and escapes kept.
        private func statements() throws(Unsupported) -> [[Unicode.Scalar]] {
            var statements: [[Unicode.Scalar]] = []
            var current: [Unicode.Scalar] = []
            var i = 0
            var inSet = 0
            while i < text.count {
                let c = text[i]
                switch c {
                case "#" where inSet == 0:
                    while i < text.count, text[i] != "\n" { i += 1 }
                    continue
                case "'":
                    // Copied as is, quotes included, for the side parser.
                    current.append(c)
                    i += 1
                    while i < text.count, text[i] != "'" {
                        current.append(text[i])
                        i += 1
                    }
                    guard i < text.count else { throw Unsupported() }
                    current.append("'")
                case "\\":
                    guard i + 1 < text.count else { throw Unsupported() }
                    current.append(c)
                    current.append(text[i + 1])
                    i += 1
                case "[": inSet += 1; current.append(c)
                case "]": inSet -= 1; current.append(c)
                case ";" where inSet == 0:
                    if !current.isEmpty { statements.append(current) }
                    current = []
                default:
                    if !c.properties.isPatternWhitespace { current.append(c) }
                }
                i += 1
            }
            guard current.isEmpty, inSet == 0 else { throw Unsupported() }
            return statements
        }

        private func rule(_ statement: [Unicode.Scalar]) throws(Unsupported) -> Rule {
            // Exactly one forward arrow; other arrows and operators are outside the subset.
            let arrows = statement.indices.filter { statement[$0] == ">" && !Self.quoted($0, in: statement) }
            guard arrows.count == 1 else { throw Unsupported() }
            let arrow = arrows[0]
            let left = try units(statement[..<arrow])
            var rule = Rule()
            rule.anchoredStart = left.anchoredStart
            rule.anchoredEnd = left.anchoredEnd
            let open = left.markers.first { $0.marker == "{" }?.at
            let close = left.markers.first { $0.marker == "}" }?.at
            guard left.markers.count == (open == nil ? 0 : 1) + (close == nil ? 0 : 1),
                  left.markers.filter({ $0.marker == "{" }).count <= 1,
                  left.markers.filter({ $0.marker == "}" }).count <= 1
            else { throw Unsupported() }
            let keyStart = open ?? 0
            let keyEnd = close ?? left.units.count
            guard keyStart < keyEnd else { throw Unsupported() }
            rule.ante = Array(left.units[..<keyStart])
            rule.key = Array(left.units[keyStart..<keyEnd])
            rule.post = Array(left.units[keyEnd...])
            let right = try units(statement[(arrow + 1)...])
            guard !right.anchoredStart, !right.anchoredEnd, right.markers.allSatisfy({ $0.marker == "|" }),
                  right.markers.count <= 1
            else { throw Unsupported() }
            for unit in right.units {
                guard case .scalar(let s) = unit else { throw Unsupported() }
                rule.output.append(s)
            }
            rule.cursor = right.markers.first?.at
            // ICU puts a mark inside the output somewhere other than where it stands (`a > bc | d ;` on "aa" gives
            // "bfebce" when `c > f ;` follows); the tables only use a mark at the start, whose meaning is checked.
            if let cursor = rule.cursor, cursor != 0, cursor != rule.output.count { throw Unsupported() }
            return rule
        }

        /// Whether position `i` of a statement lies inside quotes.
        private static func quoted(_ i: Int, in statement: [Unicode.Scalar]) -> Bool {
            var inside = false
            var j = 0
            while j < i {
                if statement[j] == "\\" { j += 2; continue }
                if statement[j] == "'" { inside.toggle() }
                j += 1
            }
            return inside
        }

        private static func isIdentifier(_ c: Unicode.Scalar) -> Bool {
            c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "_"
        }

        /// Literal code points ICU takes without quotes: letters, marks, digits.
        private static func isLiteral(_ c: Unicode.Scalar) -> Bool {
            if c.isASCII { return ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c) }
            let category = c.properties.generalCategory
            switch category {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                 .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber:
                return true
            default:
                return false
            }
        }

        /// One side of a rule: its units, with the positions of `{`, `}`, `|` among them, and its anchors.
        private func units(_ side: ArraySlice<Unicode.Scalar>) throws(Unsupported)
            -> (units: [Unit], markers: [(marker: Unicode.Scalar, at: Int)], anchoredStart: Bool, anchoredEnd: Bool)
        {
            var units: [Unit] = []
            var markers: [(marker: Unicode.Scalar, at: Int)] = []
            var anchoredStart = false
            var anchoredEnd = false
            let s = Array(side)
            var i = 0
            while i < s.count {
                let c = s[i]
                guard !anchoredEnd else { throw Unsupported() }
                switch c {
                case "'":
                    i += 1
                    let start = i
                    while i < s.count, s[i] != "'" {
                        units.append(.scalar(s[i].value))
                        i += 1
                    }
                    // `''` is a literal apostrophe; a quote right after a closing one (`'a''b'`) is not supported.
                    if i == start { units.append(.scalar(0x27)) }
                    if i + 1 < s.count, s[i + 1] == "'" { throw Unsupported() }
                case "\\":
                    guard i + 1 < s.count, s[i + 1] != "u", s[i + 1] != "U", s[i + 1] != "x", s[i + 1] != "N"
                    else { throw Unsupported() }
                    i += 1
                    units.append(.scalar(s[i].value))
                case "[":
                    let (set, next) = try parseSet(s, from: i)
                    units.append(.set(set))
                    i = next
                    continue
                case "{", "}", "|":
                    markers.append((c, units.count))
                case "^":
                    guard units.isEmpty, markers.isEmpty, !anchoredStart else { throw Unsupported() }
                    anchoredStart = true
                case "$":
                    var j = i + 1
                    while j < s.count, Self.isIdentifier(s[j]) { j += 1 }
                    if j == i + 1 {
                        anchoredEnd = true
                    } else {
                        guard let value = variables[String(String.UnicodeScalarView(s[(i + 1)..<j]))]
                        else { throw Unsupported() }
                        units += value
                        i = j
                        continue
                    }
                default:
                    guard Self.isLiteral(c) else { throw Unsupported() }
                    units.append(.scalar(c.value))
                }
                i += 1
            }
            // `$` ends the post-context: nothing but the end of the pattern may follow it.
            return (units, markers, anchoredStart, anchoredEnd)
        }

        /// Parses `[...]` at `start`: listed characters, ranges, `^` negation, or exactly `[:L:]`.
        private func parseSet(_ s: [Unicode.Scalar], from start: Int) throws(Unsupported) -> (ScalarSet, Int) {
            var set = ScalarSet()
            var i = start + 1
            if i < s.count, s[i] == ":" {
                let property = ":L:]"
                guard i + 4 <= s.count, String(String.UnicodeScalarView(s[i..<(i + 4)])) == property
                else { throw Unsupported() }
                set.letters = true
                set.freeze()
                return (set, i + 4)
            }
            if i < s.count, s[i] == "^" {
                set.negated = true
                i += 1
            }
            var previous: UInt32?
            while true {
                guard i < s.count else { throw Unsupported() }
                var c = s[i]
                if c == "]" { break }
                switch c {
                case "[", "$", "&", "{", "}", ":", "'": throw Unsupported()
                case "-":
                    // A range `a-b`: a literal before and after.
                    guard let low = previous, i + 1 < s.count, s[i + 1] != "]", s[i + 1] != "-" else {
                        throw Unsupported()
                    }
                    i += 1
                    c = s[i]
                    if c == "\\" {
                        guard i + 1 < s.count else { throw Unsupported() }
                        i += 1
                        c = s[i]
                    } else if !Self.isLiteral(c) {
                        throw Unsupported()
                    }
                    guard low <= c.value else { throw Unsupported() }
                    set.ranges[set.ranges.count - 1] = low...c.value
                    previous = nil
                    i += 1
                    continue
                case "\\":
                    guard i + 1 < s.count, !["u", "U", "x", "N", "p", "P"].contains(s[i + 1]) else {
                        throw Unsupported()
                    }
                    i += 1
                    c = s[i]
                default:
                    guard Self.isLiteral(c) else { throw Unsupported() }
                }
                set.ranges.append(c.value...c.value)
                previous = c.value
                i += 1
            }
            set.freeze()
            return (set, i + 1)
        }
    }
}
