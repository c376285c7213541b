import YAMLFiles
import Surveys
import Yams

extension SurveyFileReader {
    /// `weighting: {variables: [...], trim: {lower: …, upper: …}}`. Only its shape is checked here:
    /// which variables exist depends on the population table, which the statistics step reads.
    mutating func readWeighting(_ node: Node) -> WeightingRule? {
        let place = "'weighting'"
        let expected = "a mapping {variables: […], trim: {lower: …, upper: …}} for 'weighting'"
        guard let fields = fields(of: node, expecting: expected) else { return nil }
        rejectUnknownKeys(in: fields, known: ["variables", "trim"], place: "in \(place)")
        var rule = WeightingRule()
        if let variables = fields.value("variables"),
            let items = list(variables, expecting: "a list of variable names such as [age_band, gender] for 'variables'")
        {
            if items.isEmpty { log.report("'variables' must list at least one variable", at: variables) }
            rule.variables = items.compactMap { string($0, expecting: "a variable name") }
        }
        if let trim = fields.value("trim") { (rule.trimLower, rule.trimUpper) = readTrim(trim) }
        return rule
    }

    /// Trimming keeps each weight between `lower` and `upper` times the average weight, so the
    /// bounds lie on either side of 1.
    private mutating func readTrim(_ node: Node) -> (Double?, Double?) {
        guard let fields = fields(of: node, expecting: "a mapping {lower: …, upper: …} for 'trim'") else { return (nil, nil) }
        var bounds: (Double?, Double?) = (nil, nil)
        rejectUnknownKeys(in: fields, known: ["lower", "upper"], place: "in the trim of 'weighting'")
        if let node = fields.value("lower") {
            let what = "a number greater than 0 and at most 1 for 'lower'"
            if let lower = number(node, expecting: what) {
                if lower > 0 && lower <= 1 { bounds.0 = lower } else { log.report("expected \(what), found \(lower.plainDescription)", at: node) }
            }
        }
        if let node = fields.value("upper") {
            let what = "a number of at least 1 for 'upper'"
            if let upper = number(node, expecting: what) {
                if upper >= 1 { bounds.1 = upper } else { log.report("expected \(what), found \(upper.plainDescription)", at: node) }
            }
        }
        return bounds
    }
}
