import YAMLFiles
import Surveys
import Yams

extension SurveyFileReader {
    /// Optional earliest and latest dates an answer may be.
    mutating func dateSettings(in fields: Fields) -> DateRule? {
        let min = fields.value("min").flatMap { day($0, name: "min") }
        let max = fields.value("max").flatMap { day($0, name: "max") }
        // `YYYY-MM-DD` text sorts in date order, so plain string comparison is enough.
        let ordered = checkBounds(min, max, in: fields, show: { $0 }, earlier: true)
        guard ordered, fields.value("min") == nil || min != nil, fields.value("max") == nil || max != nil else {
            return nil
        }
        return DateRule(min: min, max: max)
    }

    /// A calendar date without a time, in the `YYYY-MM-DD` form answers are stored in.
    mutating func day(_ node: Node, name: String) -> String? {
        guard let text = string(node, expecting: "a date (YYYY-MM-DD) for '\(name)'") else { return nil }
        guard let moment = LocalDateTime(parsing: text), moment.time == nil, !text.contains(" ") else {
            log.report("'\(text)' is not a valid date for '\(name)'; write YYYY-MM-DD", at: node)
            return nil
        }
        return moment.description
    }
}
