import Foundation

/// How a term's derived forms are written in the `term` table since schema v7: a form equal to the one it derives
/// from is stored as the empty string, and read back as that form.
///
/// Most terms are Latin names already in normal form, so their normalized form is their text, their Latin form is
/// their normalized form and the key of their Latin form is their key: three copies of the name in every row. Left
/// out, a million-term store is a sixth smaller, and an import writes, indexes and commits that much less. No real
/// form is empty (a name that normalizes to nothing is refused), and a term re-indexed with empty keys because it
/// no longer normalizes reads back the same.
///
/// The Latin key is left out only when the text is made of ASCII letters, digits, spaces and hyphens. The search
/// index (FTS5) indexes `text` and `latinKey`; for such a text the search tokenizer's words are exactly the key's
/// words, so nothing is lost, while a key that differs from the text's words (`O'Brien` → `obrien`, `Straße` →
/// `strasse`) stays searchable.
enum StoredForms {
    /// The `normalized` column's value.
    static func normalized(_ keys: TermKeys, text: String) -> String {
        sameBytes(keys.normalized, text) ? "" : keys.normalized
    }

    /// The `latin` column's value.
    static func latin(_ keys: TermKeys) -> String {
        sameBytes(keys.latin, keys.normalized) ? "" : keys.latin
    }

    /// The `latinKey` column's value.
    static func latinKey(_ keys: TermKeys, text: String) -> String {
        sameBytes(keys.latinKey, keys.key) && isPlainWords(text) ? "" : keys.latinKey
    }

    /// The forms of a row, the left-out ones filled in.
    static func keys(text: String, normalized: String, key: String, script: String, latin: String,
                     latinKey: String) -> TermKeys {
        let normalized = normalized.isEmpty ? text : normalized
        return TermKeys(normalized: normalized, key: key, script: script, latin: latin.isEmpty ? normalized : latin,
                        latinKey: latinKey.isEmpty ? key : latinKey)
    }

    /// The SQL condition of ``isPlainWords(_:)`` on the `text` column, for the migration that compacts old rows.
    static let plainWordsSQL = "text NOT GLOB '*[^A-Za-z0-9 -]*'"

    /// Whether `text` is only ASCII letters, digits, spaces and hyphens.
    static func isPlainWords(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            for byte in bytes {
                let letter = byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z")
                let digit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
                if !letter && !digit && byte != UInt8(ascii: " ") && byte != UInt8(ascii: "-") { return false }
            }
            return true
        }
    }

    /// Byte equality: Swift's `==` on strings is canonical equivalence, which would take an NFD text for its NFC
    /// normalized form. (On the import's single writer thread, once per term: a comparison of contiguous bytes.)
    private static func sameBytes(_ a: String, _ b: String) -> Bool {
        var (a, b) = (a, b)
        return a.withUTF8 { a in
            b.withUTF8 { b in
                a.count == b.count && (a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0)
            }
        }
    }
}
