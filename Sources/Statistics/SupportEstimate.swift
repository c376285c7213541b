/// The weighted draagvlak of SPEC §5, reproducing what a statistician gets from R's `survey` package:
///
/// ```r
/// d <- rake(svydesign(ids = ~1, data = df, weights = ~1), sample.margins, population.margins,
///           control = list(maxit = 1000, epsilon = 1e-10))
/// svymean(~supports, d, deff = TRUE); svyciprop(~supports, d, method = "logit")
/// svyby(~supports, ~wijk, d, svymean)
/// ```
public enum SupportEstimate {
    /// Which answer a share counts.
    public enum Outcome: String, Sendable, Hashable {
        case supports, opposes
    }

    /// The SPEC §5 weighted estimate: share of `supports` under the raked weights, its SE as `svymean()`
    /// on a `rake()` design reports it, the logit-t interval, deff, Kish n_eff; Clopper–Pearson on n_eff
    /// when the share is 0 or 1. Throws when the sample cannot be raked (the caller falls back to the
    /// unweighted share).
    public static func weighted(
        _ respondents: [Respondent], margins: [Margin], options: RakingOptions = .init()
    ) throws(RakingError) -> (estimate: WeightedEstimate, raking: Raking) {
        let raking = try Rake.weights(respondents, margins: margins, options: options)
        return (share(.supports, of: respondents, raking: raking), raking)
    }

    /// The weighted share of `opposes`, with the same weights and statistics as ``weighted(_:margins:options:)``.
    public static func opposeShare(
        _ respondents: [Respondent], margins: [Margin], options: RakingOptions = .init()
    ) throws(RakingError) -> WeightedEstimate {
        share(.opposes, of: respondents, raking: try Rake.weights(respondents, margins: margins, options: options))
    }

    /// The weighted share of `opposes` under an existing raking of the same respondents (no re-raking).
    public static func opposeShare(_ respondents: [Respondent], raking: Raking) -> WeightedEstimate {
        share(.opposes, of: respondents, raking: raking)
    }

    /// Either share under an existing raking of these same respondents, in the same order.
    public static func share(_ outcome: Outcome, of respondents: [Respondent], raking: Raking) -> WeightedEstimate {
        precondition(raking.weights.count == respondents.count, "the raking is of other respondents")
        return DesignEstimator.estimate(
            outcome: respondents.map { outcome.of($0) }, weights: raking.weights,
            inDomain: [Bool](repeating: true, count: respondents.count), calibration: raking.calibration)
    }

    /// Domain estimates (`svyby` over a variable): one ``WeightedEstimate`` per category of `variable`
    /// that has respondents, sorted by category, using the whole-sample raked design (as
    /// `svyby(~supports, ~wijk, design, svymean)` does). Respondents without the variable are in no domain.
    /// Suppressing small cells is the caller's job (each estimate carries its `n`).
    public static func byDomain(
        _ respondents: [Respondent], variable: String, margins: [Margin], options: RakingOptions = .init(),
        outcome: Outcome = .supports
    ) throws(RakingError) -> [DomainEstimate] {
        let raking = try Rake.weights(respondents, margins: margins, options: options)
        return byDomain(respondents, variable: variable, raking: raking, outcome: outcome)
    }

    /// Domain estimates under an existing raking of these same respondents.
    public static func byDomain(
        _ respondents: [Respondent], variable: String, raking: Raking, outcome: Outcome = .supports
    ) -> [DomainEstimate] {
        precondition(raking.weights.count == respondents.count, "the raking is of other respondents")
        let values = respondents.map { outcome.of($0) }
        let categories = Set(respondents.compactMap { $0.categories[variable] }).sorted()
        return categories.map { category in
            let inDomain = respondents.map { $0.categories[variable] == category }
            let estimate = DesignEstimator.estimate(
                outcome: values, weights: raking.weights, inDomain: inDomain, calibration: raking.calibration)
            return DomainEstimate(category: category, estimate: estimate)
        }
    }
}

extension SupportEstimate.Outcome {
    func of(_ respondent: Respondent) -> Bool {
        switch self {
        case .supports: respondent.supports
        case .opposes: respondent.opposes
        }
    }
}
