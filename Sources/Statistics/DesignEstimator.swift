/// A weighted share on a raked design, within a domain or the whole sample: R's `svymean()` (with
/// `deff = TRUE`) and `svyciprop(method = "logit")`, on the design itself or on `design[domain, ]` as
/// `svyby()` passes it (out-of-domain respondents keep their place with weight 0, so the calibration
/// still runs over the whole sample and degrees of freedom are the domain's n − 1).
enum DesignEstimator {
    static func estimate(
        outcome: [Bool], weights: [Double], inDomain: [Bool], calibration: [MarginCalibration]
    ) -> WeightedEstimate {
        var n = 0, yes = 0
        var weightSum = 0.0, yesSum = 0.0, squareSum = 0.0
        for index in outcome.indices where inDomain[index] {
            n += 1
            weightSum += weights[index]
            squareSum += weights[index] * weights[index]
            if outcome[index] {
                yes += 1
                yesSum += weights[index]
            }
        }
        guard n > 0, weightSum > 0 else {
            // No one to estimate from: the uninformative interval, never NaN.
            return WeightedEstimate(
                share: 0, standardError: 0, lower: 0, upper: 1, intervalMethod: "clopper-pearson",
                designEffect: nil, effectiveSampleSize: 0, n: n)
        }
        let effectiveSampleSize = weightSum * weightSum / squareSum
        let share = yes == n ? 1 : yes == 0 ? 0 : yesSum / weightSum

        // svymean(): x <- sweep(x, 2, average); svyrecvar(x * pweights / psum, ...).
        var influence = [Double](repeating: 0, count: outcome.count)
        var centred = [Double](repeating: 0, count: outcome.count)
        for index in outcome.indices where inDomain[index] {
            centred[index] = (outcome[index] ? 1 : 0) - share
            influence[index] = centred[index] * weights[index] / weightSum
        }
        let variance = CalibratedVariance.variance(of: influence, calibration: calibration)
        let standardError = variance.squareRoot()
        let designEffect = designEffect(
            variance: variance, centred: centred, weights: weights, inDomain: inDomain, n: n, weightSum: weightSum)

        if yes == n || yes == 0 {
            let interval = Intervals.clopperPearson(allYes: yes == n, effectiveSampleSize: effectiveSampleSize)
            return WeightedEstimate(
                share: share, standardError: standardError, lower: interval.lower, upper: interval.upper,
                intervalMethod: "clopper-pearson", designEffect: designEffect,
                effectiveSampleSize: effectiveSampleSize, n: n)
        }
        let interval = Intervals.logit(share: share, standardError: standardError, degreesOfFreedom: n - 1)
        return WeightedEstimate(
            share: share, standardError: standardError, lower: interval.lower, upper: interval.upper,
            intervalMethod: "logit", designEffect: designEffect, effectiveSampleSize: effectiveSampleSize, n: n)
    }

    /// `svymean(deff = TRUE)`: v / vsrs with vsrs = svyvar(x) (psum − nobs) / (psum nobs), where svyvar
    /// is the weighted variance of the centred values with the nobs / (nobs − 1) correction.
    /// nil where R's value is NA (psum < nobs), Inf or NaN.
    private static func designEffect(
        variance: Double, centred: [Double], weights: [Double], inDomain: [Bool], n: Int, weightSum: Double
    ) -> Double? {
        guard n > 1, weightSum > Double(n) else { return nil }
        var meanSum = 0.0
        for index in centred.indices where inDomain[index] { meanSum += weights[index] * centred[index] }
        let mean = meanSum / weightSum
        var spread = 0.0
        for index in centred.indices where inDomain[index] {
            let deviation = centred[index] - mean
            spread += weights[index] * deviation * deviation
        }
        let weightedVariance = spread * Double(n) / Double(n - 1) / weightSum
        let simpleRandomVariance = weightedVariance * (weightSum - Double(n)) / (weightSum * Double(n))
        guard simpleRandomVariance > 0 else { return nil }
        let ratio = variance / simpleRandomVariance
        return ratio.isFinite ? ratio : nil
    }
}
