/// The population totals of one variable, the `population.margins` entry R's `rake()` gets as
/// `data.frame(wijk = ..., Freq = ...)`.
public struct Margin: Sendable, Hashable {
    public var variable: String
    /// Category → population total. A total that is zero (or not a finite positive number) means the
    /// category is absent from the population, as R's `postStratify()` treats 0 and NA.
    public var totals: [String: Double]

    public init(variable: String, totals: [String: Double]) {
        self.variable = variable
        self.totals = totals
    }
}
