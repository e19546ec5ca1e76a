import OnomaText

/// The language cell of the TSV/CSV formats: terms separated by ` | `, each with an optional marker list.
///
/// `Nikol Pashinyan | Pashinyan {short} | Nikol Pachinian {transliteration, deprecated}`
///
/// - A bar is a separator when it has white space (or the cell's edge) on both sides; pieces are trimmed.
/// - A marker list is a last `{…}` after a space: kinds `full` `short` `acronym` `adjective` `transliteration`,
///   statuses `preferred` `admitted` `deprecated`, comma-separated, at most one of each group.
/// - A term without a status marker is preferred if no earlier term of the cell is usable (non-deprecated), and
///   admitted otherwise: the first non-deprecated term is the preferred one.
///
/// See `Glossaries/FORMAT.md`.
enum TermCell {
    /// A problem in a cell, at a byte offset of the buffer that was parsed.
    struct Problem: Error {
        var code: GlossaryError.Code
        var offset: Int
        var message: String
    }

    private static let bar = UInt8(ascii: "|")
    private static let space = UInt8(ascii: " ")
    private static let openBrace = UInt8(ascii: "{")
    private static let closeBrace = UInt8(ascii: "}")
    private static let comma = UInt8(ascii: ",")

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// Parses the terms of a cell, appending them to `terms`.
    static func parse(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, language: LanguageTag,
                      into terms: inout [Term]) throws(Problem) {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper && isSpace(buffer[lower]) { lower += 1 }
        while upper > lower && isSpace(buffer[upper - 1]) { upper -= 1 }
        guard lower < upper else { return }
        var usableSeen = false
        var pieceStart = lower
        var index = lower
        while index <= upper {
            let atSeparator = index == upper
                || buffer[index] == bar && (index == lower || isSpace(buffer[index - 1]))
                    && (index + 1 == upper || isSpace(buffer[index + 1]))
            if atSeparator {
                let term = try parseTerm(buffer, pieceStart..<index, language: language, usableSeen: usableSeen)
                if term.status != .deprecated { usableSeen = true }
                terms.append(term)
                pieceStart = index + 1
            }
            index += 1
        }
    }

    private static func parseTerm(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, language: LanguageTag,
                                  usableSeen: Bool) throws(Problem) -> Term {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper && isSpace(buffer[lower]) { lower += 1 }
        while upper > lower && isSpace(buffer[upper - 1]) { upper -= 1 }
        guard lower < upper else {
            throw Problem(code: .emptyTerm, offset: range.lowerBound,
                          message: "empty term between bars (terms are separated by \" | \")")
        }
        var kind: TermKind?
        var status: TermStatus?
        if buffer[upper - 1] == closeBrace, let open = lastIndex(of: openBrace, in: buffer, lower..<(upper - 1)),
           open == lower || buffer[open - 1] == space {
            var markerStart = open + 1
            var index = open + 1
            while index <= upper - 1 {
                if index == upper - 1 || buffer[index] == comma {
                    var a = markerStart, b = index
                    while a < b && isSpace(buffer[a]) { a += 1 }
                    while b > a && isSpace(buffer[b - 1]) { b -= 1 }
                    let name = String(decoding: UnsafeBufferPointer(rebasing: buffer[a..<b]), as: UTF8.self)
                    switch marker(name) {
                    case .kind(let value)?:
                        guard kind == nil || kind == value else {
                            throw Problem(code: .invalidValue, offset: a,
                                          message: "conflicting kind markers {\(kind?.rawValue ?? "")} and {\(name)}")
                        }
                        kind = value
                    case .status(let value)?:
                        guard status == nil || status == value else {
                            throw Problem(code: .invalidValue, offset: a, message:
                                "conflicting status markers {\(status?.rawValue ?? "")} and {\(name)}")
                        }
                        status = value
                    case nil:
                        throw Problem(code: .unknownMarker, offset: a, message: "unknown marker {\(name)}; "
                            + "use full, short, acronym, adjective, transliteration, preferred, admitted, deprecated")
                    }
                    markerStart = index + 1
                }
                index += 1
            }
            upper = open
            while upper > lower && isSpace(buffer[upper - 1]) { upper -= 1 }
            guard lower < upper else {
                throw Problem(code: .emptyTerm, offset: open, message: "a marker list without a term before it")
            }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: buffer[lower..<upper]), as: UTF8.self)
        return Term(text: text, language: language, status: status ?? (usableSeen ? .admitted : .preferred),
                    kind: kind ?? .full)
    }

    private enum Marker {
        case kind(TermKind)
        case status(TermStatus)
    }

    private static func marker(_ name: String) -> Marker? {
        if let kind = TermKind(rawValue: name) { return .kind(kind) }
        if let status = TermStatus(rawValue: name) { return .status(status) }
        return nil
    }

    private static func lastIndex(of byte: UInt8, in buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>)
        -> Int?
    {
        var index = range.upperBound
        while index > range.lowerBound {
            index -= 1
            if buffer[index] == byte { return index }
        }
        return nil
    }

    /// Formats the terms of one language as a cell, the inverse of parsing.
    ///
    /// Markers are written only where the kind is not `full` or the status differs from what the position implies.
    /// A term that ends with `}` always gets a marker list, so its own braces are not read as markers. A bar that
    /// would read as a separator (white space on both sides) cannot be held by the format and becomes `¦`; empty
    /// terms are skipped.
    ///
    /// - Parameter terms: terms of one language, in order.
    /// - Returns: the cell text (not yet quoted).
    static func format(_ terms: [Term]) -> String {
        var cell = ""
        var usableSeen = false
        for term in terms {
            let text = sanitized(term.text)
            guard !text.isEmpty else { continue }
            let implied: TermStatus = usableSeen ? .admitted : .preferred
            if term.status != .deprecated { usableSeen = true }
            var markers: [String] = []
            if term.kind != .full { markers.append(term.kind.rawValue) }
            if term.status != implied { markers.append(term.status.rawValue) }
            if markers.isEmpty && text.hasSuffix("}") { markers.append(TermKind.full.rawValue) }
            if !cell.isEmpty { cell += " | " }
            cell += text
            if !markers.isEmpty { cell += " {" + markers.joined(separator: ", ") + "}" }
        }
        return cell
    }

    /// The term text trimmed, with bars that would read as separators replaced by `¦`.
    static func sanitized(_ text: String) -> String {
        let trimmed = text.trimmingSpaces()
        guard trimmed.utf8.contains(bar) else { return trimmed }
        let scalars = Array(trimmed.unicodeScalars)
        var out = String.UnicodeScalarView()
        for (index, scalar) in scalars.enumerated() {
            func spaceOrEdge(_ i: Int) -> Bool {
                i < 0 || i >= scalars.count || [" ", "\t", "\n", "\r"].contains(scalars[i])
            }
            if scalar == "|" && spaceOrEdge(index - 1) && spaceOrEdge(index + 1) {
                out.append("¦")
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and line breaks.
    func trimmingSpaces() -> String {
        let utf8 = self.utf8
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        guard let first = utf8.firstIndex(where: { !isSpace($0) }),
              let last = utf8.lastIndex(where: { !isSpace($0) })
        else { return "" }
        if first == utf8.startIndex && last == utf8.index(before: utf8.endIndex) { return self }
        return String(self[first...last])
    }
}
