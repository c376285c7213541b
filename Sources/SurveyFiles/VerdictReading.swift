import YAMLFiles
import Surveys
import Yams

extension SurveyFileReader {
    /// `verdict: {threshold: …, min_n: …}`, the survey's own rule for calling draagvlak. Only its
    /// shape is checked here; an initiative's mandate rules take precedence when the verdict is made.
    mutating func readVerdict(_ node: Node) -> VerdictRule? {
        guard let fields = fields(of: node, expecting: "a mapping {threshold: …, min_n: …} for 'verdict'") else {
            return nil
        }
        var rule = VerdictRule()
        rejectUnknownKeys(in: fields, known: ["threshold", "min_n"], place: "in 'verdict'")
        if let node = fields.value("threshold") {
            // A share, not a percentage: 50 would be an easy slip for 0.5.
            let what = "a share between 0 and 1 such as 0.5 for 'threshold'"
            if let threshold = number(node, expecting: what) {
                if threshold > 0 && threshold < 1 { rule.threshold = threshold } else {
                    log.report("expected \(what), found \(threshold.plainDescription)", at: node)
                }
            }
        }
        if let node = fields.value("min_n") {
            let what = "a whole number of respondents (1 or more) for 'min_n'"
            if let minimum = integer(node, expecting: what) {
                if minimum >= 1 { rule.minN = minimum } else { log.report("expected \(what), found \(minimum)", at: node) }
            }
        }
        return rule
    }
}
