public import OnomaText

/// A concept: one entity or term with its names in every language (TBX `conceptEntry`, ISO 30042).
///
/// ```swift
/// let concept = Concept(id: "nikol-pashinyan", type: .person, terms: [
///     Term(text: "Nikol Pashinyan", language: LanguageTag(canonical: "en")),
///     Term(text: "Pachinian", language: LanguageTag(canonical: "fr"), kind: .short),
/// ])
/// concept.canonicalTerm(in: LanguageTag(canonical: "fr"))?.text   // "Pachinian"
/// ```
public struct Concept: Hashable, Sendable, Codable, Identifiable {
    /// Stable readable slug (`nikol-pashinyan`): lowercase ASCII letters, digits and inner `-`, `_`, `.`.
    public var id: String
    /// What the concept is (person, place, organization …).
    public var type: ConceptType
    /// Subject field (`politics`, `military` …).
    public var domain: String?
    /// Definition or note for users.
    public var note: String?
    /// Where the forms are attested.
    public var sources: [String]
    /// External identifiers by scheme (`wikidata` → `Q7747`, `iso3166` → `AM`).
    public var externalIDs: [String: String]
    /// The concept's terms, in every language, in file order (the first per language is usually preferred).
    public var terms: [Term]

    /// Creates a concept.
    public init(id: String, type: ConceptType, domain: String? = nil, note: String? = nil, sources: [String] = [],
                externalIDs: [String: String] = [:], terms: [Term] = []) {
        self.id = id
        self.type = type
        self.domain = domain
        self.note = note
        self.sources = sources
        self.externalIDs = externalIDs
        self.terms = terms
    }

    /// Whether `id` is a valid concept id: 1–200 characters of `[a-z0-9]` with inner `-`, `_` or `.`, so that
    /// `c-` + id is a valid XML name and a readable URL path segment.
    public static func isValidID(_ id: String) -> Bool {
        guard let first = id.utf8.first, let last = id.utf8.last, id.utf8.count <= 200 else { return false }
        func alnum(_ b: UInt8) -> Bool { (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) }
        return alnum(first) && alnum(last) && id.utf8.allSatisfy { alnum($0) || $0 == 0x2D || $0 == 0x5F || $0 == 0x2E }
    }

    /// The languages the concept has terms in, sorted.
    public var languages: [LanguageTag] { Array(Set(terms.map(\.language))).sorted() }

    /// The terms in `language` (a query for `fr` also returns `fr-FR`, `fr-CA` terms unless `exact`).
    public func terms(in language: LanguageTag, exact: Bool = false) -> [Term] {
        terms.filter { exact ? $0.language == language : $0.language.matches(language) }
    }

    /// The concept's canonical form in `language`.
    ///
    /// The fallback order is documented and stable:
    /// 1. the preferred term in `language` (or a regional variant of it);
    /// 2. its first admitted full-name term there;
    /// 3. the English preferred term;
    /// 4. the first non-deprecated term of any language.
    /// Deprecated terms are never canonical.
    public func canonicalTerm(in language: LanguageTag) -> Term? {
        Self.canonicalTermIndex(in: language, count: terms.count) { i in
            (terms[i].language, terms[i].status, terms[i].kind)
        }.map { terms[$0] }
    }

    /// Where ``canonicalTerm(in:)``'s choice is among `count` terms whose language, status and kind `term(i)` gives:
    /// the same rule for terms held in another form than ``Term`` values (a matcher's snapshot, which decodes only
    /// the term chosen).
    ///
    /// ```swift
    /// let index = Concept.canonicalTermIndex(in: french, count: terms.count) { i in
    ///     (terms[i].language, terms[i].status, terms[i].kind)
    /// }
    /// ```
    ///
    /// - Returns: the term's index in `0..<count`, or nil when no term is usable (none, or all deprecated).
    public static func canonicalTermIndex(
        in language: LanguageTag, count: Int,
        term: (Int) -> (language: LanguageTag, status: TermStatus, kind: TermKind)
    ) -> Int? {
        // One pass over the terms, no copies: in each group of candidates (the language itself, its primary
        // language and regional variants, English, any language), the first preferred full term, preferred term and
        // full term; the first group that has one of them answers.
        let primary = LanguageTag(canonical: language.language)
        var exact = FirstTerms(), regional = FirstTerms(), english = FirstTerms(), any = FirstTerms()
        var firstUsable: Int?
        for i in 0..<count {
            let (tag, status, kind) = term(i)
            if status == .deprecated { continue }
            if firstUsable == nil { firstUsable = i }
            if tag == language {
                exact.note(i, status, kind)
                // Nothing can come before the language's own first preferred full term.
                if exact.preferredFull != nil { break }
            }
            if tag.matches(primary) { regional.note(i, status, kind) }
            if tag.description == "en" || tag.description.hasPrefix("en-") {
                english.note(i, status, kind)
            }
            any.note(i, status, kind)
        }
        return exact.best ?? regional.best ?? english.best ?? any.best ?? firstUsable
    }
}

/// The first preferred full term, preferred term and full term among some of a concept's terms.
private struct FirstTerms {
    var preferredFull: Int?
    var preferred: Int?
    var full: Int?

    mutating func note(_ index: Int, _ status: TermStatus, _ kind: TermKind) {
        if preferredFull == nil, status == .preferred, kind == .full { preferredFull = index }
        if preferred == nil, status == .preferred { preferred = index }
        if full == nil, kind == .full { full = index }
    }

    /// The preferred full term, else the preferred term, else the full term.
    var best: Int? { preferredFull ?? preferred ?? full }
}

/// The kind of thing a concept is. Open-ended: any lowercase word is accepted; the common ones have constants.
public struct ConceptType: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    /// The type name (`person`).
    public var rawValue: String
    /// Wraps a type name.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// Wraps a type name.
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }

    /// A person.
    public static let person: ConceptType = "person"
    /// A place: country, region, city, village, geographic feature.
    public static let place: ConceptType = "place"
    /// An organization: state body, party, army, company, agency.
    public static let organization: ConceptType = "organization"
    /// An event: war, treaty, operation.
    public static let event: ConceptType = "event"
    /// A product: weapon system, vehicle.
    public static let product: ConceptType = "product"
    /// A term of a subject field.
    public static let term: ConceptType = "term"
    /// A language (from the CLDR gazetteer).
    public static let language: ConceptType = "language"
    /// A writing system (from the CLDR gazetteer).
    public static let script: ConceptType = "script"

    /// Whether `name` is a usable type name: a lowercase ASCII word (letters, digits, `-`).
    public static func isValid(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 40 && name.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
    }
}
