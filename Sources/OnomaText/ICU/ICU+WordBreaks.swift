internal import CICU

extension ICU {
    /// A word segment found by ICU's word break iterator.
    public struct WordSegment: Hashable, Sendable {
        /// UTF-16 offsets of the segment in the text.
        public var range: Range<Int>
        /// ICU's rule status: 0 for spaces and punctuation, 100…199 numbers, 200…299 letters, 300… kana,
        /// 400… ideographs.
        public var ruleStatus: Int32

        /// Whether the segment is a word of letters, kana or ideographs.
        public var isWord: Bool { ruleStatus >= 200 }
        /// Whether the segment is a number.
        public var isNumber: Bool { ruleStatus >= 100 && ruleStatus < 200 }
    }

    /// The word segments of `text` under the rules of `locale`, with UTF-16 offsets.
    ///
    /// The whole text is segmented in one call to the shim, so no ICU iterator outlives the buffer it reads.
    ///
    /// Related ICU documentation: <https://unicode-org.github.io/icu/userguide/boundaryanalysis/>
    public static func wordSegments(_ text: String, locale: String = "") throws(ICUError) -> [WordSegment] {
        try wordSegments(utf16: Array(text.utf16), locale: locale)
    }

    /// The word segments of UTF-16 `source` under the rules of `locale`, with offsets into `source`.
    public static func wordSegments(utf16 source: [UInt16], locale: String = "") throws(ICUError) -> [WordSegment] {
        if source.isEmpty { return [] }
        var capacity = source.count / 2 + 8
        while true {
            var bounds = [Int32](repeating: 0, count: capacity)
            var statuses = [Int32](repeating: 0, count: capacity)
            var status: Int32 = 0
            let count = Int(cicu_word_boundaries(locale, source, Int32(source.count), &bounds, &statuses,
                                                 Int32(capacity), &status))
            if status == CICU_BUFFER_OVERFLOW_ERROR {
                capacity = count + 1
                continue
            }
            try check(status, "finding word boundaries")
            guard count > 1 else { return [] }
            return (1..<count).map { i in
                WordSegment(range: Int(bounds[i - 1])..<Int(bounds[i]), ruleStatus: statuses[i])
            }
        }
    }
}
