import YAMLFiles
import Surveys
import Yams

extension SurveyFileReader {
    /// Optional bounds and whether only whole numbers are accepted.
    mutating func numberSettings(in fields: Fields) -> NumberRule? {
        let min = fields.value("min").flatMap { number($0, expecting: "a number for 'min'") }
        let max = fields.value("max").flatMap { number($0, expecting: "a number for 'max'") }
        var integer: Bool? = false
        if let node = fields.value("integer") { integer = boolean(node, name: "integer") }
        let ordered = checkBounds(min, max, in: fields, show: { $0.plainDescription })
        guard ordered, let integer, fields.value("min") == nil || min != nil, fields.value("max") == nil || max != nil
        else { return nil }
        return NumberRule(min: min, max: max, integer: integer)
    }
}

extension Double {
    /// `5` rather than `5.0`, as staff wrote it.
    var plainDescription: String { Literal.number(self).description }
}
