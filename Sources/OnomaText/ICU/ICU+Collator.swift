internal import CICU
import Foundation

extension ICU {
    /// An ICU collator for locale-correct sorting of glossary output.
    ///
    /// `Sendable` notes: ICU documents `ucol_strcoll` and `ucol_getSortKey` on a shared `UCollator` as thread-safe
    /// (they are const operations); the strength is set once in `init`, before the collator is shared.
    ///
    /// Related ICU documentation: <https://unicode-org.github.io/icu/userguide/collation/>
    public final class Collator: @unchecked Sendable {
        private let handle: OpaquePointer

        /// Comparison strength.
        public enum Strength: Int32, Sendable {
            /// Base letters only (a = á = A).
            case primary = 0
            /// Accents matter (a = A ≠ á).
            case secondary = 1
            /// Case matters too (ICU's default).
            case tertiary = 2
        }

        /// Opens the collator of `locale` (an ICU locale ID or BCP 47 tag; "" is the root order).
        public init(locale: String, strength: Strength = .tertiary) throws(ICUError) {
            var status: Int32 = 0
            guard let handle = cicu_coll_open(locale.replacingOccurrences(of: "-", with: "_"), &status),
                  status <= 0 else {
                throw ICUError(code: max(status, 1), operation: "opening collator \"\(locale)\"")
            }
            cicu_coll_set_strength(handle, strength.rawValue)
            self.handle = handle
        }

        deinit { cicu_coll_close(handle) }

        /// The binary sort key of `text`: keys compare bytewise in the collator's order.
        public func sortKey(_ text: String) -> [UInt8] {
            let source = Array(text.utf16)
            var capacity = source.count * 4 + 16
            while true {
                var key = [UInt8](repeating: 0, count: capacity)
                let length = Int(cicu_coll_sort_key(handle, source, Int32(source.count), &key, Int32(capacity)))
                if length <= capacity {
                    key.removeSubrange(max(length - 1, 0)...)  // drop the terminating NUL
                    return key
                }
                capacity = length
            }
        }

        /// Compares two strings in the collator's order.
        public func compare(_ a: String, _ b: String) -> Int {
            let x = Array(a.utf16)
            let y = Array(b.utf16)
            return Int(cicu_coll_compare(handle, x, Int32(x.count), y, Int32(y.count)))
        }

        /// `strings` sorted in the collator's order (stable for equal keys).
        public func sorted(_ strings: [String]) -> [String] {
            strings.map { (sortKey($0), $0) }.sorted { $0.0.lexicographicallyPrecedes($1.0) }.map(\.1)
        }
    }
}
