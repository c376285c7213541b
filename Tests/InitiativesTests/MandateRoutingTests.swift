import Testing
@testable import Initiatives

/// Routing by the seeds' Table 2 (both editions): every band boundary, the refusals, and which
/// edition judges a request.
@Suite struct MandateRoutingTests {
    /// A date inside each edition's time.
    static let dates: [(id: String, date: String)] = [("2019", "2020-06-15"), ("2020", "2021-06-15")]

    static let boundaries: [(amount: String, kind: InitiativeKind, deciders: String, band: BandName)] = [
        ("0.01", .regulier, "buurtcoordinator", .klein),
        ("2000.00", .regulier, "buurtcoordinator", .klein),
        ("2000.01", .regulier, "buurtcoordinator,wijkwethouder", .buurtdeal),
        ("10000.00", .regulier, "buurtcoordinator,wijkwethouder", .buurtdeal),
        ("10000.01", .regulier, "teammanager,wijkwethouder", .groot),
        ("25000.00", .regulier, "teammanager,wijkwethouder", .groot),
        ("0.01", .wijkkans, "wethouder_buurten", .wijkkans),
        ("75000.00", .wijkkans, "wethouder_buurten", .wijkkans),
        ("0.01", .investering, "college,gemeenteraad", .investering),
        ("1000000.00", .investering, "college,gemeenteraad", .investering),
    ]

    @Test(arguments: dates, boundaries)
    func everyBoundaryFallsInTheBandTheTableSays(
        edition: (id: String, date: String), boundary: (amount: String, kind: InitiativeKind, deciders: String, band: BandName)
    ) throws {
        let route = try SeedEditions.book().route(
            amount: Cents(euros: boundary.amount)!, wijk: "Centrum", date: CalendarDate(edition.date)!, kind: boundary.kind)
        #expect(route.edition == edition.id)
        #expect(route.band == boundary.band)
        #expect(route.deciders.map(\.rawValue).joined(separator: ",") == boundary.deciders)
        #expect(route.signatures == route.deciders.count)
    }

    @Test(arguments: dates)
    func eachBandCarriesItsLineCeilingAndDraagvlakRule(edition: (id: String, date: String)) throws {
        let book = try SeedEditions.book()
        func route(_ amount: String, _ kind: InitiativeKind = .regulier) throws -> MandateRoute {
            try book.route(amount: Cents(euros: amount)!, wijk: "oost", date: CalendarDate(edition.date)!, kind: kind)
        }
        let klein = try route("2000")
        #expect(klein.budgetLine == .handgeld && klein.ceiling == .euros(2_000) && !klein.buurttoetsingRequired)
        #expect(klein.threshold == 0.5 && klein.minN == 30 && klein.signatures == 1)
        let buurtdeal = try route("2000.01")
        #expect(buurtdeal.budgetLine == .subsidie && buurtdeal.ceiling == .euros(10_000) && buurtdeal.buurttoetsingRequired)
        #expect(buurtdeal.minN == 50)
        let groot = try route("25000")
        #expect(groot.budgetLine == .subsidie && groot.ceiling == .euros(25_000) && groot.signatures == 2)
        #expect(groot.threshold == 0.55 && groot.minN == 100)
        let wijkkans = try route("75000", .wijkkans)
        #expect(wijkkans.budgetLine == .wijkkansen && wijkkans.ceiling == .euros(75_000) && wijkkans.signatures == 1)
        let investering = try route("30000", .investering)
        #expect(investering.budgetLine == .investering && investering.ceiling == nil && investering.signatures == 2)
    }

