/// A glossary file format that Onoma reads or writes.
public enum GlossaryFormat: String, Sendable, CaseIterable {
    /// Tab-separated values, one concept per row (`Glossaries/FORMAT.md`); Onoma's own format.
    case tsv
    /// Comma-separated values with the same columns as ``tsv``, RFC 4180 quoting and formula-injection escaping.
    case csv
    /// TermBase eXchange: TBX-Basic v2 (`martif`) or v3 (ISO 30042:2019, `tbx`); both are read.
    case tbx
    /// JSON Lines: one concept object per line, every field of the model.
    case jsonl
    /// OmegaT's glossary: `source<TAB>target<TAB>comment` for one language pair. Export only.
    case omegat

    /// The format a file name implies, from its extension (case-insensitive), or nil when it implies none.
    ///
    /// `.tsv` `.tab` `.txt` → ``tsv``; `.csv` → ``csv``; `.tbx` `.xml` → ``tbx``; `.jsonl` `.ndjson` →
    /// ``jsonl``; `.utf8` (the extension OmegaT reads as UTF-8) → ``omegat``.
    public init?(path: String) {
        guard let dot = path.lastIndex(of: "."),
              !path[path.index(after: dot)...].contains("/")
        else { return nil }
        switch path[path.index(after: dot)...].lowercased() {
        case "tsv", "tab", "txt": self = .tsv
        case "csv": self = .csv
        case "tbx", "xml": self = .tbx
        case "jsonl", "ndjson": self = .jsonl
        case "utf8": self = .omegat
        default: return nil
        }
    }

    /// Whether ``GlossaryReader`` reads this format (every format but ``omegat``).
    public var isReadable: Bool { self != .omegat }

    /// The usual file extension, without the dot (`tsv`, `csv`, `tbx`, `jsonl`, `utf8`).
    public var fileExtension: String { self == .omegat ? "utf8" : rawValue }
}
