internal import CICU
import Synchronization

/// A native compiler and interpreter for the subset of ICU transform-rule syntax that the transcription tables and
/// some of ICU's own transliterators (`Han-Latin`) use, giving the same output as ICU's rule-based transliterator.
///
/// ICU's rule interpretation (`TransliterationRuleSet::transliterate` and the `UnicodeString` edits behind it) was
/// over a third of the CPU of linking unseen text; the tables are small and simple, so a direct interpreter over
/// code points does the same work without ICU's per-rule virtual matchers and string replacement.
///
/// Supported: phases separated by `::Null ;`; the passes `::NFC ;`, `::Lower ;` and `::Latin-ASCII ;` (skipped when
/// the text is already in their target form, mapped character by character by ``LatinPasses`` on Latin text, else
/// run through ICU's own transliterators) and any other `::ID ;` (run through ICU); conversion rules `ante { key } post > output ;` (also `→`, and the forward half of `<>`/`↔`;
/// reverse-only rules are skipped) with the anchors `^` and `$`, the cursor mark `|` at the start (or end) of the
/// output, literal characters, quoted literals, escapes (`\u0020`), the quantifiers `?`, `*` and `+` on one element,
/// any UnicodeSet pattern ICU parses without strings (`[abc]`, `[^[:L:][:M:]]`, `[$vowels - [Йй]]`; ICU itself
/// parses each set, so membership is ICU's), variables `$V = ... ;`, and comments. Anything else makes
/// ``init(rules:)`` return nil, and the caller keeps ICU for those rules.
///
/// Semantics reproduced (ICU user guide, "Transforms / Rule syntax", and `rbt.cpp`, `rbt_set.cpp`): within a phase
/// the cursor walks the text; at each position the first rule in file order whose ante-context, key and
/// post-context match wins; the ante-context is matched against the already rewritten text before the cursor, key
/// and post-context against the text not yet processed; after a replacement the cursor moves past the output, or
/// to its `|` mark, the output after the mark being processed again; when no rule matches, the cursor advances one
/// code point. The key must end before the limit of the text being rewritten; the contexts may reach to the ends of
/// its context (``Phase/run(_:start:limit:into:)``). A set that holds U+FFFF (a negated one) matches, without
/// consuming anything, at either end of the context (ICU's "ether"); a quantified element takes as many matches as it
/// can and never gives one back (ICU's `Quantifier`).
///
/// `Sendable` notes: an immutable value once compiled; each call works on its own buffers.
package struct NativeTransform: Sendable {
    /// One step of the compound transform.
    package enum Pass: Sendable {
        /// ICU's `Any-NFC`.
        case nfc
        /// ICU's `Any-Lower`.
        case lower
        /// ICU's `Latin-ASCII`.
        case latinASCII
        /// Another transliterator of ICU's (`::Han-Spacedhan ;`), by its forward ID.
        case system(String)
        /// One block of conversion rules.
        case rules(Phase)

        /// The ID of the ICU transliterator that runs this step; nil for a block of rules, which runs natively.
        package var systemID: String? {
            switch self {
            case .nfc: "Any-NFC"
            case .lower: "Any-Lower"
            case .latinASCII: "Latin-ASCII"
            case .system(let id): id
            case .rules: nil
            }
        }
    }

    /// The steps, in order.
    package let passes: [Pass]
    /// The global filter `::[...] ;` (ICU UnicodeSet pattern text), which only ICU applies: see
    /// ``NativeTransliterators``.
    package let filter: String?

    /// Compiles `rules`; nil when the text uses syntax outside the supported subset (or that this parser rejects:
    /// ICU then reports the error, with its location, as before), or has a global filter.
    package init?(rules: String) {
        self.init(compiling: rules)
        if filter != nil { return nil }
    }

    /// Compiles `rules`, keeping a global filter in ``filter``.
    init?(compiling rules: String) {
        var parser = Parser(rules)
        guard let passes = try? parser.parse() else { return nil }
        self.passes = passes
        self.filter = parser.filter
        // The character maps of those passes are read from ICU now, with the rules, rather than by the first name
        // with a diacritic (about a millisecond, which the first lines of a linked text paid).
        if passes.contains(where: { pass in
            switch pass {
            case .nfc, .lower, .latinASCII: true
            default: false
            }
        }) {
            _ = LatinPasses.shared
        }
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
                if LatinPasses.shared?.isNFC(scalars) == true { continue }
                scalars = Self.scalars(try system.transform(Self.string(scalars), with: pass.systemID!))
            case .lower:
                if scalars.allSatisfy({ $0 < 0x80 }) {
                    // ASCII lower-casing is all `Any-Lower` does to ASCII text.
                    for i in scalars.indices where scalars[i] >= 0x41 && scalars[i] <= 0x5A { scalars[i] += 0x20 }
                    continue
                }
                if let latin = LatinPasses.shared,
                   let lowered = latin.apply(latin.lower, to: scalars,
                                             ascii: { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 })
                {
                    scalars = lowered
                    continue
                }
                scalars = Self.scalars(try system.transform(Self.string(scalars), with: pass.systemID!))
            case .latinASCII:
                // `Latin-ASCII` has no rule for an ASCII character.
                if scalars.allSatisfy({ $0 < 0x80 }) { continue }
                if let latin = LatinPasses.shared, let folded = latin.apply(latin.ascii, to: scalars) {
                    scalars = folded
                    continue
                }
                scalars = Self.scalars(try system.transform(Self.string(scalars), with: pass.systemID!))
            case .system(let id):
                scalars = Self.scalars(try system.transform(Self.string(scalars), with: id))
            case .rules(let phase):
                // Most blocks of a table have no rule for most names (the diacritics block on ASCII names).
                if !phase.mayChange(scalars) { continue }
                phase.run(&scalars, start: 0, limit: scalars.count, into: &spare)
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
        // UTF-8 written directly: appending to a `String.UnicodeScalarView` grew the string one scalar at a time.
        var count = 0
        for value in scalars {
            count += value < 0x80 ? 1 : value < 0x800 ? 2 : value < 0x10000 ? 3 : 4
        }
        return String(unsafeUninitializedCapacity: count) { buffer in
            var i = 0
            for value in scalars {
                // A surrogate code point is no scalar: U+FFFD, as `Unicode.Scalar(_:)` failing gave before.
                let value = (0xD800..<0xE000).contains(value) || value > 0x10FFFF ? 0xFFFD : value
                switch value {
                case ..<0x80:
                    buffer[i] = UInt8(value)
                    i += 1
                case ..<0x800:
                    buffer[i] = UInt8(0xC0 | (value >> 6))
                    buffer[i + 1] = UInt8(0x80 | (value & 0x3F))
                    i += 2
                case ..<0x10000:
                    buffer[i] = UInt8(0xE0 | (value >> 12))
                    buffer[i + 1] = UInt8(0x80 | ((value >> 6) & 0x3F))
                    buffer[i + 2] = UInt8(0x80 | (value & 0x3F))
                    i += 3
                default:
                    buffer[i] = UInt8(0xF0 | (value >> 18))
                    buffer[i + 1] = UInt8(0x80 | ((value >> 12) & 0x3F))
                    buffer[i + 2] = UInt8(0x80 | ((value >> 6) & 0x3F))
                    buffer[i + 3] = UInt8(0x80 | (value & 0x3F))
                    i += 4
                }
            }
            return i
        }
    }
}

