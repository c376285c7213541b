import YAMLFiles
import Foundation
import Surveys
import Yams

extension SurveyFileReader {
    /// `opens` and `closes`, checked against each other.
    mutating func readPeriod(in fields: Fields) -> (opens: LocalDateTime?, closes: LocalDateTime?) {
        let opens = fields.value("opens").flatMap { moment($0, name: "opens") }
        let closes = fields.value("closes").flatMap { moment($0, name: "closes") }
        if let opens, let closes, let closesNode = fields.value("closes"),
            Self.closingInstant(closes) <= opens.startInstant
        {
            log.report("'closes' (\(closes)) must be later than 'opens' (\(opens))", at: closesNode)
        }
        return (opens, closes)
    }

    /// A closing date without a time means the end of that day, so `opens` and `closes` on the same
    /// date is a one-day survey, while the same date and time leaves no moment to answer.
    private static func closingInstant(_ closes: LocalDateTime) -> Date {
        closes.time == nil ? closes.endInstant : closes.startInstant
    }

    private mutating func moment(_ node: Node, name: String) -> LocalDateTime? {
        let format = "YYYY-MM-DD or YYYY-MM-DDTHH:MM"
        guard let text = string(node, expecting: "a date (\(format)) for '\(name)'") else { return nil }
        guard let moment = LocalDateTime(parsing: text) else {
            log.report("'\(text)' is not a valid date for '\(name)'; write \(format) in Dutch local time", at: node)
            return nil
        }
        return moment
    }
}
