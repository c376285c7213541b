import Yams

extension SurveyFileReader {
    /// `weighting: {variables: [...], trim: {lower: …, upper: …}}`. Only its shape is checked here:
    /// which variables exist depends on the population table, which the statistics step reads.
    mutating func checkWeighting(_ node: Node) {
        let place = "'weighting'"
        let expected = "a mapping {variables: […], trim: {lower: …, upper: …}} for 'weighting'"
        guard let fields = fields(of: node, expecting: expected) else { return }
        rejectUnknownKeys(in: fields, known: ["variables", "trim"], place: "in \(place)")
        if let variables = fields.value("variables"),
            let items = list(variables, expecting: "a list of variable names such as [age_band, gender] for 'variables'")
        {
            if items.isEmpty { log.report("'variables' must list at least one variable", at: variables) }
            for item in items { _ = string(item, expecting: "a variable name") }
        }
        if let trim = fields.value("trim") { checkTrim(trim) }
    }

    /// Trimming keeps each weight between `lower` and `upper` times the average weight, so the
    /// bounds lie on either side of 1.
    private mutating func checkTrim(_ node: Node) {
        guard let fields = fields(of: node, expecting: "a mapping {lower: …, upper: …} for 'trim'") else { return }
        rejectUnknownKeys(in: fields, known: ["lower", "upper"], place: "in the trim of 'weighting'")
        if let node = fields.value("lower") {
            let what = "a number greater than 0 and at most 1 for 'lower'"
            if let lower = number(node, expecting: what), !(lower > 0 && lower <= 1) {
                log.report("expected \(what), found \(lower.plainDescription)", at: node)
            }
        }
        if let node = fields.value("upper") {
            let what = "a number of at least 1 for 'upper'"
            if let upper = number(node, expecting: what), upper < 1 {
                log.report("expected \(what), found \(upper.plainDescription)", at: node)
            }
        }
    }
}
