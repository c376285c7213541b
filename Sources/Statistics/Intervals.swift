import Foundation

/// The two interval constructions of SPEC §5, at the 95% level.
enum Intervals {
    /// Each tail outside the 95% interval; written out, since (1 − 0.95) / 2 is 0.025000000000000022.
    static let tail = 0.025

    /// R's `svyciprop(method = "logit")`: `svyglm(y ~ 1, family = quasibinomial)` gives logit(p̂) with
    /// SE(p̂) / (p̂(1 − p̂)) (the sandwich of an intercept-only model is the mean's influence rescaled), and
    /// `confint(ddf = degf(design))` a t interval on that scale, mapped back with expit.
    /// R computes the t quantile as `qnorm(pnorm(qt(...)))`, which at df = 1 rounds to ±Inf and yields
    /// [0, NaN]; here df = 1 gets the t interval the method defines.
    static func logit(share p: Double, standardError: Double, degreesOfFreedom: Int) -> (lower: Double, upper: Double) {
        let eta = log(p / (1 - p))
        let logitSE = standardError / (p * (1 - p))
        let t = Quantiles.studentT(p: 1 - tail, degreesOfFreedom: Double(degreesOfFreedom))
        // With SE 0 (an outcome the margins determine exactly) expit(logit(p)) may round past p.
        return (min(p, expit(eta - t * logitSE)), max(p, expit(eta + t * logitSE)))
    }

    /// Clopper–Pearson on the Kish effective sample size for a share of exactly 0 or 1, where the logit
    /// interval degenerates: qbeta(0.025, n, 1) = 0.025^(1/n) for share 1, mirrored for share 0.
    static func clopperPearson(allYes: Bool, effectiveSampleSize n: Double) -> (lower: Double, upper: Double) {
        guard n > 0 else { return (0, 1) }
        return allYes ? (pow(tail, 1 / n), 1) : (0, -expm1(log(tail) / n))
    }

    private static func expit(_ x: Double) -> Double { 1 / (1 + exp(-x)) }
}
