import Foundation

/// The regularized incomplete beta function I_x(a, b) and its complement, both to about 1e-15 relative,
/// by the continued fraction of Numerical Recipes §6.4 (modified Lentz) evaluated on whichever side
/// converges, so the smaller tail is never obtained as 1 minus something close to 1.
/// This is the distribution function behind `pt()` and `pbeta()`.
enum IncompleteBeta {
    /// `x` and `y = 1 − x` are passed separately, with their logarithms, so callers that know 1 − x
    /// more precisely than by subtraction (as the t distribution does) keep that precision.
    static func tails(x: Double, y: Double, logX: Double, logY: Double, a: Double, b: Double)
        -> (lower: Double, upper: Double)
    {
        if x <= 0 { return (0, 1) }
        if y <= 0 { return (1, 0) }
        let logFront = a * logX + b * logY - LogBeta.value(a, b)
        if x < (a + 1) / (a + b + 2) {
            let lower = exp(logFront) * continuedFraction(x: x, a: a, b: b) / a
            return (lower, 1 - lower)
        }
        let upper = exp(logFront) * continuedFraction(x: y, a: b, b: a) / b
        return (1 - upper, upper)
    }

    static func tails(x: Double, a: Double, b: Double) -> (lower: Double, upper: Double) {
        let y = 1 - x
        return tails(x: x, y: y, logX: log(x), logY: log1p(-x), a: a, b: b)
    }

    /// The density of Beta(a, b) at x, on the log scale.
    static func logDensity(x: Double, y: Double, a: Double, b: Double) -> Double {
        (a - 1) * log(x) + (b - 1) * log(y) - LogBeta.value(a, b)
    }

    private static func continuedFraction(x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        let sum = a + b, up = a + 1, down = a - 1
        var c = 1.0
        var d = 1 - sum * x / up
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...100_000 {
            let m = Double(m), twiceM = 2 * m
            var coefficient = m * (b - m) * x / ((down + twiceM) * (a + twiceM))
            d = 1 + coefficient * d
            if abs(d) < tiny { d = tiny }
            c = 1 + coefficient / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            coefficient = -(a + m) * (sum + m) * x / ((a + twiceM) * (up + twiceM))
            d = 1 + coefficient * d
            if abs(d) < tiny { d = tiny }
            c = 1 + coefficient / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let step = d * c
            h *= step
            if abs(step - 1) < 1e-15 { break }
        }
        return h
    }
}
