/// One respondent to a survey's support question, with the categories raking can weight on.
public struct Respondent: Sendable, Hashable {
    public var supports: Bool
    public var opposes: Bool
    /// Variable → category, e.g. `["wijk": "Oost", "age_band": "35-49", "gender": "vrouw"]`.
    /// Variables that are no margin are ignored by raking and can still define domains.
    public var categories: [String: String]

    public init(supports: Bool, opposes: Bool = false, categories: [String: String]) {
        self.supports = supports
        self.opposes = opposes
        self.categories = categories
    }
}
