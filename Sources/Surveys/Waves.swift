import Foundation

/// A survey asked again and again of the same audience — the buurtpeiling as a monitor ("vinger aan de
/// pols", seed 002 Bijlage 1): `repeat: {every: 6 months, waves: 4}` in the file.
public struct RepeatRule: Codable, Hashable, Sendable {
    public enum Unit: String, Codable, Hashable, Sendable, CaseIterable {
        case days, weeks, months
    }

    /// How far apart the waves open.
    public var every: Int
    public var unit: Unit
    /// How many waves there are in all, the first included.
    public var waves: Int

    public init(every: Int, unit: Unit, waves: Int) {
        self.every = every
        self.unit = unit
        self.waves = waves
    }

    /// The most waves one file may declare: a monthly monitor for two years.
    public static let maxWaves = 24
}

/// Which series a survey is a wave of, and which wave.
public struct WaveLink: Codable, Hashable, Sendable {
    /// The series' id: the id of the file that declared `repeat`, or the `series` a file names.
    public var series: String
    public var number: Int

    public init(series: String, number: Int) {
        self.series = series
        self.number = number
    }
}

extension LocalDateTime {
    /// The same wall-clock moment `count` units later; a day that does not exist in the target month
    /// (31 April) becomes the month's last day.
    public func adding(_ count: Int, _ unit: RepeatRule.Unit) -> LocalDateTime {
        var moved = self
        switch unit {
        case .months:
            let total = (year * 12 + (month - 1)) + count
            moved.year = total / 12
            moved.month = total % 12 + 1
            let last = Self.calendar.range(of: .day, in: .month, for: Self.calendar.date(from: DateComponents(year: moved.year, month: moved.month, day: 1))!)!.count
            moved.day = min(day, last)
        case .weeks, .days:
            let days = unit == .weeks ? 7 * count : count
            let date = Self.calendar.date(byAdding: .day, value: days, to: Self.calendar.date(from: DateComponents(year: year, month: month, day: day))!)!
            let parts = Self.calendar.dateComponents([.year, .month, .day], from: date)
            moved.year = parts.year!
            moved.month = parts.month!
            moved.day = parts.day!
        }
        return moved
    }
}

extension SurveyDefinition {
    /// The suffix of wave k's id: `buurtpeiling-oost` → `buurtpeiling-oost-golf-2`.
    public static func waveID(series: String, number: Int) -> String { number == 1 ? series : "\(series)-golf-\(number)" }

    /// The surveys a file stands for: itself, or with `repeat` one survey per wave, each opening and closing
    /// `every` later than the one before, with the same questions and audience. Waves are told apart by id
    /// (`…-golf-2`) so each has its own invitations and answers.
    public func expandedWaves() -> [SurveyDefinition] {
        guard let rule = repeatRule else { return [self] }
        return (1...max(1, rule.waves)).map { number in
            var wave = self
            wave.repeatRule = nil
            wave.wave = WaveLink(series: id, number: number)
            wave.id = Self.waveID(series: id, number: number)
            // Members see which wave they are answering, in the invitation and on the page.
            wave.title = LocalizedText(nl: "\(title.nl) (golf \(number))", en: title.en.map { "\($0) (wave \(number))" })
            let shift = (number - 1) * rule.every
            wave.opens = opens?.adding(shift, rule.unit)
            wave.closes = closes?.adding(shift, rule.unit)
            return wave
        }
    }
}
