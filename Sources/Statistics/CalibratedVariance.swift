/// The variance of a linear estimator on a raked design, as R's `survey:::svyrecvar()` computes it for
/// `svydesign(ids = ~1)` with the `postStrata` that `rake()` leaves behind:
///
/// ```r
/// for (iterations in 1:10) for (margin in psvar) {       # class "raking"
///     psw <- attr(margin, "weights")
///     x <- x - psw * apply(x / psw, 2, ave, margin)
/// }
/// ```
///
/// i.e. the influence values are backfitted onto each margin 10 times in margin order (residuals from
/// the within-category means of x / w, with the weights right after that margin's last post-stratification),
/// then `onestrat()` gives n/(n − 1) Σ (xᵢ − x̄)² with every respondent its own PSU and no fpc.
enum CalibratedVariance {
    static let backfittingRounds = 10

    static func variance(of influence: [Double], calibration: [MarginCalibration]) -> Double {
        var x = influence
        if !calibration.isEmpty {
            for _ in 0..<backfittingRounds {
                for margin in calibration { removeCategoryMeans(&x, margin) }
            }
        }
        // One respondent is one PSU in its stratum; R stops there ("only one PSU"). Nothing varies: 0.
        let n = x.count
        guard n > 1 else { return 0 }
        let mean = x.reduce(0, +) / Double(n)
        let sumOfSquares = x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        return sumOfSquares * Double(n) / Double(n - 1)
    }

    private static func removeCategoryMeans(_ x: inout [Double], _ margin: MarginCalibration) {
        let groupOf = margin.groupOf, weights = margin.weights
        var means = [Double](repeating: 0, count: margin.groupSizes.count)
        x.withUnsafeMutableBufferPointer { x in
            for index in x.indices { means[groupOf[index]] += x[index] / weights[index] }
            for group in means.indices { means[group] /= Double(margin.groupSizes[group]) }
            for index in x.indices { x[index] -= weights[index] * means[groupOf[index]] }
        }
    }
}
