import Foundation
import Surveys

/// Dates as members read them: the day in the municipality's time zone, in words.
enum MemberDates {
    static let englishMonths = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                                "November", "December"]

    /// "3 november 2026" or "3 November 2026".
    static func text(_ date: Date, _ language: Language) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = LocalDateTime.timeZone
        let day = calendar.dateComponents([.year, .month, .day], from: date)
        let local = LocalDateTime(year: day.year!, month: day.month!, day: day.day!)
        return language == .en ? "\(local.day) \(englishMonths[local.month - 1]) \(local.year)" : local.dutchDescription
    }
}
