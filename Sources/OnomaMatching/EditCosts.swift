import Foundation

/// The costs of the fuzzy step's learned edit distance (``Similarity/learnedDistance(_:_:costs:)``), per edit of a
/// transcription key: `Rules/edit-costs.tsv`, written from the CLDR development slice by
/// `Benchmarks/matching/learn_costs.py` (its header and the script's docstring tell how).
///
/// An edit is a letter for another (either order) or a letter added or dropped, at one of three positions of the key:
/// its first letter, its last two letters (where languages adapt endings: fr *Moscou*/en *Moscow*, pl *Bahamy*/en
/// *Bahamas*), or inside. Unlisted edits cost one; every cost is doubled at the first letter, where names differ
/// least. Costs are held in hundredths of an edit.
///
/// `Sendable` notes: immutable after `init`.
struct EditCosts: Sendable {
    /// Where an edit is in a key.
    enum Position: Int, Sendable {
        case first = 0, inside = 1, end = 2

        /// The position of index `i` in a key of `count` bytes.
        @inline(__always)
        static func of(_ i: Int, in count: Int) -> Position { i == 0 ? .first : i >= count - 2 ? .end : .inside }
    }

    /// The cost of one edit, in hundredths, when the table does not list it.
    static let unit: UInt16 = 100

    /// `substitutions[position * 65536 + a * 256 + b]`, symmetric; `indels[position * 256 + byte]`. Hundredths,
    /// first-letter doubling included.
    private let substitutions: [UInt16]
    private let indels: [UInt16]

    /// Every edit costs one (doubled at the first letter): the learned distance is then a Levenshtein distance with
    /// a heavier first letter.
    init() {
        self.init(substitutions: [:], indels: [:])
    }

    /// Parses the table's text: `sub<TAB>ab<TAB>F<TAB>0.62[<TAB>…]` and `indel<TAB>h<TAB>M<TAB>0.52[<TAB>…]` lines
    /// (positions I, M, F); `#` starts a comment line.
    ///
    /// - Throws: ``RulesError`` naming the line when one is malformed.
    init(text: String) throws {
        var substitutions: [Int: UInt16] = [:], indels: [Int: UInt16] = [:]
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.hasPrefix("#") || line.allSatisfy(\.isWhitespace) { continue }
            let fields = line.split(separator: "\t")
            let letters = fields.count >= 4 ? Array(fields[1].utf8) : []
            let position: Position? = fields.count >= 4
                ? ["I": .first, "M": .inside, "F": .end][String(fields[2])] : nil
            guard let position, let cost = Double(fields[3]), cost > 0, cost < 10,
                  letters.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) else {
                throw RulesError(message: "edit-costs.tsv line \(number + 1): malformed: \(line)")
            }
            let hundredths = UInt16((cost * 100).rounded())
            switch (fields[0], letters.count) {
            case ("sub", 2):
                substitutions[position.rawValue * 65536 + Int(letters[0]) * 256 + Int(letters[1])] = hundredths
                substitutions[position.rawValue * 65536 + Int(letters[1]) * 256 + Int(letters[0])] = hundredths
            case ("indel", 1):
                indels[position.rawValue * 256 + Int(letters[0])] = hundredths
            default:
                throw RulesError(message: "edit-costs.tsv line \(number + 1): malformed: \(line)")
            }
        }
        self.init(substitutions: substitutions, indels: indels)
    }

    private init(substitutions: [Int: UInt16], indels: [Int: UInt16]) {
        var table = [UInt16](repeating: Self.unit, count: 3 * 65536)
        for (index, cost) in substitutions { table[index] = cost }
        var indelTable = [UInt16](repeating: Self.unit, count: 3 * 256)
        for (index, cost) in indels { indelTable[index] = cost }
        // The first letter's edits count double.
        for i in 0..<65536 { table[i] *= 2 }
        for i in 0..<256 { indelTable[i] *= 2 }
        for byte in 0..<256 {
            for position in 0..<3 { table[position * 65536 + byte * 256 + byte] = 0 }
        }
        self.substitutions = table
        self.indels = indelTable
    }

    /// The cost, in hundredths, of putting `b` for `a` at `position` (0 when they are equal).
    @inline(__always)
    func substitution(_ a: UInt8, _ b: UInt8, at position: Position) -> Int {
        Int(substitutions[position.rawValue &* 65536 &+ Int(a) &* 256 &+ Int(b)])
    }

    /// The cost, in hundredths, of adding or dropping `byte` at `position`.
    @inline(__always)
    func indel(_ byte: UInt8, at position: Position) -> Int {
        Int(indels[position.rawValue &* 256 &+ Int(byte)])
    }
}
