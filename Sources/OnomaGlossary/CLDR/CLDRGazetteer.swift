import Dispatch
import Foundation
import OnomaText

/// Generates a multilingual gazetteer from the CLDR data that ships inside ICU, offline.
///
/// Four kinds of concepts, each with one term per locale that has its own name:
/// - territories: every ISO 3166 region, named in every locale (`uloc_getDisplayCountry`), id `region-am`;
/// - cities: every canonical location time zone's exemplar city (ICU date pattern `VVV`), id `tz-asia-yerevan`;
/// - languages (`uloc_getDisplayLanguage`), id `lang-hy`; scripts (`uloc_getDisplayScript`), id `script-armn`.
///
/// A locale whose name is only inherited (the English or root name, or its parent language's name for a regional
/// locale such as `fr-CA`) adds no term. The English name is the preferred `en` term.
///
/// ```swift
/// let gazetteer = try CLDRGazetteer.generate()
/// gazetteer.cities.first { $0.id == "tz-asia-yerevan" }?.terms(in: LanguageTag(canonical: "fr"))   // Erevan
/// ```
public struct CLDRGazetteer: Sendable {
    /// Territory concepts.
    public var territories: [Concept]
    /// Time-zone exemplar city concepts.
    public var cities: [Concept]
    /// Language-name concepts.
    public var languages: [Concept]
    /// Script-name concepts.
    public var scripts: [Concept]

    /// Every concept, territories first.
    public var all: [Concept] { territories + cities + languages + scripts }

    /// The CLDR source line recorded on each concept.
    public static var source: String { "Unicode CLDR via ICU \(ICU.version)" }

    /// The kinds the generator can produce.
    public enum Kind: String, CaseIterable, Sendable {
        case territories, cities, languages, scripts
    }

