internal import CICU
import Foundation

extension ICU {
    /// ICU's locale services: BCP 47 canonicalization, likely scripts, and CLDR display names.
    ///
    /// Related ICU documentation: <https://unicode-org.github.io/icu/userguide/locale/>
    public enum Locale {
        /// The canonical BCP 47 form of a language tag or ICU locale ID (`fr_FR`, `FR-fr` → `fr-FR`; `fre`,
        /// `fra` → `fr`; `iw` → `he`).
        ///
        /// - Throws: ``ICUError`` `U_ILLEGAL_ARGUMENT_ERROR` when the text is not a well-formed tag.
        public static func canonicalTag(_ tag: String) throws(ICUError) -> String {
            let cleaned = tag.replacingOccurrences(of: "_", with: "-")
            let result = try cString(capacity: 64, "canonicalizing language tag \"\(tag)\"") { buffer, cap, status in
                cicu_canonical_language_tag(cleaned, buffer, cap, &status)
            }
            if result.isEmpty || result == "und" && !cleaned.lowercased().hasPrefix("und") {
                throw ICUError(code: ICUError.illegalArgument.code, operation: "canonicalizing language tag \"\(tag)\"")
            }
            return result
        }

        /// The ISO 15924 code of the script `tag` is most likely written in (`hy` → `Armn`, `az` → `Latn`,
        /// `sr` → `Cyrl`), or nil when ICU cannot tell.
        public static func likelyScript(_ tag: String) -> String? {
            let result = try? cString(capacity: 16) { buffer, cap, status in
                cicu_likely_script(tag, buffer, cap, &status)
            }
            return result.flatMap { $0.isEmpty ? nil : $0 }
        }

        /// Whether ICU has an English display name for the language subtag of `tag` (so `xx` is not known).
        public static func isKnownLanguage(_ tag: String) -> Bool { cicu_is_known_language(tag) == 1 }

        /// The ICU locale IDs ICU has data for (`af`, `fr_CA`, `sr_Latn` …).
        public static var available: [String] {
            (0..<cicu_locale_count()).compactMap { cicu_locale_at($0).map { String(cString: $0) } }
        }

        /// The BCP 47 tag of an ICU locale ID (`sr_Latn_BA` → `sr-Latn-BA`).
        public static func tag(forLocaleID id: String) -> String {
            (try? cString(capacity: 64) { buffer, cap, status in cicu_locale_to_tag(id, buffer, cap, &status) })
                ?? id.replacingOccurrences(of: "_", with: "-")
        }

        /// A display name and whether it came from the display locale's own data rather than a fallback.
        public struct DisplayName: Hashable, Sendable {
            /// The name.
            public var text: String
            /// False when ICU fell back to the root locale or to the code itself.
            public var isOwnData: Bool
        }

        /// The name of `region` (`AM`) in `displayLocale`.
        public static func regionName(_ region: String, in displayLocale: String) -> DisplayName? {
            display("und_" + region, displayLocale, cicu_display_country)
        }

        /// The name of `language` (`hy`) in `displayLocale`.
        public static func languageName(_ language: String, in displayLocale: String) -> DisplayName? {
            display(language, displayLocale, cicu_display_language)
        }

        /// The name of `script` (`Armn`) in `displayLocale`.
        public static func scriptName(_ script: String, in displayLocale: String) -> DisplayName? {
            display("und_" + script, displayLocale, cicu_display_script)
        }

        private typealias DisplayFunction = (
            UnsafePointer<CChar>, UnsafePointer<CChar>, UnsafeMutablePointer<UInt16>, Int32, UnsafeMutablePointer<Int32>
        ) -> Int32

        private static func display(_ id: String, _ displayLocale: String, _ function: DisplayFunction)
            -> DisplayName?
        {
            var warning: Int32 = 0
            let text = try? string(capacity: 64) { buffer, capacity, status in
                let length = function(id, displayLocale, buffer, capacity, &status)
                warning = status
                return length
            }
            guard let text, !text.isEmpty else { return nil }
            // U_USING_DEFAULT_WARNING (-127) means the name is a fallback.
            return DisplayName(text: text, isOwnData: warning != -127)
        }

        /// The ISO 3166 alpha-3 code of a region (`AM` → `ARM`), or nil.
        public static func iso3Region(_ region: String) -> String? {
            let code = String(cString: cicu_iso3_country(region))
            return code.isEmpty ? nil : code
        }

        /// Every ISO 3166 alpha-2 region code ICU knows.
        public static var isoRegions: [String] {
            var result: [String] = []
            let list = cicu_iso_countries()
            var index = 0
            while let code = list[index] {
                result.append(String(cString: code))
                index += 1
            }
            return result
        }
    }
}
