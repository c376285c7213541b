import Foundation
import Initiatives
import Testing
@testable import RuleFiles

/// The rule files in `Resources/rules` against the seeds' tables: they load, route every boundary
/// as Table 2 says, and give every wijk its Table 1 budget to the cent.
@Suite struct ShippedRuleFilesTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static let rules = repository + "/Resources/rules"

    /// The wijken of the shipped population file, where the app learns them.
    static let wijken: [String] = {
        let text = (try? String(contentsOfFile: repository + "/Resources/population/hilversum.csv", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: ",")
            return fields.count == 4 && fields[0] == "gemeente" && fields[1] == "wijk" ? String(fields[2]) : nil
        }
    }()

    static func book() throws -> RuleBook { try RuleFileLoader.loadBook(directory: rules, wijken: wijken) }

    @Test func bothEditionsLoadAgainstTheGemeentesWijken() throws {
        #expect(Self.wijken == ["Noordoost", "Noordwest", "Zuid", "Zuidoost", "Zuidwest", "Hilversumse Meent", "Centrum", "Oost"])
        let book = try Self.book()
        #expect(book.editions.map(\.id) == ["2019", "2020"])
        #expect(book.editions.map(\.effectiveFrom.description) == ["2020-01-01", "2021-01-01"])
        #expect(book.editions.allSatisfy { $0.overdrawApprover == .teammanager && $0.wijkkansenPot == .euros(75_000) })
        #expect(book.editions.map { $0.bands.map(\.name) } == Array(repeating: [.klein, .buurtdeal, .groot, .wijkkans, .investering], count: 2))
        #expect(book.editions[1].reservations == [
            Reservation(name: "wijkkansen", amount: .euros(75_000)), Reservation(name: "digitaal_platform", amount: .euros(50_000)),
        ])
    }

    static let boundaries: [(amount: String, kind: InitiativeKind, band: BandName?)] = [
        ("2000.00", .regulier, .klein), ("2000.01", .regulier, .buurtdeal), ("10000.00", .regulier, .buurtdeal),
        ("10000.01", .regulier, .groot), ("25000.00", .regulier, .groot), ("25000.01", .regulier, nil),
        ("75000.00", .wijkkans, .wijkkans), ("75000.01", .wijkkans, nil), ("25000.01", .investering, .investering),
    ]

    @Test(arguments: ["2020-12-31", "2021-01-01"], boundaries)
    func everyBoundaryRoutesAsTable2Says(date: String, boundary: (amount: String, kind: InitiativeKind, band: BandName?)) throws {
        let book = try Self.book()
        let amount = try #require(Cents(euros: boundary.amount))
        let day = try #require(CalendarDate(date))
        let edition = date == "2020-12-31" ? "2019" : "2020"
        if let band = boundary.band {
            let route = try book.route(amount: amount, wijk: "Hilversumse Meent", date: day, kind: boundary.kind)
            #expect(route.band == band && route.edition == edition)
        } else {
            #expect(throws: MandateError.self) { try book.route(amount: amount, wijk: "Hilversumse Meent", date: day, kind: boundary.kind) }
        }
    }

    @Test func theDecidersAreThoseOfTable2() throws {
        let edition = try #require(try Self.book().edition(on: CalendarDate("2021-01-01")!))
        let deciders = edition.bands.map { "\($0.name.rawValue): \($0.deciders.map(\.rawValue).joined(separator: "+")) → \($0.budgetLine.rawValue)" }
        #expect(deciders == [
            "klein: buurtcoordinator → handgeld", "buurtdeal: buurtcoordinator+wijkwethouder → subsidie",
            "groot: teammanager+wijkwethouder → subsidie", "wijkkans: wethouder_buurten → wijkkansen",
            "investering: college+gemeenteraad → investering",
        ])
        #expect(edition.band(named: .wijkkans)?.advisers == [.buurtcoordinator, .wijkwethouder])
        #expect(edition.band(named: .wijkkans)?.lineCeiling == .euros(75_000))
    }

    /// Table 1 of each edition in cents: (wijk, subsidie, handgeld).
    static let table1: [(year: Int, rows: [(String, Int64, Int64)])] = [
        (2020, [
            ("Noordoost", 4_800_000, 800_000), ("Noordwest", 3_300_000, 600_000), ("Zuid", 6_900_000, 1_100_000),
            ("Zuidoost", 4_100_000, 700_000), ("Zuidwest", 4_100_000, 700_000), ("Hilversumse Meent", 2_700_000, 400_000),
            ("Centrum", 3_700_000, 600_000), ("Oost", 6_900_000, 1_100_000),
        ]),
        (2021, [
            ("Noordoost", 3_625_000, 600_000), ("Noordwest", 2_475_000, 450_000), ("Zuid", 5_350_000, 825_000),
            ("Zuidoost", 3_050_000, 525_000), ("Zuidwest", 3_050_000, 525_000), ("Hilversumse Meent", 2_300_000, 300_000),
            ("Centrum", 2_800_000, 450_000), ("Oost", 5_350_000, 825_000),
        ]),
    ]

    @Test(arguments: table1)
    func everyWijkGetsItsTable1BudgetToTheCent(year: Int, rows: [(String, Int64, Int64)]) throws {
        let book = try Self.book()
        for (wijk, subsidie, handgeld) in rows {
            #expect(book.allocation(wijk: wijk, year: year) == [.subsidie: Cents(subsidie), .handgeld: Cents(handgeld)], "\(wijk) \(year)")
        }
        let totals = rows.reduce((Int64(0), Int64(0))) { ($0.0 + $1.1, $0.1 + $1.2) }
        #expect(totals == (year == 2020 ? (36_500_000, 6_000_000) : (28_000_000, 4_500_000)))
        #expect(book.wijkkansenPot(year: year) == Cents(7_500_000))
    }
}
