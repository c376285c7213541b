import Foundation

/// log B(a, b) without the cancellation of lgamma(a) + lgamma(b) − lgamma(a + b) for large arguments,
/// following R's `lbeta()` (nmath/lbeta.c): Stirling's series carries the large terms analytically and
/// only the small correction terms are added up. Needed so that t tails at large df stay accurate.
enum LogBeta {
    static func value(_ a: Double, _ b: Double) -> Double {
        let p = min(a, b), q = max(a, b)
        let logSqrtTwoPi = 0.918938533204672741780329736406
        if p >= 10 {
            let correction = stirlingCorrection(p) + stirlingCorrection(q) - stirlingCorrection(p + q)
            return -0.5 * log(q) + logSqrtTwoPi + correction + (p - 0.5) * log(p / (p + q))
                + q * log1p(-p / (p + q))
        }
        if q >= 10 {
            let correction = stirlingCorrection(q) - stirlingCorrection(p + q)
            return lgamma(p) + correction + p - p * log(p + q) + (q - 0.5) * log1p(-p / (p + q))
        }
        return lgamma(p) + lgamma(q) - lgamma(p + q)
    }

    /// lgamma(x) − [(x − ½) log x − x + log √(2π)] for x ≥ 10, as R's `lgammacor()`: the asymptotic
    /// Stirling series, whose first eight terms are below 1e-17 relative from x = 10 on.
    static func stirlingCorrection(_ x: Double) -> Double {
        let inverseSquare = 1 / (x * x)
        return stirlingCoefficients.reversed().reduce(0) { $0 * inverseSquare + $1 } / x
    }

    /// B₂ₖ / (2k(2k − 1)) for k = 1…8.
    private static let stirlingCoefficients: [Double] = [
        1.0 / 12, -1.0 / 360, 1.0 / 1260, -1.0 / 1680, 1.0 / 1188, -691.0 / 360360, 1.0 / 156,
        -3617.0 / 122400,
    ]
}
