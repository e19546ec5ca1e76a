internal import CICU

extension ICU {
    /// Unicode normalization forms served by ICU's Normalizer2.
    ///
    /// `Sendable` notes: ICU's Normalizer2 instances are process-wide singletons, documented as thread-safe and never
    /// to be closed, so these calls need no lock.
    ///
    /// Related ICU documentation: <https://unicode-org.github.io/icu/userguide/transforms/normalization/>
    public enum NormalizationForm: Int32, Sendable, CaseIterable {
        /// Canonical composition.
        case nfc = 0
        /// Canonical decomposition.
        case nfd = 1
        /// Compatibility composition.
        case nfkc = 2
        /// Compatibility decomposition.
        case nfkd = 3
        /// NFKC with case folding and removal of default-ignorable code points (ICU's `nfkc_cf`).
        case nfkcCasefold = 4
    }

    /// Normalizes `text` to `form`.
    public static func normalize(_ text: String, _ form: NormalizationForm) throws(ICUError) -> String {
        // Text made only of code points below U+0300 is already NFC: nothing there composes with a following
        // character (combining marks start at U+0300) and nothing there has a singleton decomposition.
        if form == .nfc, text.unicodeScalars.allSatisfy({ $0.value < 0x300 }) { return text }
        if text.isEmpty { return "" }
        return try withUTF16(text) { source throws(ICUError) -> String in
            if form == .nfc || form == .nfd {
                var status: Int32 = 0
                if cicu_is_normalized(form.rawValue, source.baseAddress!, Int32(source.count), &status) == 1
                    && status <= 0
                {
                    return text
                }
            }
            return try string(capacity: source.count + source.count / 2 + 8, "normalizing to \(form)") {
                buffer, capacity, status in
                cicu_normalize(form.rawValue, source.baseAddress!, Int32(source.count), buffer, capacity, &status)
            }
        }
    }

    /// Whether `text` is already in `form`.
    public static func isNormalized(_ text: String, _ form: NormalizationForm) throws(ICUError) -> Bool {
        let source = Array(text.utf16)
        var status: Int32 = 0
        let result = cicu_is_normalized(form.rawValue, source, Int32(source.count), &status)
        try check(status, "checking \(form)")
        return result == 1
    }

    /// Lower-cases `text` with the rules of `locale` (`tr` and `az` map I to ı and İ to i).
    ///
    /// ```swift
    /// try ICU.lowercase("DİYARBAKIR", locale: "tr")   // "diyarbakır"
    /// ```
    public static func lowercase(_ text: String, locale: String = "") throws(ICUError) -> String {
        let source = Array(text.utf16)
        if source.isEmpty { return "" }
        return try string(capacity: source.count + 8, "lower-casing") { buffer, capacity, status in
            cicu_to_lower(locale, source, Int32(source.count), buffer, capacity, &status)
        }
    }

    /// Upper-cases `text` with the rules of `locale`.
    public static func uppercase(_ text: String, locale: String = "") throws(ICUError) -> String {
        let source = Array(text.utf16)
        if source.isEmpty { return "" }
        return try string(capacity: source.count + 8, "upper-casing") { buffer, capacity, status in
            cicu_to_upper(locale, source, Int32(source.count), buffer, capacity, &status)
        }
    }

    /// Full Unicode case folding; `turkic` folds I to ı and İ to i as Turkish and Azerbaijani do.
    public static func foldCase(_ text: String, turkic: Bool = false) throws(ICUError) -> String {
        let source = Array(text.utf16)
        if source.isEmpty { return "" }
        return try string(capacity: source.count + 8, "case folding") { buffer, capacity, status in
            cicu_fold_case(turkic ? 1 : 0, source, Int32(source.count), buffer, capacity, &status)
        }
    }
}
