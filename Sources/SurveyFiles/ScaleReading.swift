import YAMLFiles
import Surveys
import Yams

extension SurveyFileReader {
    /// More points than this stop being a scale people can tell apart (0 to 10 is the widest in use).
    static let maxScalePoints = 11

    mutating func scale(_ node: Node, label: String) -> Scale? {
        let place = "the scale of \(label)"
        guard let fields = fields(of: node, expecting: "a mapping {min: …, max: …, labels: {…}} for 'scale'") else {
            return nil
        }
        rejectUnknownKeys(in: fields, known: ["min", "max", "labels"], place: "in \(place)")
        let min = require("min", in: fields, owner: place).flatMap { integer($0, expecting: "a whole number for 'min'") }
        let max = require("max", in: fields, owner: place).flatMap { integer($0, expecting: "a whole number for 'max'") }
        var range: ClosedRange<Int>?
        if let min, let max, let maxNode = fields.value("max") {
            if max <= min {
                log.report("the scale's max (\(max)) must be greater than its min (\(min))", at: maxNode)
            } else if max - min + 1 > Self.maxScalePoints {
                log.report(
                    "a scale has at most \(Self.maxScalePoints) points, but \(min) to \(max) has \(max - min + 1)",
                    at: maxNode)
            } else {
                range = min...max
            }
        }
        let labels = fields.value("labels").flatMap { scaleLabels($0, range: range, place: place) } ?? [:]
        guard let range else { return nil }
        return Scale(min: range.lowerBound, max: range.upperBound, labels: labels)
    }

    /// `range` is nil when min or max is wrong; the labels are then checked for shape only.
    private mutating func scaleLabels(_ node: Node, range: ClosedRange<Int>?, place: String) -> [Int: LocalizedText]? {
        guard case .mapping(let mapping) = node else {
            log.report("expected a mapping of scale points to texts for 'labels', found \(node.kindDescription)", at: node)
            return nil
        }
        var labels: [Int: LocalizedText] = [:]
        for (key, value) in mapping {
            guard let point = integer(key, expecting: "a scale point (a whole number) as label key") else { continue }
            if let range, !range.contains(point) {
                log.report(
                    "scale label \(point) is outside the scale \(range.lowerBound) to \(range.upperBound)", at: key)
                continue
            }
            if let text = localizedText(value, name: "the label of \(point) in \(place)") {
                labels[point] = text
            }
        }
        return labels
    }
}