// MARK: - Compiled rules

extension NativeTransform {
    /// A set of code points, as ICU parsed it: sorted, disjoint ranges, and its strings (`[{ու} ա]`).
    struct ScalarSet: Sendable {
        var ranges: [ClosedRange<UInt32>] = []
        /// The set's strings, longest first: ICU's `UnicodeSet::matches` takes the longest string that matches, and
        /// a single code point only when none does.
        var strings: [[UInt32]] = []
        /// Membership of U+0000…U+007F.
        private(set) var ascii: (UInt64, UInt64) = (0, 0)

        init(ranges: [ClosedRange<UInt32>]) {
            self.ranges = ranges
            for c in UInt32(0)..<0x80 where slowContains(c) {
                if c < 64 { ascii.0 |= 1 << UInt64(c) } else { ascii.1 |= 1 << UInt64(c - 64) }
            }
        }

        /// Parses the UnicodeSet pattern `pattern` with ICU, as ICU's rule parser would; nil for a pattern ICU
        /// rejects.
        init?(pattern: String) {
            if let ranges = Self.literalRanges(pattern) {
                self.init(ranges: ranges)
                return
            }
            // Most of ICU's rule files share a few property sets (`[^[:L:][:M:][:N:]]`), which ICU builds slowly.
            if let known = Self.parsed.withLock({ $0[pattern] }) {
                guard let known else { return nil }
                self = known
                return
            }
            let set = Self(parsingWithICU: pattern)
            Self.parsed.withLock { $0[pattern] = .some(set) }
            guard let set else { return nil }
            self = set
        }

        /// Patterns ICU has parsed in this process, and their sets (nil for a pattern refused).
        private static let parsed = Mutex<[String: ScalarSet?]>([:])

        private init?(parsingWithICU pattern: String) {
            let units = Array(pattern.utf16)
            var capacity = 64
            while true {
                var pairs = [UInt32](repeating: 0, count: capacity * 2)
                var strings: Int32 = 0
                var status: Int32 = 0
                let count = Int(cicu_set_ranges(units, Int32(units.count), &pairs, Int32(capacity), &strings,
                                                &status))
                if status == CICU_BUFFER_OVERFLOW_ERROR {
                    capacity = count
                    continue
                }
                guard status <= 0 else { return nil }
                self.init(ranges: (0..<count).map { pairs[2 * $0]...pairs[2 * $0 + 1] })
                if strings != 0 {
                    guard let found = Self.strings(units) else { return nil }
                    self.strings = found.sorted { $0.count > $1.count }
                }
                return
            }
        }

        /// The strings of a pattern, as code points; nil when ICU fails or one is empty.
        private static func strings(_ units: [UInt16]) -> [[UInt32]]? {
            var capacity = 256
            while true {
                var buffer = [UInt16](repeating: 0, count: capacity)
                var status: Int32 = 0
                let total = Int(cicu_set_strings(units, Int32(units.count), &buffer, Int32(capacity), &status))
                if status == CICU_BUFFER_OVERFLOW_ERROR {
                    capacity = total
                    continue
                }
                guard status <= 0 else { return nil }
                let strings = buffer[..<total].split(separator: 0, omittingEmptySubsequences: false).dropLast()
                    .map { String(decoding: $0, as: UTF16.self).unicodeScalars.map(\.value) }
                return strings.contains(where: \.isEmpty) ? nil : strings
            }
        }

