import Foundation
import Initiatives
import Surveys

extension CalendarDate {
    /// Today in the municipality's time zone: decisions and budget years follow the Dutch calendar, not UTC.
    static func today(_ now: Date = Date()) -> CalendarDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = LocalDateTime.timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: now)
        return CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }
}
