import Testing
@testable import Initiatives

@Suite struct CentsTests {
    @Test(arguments: [
        ("2000", 200_000), ("2000.01", 200_001), ("2000,01", 200_001), ("2.000,01", 200_001),
        ("€ 2.000,01", 200_001), ("2,000.01", 200_001), ("10000", 1_000_000), ("0,5", 50), ("75.000", 7_500_000),
    ] as [(String, Int64)])
    func parsesWhatStaffType(text: String, cents: Int64) {
        #expect(Cents(euros: text)?.value == cents)
    }

    @Test(arguments: ["", "-5", "1.2.3", "12,345,6", "2000.001", "abc", "1e5", "99999999999999999"])
    func refusesWhatIsNotAnAmount(text: String) {
        #expect(Cents(euros: text) == nil)
    }

    @Test func writesDutchAndPlainForms() {
        #expect(Cents(200_001).dutch == "€ 2.000,01")
        #expect(Cents(5).dutch == "€ 0,05")
        #expect(Cents(-1_234_567_800).dutch == "-€ 12.345.678,00")
        #expect(Cents(200_001).description == "2000.01")
    }

    @Test func calendarDatesParseCompareAndRefuseImpossibleDays() {
        #expect(CalendarDate("2021-01-01")! > CalendarDate("2020-12-31")!)
        #expect(CalendarDate("2024-02-29") != nil)
        #expect(CalendarDate("2023-02-29") == nil)
        #expect(CalendarDate("2023-1-01") == nil)
        #expect(CalendarDate("2023-13-01") == nil)
        #expect(CalendarDate("2021-03-04")!.description == "2021-03-04")
    }
}