    /// Generates the gazetteer; `locales` defaults to every locale ICU has, `kinds` to all four.
    public static func generate(locales: [String]? = nil, kinds: Set<Kind> = Set(Kind.allCases)) throws -> CLDRGazetteer {
        let localeIDs = (locales ?? ICU.Locale.available).sorted()
        let tags = localeIDs.map { ICU.Locale.tag(forLocaleID: $0) }
        // A regional locale (fr_CA) adds a term only where it differs from its language (fr).
        let parents: [Int?] = localeIDs.map { id in
            guard let cut = id.lastIndex(of: "_") else { return nil }
            return localeIDs.firstIndex(of: String(id[..<cut]))
        }

        let regions = ICU.Locale.isoRegions.filter { ICU.Locale.regionName($0, in: "en")?.isOwnData == true }
        var zones: [(zone: String, region: String)] = []
        if kinds.contains(.cities) {
            for region in regions {
                for zone in try ICU.TimeZone.canonicalZones(region: region) { zones.append((zone, region)) }
            }
        }
        let languageCodes = kinds.contains(.languages) ? languageCodes() : []
        let scriptCodes = kinds.contains(.scripts) ? scriptCodes() : []

        // One column of names per locale, computed on all cores.
        struct Column: Sendable {
            var regions: [String?] = []
            var cities: [String?] = []
            var languages: [String?] = []
            var scripts: [String?] = []
        }
        let zoneIDs = zones.map(\.zone)
        let byLocale: [Column?] = Parallel.mapRanges(count: localeIDs.count, slices: localeIDs.count) { _, range in
            range.map { index -> Column? in
                let locale = localeIDs[index]
                var column = Column()
                if kinds.contains(.territories) {
                    column.regions = regions.map { ICU.Locale.regionName($0, in: locale).flatMap(Self.ownName) }
                }
                if kinds.contains(.cities), let formatter = try? ICU.TimeZone.ExemplarCityFormatter(locale: locale) {
                    column.cities = zoneIDs.map { try? formatter.city(of: $0) }
                }
                column.languages = languageCodes.map { ICU.Locale.languageName($0, in: locale).flatMap(Self.ownName) }
                column.scripts = scriptCodes.map { ICU.Locale.scriptName($0, in: locale).flatMap(Self.ownName) }
                return column
            }
        }
        guard let english = localeIDs.firstIndex(of: "en") else {
            throw GazetteerError(message: "ICU has no English locale data")
        }

        func concepts(count: Int, names: (Column) -> [String?], make: (Int, String) -> Concept) -> [Concept] {
            var result: [Concept] = []
            for item in 0..<count {
                guard let englishName = byLocale[english].flatMap({ names($0)[item] }) else { continue }
                var concept = make(item, englishName)
                var terms = [Term(text: englishName, language: LanguageTag(canonical: "en"))]
                for (index, tag) in tags.enumerated() where index != english {
                    guard let name = byLocale[index].flatMap({ names($0)[item] }), name != englishName else { continue }
                    if let parent = parents[index], byLocale[parent].flatMap({ names($0)[item] }) == name { continue }
                    // en-GB and friends: an English variant spelled differently is admitted, not preferred.
                    let status: TermStatus = tag.hasPrefix("en-") ? .admitted : .preferred
                    terms.append(Term(text: name, language: LanguageTag(canonical: tag), status: status))
                }
                concept.terms = terms
                concept.sources = [source]
                result.append(concept)
            }
            return result
        }

        let territories = concepts(count: regions.count, names: \.regions) { i, _ in
            let region = regions[i]
            let iso3 = ICU.Locale.iso3Region(region).map { ", ISO 3166 alpha-3 \($0)" } ?? ""
            return Concept(id: "region-" + region.lowercased(), type: .place, domain: "geography",
                           note: "Territory \(region)\(iso3)", externalIDs: ["iso3166": region])
        }
        let cities = concepts(count: zones.count, names: \.cities) { i, _ in
            let (zone, region) = zones[i]
            return Concept(id: Self.zoneID(zone), type: .place, domain: "geography",
                           note: "Exemplar city of time zone \(zone) (\(region))", externalIDs: ["tz": zone])
        }
        let languages = concepts(count: languageCodes.count, names: \.languages) { i, _ in
            Concept(id: "lang-" + languageCodes[i].lowercased(), type: .language, domain: "linguistics",
                    note: "Language \(languageCodes[i])", externalIDs: ["iso639": languageCodes[i]])
        }
        let scripts = concepts(count: scriptCodes.count, names: \.scripts) { i, _ in
            Concept(id: "script-" + scriptCodes[i].lowercased(), type: .script, domain: "linguistics",
                    note: "Script \(scriptCodes[i])", externalIDs: ["iso15924": scriptCodes[i]])
        }
        return CLDRGazetteer(territories: territories, cities: cities, languages: languages, scripts: scripts)
    }

    /// `Asia/Yerevan` → `tz-asia-yerevan`; `America/Argentina/Buenos_Aires` → `tz-america-argentina-buenos_aires`.
    public static func zoneID(_ zone: String) -> String {
        "tz-" + zone.lowercased().map { $0 == "/" ? "-" : ($0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") ? $0 : "-") }
            .map(String.init).joined()
    }

    private static func ownName(_ name: ICU.Locale.DisplayName) -> String? { name.isOwnData ? name.text : nil }

    /// Languages with an English name of their own among the locales' languages.
    private static func languageCodes() -> [String] {
        let codes = Set(ICU.Locale.available.map { String($0.prefix { $0 != "_" }) })
        return codes.filter { ICU.Locale.languageName($0, in: "en").map { $0.isOwnData && $0.text != $0.text.lowercased() } ?? false }
            .sorted()
    }

    /// ISO 15924 codes of the scripts ICU's locales are written in, plus those named in English CLDR data.
    private static func scriptCodes() -> [String] {
        var codes = Set<String>()
        for locale in ICU.Locale.available {
            if let script = ICU.Locale.likelyScript(ICU.Locale.tag(forLocaleID: locale)) { codes.insert(script) }
        }
        return codes.filter { ICU.Locale.scriptName($0, in: "en")?.isOwnData == true }.sorted()
    }
}

/// The gazetteer could not be generated.
public struct GazetteerError: Error, CustomStringConvertible, Sendable {
    /// What went wrong.
    public var message: String
    public var description: String { message }
}
