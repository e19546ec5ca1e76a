/// Reads glossary files into concepts.
///
/// Reading is all-or-nothing: the reader returns every concept of the file or throws the first problem, located
/// at `file:line:column`. Every format must be UTF-8 (a byte order mark is skipped).
///
/// ```swift
/// let bytes = Array(try Data(contentsOf: url))
/// let concepts = try GlossaryReader.read(bytes, file: url.lastPathComponent, format: .tsv)
/// ```
public enum GlossaryReader {
    /// Parses a whole file's bytes.
    ///
    /// TSV and CSV detect their delimiter (tab, comma or semicolon) from the header, so either format reads
    /// either kind of file. TBX v2 and v3 are told apart by their root element.
    ///
    /// - Parameters:
    ///   - bytes: the file's content.
    ///   - file: the name used in error messages.
    ///   - format: how to read it; ``GlossaryFormat/omegat`` cannot be read.
    /// - Returns: the concepts in file order; identical duplicate rows or entries are merged.
    /// - Throws: ``GlossaryError``, the first problem in the file.
    public static func read(_ bytes: [UInt8], file: String, format: GlossaryFormat) throws(GlossaryError)
        -> [Concept]
    {
        switch format {
        case .tsv:
            return try DelimitedReader.read(SourceText(bytes, file: file), preferredDelimiter: UInt8(ascii: "\t"))
        case .csv:
            return try DelimitedReader.read(SourceText(bytes, file: file), preferredDelimiter: UInt8(ascii: ","))
        case .tbx:
            return try TBXReader.read(SourceText(bytes, file: file))
        case .jsonl:
            return try JSONLFormat.read(SourceText(bytes, file: file))
        case .omegat:
            throw GlossaryError(.unsupportedFormat, file: file, line: 1, column: nil,
                                message: "OmegaT glossaries have no concept ids or language tags and cannot be "
                                    + "imported; import the TSV, CSV, TBX or JSONL they were exported from")
        }
    }
}
