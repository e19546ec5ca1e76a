/// JSON string literals (RFC 8259), shared by every writer of JSON in Onoma.
///
/// Escapes `"`, `\`, control characters, and U+2028/U+2029 (valid JSON, but line ends for JavaScript readers);
/// everything else is written as UTF-8.
public enum JSONText {
    /// Appends `text` as a JSON string literal, quotes included.
    public static func appendString(_ text: String, to bytes: inout [UInt8]) {
        bytes.append(0x22)
        var text = text
        let plain = text.withUTF8 { buffer -> Bool in
            // Most values need no escaping: copy them in one go.
            guard !buffer.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0xE2 }) else { return false }
            bytes.append(contentsOf: buffer)
            return true
        }
        if !plain {
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": bytes.append(contentsOf: [0x5C, 0x22])
                case "\\": bytes.append(contentsOf: [0x5C, 0x5C])
                case "\n": bytes.append(contentsOf: [0x5C, 0x6E])
                case "\r": bytes.append(contentsOf: [0x5C, 0x72])
                case "\t": bytes.append(contentsOf: [0x5C, 0x74])
                case "\u{2028}", "\u{2029}":
                    bytes.append(contentsOf: "\\u\(String(scalar.value, radix: 16))".utf8)
                default:
                    if scalar.value < 0x20 {
                        let hex = String(scalar.value, radix: 16)
                        bytes.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
                    } else {
                        bytes.append(contentsOf: String(scalar).utf8)
                    }
                }
            }
        }
        bytes.append(0x22)
    }

    /// `text` as a JSON string literal, quotes included.
    public static func quoted(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 2)
        appendString(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}
