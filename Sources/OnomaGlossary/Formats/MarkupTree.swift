import Foundation
import FoundationXML
import OnomaText

/// An element of a parsed XML document: what ``TBXReader`` walks.
final class MarkupElement {
    /// The local name (`termEntry`, `langSec`), without prefix.
    let name: String
    /// The attributes by qualified name (`id`, `type`, `xml:lang`).
    let attributes: [String: String]
    /// The 1-based line libxml2 reported for the start tag.
    let line: Int
    /// The 1-based column (in characters) libxml2 reported for the start tag (its `>`).
    let column: Int
    /// The child elements, in document order.
    var children: [MarkupElement] = []
    /// All character data inside the element, descendants included, in document order (XPath `string()`).
    var text = ""

    init(name: String, attributes: [String: String], line: Int, column: Int) {
        self.name = name
        self.attributes = attributes
        self.line = line
        self.column = column
    }

    /// The element's text without surrounding white space.
    var trimmedText: String { text.trimmingSpaces() }

    /// The data category an element carries: its `type` for `descrip`, `admin`, `termNote` and their notes
    /// (TBX DCA style), its name otherwise (TBX v3 DCT style, `note`, `xref`).
    var category: String {
        switch name {
        case "descrip", "admin", "termNote", "descripNote", "adminNote", "transac":
            return attributes["type"] ?? ""
        default:
            return name
        }
    }
}

/// Parses XML safely into a ``MarkupElement`` tree with FoundationXML's `XMLParser` (libxml2).
///
/// Safety, in this order:
/// 1. the bytes are UTF-8 (``SourceText``), and an XML declaration naming another encoding is refused;
/// 2. a document containing `<!ENTITY` anywhere is refused before parsing, with the declaration's location: no
///    external entity (XXE) can be read and no entity can expand (billion laughs);
/// 3. the parser runs with `shouldResolveExternalEntities = false`, so no DTD or entity is ever loaded;
/// 4. the first error libxml2 reports stops the parse (libxml2 would otherwise recover and go on).
enum MarkupTree {
    /// Parses `source` and returns its root element.
    ///
    /// - Throws: ``GlossaryError/Code/unsafeXML``, ``GlossaryError/Code/invalidUTF8`` (declared encoding) or
    ///   ``GlossaryError/Code/malformedXML`` with libxml2's line and column.
    static func parse(_ source: SourceText) throws(GlossaryError) -> MarkupElement {
        try checkSafety(source)
        let parser = XMLParser(data: Data(source.bytes[source.start...]))
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = true
        parser.shouldReportNamespacePrefixes = false
        let builder = Builder()
        parser.delegate = builder
        _ = parser.parse()
        if let failure = builder.failure {
            var reason = message(forLibXMLCode: failure.code)
            if let open = failure.openElement, failure.code == 5 || failure.code == 77 {
                reason = "the file ends inside <\(open.name)> (opened on line \(open.line)); it may be truncated"
            }
            throw GlossaryError(.malformedXML, file: source.file, line: max(failure.line, 1),
                                column: failure.column > 0 ? failure.column : nil, message: "malformed XML: \(reason)")
        }
        if let open = builder.stack.last {
            let (line, column) = source.location(of: source.bytes.count)
            throw GlossaryError(.malformedXML, file: source.file, line: line, column: column,
                                message: "malformed XML: the file ends inside <\(open.name)> (opened on line "
                                    + "\(open.line)); the file may be truncated")
        }
        guard let root = builder.root else {
            let (line, column) = source.location(of: source.bytes.count)
            throw GlossaryError(.malformedXML, file: source.file, line: line, column: column,
                                message: "malformed XML: the document has no root element")
        }
        return root
    }

    /// The byte offset of the `<` that starts `element`'s start tag.
    static func offset(of element: MarkupElement, in source: SourceText) -> Int {
        // Walk to the reported line, then `column - 1` characters into it, then back to the `<`.
        let bytes = source.bytes
        var index = source.offset(line: element.line, byteColumn: 1)
        var characters = 1
        while index < bytes.count && characters < element.column && bytes[index] != 0x0A {
            index += 1
            while index < bytes.count && bytes[index] & 0xC0 == 0x80 { index += 1 }
            characters += 1
        }
        guard !bytes.isEmpty else { return 0 }
        index = min(index, bytes.count - 1)
        while index > source.start && bytes[index] != UInt8(ascii: "<") { index -= 1 }
        return index
    }

    /// An error located at `element`'s start tag.
    static func error(_ code: GlossaryError.Code, at element: MarkupElement, in source: SourceText,
                      _ message: String) -> GlossaryError {
        source.error(code, at: offset(of: element, in: source), message)
    }

