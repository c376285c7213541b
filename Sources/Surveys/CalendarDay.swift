/// A day of the Gregorian calendar, as a `date` question stores it (`YYYY-MM-DD`).
///
/// Checked by arithmetic rather than through `Calendar`, so validating answers stays pure and
/// cheap; the rules (leap years every 4, not every 100, but every 400 years) are fixed.
struct CalendarDay: Hashable, Sendable, Comparable {
    let year: Int
    let month: Int
    let day: Int

    init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1, day <= Self.days(inMonth: month, of: year) else {
            return nil
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Exactly `YYYY-MM-DD`, as stored and as `<input type=date>` sends.
    init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Self.digits(parts[0]), let month = Self.digits(parts[1]), let day = Self.digits(parts[2])
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// `YYYY-MM-DD`, or the Dutch `D-M-YYYY` / `DD-MM-YYYY` a respondent types where the browser
    /// offers no date picker (`/` and `.` are accepted as separators too, as people write them).
    init?(typed text: String) {
        if let iso = CalendarDay(iso: text) {
            self = iso
            return
        }
        guard let separator = text.first(where: { $0 == "-" || $0 == "/" || $0 == "." }) else { return nil }
        let parts = text.split(separator: separator, omittingEmptySubsequences: false)
        guard parts.count == 3, (1...2).contains(parts[0].count), (1...2).contains(parts[1].count), parts[2].count == 4,
            let day = Self.digits(parts[0]), let month = Self.digits(parts[1]), let year = Self.digits(parts[2])
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    var iso: String { "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))" }

    /// "1 januari 2026"
    var dutch: String { "\(day) \(Self.dutchMonths[month - 1]) \(year)" }

    /// "1 January 2026"
    var english: String { "\(day) \(Self.englishMonths[month - 1]) \(year)" }

    static func < (a: CalendarDay, b: CalendarDay) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

    static func days(inMonth month: Int, of year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    private static func digits(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }) else { return nil }
        return Int(text)
    }

    private func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    private static let dutchMonths = [
        "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december",
    ]
    private static let englishMonths = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    ]
}
