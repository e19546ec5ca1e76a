internal import CICU

extension ICU {
    /// A Unicode script (ICU's `UScriptCode`).
    ///
    /// ```swift
    /// ICU.Script.of("Փ")?.name        // "Armenian"
    /// ICU.Script.dominant(in: "Ереван").shortName   // "Cyrl"
    /// ```
    ///
    /// Related ICU documentation: <https://unicode-org.github.io/icu-docs/apidoc/released/icu4c/uscript_8h.html>
    public struct Script: Hashable, Sendable, CustomStringConvertible {
        /// ICU's numeric script code.
        public var code: Int32

        /// Wraps a raw ICU script code.
        public init(code: Int32) { self.code = code }

        /// The script named by its ISO 15924 code or Unicode name (`Armn`, `Armenian`), if ICU knows it.
        public init?(named name: String) {
            var codes = [Int32](repeating: -1, count: 4)
            var status: Int32 = 0
            let count = cicu_script_codes(name, &codes, 4, &status)
            guard status <= 0, count > 0, codes[0] >= 0 else { return nil }
            self.code = codes[0]
        }

        /// Characters shared by many scripts (digits, punctuation, spaces).
        public static let common = Script(code: 0)
        /// Combining marks that take the script of their base.
        public static let inherited = Script(code: 1)
        /// The Latin script.
        public static let latin = Script(code: 25)
        /// The Cyrillic script.
        public static let cyrillic = Script(code: 8)
        /// The Armenian script.
        public static let armenian = Script(code: 3)
        /// The Georgian script.
        public static let georgian = Script(code: 12)
        /// The Greek script.
        public static let greek = Script(code: 14)
        /// The Arabic script.
        public static let arabic = Script(code: 2)
        /// The Hebrew script.
        public static let hebrew = Script(code: 19)
        /// Han ideographs.
        public static let han = Script(code: 17)
        /// Script not known.
        public static let unknown = Script(code: 103)

        /// The long Unicode name (`Latin`, `Cyrillic`).
        public var name: String {
            (0..<256).contains(code) ? Self.names[Int(code)].long : Self.icuNames(code).long
        }
        /// The ISO 15924 code (`Latn`, `Cyrl`).
        public var shortName: String {
            (0..<256).contains(code) ? Self.names[Int(code)].short : Self.icuNames(code).short
        }

        /// The long and short names of script codes 0–255, asked of ICU once (every name asks for its script's).
        private static let names: [(long: String, short: String)] = (0..<256).map { icuNames(Int32($0)) }

        /// The names asked of ICU directly, without the table (for tests).
        var icuLongName: String { Self.icuNames(code).long }
        var icuShortName: String { Self.icuNames(code).short }

        private static func icuNames(_ code: Int32) -> (long: String, short: String) {
            (cicu_script_name(code).map { String(cString: $0) } ?? "Unknown",
             cicu_script_short_name(code).map { String(cString: $0) } ?? "Zzzz")
        }
        public var description: String { name }

        /// Whether the script is Common or Inherited, i.e. says nothing about the text's script.
        public var isNeutral: Bool { code == 0 || code == 1 }

        /// The script of one code point.
        public static func of(_ scalar: Unicode.Scalar) -> Script {
            // ASCII is the overwhelmingly common case in names; answer it without crossing into ICU.
            if scalar.value < 0x80 {
                let v = scalar.value
                return (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) ? .latin : .common
            }
            if scalar.value < 0x10000 {
                let code = bmpScripts[Int(scalar.value)]
                if code != 0xFF { return Script(code: Int32(code)) }
            }
            var status: Int32 = 0
            let code = cicu_script_of(scalar.value, &status)
            return status > 0 ? .unknown : Script(code: code)
        }

        /// The script of one code point asked of ICU directly, without the table (for tests).
        static func icuScript(of scalar: Unicode.Scalar) -> Script {
            var status: Int32 = 0
            let code = cicu_script_of(scalar.value, &status)
            return status > 0 ? .unknown : Script(code: code)
        }

        /// ICU's script of every BMP code point, asked of ICU once on first use (~65,000 calls, about a
        /// millisecond); 0xFF where ICU failed or the code does not fit a byte, so the caller asks ICU again.
        private static let bmpScripts: [UInt8] = {
            (0..<0x10000).map { (v: UInt32) -> UInt8 in
                var status: Int32 = 0
                let code = cicu_script_of(v, &status)
                return status > 0 || code < 0 || code >= 0xFF ? 0xFF : UInt8(code)
            }
        }()

        /// The script of the first character of `text`.
        public static func of(_ text: String) -> Script? {
            text.unicodeScalars.first.map { of($0) }
        }

        /// The script that most letters of `text` are written in; Common when it has no letter of any script.
        ///
        /// Ties go to the script seen first, so "Baku Бакy" is Latin.
        public static func dominant(in text: String) -> Script {
            // Names use one or two scripts: the first two seen are counted in variables, any further ones in a short
            // list, in order of appearance (no allocation for most names).
            var first: (code: Int32, count: Int) = (-1, 0)
            var second: (code: Int32, count: Int) = (-1, 0)
            var others: [(code: Int32, count: Int)] = []
            for scalar in text.unicodeScalars {
                let script = of(scalar)
                if script.isNeutral || script == .unknown { continue }
                let code = script.code
                if code == first.code {
                    first.count += 1
                } else if first.code < 0 {
                    first = (code, 1)
                } else if code == second.code {
                    second.count += 1
                } else if second.code < 0 {
                    second = (code, 1)
                } else if let index = others.firstIndex(where: { $0.code == code }) {
                    others[index].count += 1
                } else {
                    others.append((code, 1))
                }
            }
            if first.code < 0 { return .common }
            // The most letters; on a tie, the script seen first.
            var best = first
            if second.count > best.count { best = second }
            for other in others where other.count > best.count { best = other }
            return Script(code: best.code)
        }

        /// Every distinct non-neutral script in `text`, in order of appearance.
        public static func all(in text: String) -> [Script] {
            var seen: [Script] = []
            for scalar in text.unicodeScalars {
                let script = of(scalar)
                if script.isNeutral || script == .unknown || seen.contains(script) { continue }
                seen.append(script)
            }
            return seen
        }
    }
}
