/// Quantile functions for the intervals of ``SupportEstimate``, each to at least 1e-10 relative accuracy
/// against R's `qt()`, `qbeta()` and `qnorm()` (checked in the tests), so no R runtime is needed.
public enum Quantiles {
    /// R's `qt(p, df)`. NaN for p outside [0, 1] or df ≤ 0.
    public static func studentT(p: Double, degreesOfFreedom: Double) -> Double {
        StudentTQuantile.quantile(p, degreesOfFreedom: degreesOfFreedom)
    }

    /// R's `qbeta(p, a, b)`. NaN for p outside [0, 1] or a non-positive shape.
    public static func beta(p: Double, a: Double, b: Double) -> Double {
        BetaQuantile.quantile(p, a: a, b: b)
    }

    /// R's `qnorm(p)`.
    public static func normal(p: Double) -> Double {
        NormalQuantile.quantile(p)
    }
}
