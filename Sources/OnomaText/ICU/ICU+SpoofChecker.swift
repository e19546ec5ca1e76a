internal import CICU

extension ICU {
    /// UTS #39 security checks: confusable skeletons and mixed-script detection.
    ///
    /// `Sendable` notes: ICU documents the checking and skeleton functions of a configured `USpoofChecker` as safe to
    /// call concurrently on one instance; the checks are configured once in `init`.
    ///
    /// Related ICU documentation: <https://unicode-org.github.io/icu/userguide/transforms/spoof/>
    public final class SpoofChecker: @unchecked Sendable {
        private let handle: OpaquePointer

        /// The result of checking one string.
        public struct Result: Sendable, Hashable {
            /// Raw `USpoofChecks` bits that fired.
            public var checks: Int32
            /// The UTS #39 restriction level of the text (ICU's `URestrictionLevel`).
            public var restrictionLevel: Int32

            /// Letters of several scripts that could be confused (e.g. Cyrillic а inside a Latin name).
            public var isMixedScriptConfusable: Bool { checks & 2 != 0 }
            /// The text mixes scripts beyond what UTS #39's "highly restrictive" level allows.
            public var isMixedScript: Bool { restrictionLevel > 0x3000_0000 }
        }

        /// Opens a checker with all checks on.
        public init() throws(ICUError) {
            var status: Int32 = 0
            guard let handle = cicu_spoof_open(&status), status <= 0 else {
                throw ICUError(code: max(status, 1), operation: "opening spoof checker")
            }
            self.handle = handle
        }

        deinit { cicu_spoof_close(handle) }

        /// A process-wide checker.
        public static let shared: SpoofChecker? = try? SpoofChecker()

        /// The confusable skeleton: two strings that look alike have the same skeleton ("Pаris" with Cyrillic а and
        /// "Paris" both give "Paris").
        public func skeleton(_ text: String) throws(ICUError) -> String {
            let source = Array(text.utf16)
            if source.isEmpty { return "" }
            return try ICU.string(capacity: source.count * 2 + 8, "computing skeleton") { buffer, capacity, status in
                cicu_spoof_skeleton(handle, source, Int32(source.count), buffer, capacity, &status)
            }
        }

        /// Runs the checks on `text`.
        public func check(_ text: String) throws(ICUError) -> Result {
            let source = Array(text.utf16)
            var level: Int32 = 0
            var status: Int32 = 0
            let bits = cicu_spoof_check(handle, source, Int32(source.count), &level, &status)
            try ICU.check(status, "spoof check")
            return Result(checks: bits, restrictionLevel: level)
        }
    }
}
