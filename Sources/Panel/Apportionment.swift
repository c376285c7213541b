/// Splits a whole number into parts proportional to weights (largest-remainder method), so a demo
/// panel's wijk sizes match the population shares exactly instead of only on average.
enum Apportionment {
    /// Parts that sum to `count`; ties in the remainders go to the earlier weight, for determinism.
    /// All zeros when no weight is positive.
    static func largestRemainder(_ count: Int, weights: [Double]) -> [Int] {
        let total = weights.reduce(0) { $0 + max(0, $1) }
        guard count > 0, total > 0 else { return weights.map { _ in 0 } }
        let quotas = weights.map { max(0, $0) / total * Double(count) }
        var parts = quotas.map { Int($0.rounded(.down)) }
        let remainders = quotas.enumerated().map { ($0.offset, $0.element - $0.element.rounded(.down)) }
        let byRemainder = remainders.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        var left = count - parts.reduce(0, +)
        for (index, _) in byRemainder where left > 0 {
            parts[index] += 1
            left -= 1
        }
        return parts
    }
}