        /// The ranges of a set written as non-ASCII characters and ranges of them only (`[锕阿𠼞]`, `[㐀-㐅]`),
        /// sorted and merged; nil for any other pattern. ICU reads such a pattern the same way, and parsing
        /// `Han-Latin`'s 1,465 sets through ICU was a large part of its compilation.
        static func literalRanges(_ pattern: String) -> [ClosedRange<UInt32>]? {
            let s = Array(pattern.unicodeScalars)
            guard s.count > 2, s.first == "[", s.last == "]" else { return nil }
            var ranges: [ClosedRange<UInt32>] = []
            var i = 1
            let end = s.count - 1
            while i < end {
                // Non-ASCII but not white space (ICU skips U+0085, U+200E, U+200F, U+2028, U+2029 in a set).
                func plain(_ c: UInt32) -> Bool { c >= 0x80 && c != 0x85 && !(0x200E...0x2029).contains(c) }
                let c = s[i].value
                guard plain(c) else { return nil }
                if i + 2 < end, s[i + 1] == "-" {
                    let high = s[i + 2].value
                    guard plain(high), c <= high else { return nil }
                    ranges.append(c...high)
                    i += 3
                } else {
                    ranges.append(c...c)
                    i += 1
                }
            }
            ranges.sort { $0.lowerBound < $1.lowerBound }
            var merged: [ClosedRange<UInt32>] = []
            for range in ranges {
                if let last = merged.last, range.lowerBound <= last.upperBound &+ 1 {
                    merged[merged.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
                } else {
                    merged.append(range)
                }
            }
            return merged
        }

        @inline(__always) func contains(_ c: UInt32) -> Bool {
            if c < 64 { return ascii.0 & (1 << UInt64(c)) != 0 }
            if c < 128 { return ascii.1 & (1 << UInt64(c - 64)) != 0 }
            return slowContains(c)
        }

        private func slowContains(_ c: UInt32) -> Bool {
            var low = 0
            var high = ranges.count
            while low < high {
                let mid = (low + high) / 2
                if ranges[mid].upperBound < c { low = mid + 1 } else { high = mid }
            }
            return low < ranges.count && ranges[low].contains(c)
        }

        /// The number of code points.
        var count: Int { ranges.reduce(0) { $0 + Int($1.upperBound - $1.lowerBound) + 1 } }
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

    /// A unit with how many times in a row it must match: once, or per a quantifier.
    struct Element: Sendable {
        var unit: Unit
        var min = 1
        var max = 1

        var isSingle: Bool { min == 1 && max == 1 }
    }

    /// A conversion rule `^ ante { key } post $ > output ;`.
    struct Rule: Sendable {
        var ante: [Element] = []
        var anchoredStart = false
        var key: [Element] = []
        var post: [Element] = []
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
    /// retains one object rather than each of its arrays. The walk's tables are buffers the phase allocates once and
    /// never writes after `init` (freed in `deinit`): immutable shared data, hence `@unchecked Sendable`.
    package final class Phase: @unchecked Sendable {
        /// A unit of a pattern as a plain value: its ASCII members as a bitmap, else a non-ASCII code point or a set.
        struct Matcher: Sendable {
            var ascii: (UInt64, UInt64) = (0, 0)
            /// The non-ASCII code point a literal matches, or `UInt32.max`.
            var literal = UInt32.max
            /// The set (in ``Phase/sets``) that decides non-ASCII code points, or -1 for a literal.
            var set: Int32 = -1
            /// Whether the set holds U+FFFF, so that it matches nothing at either end of the context.
            var ether = false
            /// Whether the set holds strings, which only the general matcher tries.
            var strings = false
            /// How many matches in a row (1 and 1 but for a quantified element).
            var min: Int32 = 1
            var max: Int32 = 1
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
            /// Whether every element matches one code point and no set of the contexts matches at the ends, so the
            /// rule's lengths are fixed (the fast path of ``Phase/run(_:start:limit:into:)``).
            var simple = true
        }

        private let matchers: UnsafeMutableBufferPointer<Matcher>
        private let sets: UnsafeMutableBufferPointer<ScalarSet>
        private let outputs: UnsafeMutableBufferPointer<UInt32>
        private let flat: UnsafeMutableBufferPointer<Flat>
        /// Per ASCII code point c, `byASCII[start[c]..<start[c + 1]]` are the rules whose key can start with it, in
        /// file order.
        private let byASCII: UnsafeMutableBufferPointer<Int32>
        private let asciiStart: UnsafeMutableBufferPointer<Int32>
        /// Per non-ASCII code point that some rule's key starts with, its rules in file order, as a range of
        /// `byScalar`; code points not in it have only the `wide` rules.
        private let scalarRules: [UInt32: Range<Int32>]
        private let byScalar: UnsafeMutableBufferPointer<Int32>
        /// The rules whose first key element matches too many code points to list (or nothing at all), in file order.
        private let wide: UnsafeMutableBufferPointer<Int32>

        /// The ASCII code points some rule's key can start with.
        private let asciiTriggers: (UInt64, UInt64)
        /// Per rule, what the code point after the key's first must be, checked before the rule is read.
        private let gates: UnsafeMutableBufferPointer<Gate>

        /// For a fixed-length rule whose key and post-context hold two or more elements, the ASCII code points its
        /// second element matches and whether it matches any non-ASCII one; others pass every code point.
        struct Gate: Sendable {
            var ascii: (UInt64, UInt64) = (~0, ~0)
            var nonASCII = true
            /// Whether the rule needs a code point after its first (false: the gate passes everything).
            var required = false

            /// Whether the rule may match with `d` after its first code point (`UInt32.max`: the text ends there).
            @inline(__always) func admits(_ d: UInt32) -> Bool {
                guard required else { return true }
                if d == UInt32.max { return false }
                if d < 64 { return ascii.0 & (1 << UInt64(d)) != 0 }
                if d < 0x80 { return ascii.1 & (1 << UInt64(d - 64)) != 0 }
                return nonASCII
            }
        }

        /// Code points a set may hold for its rule to be listed under each of them rather than tried everywhere.
        private static let listLimit = 4096

        init(rules: [Rule]) {
            var matchers: [Matcher] = []
            var sets: [ScalarSet] = []
            var outputs: [UInt32] = []
            var flat: [Flat] = []
            func add(_ elements: [Element], context: Bool, simple: inout Bool) -> Range<Int> {
                let start = matchers.count
                for element in elements {
                    var matcher = Matcher()
                    switch element.unit {
                    case .scalar(let s):
                        if s < 64 {
                            matcher.ascii.0 = 1 << UInt64(s)
                        } else if s < 0x80 {
                            matcher.ascii.1 = 1 << UInt64(s - 64)
                        } else {
                            matcher.literal = s
                        }
                    case .set(let set):
                        matcher.ascii = set.ascii
                        matcher.set = Int32(sets.count)
                        matcher.ether = set.contains(0xFFFF)
                        matcher.strings = !set.strings.isEmpty
                        sets.append(set)
                    }
                    matcher.min = Int32(element.min)
                    matcher.max = Int32(clamping: element.max)
                    if !element.isSingle || (context && matcher.ether) || matcher.strings { simple = false }
                    matchers.append(matcher)
                }
                return start..<matchers.count
            }
            for rule in rules {
                var f = Flat()
                f.ante = add(rule.ante, context: true, simple: &f.simple)
                f.key = add(rule.key, context: false, simple: &f.simple)
                f.post = add(rule.post, context: true, simple: &f.simple)
                f.output = outputs.count..<(outputs.count + rule.output.count)
                outputs += rule.output
                f.anchoredStart = rule.anchoredStart
                f.anchoredEnd = rule.anchoredEnd
                f.again = rule.cursor == 0 && !rule.output.isEmpty
                flat.append(f)
            }
            // The ASCII code points each rule's key can start with: a first key element that may match zero times
            // lets the rule start with anything, a set's strings with their first code points. (Bitmaps, so that the
            // 128 passes below copy no rules: with `Han-Latin`'s 1,470, that was a third of its compilation.)
            var starts: [(UInt64, UInt64)] = []
            starts.reserveCapacity(rules.count)
            for (n, rule) in rules.enumerated() {
                var bits = matchers[flat[n].key.lowerBound].ascii
                if rule.key[0].min == 0 { bits = (~0, ~0) }
                if case .set(let set) = rule.key[0].unit {
                    for string in set.strings where string[0] < 0x80 {
                        let c = string[0]
                        if c < 64 { bits.0 |= 1 << UInt64(c) } else { bits.1 |= 1 << UInt64(c - 64) }
                    }
                }
                starts.append(bits)
            }
            var byASCII: [Int32] = []
            var asciiStart: [Int32] = []
            for c in UInt64(0)..<0x80 {
                asciiStart.append(Int32(byASCII.count))
                for n in starts.indices {
                    let bits = starts[n]
                    if c < 64 ? bits.0 & (1 << c) != 0 : bits.1 & (1 << (c - 64)) != 0 { byASCII.append(Int32(n)) }
                }
            }
            asciiStart.append(Int32(byASCII.count))
            // Non-ASCII: a list per code point that a rule's first key element names, merged in file order with the
            // wide rules (tried at every code point). Built from sorted (code point, rule) pairs: a dictionary of
            // arrays took most of `Han-Latin`'s compilation (45,000 code points).
            var pairs: [UInt64] = []
            var wide: [Int32] = []
            for (n, rule) in rules.enumerated() {
                let first = rule.key[0]
                var listed = false
                if first.min > 0 {
                    switch first.unit {
                    case .scalar(let s):
                        if s >= 0x80 { pairs.append(UInt64(s) << 32 | UInt64(n)) }
                        listed = true
                    case .set(let set) where set.count <= Self.listLimit && set.strings.isEmpty:
                        for range in set.ranges where range.upperBound >= 0x80 {
                            for c in max(range.lowerBound, 0x80)...range.upperBound {
                                pairs.append(UInt64(c) << 32 | UInt64(n))
                            }
                        }
                        listed = true
                    case .set: break
                    }
                }
                if !listed { wide.append(Int32(n)) }
            }
            pairs.sort()
            var scalarRules: [UInt32: Range<Int32>] = [:]
            scalarRules.reserveCapacity(pairs.count)
            var byScalar: [Int32] = []
            byScalar.reserveCapacity(pairs.count)
            var p = 0
            while p < pairs.count {
                let c = UInt32(pairs[p] >> 32)
                let begin = byScalar.count
                var w = 0
                while p < pairs.count, UInt32(pairs[p] >> 32) == c {
                    let n = Int32(truncatingIfNeeded: pairs[p])
                    while w < wide.count, wide[w] < n {
                        byScalar.append(wide[w])
                        w += 1
                    }
                    byScalar.append(n)
                    p += 1
                }
                byScalar += wide[w...]
                scalarRules[c] = Int32(begin)..<Int32(byScalar.count)
            }
            self.gates = Self.buffer(flat.map { rule in
                var gate = Gate()
                guard rule.simple else { return gate }
                let second = rule.key.count >= 2 ? rule.key.lowerBound + 1
                    : rule.post.isEmpty ? nil : rule.post.lowerBound
                guard let second else { return gate }
                let m = matchers[second]
                gate.ascii = m.ascii
                gate.nonASCII = m.literal != UInt32.max || m.set >= 0
                gate.required = true
                return gate
            })
            var triggers: (UInt64, UInt64) = (0, 0)
            for c in 0..<0x80 where asciiStart[c + 1] > asciiStart[c] {
                if c < 64 { triggers.0 |= 1 << UInt64(c) } else { triggers.1 |= 1 << UInt64(c - 64) }
            }
            self.asciiTriggers = triggers
            (self.matchers, self.sets) = (Self.buffer(matchers), Self.buffer(sets))
            (self.outputs, self.flat) = (Self.buffer(outputs), Self.buffer(flat))
            (self.byASCII, self.asciiStart) = (Self.buffer(byASCII), Self.buffer(asciiStart))
            (self.scalarRules, self.byScalar, self.wide) = (scalarRules, Self.buffer(byScalar), Self.buffer(wide))
        }

        deinit {
            for buffer in [byASCII, asciiStart, byScalar, wide] { Self.free(buffer) }
            Self.free(matchers)
            Self.free(sets)
            Self.free(outputs)
            Self.free(flat)
            Self.free(gates)
        }

        /// A buffer holding a copy of `values` (one element allocated at least, so that its base is never nil).
        private static func buffer<T>(_ values: [T]) -> UnsafeMutableBufferPointer<T> {
            let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: max(1, values.count))
            _ = buffer.initialize(from: values)
            return UnsafeMutableBufferPointer(start: buffer.baseAddress, count: values.count)
        }

        private static func free<T>(_ buffer: UnsafeMutableBufferPointer<T>) {
            buffer.deinitialize()
            buffer.deallocate()
        }

        /// Whether ``run(_:start:limit:into:)`` over the whole of `text` could change it: false when no rule's key
        /// can start at any of its code points, so that the walk would only copy it.
        func mayChange(_ text: [UInt32]) -> Bool {
            for c in text {
                if c < 64 {
                    if asciiTriggers.0 & (1 << UInt64(c)) != 0 { return true }
                } else if c < 0x80 {
                    if asciiTriggers.1 & (1 << UInt64(c - 64)) != 0 { return true }
                } else if !wide.isEmpty || scalarRules[c] != nil {
                    return true
                }
            }
            return false
        }

        @inline(__always) private static func matches(
            _ m: Matcher, _ c: UInt32, _ sets: UnsafeBufferPointer<ScalarSet>
        ) -> Bool {
            if c < 64 { return m.ascii.0 & (1 << UInt64(c)) != 0 }
            if c < 128 { return m.ascii.1 & (1 << UInt64(c - 64)) != 0 }
            if c == m.literal { return true }
            return m.set >= 0 && sets[Int(m.set)].contains(c)
        }

        /// One match of `m` forward at `cursor` in `text` (up to its end, the context limit), as ICU's matchers do:
        /// a set at the end matches nothing when it holds U+FFFF.
        @inline(__always) private static func matchForward(
            _ m: Matcher, _ text: UnsafeBufferPointer<UInt32>, _ cursor: inout Int,
            _ sets: UnsafeBufferPointer<ScalarSet>
        ) -> Bool {
            if cursor == text.count { return m.set >= 0 && m.ether }
            if m.strings {
                for string in sets[Int(m.set)].strings where cursor + string.count <= text.count {
                    if string.indices.allSatisfy({ text[cursor + $0] == string[$0] }) {
                        cursor += string.count
                        return true
                    }
                }
            }
            guard matches(m, text[cursor], sets) else { return false }
            cursor += 1
            return true
        }

        /// One match of `m` backward at `cursor` (the code point before the one last matched) in `text`, whose
        /// start is the context start.
        @inline(__always) private static func matchBackward(
            _ m: Matcher, _ text: UnsafeBufferPointer<UInt32>, _ cursor: inout Int,
            _ sets: UnsafeBufferPointer<ScalarSet>
        ) -> Bool {
            if cursor < 0 { return m.set >= 0 && m.ether }
            if m.strings {
                for string in sets[Int(m.set)].strings where cursor + 1 >= string.count {
                    let first = cursor + 1 - string.count
                    if string.indices.allSatisfy({ text[first + $0] == string[$0] }) {
                        cursor = first - 1
                        return true
                    }
                }
            }
            guard matches(m, text[cursor], sets) else { return false }
            cursor -= 1
            return true
        }

        /// A quantified element (ICU's `Quantifier::matches`): as many matches as allowed, stopping at the first
        /// failure or at a match that consumed nothing; fails, cursor unmoved, with fewer than its minimum.
        @inline(__always) private static func matchRepeated(
            _ m: Matcher, forward: Bool, _ text: UnsafeBufferPointer<UInt32>, _ cursor: inout Int,
            _ sets: UnsafeBufferPointer<ScalarSet>
        ) -> Bool {
            let start = cursor
            var count: Int32 = 0
            while count < m.max {
                let before = cursor
                let matched = forward ? matchForward(m, text, &cursor, sets) : matchBackward(m, text, &cursor, sets)
                guard matched else { break }
                count += 1
                if cursor == before { break }
            }
            if count >= m.min { return true }
            cursor = start
            return false
        }

        /// Where the key of `rule` ends when the rule matches at `i`, or nil: the general matcher (ICU's
        /// `TransliterationRule::matchAndReplace`), for rules with quantifiers or sets that match at the ends.
        private static func match(
            _ rule: Flat, at i: Int, limit: Int, text: UnsafeBufferPointer<UInt32>, out: UnsafeBufferPointer<UInt32>,
            _ matchers: UnsafeBufferPointer<Matcher>, _ sets: UnsafeBufferPointer<ScalarSet>
        ) -> Int? {
            var cursor = out.count - 1
            for n in rule.ante.reversed() {
                let m = matchers[n]
                if m.min == 1 && m.max == 1 {
                    guard matchBackward(m, out, &cursor, sets) else { return nil }
                } else {
                    guard matchRepeated(m, forward: false, out, &cursor, sets) else { return nil }
                }
            }
            if rule.anchoredStart && cursor != -1 { return nil }
            cursor = i
            var keyEnd = -1
            let keyCount = rule.key.count
            for (k, n) in (rule.key.lowerBound..<rule.post.upperBound).enumerated() {
                if k < keyCount && cursor == limit { return nil }
                if k == keyCount { keyEnd = cursor }
                let m = matchers[n]
                if m.min == 1 && m.max == 1 {
                    guard matchForward(m, text, &cursor, sets) else { return nil }
                } else {
                    guard matchRepeated(m, forward: true, text, &cursor, sets) else { return nil }
                }
            }
            if keyEnd < 0 { keyEnd = cursor }
            if rule.anchoredEnd && cursor != text.count { return nil }
            return keyEnd
        }

        /// Code points in a buffer that starts on the stack (a slice of `withUnsafeTemporaryAllocation`) and moves to
        /// the heap when it must grow.
        private struct Scratch {
            var base: UnsafeMutablePointer<UInt32>
            var count = 0
            var capacity: Int
            var onHeap = false

            init(_ buffer: UnsafeMutableBufferPointer<UInt32>) {
                base = buffer.baseAddress!
                capacity = buffer.count
            }

            /// An empty buffer on the heap.
            init(heapCapacity: Int) {
                base = UnsafeMutablePointer<UInt32>.allocate(capacity: Swift.max(1, heapCapacity))
                capacity = Swift.max(1, heapCapacity)
                onHeap = true
            }

            @inline(__always) mutating func reserve(_ extra: Int) {
                if count + extra > capacity { grow(to: count + extra) }
            }

            mutating func grow(to needed: Int) {
                let newCapacity = Swift.max(needed, capacity * 2)
                let moved = UnsafeMutablePointer<UInt32>.allocate(capacity: newCapacity)
                moved.initialize(from: base, count: count)
                if onHeap { base.deallocate() }
                (base, capacity, onHeap) = (moved, newCapacity, true)
            }

            @inline(__always) mutating func append(_ c: UInt32) {
                reserve(1)
                base[count] = c
                count += 1
            }

            @inline(__always) mutating func append(_ values: UnsafeBufferPointer<UInt32>) {
                // An empty array's buffer may have no base address.
                guard let source = values.baseAddress, !values.isEmpty else { return }
                reserve(values.count)
                (base + count).initialize(from: source, count: values.count)
                count += values.count
            }

            var buffer: UnsafeBufferPointer<UInt32> { UnsafeBufferPointer(start: base, count: count) }

            func free() {
                if onHeap { base.deallocate() }
            }
        }

        /// Rewrites `text[start..<limit]`: `out` (cleared first) receives `text[..<start]`, the ante-context, and
        /// then the rewritten part. The contexts reach from the start of `text` to its end; `text` is left as it was.
        ///
        /// The walk reads and writes raw buffers on the stack: with Swift arrays, the uniqueness and capacity checks
        /// of every appended code point and the retains of the tables were most of a short name's cost.
        func run(_ text: inout [UInt32], start: Int, limit: Int, into out: inout [UInt32]) {
            // Room for the text, which `|` rules rewrite in place, and twice its length of output.
            let textRoom = text.count + 1
            let outRoom = 2 * text.count + 16
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: textRoom + outRoom) { scratch in
                var work = Scratch(UnsafeMutableBufferPointer(rebasing: scratch[..<textRoom]))
                var result = Scratch(UnsafeMutableBufferPointer(rebasing: scratch[textRoom...]))
                text.withUnsafeBufferPointer { work.append($0) }
                result.append(UnsafeBufferPointer(start: work.base, count: start))
                walk(&work, start: start, limit: limit, into: &result)
                out.removeAll(keepingCapacity: true)
                out.append(contentsOf: result.buffer)
                work.free()
                result.free()
            }
        }

        private func walk(_ text: inout Scratch, start: Int, limit: Int, into out: inout Scratch) {
            let matchers = UnsafeBufferPointer(self.matchers), sets = UnsafeBufferPointer(self.sets)
            let outputs = self.outputs.baseAddress!, flat = self.flat.baseAddress!, gates = self.gates.baseAddress!
            let byASCII = self.byASCII.baseAddress!, asciiStart = self.asciiStart.baseAddress!
            let byScalar = self.byScalar.baseAddress!, wide = UnsafeBufferPointer(self.wide)
            var limit = limit
            var i = start
            while i < limit {
                let c = text.base[i]
                let candidates: UnsafeBufferPointer<Int32>
                if c < 0x80 {
                    let first = Int(asciiStart[Int(c)])
                    candidates = UnsafeBufferPointer(start: byASCII + first, count: Int(asciiStart[Int(c) + 1]) - first)
                } else if let range = scalarRules[c] {
                    candidates = UnsafeBufferPointer(start: byScalar + Int(range.lowerBound), count: range.count)
                } else {
                    candidates = wide
                }
                var matched = false
                let next = i + 1 < text.count ? text.base[i + 1] : UInt32.max
                rules: for n in candidates {
                    if !gates[Int(n)].admits(next) { continue }
                    let rule = flat[Int(n)]
                    let keyEnd: Int
                    if rule.simple {
                        keyEnd = i + rule.key.count
                        let postEnd = keyEnd + rule.post.count
                        if keyEnd > limit || postEnd > text.count || (rule.anchoredEnd && postEnd != text.count) {
                            continue
                        }
                        let anteCount = rule.ante.count
                        if anteCount > out.count || (rule.anchoredStart && anteCount != out.count) { continue }
                        var at = i
                        for m in rule.key {
                            if !Self.matches(matchers[m], text.base[at], sets) { continue rules }
                            at += 1
                        }
                        for m in rule.post {
                            if !Self.matches(matchers[m], text.base[at], sets) { continue rules }
                            at += 1
                        }
                        at = out.count - anteCount
                        for m in rule.ante {
                            if !Self.matches(matchers[m], out.base[at], sets) { continue rules }
                            at += 1
                        }
                    } else {
                        guard let found = Self.match(rule, at: i, limit: limit, text: text.buffer, out: out.buffer,
                                                     matchers, sets)
                        else { continue }
                        keyEnd = found
                    }
                    matched = true
                    let output = UnsafeBufferPointer(start: outputs + rule.output.lowerBound, count: rule.output.count)
                    if rule.again && output.count <= keyEnd {
                        // The output goes back in front of the unprocessed text.
                        i = keyEnd - output.count
                        for (k, s) in output.enumerated() { text.base[i + k] = s }
                    } else if rule.again {
                        // Longer than what lies before it: the unprocessed text starts afresh with the output.
                        var rebuilt = Scratch(heapCapacity: output.count + text.count - keyEnd)
                        rebuilt.append(output)
                        rebuilt.append(UnsafeBufferPointer(start: text.base + keyEnd, count: text.count - keyEnd))
                        text.free()
                        text = rebuilt
                        limit += output.count - keyEnd
                        i = 0
                    } else {
                        out.append(output)
                        i = keyEnd
                    }
                    break
                }
                if !matched {
                    out.append(c)
                    i += 1
                }
            }
            // What lies past the limit is post-context only.
        }
    }
}

// MARK: - Parser

extension NativeTransform {
    /// Raised for syntax outside the supported subset.
    struct Unsupported: Error {}

