/// R's `trimWeights()` for a `survey.design2` (default `strict = FALSE`), with bounds given as factors
/// of the mean weight: weights outside [lower, upper] are set to the bound they crossed and the total
/// trimmed off (or added) is spread evenly over the weights that were inside, so the sum is kept.
/// When no weight is inside there is nobody to spread over; like R, the clamped weights are returned.
enum WeightTrimming {
    static func trim(_ weights: [Double], lowerFactor: Double, upperFactor: Double) -> (weights: [Double], trimmed: Int) {
        guard !weights.isEmpty else { return (weights, 0) }
        let mean = weights.reduce(0, +) / Double(weights.count)
        let lower = lowerFactor * mean, upper = upperFactor * mean
        let outside = weights.map { $0 < lower || $0 > upper }
        let trimmed = outside.filter { $0 }.count
        guard trimmed > 0 else { return (weights, 0) }
        var result = weights.map { max(lower, min($0, upper)) }
        let excess = zip(weights, result).reduce(0) { $0 + ($1.0 - $1.1) }
        let inside = weights.count - trimmed
        if inside > 0 {
            let share = excess / Double(inside)
            for index in result.indices where !outside[index] { result[index] += share }
        }
        return (result, trimmed)
    }
}
