/// One row of R's `svyby(~supports, ~variable, design, svymean)`: the estimate within one category.
public struct DomainEstimate: Sendable, Hashable {
    public let category: String
    public let estimate: WeightedEstimate

    public init(category: String, estimate: WeightedEstimate) {
        self.category = category
        self.estimate = estimate
    }
}
