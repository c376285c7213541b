/// A deterministic synthetic panel for demos and tests: realistic enough to exercise sampling and
/// weighting, with no real person in it.
public enum DemoPanel {
    /// `count` members over the gemeente's wijken in proportion to the (gemeente, wijk) margins
    /// (exactly, by largest remainder), each with an age band and gender drawn from the (gemeente,
    /// age_band) and (gemeente, gender) margins, a birth year inside the band for `referenceYear`, a
    /// buurt drawn from the wijk's buurt margins when the table lists any, and about 5% English
    /// speakers. Ids are "demo-0001"… and addresses use the reserved domain example.org, so no
    /// invitation can reach a real person. The same seed gives the same panel. Empty when the
    /// table has no wijk with a positive total.
    public static func generate(count: Int, population: PopulationTable, gemeenteName: String, seed: UInt64, referenceYear: Int) -> [Member] {
        let wijkMargins = population.margins(scope: PopulationTable.gemeenteScope, variable: "wijk")
        let wijkCounts = Apportionment.largestRemainder(count, weights: wijkMargins.map(\.total))
        var wijkOfSlot = zip(wijkMargins, wijkCounts).flatMap { margin, n in Array(repeating: margin.category, count: n) }
        guard !wijkOfSlot.isEmpty else { return [] }

        var random = SplitMix64(seed: seed)
        // Shuffled so consecutive ids are not all in the same wijk, as in a real panel.
        random.shuffle(&wijkOfSlot)

        let ageBands = typedMargins(population, variable: "age_band", as: AgeBand.init(rawValue:))
        let genders = typedMargins(population, variable: "gender", as: Gender.init(rawValue:))
        let idWidth = max(4, String(count).count)

        return wijkOfSlot.enumerated().map { offset, wijk in
            let number = (offset + 1).zeroPadded(idWidth)
            let buurten = population.margins(scope: wijk, variable: "buurt")
            let buurt = random.pick(weights: buurten.map(\.total)).map { buurten[$0].category }
            let band = random.pick(weights: ageBands.map(\.total)).map { ageBands[$0].category }
            let gender = random.pick(weights: genders.map(\.total)).map { genders[$0].category } ?? .onbekend
            let birthYear = band.map { referenceYear - random.inRange($0.ages) }
            let language = random.unit() < 0.05 ? "en" : "nl"
            return Member(
                id: "demo-\(number)", email: "demo-\(number)@example.org", wijk: wijk, buurt: buurt,
                birthYear: birthYear, ageBand: band, gender: gender, language: language)
        }
    }

    /// The members as a panel file with the SPEC §4 header, readable by `MemberImport.parse`. Each
    /// row fills birth_year when known and age_band only otherwise, so importing the file in a later
    /// year re-derives the band instead of contradicting it.
    public static func csv(_ members: [Member]) -> String {
        let columns = PanelColumn.allCases
        let rows = members.map { member in columns.map { field($0, of: member) } }
        return CSV.format([columns.map(\.rawValue)] + rows)
    }

    private static func field(_ column: PanelColumn, of member: Member) -> String {
        switch column {
        case .memberID: member.id
        case .email: member.email
        case .wijk: member.wijk
        case .buurt: member.buurt ?? ""
        case .postcode: member.postcode ?? ""
        case .birthYear: member.birthYear.map(String.init) ?? ""
        case .ageBand: member.birthYear == nil ? member.ageBand?.rawValue ?? "" : ""
        case .gender: member.gender.rawValue
        case .language: member.language
        }
    }

    /// The gemeente's margins of `variable` whose categories are known values, in file order.
    private static func typedMargins<T>(_ population: PopulationTable, variable: String, as make: (String) -> T?) -> [(category: T, total: Double)] {
        population.margins(scope: PopulationTable.gemeenteScope, variable: variable).compactMap { margin in
            make(margin.category).map { ($0, margin.total) }
        }
    }
}