    /// Parses rule text into passes (the forward direction).
    struct Parser {
        private let text: [Unicode.Scalar]
        private var variables: [String: [Element]] = [:]
        /// Per variable whose value is one set or one code point, that value as UnicodeSet pattern text, for sets
        /// that name the variable (`[$vowels $consonants]`).
        private var setTexts: [String: String] = [:]
        /// The global filter, `::[...] ;` before the first rule or pass.
        private(set) var filter: String?

        init(_ rules: String) { text = Array(rules.unicodeScalars) }

        mutating func parse() throws(Unsupported) -> [Pass] {
            var passes: [Pass] = []
            var block: [Rule] = []
            var started = false
            func flush() {
                if !block.isEmpty { passes.append(.rules(Phase(rules: block))) }
                block = []
            }
            for statement in try statements() {
                if statement.count >= 2, statement[0] == ":", statement[1] == ":" {
                    let body = Array(statement[2...])
                    // `::ID(reverse ID) ;`: the forward ID is what stands before the parenthesis.
                    var forward = body
                    if let open = Self.topLevelIndex(of: "(", in: body) {
                        guard body.last == ")" else { throw Unsupported() }
                        forward = Array(body[..<open])
                    }
                    let id = String(String.UnicodeScalarView(forward))
                    if id.isEmpty { continue }  // a reverse-only ID or filter
                    if forward.first == "[", let (pattern, next) = try? setPattern(forward[...], at: 0),
                       next == forward.count {
                        // A lone set: the global filter before everything else; ICU rejects it elsewhere.
                        guard !started, filter == nil, ScalarSet(pattern: pattern) != nil else { throw Unsupported() }
                        filter = pattern
                        continue
                    }
                    started = true
                    flush()
                    switch id.lowercased() {
                    case "null": break
                    case "nfc", "any-nfc": passes.append(.nfc)
                    case "lower", "any-lower": passes.append(.lower)
                    case "latin-ascii": passes.append(.latinASCII)
                    default: passes.append(.system(id))
                    }
                } else if statement.first == "$", let equals = statement.firstIndex(of: "="),
                          statement[1..<equals].allSatisfy(Self.isIdentifier), equals > 1 {
                    let name = String(String.UnicodeScalarView(statement[1..<equals]))
                    let value = statement[(equals + 1)...]
                    let parsed = try units(value)
                    guard parsed.markers.isEmpty, !parsed.anchoredStart, !parsed.anchoredEnd else {
                        throw Unsupported()
                    }
                    variables[name] = parsed.units
                    setTexts[name] = nil
                    if let (pattern, next) = try? setPattern(value, at: value.startIndex), next == value.endIndex {
                        setTexts[name] = pattern
                    } else if parsed.units.count == 1, parsed.units[0].isSingle,
                              case .scalar(let c) = parsed.units[0].unit {
                        setTexts[name] = "\\x{" + String(c, radix: 16) + "}"
                    }
                } else {
                    started = true
                    if let rule = try rule(statement) { block.append(rule) }
                }
            }
            flush()
            return passes
        }

