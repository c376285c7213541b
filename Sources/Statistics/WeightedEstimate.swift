/// A weighted share with the statistics SPEC §5 reports beside it.
public struct WeightedEstimate: Sendable, Hashable {
    /// R's `svymean()`.
    public let share: Double
    /// R's `SE(svymean())` on the raked design (calibration taken into account).
    public let standardError: Double
    /// 95% interval ends.
    public let lower: Double
    public let upper: Double
    /// `"logit"` (R's `svyciprop(method = "logit")`) or `"clopper-pearson"` (share exactly 0 or 1).
    public let intervalMethod: String
    /// R's `svymean(deff = TRUE)`; nil where R gives NA, NaN or Inf (unanimous answers, one respondent,
    /// weights summing to no more than n).
    public let designEffect: Double?
    /// Kish: (Σw)² / Σw².
    public let effectiveSampleSize: Double
    /// Respondents counted (in the domain, for domain estimates).
    public let n: Int

    public init(
        share: Double, standardError: Double, lower: Double, upper: Double, intervalMethod: String,
        designEffect: Double?, effectiveSampleSize: Double, n: Int
    ) {
        self.share = share
        self.standardError = standardError
        self.lower = lower
        self.upper = upper
        self.intervalMethod = intervalMethod
        self.designEffect = designEffect
        self.effectiveSampleSize = effectiveSampleSize
        self.n = n
    }
}
