import Foundation

/// Quantiles of the Beta(a, b) distribution, as R's `qbeta()`: safeguarded Newton steps on the log of
/// whichever tail is smaller, from a start that is exact for the power-law end of the distribution.
enum BetaQuantile {
    static func quantile(_ p: Double, a: Double, b: Double) -> Double {
        guard p.isFinite, a > 0, b > 0, p >= 0, p <= 1 else { return .nan }
        if p == 0 { return 0 }
        if p == 1 { return 1 }
        let useLower = p <= 0.5
        let target = useLower ? p : 1 - p
        let logTarget = log(target)
        let logBeta = LogBeta.value(a, b)
        // Near 0, I_x(a, b) ≈ x^a / (a B(a, b)); near 1, 1 − I_x ≈ (1 − x)^b / (b B(a, b)).
        var x =
            useLower
            ? exp((logTarget + log(a) + logBeta) / a)
            : -expm1((logTarget + log(b) + logBeta) / b)
        // A start that underflows means the quantile is below the smallest double (as R, report 0 or 1).
        if x == 0 && useLower { return 0 }
        if x == 1 && !useLower { return 1 }
        if !(x > 0 && x < 1) { x = a / (a + b) }
        var low = 0.0, high = 1.0
        for _ in 0..<400 {
            let y = 1 - x
            let tails = IncompleteBeta.tails(x: x, y: y, logX: log(x), logY: log1p(-x), a: a, b: b)
            let lower = tails.lower
            if lower < p { low = x } else if lower > p { high = x } else { return x }
            let density = exp(IncompleteBeta.logDensity(x: x, y: y, a: a, b: b))
            let tail = useLower ? tails.lower : tails.upper
            // d log(tail)/dx is ±density/tail; one Newton step on the log scale.
            let step = (log(tail) - logTarget) * tail / density
            var next = useLower ? x - step : x + step
            if !(next > low && next < high) {
                next = low > 0 && high / low > 4 ? (low * high).squareRoot() : 0.5 * (low + high)
            }
            if abs(next - x) <= 2e-16 * next || next == x { return next }
            x = next
        }
        return x
    }
}
