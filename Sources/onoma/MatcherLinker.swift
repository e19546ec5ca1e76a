import OnomaBatch
import OnomaGlossary
import OnomaMatching
import OnomaText

/// Links the batch job's names through the matching cascade.
struct MatcherLinker: NameLinker {
    let matcher: EntityMatcher
    let target: LanguageTag
    /// `--threshold`: a best match scoring below it is no match.
    var minimumScore: Double = EntityMatcher.threshold

    func link(_ name: NormalizedName, language: LanguageHint) -> LinkedEntity? {
        let tag = language.tag.map(LanguageTag.init(canonical:))
        guard let best = matcher.bestMatch(name: name, language: tag, target: target, minimumScore: minimumScore)
        else { return nil }
        return LinkedEntity(entity: best.conceptID, canonical: best.canonical?.text ?? "", method: best.method.rawValue,
                            score: best.score)
    }
}
