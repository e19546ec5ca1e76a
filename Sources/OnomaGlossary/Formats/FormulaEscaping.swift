/// CSV formula-injection escaping as OWASP recommends: a cell starting with `=`, `+`, `-`, `@`, tab or carriage
/// return gets a leading `'`, so a spreadsheet shows it as text instead of evaluating it.
///
/// The escaping is reversible: a cell made of one or more `'` followed by a trigger character also gets one more
/// `'`, and the reader removes exactly one `'` from any cell of that shape. So `-Yerevan` → `'-Yerevan` →
/// `-Yerevan` and `'-x` → `''-x` → `'-x`. Applied to CSV only; TSV cells are written as they are.
///
/// Related: <https://owasp.org/www-community/attacks/CSV_Injection>
enum FormulaEscaping {
    /// Whether `byte` makes a spreadsheet treat a cell as a formula: `=` `+` `-` `@` tab CR.
    static func isTrigger(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "=") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
            || byte == UInt8(ascii: "@") || byte == 0x09 || byte == 0x0D
    }

    /// `cell` with a leading `'` when a spreadsheet would read it as a formula (or it looks like an escaped one).
    static func escape(_ cell: String) -> String {
        guard let first = cell.utf8.first(where: { $0 != UInt8(ascii: "'") }), isTrigger(first) else { return cell }
        return "'" + cell
    }
}
