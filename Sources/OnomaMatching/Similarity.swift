/// String similarity on transcription keys.
enum Similarity {
    /// Levenshtein distance of two byte strings, with an early exit once it exceeds `limit`.
    static func levenshtein(_ a: [UInt8], _ b: [UInt8], limit: Int = .max) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        if abs(a.count - b.count) > limit { return limit + 1 }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMin = current[0]
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                rowMin = min(rowMin, current[j])
            }
            if rowMin > limit { return limit + 1 }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// `1 − lev(a, b) / max(|a|, |b|)` of byte strings, or 0 as soon as it is known to be below `atLeast` (the
    /// length difference alone, or a DP row, already exceeds the edit budget).
    static func levenshteinSimilarity(_ a: [UInt8], _ b: [UInt8], atLeast minimum: Double) -> Double {
        let longest = max(a.count, b.count)
        if longest == 0 { return 1 }
        let budget = Int((1 - minimum) * Double(longest) + 1e-9)
        if abs(a.count - b.count) > budget { return 0 }
        let distance = levenshtein(a, b, limit: budget)
        return distance > budget ? 0 : 1 - Double(distance) / Double(longest)
    }

    /// `1 − lev(a, b) / max(|a|, |b|)`, spaces ignored.
    static func levenshteinSimilarity(_ a: String, _ b: String) -> Double {
        let x = Array(a.utf8.filter { $0 != 0x20 })
        let y = Array(b.utf8.filter { $0 != 0x20 })
        let longest = max(x.count, y.count)
        if longest == 0 { return 1 }
        return 1 - Double(levenshtein(x, y)) / Double(longest)
    }
}