    @Test(arguments: dates)
    func aRegularRequestAboveTheTopBandIsRefusedNotReRouted(edition: (id: String, date: String)) throws {
        let error = #expect(throws: MandateError.self) {
            try SeedEditions.book().route(amount: Cents(euros: "25000.01")!, wijk: "Zuid", date: CalendarDate(edition.date)!, kind: .regulier)
        }
        #expect(error == .aboveCeiling(amount: Cents(2_500_001), band: .groot, ceiling: .euros(25_000), kind: .regulier, edition: edition.id))
        #expect(error?.isInvalidRequest == false)
        #expect(error?.description == "€ 25.000,01 is meer dan het plafond van band groot (€ 25.000,00) voor een aanvraag van soort regulier in mandaatregeling \(edition.id). Geen band staat dit bedrag toe; een groter verzoek wordt nooit stilzwijgend naar een andere band of soort doorgeschoven.")
    }

    @Test(arguments: dates)
    func aWijkkansAboveTheYearlyPotIsRefused(edition: (id: String, date: String)) throws {
        let error = #expect(throws: MandateError.self) {
            try SeedEditions.book().route(amount: Cents(euros: "75000.01")!, wijk: "Zuid", date: CalendarDate(edition.date)!, kind: .wijkkans)
        }
        #expect(error == .aboveCeiling(amount: Cents(7_500_001), band: .wijkkans, ceiling: .euros(75_000), kind: .wijkkans, edition: edition.id))
        #expect(error?.description.hasPrefix("€ 75.000,01 is meer dan het plafond van band wijkkans (€ 75.000,00)") == true)
    }

    @Test(arguments: ["0", "0.00"])
    func anAmountOfNothingIsAMalformedRequest(amount: String) throws {
        let error = #expect(throws: MandateError.self) {
            try SeedEditions.book().route(amount: Cents(euros: amount)!, wijk: "Zuid", date: CalendarDate("2021-03-01")!, kind: .regulier)
        }
        #expect(error == .amountNotPositive(.zero))
        #expect(error?.isInvalidRequest == true)
        #expect(error?.description == "Het gevraagde bedrag moet groter zijn dan € 0,00 (gevraagd: € 0,00).")
    }

    @Test func aWijkIsMatchedWhateverItsCapitalsButMustExist() throws {
        let book = try SeedEditions.book()
        let date = CalendarDate("2021-03-01")!
        #expect(try book.route(amount: .euros(500), wijk: "  hilversumse   MEENT ", date: date, kind: .regulier).band == .klein)
        let error = #expect(throws: MandateError.self) {
            try book.route(amount: .euros(500), wijk: "H'Meent", date: date, kind: .regulier)
        }
        #expect(error?.isInvalidRequest == true)
        #expect(error?.description == "De wijk 'H'Meent' komt niet voor in mandaatregeling 2020; bekende wijken: Noordoost, Noordwest, Zuid, Zuidoost, Zuidwest, Hilversumse Meent, Centrum, Oost.")
    }

    @Test(arguments: [
        ("2020-01-01", "2019"), ("2020-12-31", "2019"), ("2021-01-01", "2020"), ("2030-07-01", "2020"),
    ])
    func theEditionInForceOnTheSubmissionDateJudges(date: String, edition: String) throws {
        let book = try SeedEditions.book()
        #expect(book.edition(on: CalendarDate(date)!)?.id == edition)
        #expect(try book.route(amount: .euros(100), wijk: "Oost", date: CalendarDate(date)!, kind: .regulier).edition == edition)
    }

    @Test func beforeTheFirstEditionNothingIsInForce() throws {
        let book = try SeedEditions.book()
        #expect(book.edition(on: CalendarDate("2019-12-31")!) == nil)
        let error = #expect(throws: MandateError.self) {
            try book.route(amount: .euros(100), wijk: "Oost", date: CalendarDate("2019-12-31")!, kind: .regulier)
        }
        #expect(error == .noEditionInForce(date: CalendarDate("2019-12-31")!, earliest: CalendarDate("2020-01-01")!))
        #expect(error?.isInvalidRequest == false)
        #expect(error?.description == "Op 2019-12-31 gold nog geen mandaatregeling; de eerste regeling geldt vanaf 2020-01-01.")
    }

    @Test func anEditionWithoutBandsForAKindRefusesThatKind() throws {
        var draft = SeedEditions.draft2020
        draft.bands.removeAll { $0.kind == "investering" }
        let book = try RuleBook(editions: [draft.validated(wijken: nil)])
        let error = #expect(throws: MandateError.self) {
            try book.route(amount: .euros(100), wijk: "Oost", date: CalendarDate("2021-02-01")!, kind: .investering)
        }
        #expect(error == .noBand(kind: .investering, edition: "2020"))
        #expect(error?.description == "Mandaatregeling 2020 kent geen band voor aanvragen van soort investering.")
    }

    @Test func twoEditionsOnOneDayOrWithOneIdCannotShareABook() throws {
        var twin = SeedEditions.draft2020
        twin.id = "2020-bis"
        let sameDay = #expect(throws: RuleBookError.self) {
            try RuleBook(editions: [SeedEditions.draft2020.validated(wijken: nil), twin.validated(wijken: nil)])
        }
        #expect(sameDay?.description == "editions '2020' and '2020-bis' both take effect on 2021-01-01; one day can have only one edition in force")
        var renamed = SeedEditions.draft2019
        renamed.id = "2020"
        let sameID = #expect(throws: RuleBookError.self) {
            try RuleBook(editions: [SeedEditions.draft2020.validated(wijken: nil), renamed.validated(wijken: nil)])
        }
        #expect(sameID?.description == "two editions are called '2020' (effective 2021-01-01 and 2020-01-01); each edition needs its own id")
    }
}
