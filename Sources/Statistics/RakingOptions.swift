/// How ``Rake`` iterates, mirroring R's `rake(control = list(maxit, epsilon))` and `trimWeights()`.
public struct RakingOptions: Sendable {
    /// Convergence bound on the largest change of any cell of the weighted joint table between sweeps.
    /// As in R's `rake()`: below 1 it is a fraction of the sum of the starting weights (the sample size,
    /// since every respondent starts at weight 1); 1 or more is an absolute bound.
    public var tolerance: Double = 1e-10
    /// At most this many sweeps over all margins (R's `maxit`).
    public var maxSweeps: Int = 1000
    /// Optional trimming after raking, bounds as factors of the mean weight (e.g. `(0.3, 3)`); weights
    /// outside are set to the bound and the excess is spread evenly over the untrimmed weights, exactly
    /// as R's `trimWeights(design, lower = 0.3 * mean(w), upper = 3 * mean(w))` (one pass, `strict = FALSE`).
    public var trim: (lower: Double, upper: Double)? = nil

    public init(tolerance: Double = 1e-10, maxSweeps: Int = 1000, trim: (lower: Double, upper: Double)? = nil) {
        self.tolerance = tolerance
        self.maxSweeps = maxSweeps
        self.trim = trim
    }
}
