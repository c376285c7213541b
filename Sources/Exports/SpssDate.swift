/// Dates as SPSS stores them: seconds since the start of the Gregorian calendar, 14 October 1582
/// (PSPP "System File Format", dates are numeric values in seconds since that day; the format
/// `DATE11` marks the variable as a date).
enum SpssDate {
    static let secondsPerDay = 86_400.0

    /// Seconds since 1582-10-14 for a stored `YYYY-MM-DD`, or nil for anything else.
    static func seconds(iso text: String) -> Double? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.unicodeScalars.allSatisfy { ("0"..."9").contains($0) } }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day)
        else { return nil }
        return Double(dayNumber(year: year, month: month, day: day) - epoch) * secondsPerDay
    }

    /// 1582-10-14 as a ``dayNumber(year:month:day:)``.
    private static let epoch = dayNumber(year: 1582, month: 10, day: 14)

    /// Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's
    /// `days_from_civil`): plain arithmetic, so no time zone or `Calendar` can shift a day.
    static func dayNumber(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