        /// The index of the first `target` in `s` outside quotes, escapes and sets.
        private static func topLevelIndex(of target: Unicode.Scalar, in s: [Unicode.Scalar]) -> Int? {
            var depth = 0
            var quoted = false
            var i = 0
            while i < s.count {
                let c = s[i]
                if c == "\\" && !quoted {
                    i += 2
                    continue
                }
                if c == "'" { quoted.toggle() }
                if !quoted {
                    if c == "[" { depth += 1 } else if c == "]" { depth -= 1 } else if c == target && depth == 0 {
                        return i
                    }
                }
                i += 1
            }
            return nil
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
                    if !Self.isPatternWhitespace(c) {
                        current.append(c)
                    } else if Self.endsWithVariable(current),
                              let next = text[(i + 1)...].first(where: { !Self.isPatternWhitespace($0) }),
                              Self.isIdentifier(next) {
                        // White space ends a variable's name (`n $apostrophe g`): one space is kept there.
                        current.append(" ")
                    }
                }
                i += 1
            }
            guard current.isEmpty, inSet == 0 else { throw Unsupported() }
            return statements
        }

        /// A conversion rule, or nil for one that only works in the reverse direction.
        private func rule(_ statement: [Unicode.Scalar]) throws(Unsupported) -> Rule? {
            // Exactly one arrow: `>` `→` forward, `<>` `↔` both ways, `<` `←` reverse only.
            var arrows: [(at: Int, length: Int, forward: Bool, both: Bool)] = []
            var depth = 0
            var i = 0
            while i < statement.count {
                let c = statement[i]
                if c == "\\" {
                    i += 2
                    continue
                }
                if c == "'" {
                    i += 1
                    while i < statement.count, statement[i] != "'" { i += 1 }
                } else if c == "[" {
                    depth += 1
                } else if c == "]" {
                    depth -= 1
                } else if depth == 0 {
                    switch c {
                    case ">", "→": arrows.append((i, 1, true, false))
                    case "↔": arrows.append((i, 1, true, true))
                    case "←": arrows.append((i, 1, false, false))
                    case "<":
                        if i + 1 < statement.count, statement[i + 1] == ">" {
                            arrows.append((i, 2, true, true))
                            i += 1
                        } else {
                            arrows.append((i, 1, false, false))
                        }
                    default: break
                    }
                }
                i += 1
            }
            guard arrows.count == 1 else { throw Unsupported() }
            let arrow = arrows[0]
            if !arrow.forward { return nil }
            let left = try units(statement[..<arrow.at])
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
            var right = try units(statement[(arrow.at + arrow.length)...])
            if arrow.both {
                // The output side's contexts serve the reverse direction only (ICU's `RuleHalf::removeContext`).
                let ante = right.markers.first { $0.marker == "{" }?.at ?? 0
                let post = right.markers.first { $0.marker == "}" }?.at ?? right.units.count
                guard ante <= post else { throw Unsupported() }
                right.units = Array(right.units[ante..<post])
                right.markers = right.markers.filter { $0.marker != "{" && $0.marker != "}" }
                    .map { ($0.marker, $0.at - ante) }
                right.anchoredStart = false
                right.anchoredEnd = false
            }
            guard !right.anchoredStart, !right.anchoredEnd, right.markers.allSatisfy({ $0.marker == "|" }),
                  right.markers.count <= 1
            else { throw Unsupported() }
            for element in right.units {
                guard element.isSingle, case .scalar(let s) = element.unit else { throw Unsupported() }
                rule.output.append(s)
            }
            rule.cursor = right.markers.first?.at
            // ICU puts a mark inside the output somewhere other than where it stands (`a > bc | d ;` on "aa" gives
            // "bfebce" when `c > f ;` follows); the tables only use a mark at the start, whose meaning is checked.
            if let cursor = rule.cursor, cursor != 0, cursor != rule.output.count { throw Unsupported() }
            return rule
        }

