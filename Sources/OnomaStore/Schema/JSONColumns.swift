import OnomaText
import Foundation

/// The JSON text of the `concept.sources` and `concept.externalIDs` columns.
///
/// Written by hand because an import writes one of each per concept and `JSONEncoder` would dominate a large
/// import; read with `JSONDecoder`, with a fast path for the common empty values.
enum JSONColumns {
    /// `["a","b"]`.
    static func encode(_ strings: [String]) -> String {
        if strings.isEmpty { return "[]" }
        var out = "["
        for (i, string) in strings.enumerated() {
            if i > 0 { out += "," }
            appendQuoted(string, to: &out)
        }
        return out + "]"
    }

    /// `{"k":"v"}`, keys sorted so that equal dictionaries give equal text.
    static func encode(_ dictionary: [String: String]) -> String {
        if dictionary.isEmpty { return "{}" }
        var out = "{"
        for (i, key) in dictionary.keys.sorted().enumerated() {
            if i > 0 { out += "," }
            appendQuoted(key, to: &out)
            out += ":"
            appendQuoted(dictionary[key] ?? "", to: &out)
        }
        return out + "}"
    }

    static func decodeStrings(_ text: String?) -> [String] {
        guard let text, text != "[]" else { return [] }
        return (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
    }

    static func decodeDictionary(_ text: String?) -> [String: String] {
        guard let text, text != "{}" else { return [:] }
        return (try? JSONDecoder().decode([String: String].self, from: Data(text.utf8))) ?? [:]
    }

    private static func appendQuoted(_ string: String, to out: inout String) {
        out += JSONText.quoted(string)
    }
}
