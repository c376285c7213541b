import YAMLFiles
import Surveys
import Yams

extension SurveyFileReader {
    /// Options as for `single`, with optional bounds on how many may be ticked.
    mutating func multiSettings(in fields: Fields, label: String) -> QuestionType? {
        let read = require("options", in: fields, owner: label).flatMap { options($0, label: label, typeName: .multi) }
        let least = fields.value("min").map { selections($0, name: "min", least: 0) }
        let most = fields.value("max").map { selections($0, name: "max", least: 1) }
        // A key that is present but wrong is `.some(nil)`; an absent key is `nil`.
        guard least != .some(nil), most != .some(nil) else { return nil }
        let min = least ?? nil, max = most ?? nil
        guard checkBounds(min, max, in: fields, show: { String($0) }), let options = read else { return nil }
        // Checked against the option count only when min ≤ max, so one mistake gives one message.
        if let max, max > options.count, let node = fields.value("max") {
            log.report("'max' (\(max)) is more than the \(options.count) options of \(label)", at: node)
            return nil
        }
        if let min, min > options.count, let node = fields.value("min") {
            log.report("'min' (\(min)) is more than the \(options.count) options of \(label)", at: node)
            return nil
        }
        return .multi(options: options, min: min, max: max)
    }

    private mutating func selections(_ node: Node, name: String, least: Int) -> Int? {
        let what = "a whole number of selections (\(least) or more) for '\(name)'"
        guard let value = integer(node, expecting: what) else { return nil }
        guard value >= least else {
            log.report("expected \(what), found \(value)", at: node)
            return nil
        }
        return value
    }
}
