import YAMLFiles
import Surveys
import Yams

extension SurveyFileReader {
    /// `repeat: {every: 6 months, waves: 4}`: the survey as a monitor, asked again of the same audience.
    /// Every wave needs a window, so the file needs `opens` and `closes`.
    mutating func readRepeat(_ node: Node, period: (opens: LocalDateTime?, closes: LocalDateTime?), id: String?) -> RepeatRule? {
        let expected = "a mapping {every: 6 months, waves: 4} for 'repeat'"
        guard let fields = fields(of: node, expecting: expected) else { return nil }
        rejectUnknownKeys(in: fields, known: ["every", "waves"], place: "in 'repeat'")
        var interval: (Int, RepeatRule.Unit)?
        if let every = require("every", in: fields, owner: "'repeat'") {
            let what = "an interval such as '6 months', '4 weeks' or '10 days' for 'every'"
            if let text = string(every, expecting: what) {
                interval = Self.interval(text)
                if interval == nil { log.report("expected \(what), found '\(text)'", at: every) }
            }
        }
        var waves: Int?
        if let node = require("waves", in: fields, owner: "'repeat'") {
            let what = "a number of waves from 2 to \(RepeatRule.maxWaves) for 'waves'"
            if let count = integer(node, expecting: what) {
                if (2...RepeatRule.maxWaves).contains(count) { waves = count } else { log.report("expected \(what), found \(count)", at: node) }
            }
        }
        if period.opens == nil || period.closes == nil {
            log.report("a survey with 'repeat' needs 'opens' and 'closes': each wave opens and closes that much later", at: node)
        }
        if let id, let waves, SurveyDefinition.waveID(series: id, number: waves).count > Slug.maxSurveyIDLength {
            log.report("the id '\(id)' is too long for waves: '\(SurveyDefinition.waveID(series: id, number: waves))' would exceed \(Slug.maxSurveyIDLength) characters", at: node)
        }
        guard let (every, unit) = interval, let waves, period.opens != nil, period.closes != nil else { return nil }
        return RepeatRule(every: every, unit: unit, waves: waves)
    }

    /// `series: {id: buurtpeiling-oost, wave: 2}`: this file is one wave of a series kept in several files.
    mutating func readSeries(_ node: Node) -> WaveLink? {
        let expected = "a mapping {id: …, wave: …} for 'series'"
        guard let fields = fields(of: node, expecting: expected) else { return nil }
        rejectUnknownKeys(in: fields, known: ["id", "wave"], place: "in 'series'")
        var series: String?
        if let node = require("id", in: fields, owner: "'series'"), let text = string(node, expecting: "the series' id for 'id'") {
            if Slug.isSurveyID(text) { series = text } else {
                log.report("series id '\(text)' must start with a lowercase letter and contain only lowercase letters, digits and '-'", at: node)
            }
        }
        var number: Int?
        if let node = require("wave", in: fields, owner: "'series'"), let value = integer(node, expecting: "the wave's number (1 or more) for 'wave'") {
            if value >= 1 { number = value } else { log.report("expected the wave's number (1 or more) for 'wave', found \(value)", at: node) }
        }
        guard let series, let number else { return nil }
        return WaveLink(series: series, number: number)
    }

    /// `6 months`, `1 month`, `4 weeks`, `10 days`, also in Dutch (`6 maanden`, `2 weken`, `10 dagen`).
    static func interval(_ text: String) -> (Int, RepeatRule.Unit)? {
        let parts = text.lowercased().split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2, let count = Int(parts[0]), (1...120).contains(count) else { return nil }
        switch parts[1] {
        case "month", "months", "maand", "maanden": return (count, .months)
        case "week", "weeks", "weken": return (count, .weeks)
        case "day", "days", "dag", "dagen": return (count, .days)
        default: return nil
        }
    }
}
