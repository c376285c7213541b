@testable import Initiatives

/// The two editions of the seeds, transcribed by hand from the tables (the shipped YAML files are
/// checked against the same figures in RuleFilesTests), as drafts that tests can spoil one field at
/// a time.
enum SeedEditions {
    static let wijken = ["Noordoost", "Noordwest", "Zuid", "Zuidoost", "Zuidwest", "Hilversumse Meent", "Centrum", "Oost"]

    /// seeds/000_f7e3a276a1b73f50.txt, Table 1 (euros): subsidie, handgeld, total per wijk.
    static let table2019: [(String, Int64, Int64, Int64)] = [
        ("Noordoost", 48_000, 8_000, 56_000), ("Noordwest", 33_000, 6_000, 39_000), ("Zuid", 69_000, 11_000, 80_000),
        ("Zuidoost", 41_000, 7_000, 48_000), ("Zuidwest", 41_000, 7_000, 48_000), ("Hilversumse Meent", 27_000, 4_000, 31_000),
        ("Centrum", 37_000, 6_000, 43_000), ("Oost", 69_000, 11_000, 80_000),
    ]

    /// seeds/002_f64e77e764cbb251.txt, Table 1 "vanaf 2021" (euros).
    static let table2020: [(String, Int64, Int64, Int64)] = [
        ("Noordoost", 36_250, 6_000, 42_250), ("Noordwest", 24_750, 4_500, 29_250), ("Zuid", 53_500, 8_250, 61_750),
        ("Zuidoost", 30_500, 5_250, 35_750), ("Zuidwest", 30_500, 5_250, 35_750), ("Hilversumse Meent", 23_000, 3_000, 26_000),
        ("Centrum", 28_000, 4_500, 32_500), ("Oost", 53_500, 8_250, 61_750),
    ]

    static var draft2019: RuleEditionDraft {
        RuleEditionDraft(
            id: "2019", title: "Uitvoeringsnotitie Buurten 3.0 (2019)", source: "000", effectiveFrom: CalendarDate("2020-01-01")!,
            wijkkansenPot: .euros(75_000), overdrawApprover: "teammanager",
            budget: budget(table2019, gemeente: (365_000, 60_000, 425_000), reserved: []),
            bands: bands)
    }

    static var draft2020: RuleEditionDraft {
        RuleEditionDraft(
            id: "2020", title: "Uitvoeringsnotitie Buurten 3.0 (december 2020)", source: "002", effectiveFrom: CalendarDate("2021-01-01")!,
            wijkkansenPot: .euros(75_000), overdrawApprover: "teammanager",
            budget: budget(
                table2020, gemeente: (280_000, 45_000, 450_000),
                reserved: [Reservation(name: "wijkkansen", amount: .euros(75_000)), Reservation(name: "digitaal_platform", amount: .euros(50_000))]),
            bands: bands)
    }

    static func book() throws -> RuleBook {
        try RuleBook(editions: [draft2020.validated(wijken: wijken), draft2019.validated(wijken: wijken)])
    }

    /// Table 2, the same in both editions.
    static let bands: [BandDraft] = [
        BandDraft(
            name: "klein", kind: "regulier", above: .zero, upTo: .euros(2_000), deciders: ["buurtcoordinator"], signatures: 1,
            budgetLine: "handgeld", ceiling: .euros(2_000), buurttoetsingRequired: false, threshold: 0.5, minN: 30),
        BandDraft(
            name: "buurtdeal", kind: "regulier", above: .euros(2_000), upTo: .euros(10_000), deciders: ["buurtcoordinator", "wijkwethouder"],
            signatures: 2, budgetLine: "subsidie", ceiling: .euros(10_000), buurttoetsingRequired: true, threshold: 0.5, minN: 50),
        BandDraft(
            name: "groot", kind: "regulier", above: .euros(10_000), upTo: .euros(25_000), deciders: ["teammanager", "wijkwethouder"],
            signatures: 2, budgetLine: "subsidie", ceiling: .euros(25_000), buurttoetsingRequired: true, threshold: 0.55, minN: 100),
        BandDraft(
            name: "wijkkans", kind: "wijkkans", above: .zero, upTo: .euros(75_000), deciders: ["wethouder_buurten"],
            advisers: ["buurtcoordinator", "wijkwethouder"], signatures: 1, budgetLine: "wijkkansen", ceiling: nil,
            lineCeiling: .euros(75_000), buurttoetsingRequired: true, threshold: 0.6, minN: 150),
        BandDraft(
            name: "investering", kind: "investering", above: .zero, upTo: nil, deciders: ["college", "gemeenteraad"], signatures: 2,
            budgetLine: "investering", ceiling: nil, buurttoetsingRequired: true, threshold: 0.6, minN: 150),
    ]

    private static func budget(
        _ table: [(String, Int64, Int64, Int64)], gemeente: (Int64, Int64, Int64), reserved: [Reservation]
    ) -> BudgetTableDraft {
        BudgetTableDraft(
            wijken: table.map { WijkBudgetRow(name: $0.0, row: BudgetRow(subsidie: .euros($0.1), handgeld: .euros($0.2), total: .euros($0.3))) },
            gemeente: BudgetRow(subsidie: .euros(gemeente.0), handgeld: .euros(gemeente.1), total: .euros(gemeente.2)),
            reserved: reserved)
    }
}
