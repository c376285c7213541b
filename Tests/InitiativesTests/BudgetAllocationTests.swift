import Testing
@testable import Initiatives

/// Budgets per wijk per year from Table 1 of each edition, in cents.
@Suite struct BudgetAllocationTests {
    @Test(arguments: [(2020, SeedEditions.table2019), (2021, SeedEditions.table2020), (2026, SeedEditions.table2020)])
    func eachWijkGetsItsTableLinesForTheYear(year: Int, table: [(String, Int64, Int64, Int64)]) throws {
        let book = try SeedEditions.book()
        for (wijk, subsidie, handgeld, _) in table {
            #expect(book.allocation(wijk: wijk, year: year) == [.subsidie: Cents(subsidie * 100), .handgeld: Cents(handgeld * 100)])
        }
        #expect(book.wijkkansenPot(year: year) == Cents(7_500_000))
    }

    @Test func theLinesAddUpToTheTablesTotals() throws {
        let book = try SeedEditions.book()
        func total(_ year: Int, _ line: BudgetLine) -> Cents {
            SeedEditions.wijken.reduce(Cents.zero) { $0 + (book.allocation(wijk: $1, year: year)[line] ?? .zero) }
        }
        #expect(total(2020, .subsidie) == Cents(36_500_000) && total(2020, .handgeld) == Cents(6_000_000))
        #expect(total(2021, .subsidie) == Cents(28_000_000) && total(2021, .handgeld) == Cents(4_500_000))
        #expect(book.allocation(wijk: "Zuid", year: 2021).values.reduce(Cents.zero, +) == Cents(6_175_000))
        #expect(book.edition(forBudgetYear: 2021)?.reservations.map(\.amount) == [Cents(7_500_000), Cents(5_000_000)])
    }

    @Test func aYearIsAllocatedByTheEditionInForceOnItsFirstDay() throws {
        // An edition taking effect on 1 July does not split the year: 2022 stays with the 2020 table.
        var midYear = SeedEditions.draft2019
        midYear.id = "2022-juli"
        midYear.effectiveFrom = CalendarDate("2022-07-01")!
        let book = try RuleBook(editions: SeedEditions.book().editions + [midYear.validated(wijken: SeedEditions.wijken)])
        #expect(book.allocation(wijk: "Centrum", year: 2022)[.subsidie] == .euros(28_000))
        #expect(book.allocation(wijk: "Centrum", year: 2023)[.subsidie] == .euros(37_000))
        #expect(book.edition(on: CalendarDate("2022-07-01")!)?.id == "2022-juli")
    }

    @Test func noEditionOrNoSuchWijkMeansNoAllocation() throws {
        let book = try SeedEditions.book()
        #expect(book.allocation(wijk: "Centrum", year: 2019).isEmpty)
        #expect(book.wijkkansenPot(year: 2019) == .zero)
        #expect(book.allocation(wijk: "Atlantis", year: 2021).isEmpty)
        #expect(book.allocation(wijk: "centrum", year: 2021)[.handgeld] == .euros(4_500))
    }
}
