import Foundation

/// An estimated share with its 95% confidence interval and the method that gave the interval.
public struct ProportionEstimate: Hashable, Sendable {
    public let share: Double
    public let lower: Double
    public let upper: Double
    public let method: String
}

public enum Proportion {
    /// The Wilson score interval for `successes` out of `n` (Wilson 1927), which unlike the Wald interval
    /// stays within [0, 1] and behaves at small n and at shares near 0 or 1. nil when n is 0.
    public static func wilson(successes: Int, n: Int, z: Double = 1.959963984540054) -> ProportionEstimate? {
        guard n > 0, successes >= 0, successes <= n else { return nil }
        let count = Double(n)
        let p = Double(successes) / count
        let z2 = z * z
        let denominator = 1 + z2 / count
        let centre = (p + z2 / (2 * count)) / denominator
        let halfWidth = z * (p * (1 - p) / count + z2 / (4 * count * count)).squareRoot() / denominator
        // At p = 0 or 1 the end on that side is exactly 0 or 1; rounding would otherwise leave 0.9999999999999999.
        return ProportionEstimate(
            share: p, lower: successes == 0 ? 0 : max(0, centre - halfWidth),
            upper: successes == n ? 1 : min(1, centre + halfWidth), method: "wilson")
    }
}
