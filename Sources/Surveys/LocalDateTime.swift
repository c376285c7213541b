import Foundation

/// A wall-clock moment in the municipality's time zone (Europe/Amsterdam), as staff write `opens` and
/// `closes`. Without a time of day, `opens` means the start of that day and `closes` its end.
public struct LocalDateTime: Codable, Hashable, Sendable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int
    /// Hour and minute, or nil for a whole day.
    public var time: TimeOfDay?

    public struct TimeOfDay: Codable, Hashable, Sendable {
        public var hour: Int
        public var minute: Int
        public init(hour: Int, minute: Int) {
            self.hour = hour
            self.minute = minute
        }
    }

    public static let timeZone = TimeZone(identifier: "Europe/Amsterdam")!

    public init(year: Int, month: Int, day: Int, time: TimeOfDay? = nil) {
        self.year = year
        self.month = month
        self.day = day
        self.time = time
    }

    /// Parses `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM` (a space may stand for the T); nil when malformed or
    /// not a real calendar date.
    public init?(parsing text: String) {
        let parts = text.split(separator: text.contains("T") ? "T" : " ", maxSplits: 1)
        let date = parts.first.map { $0.split(separator: "-", omittingEmptySubsequences: false) } ?? []
        guard date.count == 3, date[0].count == 4, date[1].count == 2, date[2].count == 2,
            let y = Int(date[0]), let m = Int(date[1]), let d = Int(date[2])
        else { return nil }
        var time: TimeOfDay?
        if parts.count == 2 {
            let hm = parts[1].split(separator: ":", omittingEmptySubsequences: false)
            guard hm.count == 2, hm[0].count == 2, hm[1].count == 2, let h = Int(hm[0]), let mi = Int(hm[1]),
                (0...23).contains(h), (0...59).contains(mi)
            else { return nil }
            time = TimeOfDay(hour: h, minute: mi)
        }
        self.init(year: y, month: m, day: d, time: time)
        guard isValidDate else { return nil }
    }

    private var isValidDate: Bool {
        let components = DateComponents(year: year, month: month, day: day)
        guard let date = Self.calendar.date(from: components) else { return false }
        let back = Self.calendar.dateComponents([.year, .month, .day], from: date)
        return back.year == year && back.month == month && back.day == day
    }

    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }()

    /// The first instant this moment covers: the time given, or midnight.
    public var startInstant: Date {
        let components = DateComponents(year: year, month: month, day: day, hour: time?.hour ?? 0, minute: time?.minute ?? 0)
        return Self.calendar.date(from: components)!
    }

    /// The instant just after this moment: the end of its minute, or of its day.
    public var endInstant: Date {
        if time != nil { return startInstant.addingTimeInterval(60) }
        return Self.calendar.date(byAdding: .day, value: 1, to: startInstant)!
    }

    public var description: String {
        let date = "\(year)-\(pad(month))-\(pad(day))"
        guard let time else { return date }
        return "\(date)T\(pad(time.hour)):\(pad(time.minute))"
    }

    /// Dutch display form, e.g. "21 december 2026, 23:59" or "21 december 2026".
    public var dutchDescription: String {
        let months = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
                      "september", "oktober", "november", "december"]
        let date = "\(day) \(months[month - 1]) \(year)"
        guard let time else { return date }
        return "\(date), \(pad(time.hour)):\(pad(time.minute))"
    }

    private func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
