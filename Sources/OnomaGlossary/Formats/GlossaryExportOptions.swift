public import OnomaText

/// What ``GlossaryWriter`` exports and in which order.
///
/// Filters combine: a term is exported when its status is in ``statuses`` and its language matches ``from`` or
/// ``to`` (when set); a concept is exported when its type is in ``types``, its domain in ``domains``, and it has a
/// term left in each of ``from`` and ``to`` (when set). When a term filter is set (``from``, ``to``, ``statuses``),
/// concepts left without terms are dropped; otherwise concepts without terms are exported too. A language filter
/// `fr` also takes regional terms (`fr-FR`, `fr-CA`).
///
/// ```swift
/// var options = GlossaryExportOptions(from: try LanguageTag("en"), to: try LanguageTag("fr"))
/// options.types = [.person, .place]
/// let text = GlossaryWriter.write(concepts, format: .omegat, options: options)
/// ```
public struct GlossaryExportOptions: Hashable, Sendable {
    /// The source language: only concepts with a term in it, and only its terms and ``to``'s; also the sort
    /// language. Required for ``GlossaryFormat/omegat``.
    public var from: LanguageTag?
    /// The target language: only concepts with a term in it. Required for ``GlossaryFormat/omegat``.
    public var to: LanguageTag?
    /// The TBX generation to write: 2 (TBX-Basic `martif`, the default, what OmegaT and translate-toolkit read) or
    /// 3 (ISO 30042:2019 `tbx`, DCA style).
    public var tbxVersion: Int
    /// Concept types to keep; nil keeps every type.
    public var types: Set<ConceptType>?
    /// Domains to keep; nil keeps every concept, with or without a domain.
    public var domains: Set<String>?
    /// Term statuses to keep; nil keeps all. Deprecated terms stay marked as deprecated wherever they are written.
    public var statuses: Set<TermStatus>?
    /// Whether rows are sorted by the ICU collation of each concept's canonical term in the sort language
    /// (``from``, else ``sortLanguage``), with the id breaking ties. When false, the input order is kept.
    public var sortsByTerm: Bool
    /// The sort language when ``from`` is nil (English by default).
    public var sortLanguage: LanguageTag

    /// Creates options; the defaults export everything, sorted by the English canonical term, as TBX v2.
    public init(from: LanguageTag? = nil, to: LanguageTag? = nil, tbxVersion: Int = 2,
                types: Set<ConceptType>? = nil, domains: Set<String>? = nil, statuses: Set<TermStatus>? = nil,
                sortsByTerm: Bool = true, sortLanguage: LanguageTag = LanguageTag(canonical: "en")) {
        self.from = from
        self.to = to
        self.tbxVersion = tbxVersion
        self.types = types
        self.domains = domains
        self.statuses = statuses
        self.sortsByTerm = sortsByTerm
        self.sortLanguage = sortLanguage
    }
}
