/// ICU's `Any-NFC`, `Any-Lower` and `Latin-ASCII`, character by character, for text made of ASCII and the Latin
/// letters of U+0080–U+02AF and U+1E00–U+1EFF: what ``NativeTransform`` runs instead of calling ICU for those
/// passes.
///
/// Names in Latin script with diacritics (*Tchaïkovski*, *Đoković*, *Erdoğan*) reach the transcription tables'
/// `::NFC ;`, `::Lower ;` and `::Latin-ASCII ;` passes two or three times per query; through ICU each pass cost a
/// transliterator from the pool and two UTF-16 copies, about a quarter of the keys' cost on unseen spellings.
///
/// On that range the three are character maps: `Latin-ASCII`'s rules (ICU's `Latin_ASCII.txt`) have one-character
/// keys and no context, and its only contextual step — combining marks dropped after a Latin letter or a digit,
/// between `::NFD` and `::NFC` — acts inside one precomposed letter; no letter there composes with its neighbour
/// under NFC; root lower-casing is context-free outside Greek. So each character's result is ICU's for that
/// character alone, read from ICU once per process (one call per pass over all of them, newline-separated), and a
/// text with any other character goes to ICU as before. `LatinPassesTests` compares the tables with ICU on every
/// character of the range, alone and between neighbours, and on the shipped glossaries' names.
///
/// `Sendable` notes: the tables are built once, lazily, and immutable afterwards.
struct LatinPasses: Sendable {
    /// The characters covered, besides ASCII.
    static let ranges: [Range<UInt32>] = [0x80..<0x2B0, 0x1E00..<0x1F00]

    /// A per-character map: character `slot`'s output is `values[starts[slot]..<starts[slot + 1]]`.
    struct Map: Sendable {
        var starts: [Int32] = [0]
        var values: [UInt32] = []
    }

    /// Whether the character keeps its form under NFC (slot-indexed).
    let nfcUnchanged: [Bool]
    let lower: Map
    let ascii: Map

    /// The tables, or nil when ICU's output could not be split back into characters (then ICU runs every pass).
    static let shared: LatinPasses? = LatinPasses(system: .shared)

    /// The slot of `scalar`, or -1 when it is outside ``ranges`` (ASCII included).
    @inline(__always)
    static func slot(_ scalar: UInt32) -> Int {
        if scalar >= 0x80 && scalar < 0x2B0 { return Int(scalar - 0x80) }
        if scalar >= 0x1E00 && scalar < 0x1F00 { return 0x230 + Int(scalar - 0x1E00) }
        return -1
    }

    static let count = 0x230 + 0x100

    /// Reads the three maps from ICU.
    init?(system: ICU.TransliteratorPool) {
        var sample = String.UnicodeScalarView()
        for range in Self.ranges {
            for value in range {
                sample.append(Unicode.Scalar(value)!)
                sample.append("\n")
            }
        }
        let text = String(sample)
        func pieces(_ id: String) -> [[UInt32]]? {
            guard let output = try? system.transform(text, with: id) else { return nil }
            var pieces = output.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.map(\.value) }
            // The text ends with a newline: one empty piece after it.
            guard pieces.last?.isEmpty == true else { return nil }
            pieces.removeLast()
            return pieces.count == Self.count ? pieces : nil
        }
        guard let nfc = pieces("Any-NFC"), let lower = pieces("Any-Lower"), let ascii = pieces("Latin-ASCII") else {
            return nil
        }
        var slot = 0
        var unchanged: [Bool] = []
        for range in Self.ranges {
            for value in range {
                unchanged.append(nfc[slot] == [value])
                slot += 1
            }
        }
        func map(_ pieces: [[UInt32]]) -> Map {
            var map = Map()
            for piece in pieces {
                map.values += piece
                map.starts.append(Int32(map.values.count))
            }
            return map
        }
        self.nfcUnchanged = unchanged
        self.lower = map(lower)
        self.ascii = map(ascii)
    }

    /// Whether NFC leaves `scalars` as they are; nil when a character is outside the tables (ask ICU).
    func isNFC(_ scalars: [UInt32]) -> Bool? {
        var all = true
        for c in scalars where c >= 0x80 {
            let slot = Self.slot(c)
            if slot < 0 { return nil }
            if !nfcUnchanged[slot] { all = false }
        }
        return all
    }

    /// `scalars` through `map` (ASCII through `ascii`, itself when nil); nil when a character is outside the tables.
    func apply(_ map: Map, to scalars: [UInt32], ascii: ((UInt32) -> UInt32)? = nil) -> [UInt32]? {
        var out: [UInt32] = []
        out.reserveCapacity(scalars.count + 4)
        for c in scalars {
            if c < 0x80 {
                out.append(ascii?(c) ?? c)
                continue
            }
            let slot = Self.slot(c)
            if slot < 0 { return nil }
            out.append(contentsOf: map.values[Int(map.starts[slot])..<Int(map.starts[slot + 1])])
        }
        return out
    }
}
