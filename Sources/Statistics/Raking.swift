/// The outcome of ``Rake/weights(_:margins:options:)``: one weight per respondent, in input order.
public struct Raking: Sendable {
    /// Final weights (after trimming, if asked), summing to the population total.
    public let weights: [Double]
    /// Sweeps over all margins performed, including the one that found the change small enough.
    public let sweeps: Int
    /// Whether the joint table stopped changing within the tolerance before `maxSweeps` (R warns if not).
    public let converged: Bool
    /// The margin variables, in raking order.
    public let variables: [String]
    /// How many weights trimming moved to a bound (0 without trimming).
    public let trimmedCount: Int
    /// What the variance estimator needs of the raking: per margin, each respondent's category and the
    /// weights right after that margin's post-stratification in the last sweep (R's `design$postStrata`).
    let calibration: [MarginCalibration]
}

/// One margin's entry in R's raking `postStrata`: the `index` vector with its `"weights"` attribute.
struct MarginCalibration: Sendable {
    let groupOf: [Int]
    let groupSizes: [Int]
    let weights: [Double]
}