        /// Whether `s` ends with a variable's name (`$` and identifier characters).
        private static func endsWithVariable(_ s: [Unicode.Scalar]) -> Bool {
            var i = s.count - 1
            while i >= 0, isIdentifier(s[i]) { i -= 1 }
            return i >= 0 && i < s.count - 1 && s[i] == "$" && (i == 0 || s[i - 1] != "\\")
        }

        private static func isIdentifier(_ c: Unicode.Scalar) -> Bool {
            if c.isASCII {
                return ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c) || c == "_"
            }
            return c.properties.isAlphabetic
        }

        /// Code points ICU's rule parser takes without quotes: outside printable ASCII, anything but white space and
        /// the arrows; in it, letters and digits (`TransliteratorParser::parseSection`).
        private static func isLiteral(_ c: Unicode.Scalar) -> Bool {
            if c.isASCII { return ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c) }
            return !isPatternWhitespace(c) && c != "←" && c != "→" && c != "↔"
        }

        /// Unicode's Pattern_White_Space, a property that never changes: a table read per character of ICU's larger
        /// rule files (`Han-Latin`'s 164 KB) was a tenth of their compilation.
        private static func isPatternWhitespace(_ c: Unicode.Scalar) -> Bool {
            switch c.value {
            case 0x09...0x0D, 0x20, 0x85, 0x200E, 0x200F, 0x2028, 0x2029: return true
            default: return false
            }
        }

        /// The code point of the escape at `s[i]` (`\uXXXX`, `\UXXXXXXXX`, `\x{…}`, `\xXX`, `\c` for a literal c)
        /// and the index after it.
        private static func escape(_ s: [Unicode.Scalar], at i: Int) throws(Unsupported) -> (UInt32, Int) {
            guard i + 1 < s.count else { throw Unsupported() }
            func hex(_ from: Int, _ count: Int) throws(Unsupported) -> UInt32 {
                guard from + count <= s.count, count > 0,
                      let v = UInt32(String(String.UnicodeScalarView(s[from..<(from + count)])), radix: 16),
                      v <= 0x10FFFF
                else { throw Unsupported() }
                return v
            }
            switch s[i + 1] {
            case "u": return (try hex(i + 2, 4), i + 6)
            case "U": return (try hex(i + 2, 8), i + 10)
            case "x":
                if i + 2 < s.count, s[i + 2] == "{" {
                    guard let close = s[(i + 3)...].firstIndex(of: "}") else { throw Unsupported() }
                    return (try hex(i + 3, close - i - 3), close + 1)
                }
                return (try hex(i + 2, 2), i + 4)
            case "N", "p", "P", "t", "n", "r", "a", "b", "e", "f", "v": throw Unsupported()
            default: return (s[i + 1].value, i + 2)
            }
        }

        /// The UnicodeSet pattern at `s[i]` (`[...]`, `\p{...}`, `\P{...}`), with the variables it names written
        /// out, and the index after it.
        private func setPattern(_ s: ArraySlice<Unicode.Scalar>, at i: Int) throws(Unsupported) -> (String, Int) {
            var out = String.UnicodeScalarView()
            var j = i
            if s[j] == "\\" {
                guard j + 1 < s.endIndex, s[j + 1] == "p" || s[j + 1] == "P",
                      let close = s[j...].firstIndex(of: "}")
                else { throw Unsupported() }
                out.append(contentsOf: s[j...close])
                return (String(out), close + 1)
            }
            var depth = 0
            while j < s.endIndex {
                let c = s[j]
                switch c {
                case "\\":
                    guard j + 1 < s.endIndex else { throw Unsupported() }
                    out.append(c)
                    out.append(s[j + 1])
                    j += 2
                    continue
                case "'": throw Unsupported()
                case "[": depth += 1
                case "]": depth -= 1
                case "$":
                    var k = j + 1
                    while k < s.endIndex, Self.isIdentifier(s[k]) { k += 1 }
                    guard k > j + 1, let value = setTexts[String(String.UnicodeScalarView(s[(j + 1)..<k]))]
                    else { throw Unsupported() }
                    out.append(contentsOf: value.unicodeScalars)
                    j = k
                    continue
                default: break
                }
                out.append(c)
                j += 1
                if depth == 0 { return (String(out), j) }
            }
            throw Unsupported()
        }

        /// One side of a rule: its elements, with the positions of `{`, `}`, `|` among them, and its anchors.
        private func units(_ side: ArraySlice<Unicode.Scalar>) throws(Unsupported)
            -> (units: [Element], markers: [(marker: Unicode.Scalar, at: Int)], anchoredStart: Bool, anchoredEnd: Bool)
        {
            var units: [Element] = []
            var markers: [(marker: Unicode.Scalar, at: Int)] = []
            var anchoredStart = false
            var anchoredEnd = false
            let s = Array(side)
            // Where the last single element stands, for a quantifier after it; nil after anything else.
            var quantifiable: Int?
            var i = 0
            while i < s.count {
                let c = s[i]
                guard !anchoredEnd else { throw Unsupported() }
                var single: Int?
                switch c {
                case "'":
                    i += 1
                    let start = i
                    while i < s.count, s[i] != "'" {
                        units.append(Element(unit: .scalar(s[i].value)))
                        i += 1
                    }
                    // `''` is a literal apostrophe; a quote right after a closing one (`'a''b'`) is not supported.
                    if i == start { units.append(Element(unit: .scalar(0x27))) }
                    if i + 1 < s.count, s[i + 1] == "'" { throw Unsupported() }
                    if i - start <= 1 { single = units.count - 1 }
                case "\\" where i + 1 < s.count && (s[i + 1] == "p" || s[i + 1] == "P"):
                    fallthrough
                case "[":
                    let (pattern, next) = try setPattern(s[...], at: i)
                    guard let set = ScalarSet(pattern: pattern) else { throw Unsupported() }
                    units.append(Element(unit: .set(set)))
                    quantifiable = units.count - 1
                    i = next
                    continue
                case "\\":
                    let (value, next) = try Self.escape(s, at: i)
                    units.append(Element(unit: .scalar(value)))
                    quantifiable = units.count - 1
                    i = next
                    continue
                case "?", "*", "+":
                    guard let at = quantifiable, at == units.count - 1, units[at].isSingle else { throw Unsupported() }
                    units[at].min = c == "+" ? 1 : 0
                    units[at].max = c == "?" ? 1 : Int(Int32.max)
                    quantifiable = nil
                    i += 1
                    continue
                case "{", "}", "|":
                    markers.append((c, units.count))
                case " ":
                    // Only kept after a variable's name (see `statements()`).
                    i += 1
                    continue
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
                        quantifiable = value.count == 1 ? units.count - 1 : nil
                        i = j
                        continue
                    }
                default:
                    guard Self.isLiteral(c) else { throw Unsupported() }
                    units.append(Element(unit: .scalar(c.value)))
                    single = units.count - 1
                }
                quantifiable = single
                i += 1
            }
            // `$` ends the post-context: nothing but the end of the pattern may follow it.
            return (units, markers, anchoredStart, anchoredEnd)
        }
    }
}