    /// Container elements of TBX whose own text is never read (keeps memory linear in the file size).
    static let structural: Set<String> = [
        "martif", "tbx", "text", "body", "back", "martifHeader", "tbxHeader", "termEntry", "conceptEntry", "langSet",
        "langSec", "tig", "ntig", "termSec", "termGrp",
    ]

    // MARK: - Safety

    private static func checkSafety(_ source: SourceText) throws(GlossaryError) {
        let bytes = source.bytes
        // An XML declaration naming another encoding than UTF-8 would make libxml2 decode UTF-8 bytes wrongly.
        let declaration = Array("<?xml".utf8)
        if bytes.count >= source.start + declaration.count,
           Array(bytes[source.start..<(source.start + declaration.count)]) == declaration,
           let end = firstIndex(of: Array("?>".utf8), in: bytes, from: source.start) {
            let text = String(decoding: bytes[source.start..<end], as: UTF8.self)
            if let range = text.range(of: "encoding") {
                let rest = text[range.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\"" || $0 == "'" }
                let name = rest.prefix { $0 != "\"" && $0 != "'" && $0 != " " }.lowercased()
                if !["utf-8", "utf8", "us-ascii", "ascii"].contains(name) {
                    let offset = source.start + text.utf8.distance(from: text.startIndex, to: range.lowerBound)
                    throw source.error(.invalidUTF8, at: offset, "the XML declares encoding \"\(name)\"; only UTF-8 "
                        + "is read: convert the file to UTF-8 and fix its declaration")
                }
            }
        }
        if let entity = firstIndex(of: Array("<!ENTITY".utf8), in: bytes, from: source.start) {
            throw source.error(.unsafeXML, at: entity, "the document declares an entity (<!ENTITY): refused, "
                + "because entities can read local files (XXE) or expand without bound; remove the DOCTYPE's "
                + "internal subset")
        }
    }

    private static func firstIndex(of needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        bytes.withUnsafeBufferPointer { ByteSearch.firstIndex(of: needle, in: $0, from: start) }
    }

    /// A readable reason for a libxml2 error code (`xmlParserErrors`).
    static func message(forLibXMLCode code: Int) -> String {
        switch code {
        case 4: return "the document is empty"
        case 5, 86: return "content after the root element, or a document that ends early"
        case 9: return "a character that XML does not allow"
        case 6, 7, 8: return "an invalid character reference"
        case 22, 68: return "a name was expected here (write < as &lt; and & as &amp; in text)"
        case 23: return "an entity reference without its ';' (write & as &amp;)"
        case 26, 27: return "an undeclared entity (write & as &amp;)"
        case 33, 34, 39, 40: return "an attribute value must be quoted and closed"
        case 38: return "'<' inside an attribute value (write &lt;)"
        case 41: return "an attribute without a value"
        case 42: return "an attribute given twice"
        case 45: return "a comment that is not closed"
        case 61: return "an unfinished DOCTYPE"
        case 63: return "a CDATA section that is not closed"
        case 65: return "a space is required here"
        case 73: return "'>' expected"
        case 74: return "'</' expected"
        case 76: return "the closing tag does not match the open element"
        case 77: return "an element that is not closed"
        case 201: return "an undeclared namespace prefix"
        default: return "libxml2 error \(code)"
        }
    }

    // MARK: - Tree building

    /// The `XMLParser` delegate that builds the tree and stops at the first error.
    private final class Builder: NSObject, XMLParserDelegate {
        struct Failure {
            var code: Int
            var line: Int
            var column: Int
            var openElement: MarkupElement?
        }

        var root: MarkupElement?
        var stack: [MarkupElement] = []
        var failure: Failure?

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            let element = MarkupElement(name: elementName, attributes: attributeDict, line: parser.lineNumber,
                                        column: parser.columnNumber)
            if let parent = stack.last {
                parent.children.append(element)
            } else if root == nil {
                root = element
            }
            stack.append(element)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?) {
            _ = stack.popLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            append(string)
        }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            append(String(decoding: CDATABlock, as: UTF8.self))
        }

        /// Adds text to every open element but the structural ones, whose text nobody reads.
        private func append(_ string: String) {
            for element in stack.reversed() {
                if MarkupTree.structural.contains(element.name) { break }
                element.text += string
            }
        }

        func parser(_ parser: XMLParser, resolveExternalEntityName name: String, systemID: String?) -> Data? {
            nil
        }

        func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
            guard failure == nil else { return }
            failure = Failure(code: (parseError as NSError).code, line: parser.lineNumber,
                              column: parser.columnNumber, openElement: stack.last)
            parser.abortParsing()
        }

        func parser(_ parser: XMLParser, validationErrorOccurred validationError: any Error) {
            self.parser(parser, parseErrorOccurred: validationError)
        }
    }
}
