import Testing
@testable import Panel

@Suite struct PopulationTableTests {
    @Test func marginsInFileOrder() {
        let wijken = Fixtures.population.margins(scope: "gemeente", variable: "wijk")
        #expect(wijken.map(\.category) == ["Centrum", "Oost", "Hilversumse Meent"])
        #expect(wijken.map(\.total) == [100, 200, 100])
        #expect(Fixtures.population.margins(scope: "Oost", variable: "age_band").isEmpty)
    }

    @Test func gemeenteGeography() {
        let gemeente = Fixtures.gemeente
        #expect(gemeente.name == "Testdorp")
        #expect(gemeente.wijken == ["Centrum", "Oost", "Hilversumse Meent"])
        #expect(gemeente.buurten["Oost"] == ["Geraniumbuurt", "Boomberg"])
        #expect(gemeente.buurten["Centrum"] == [])
        #expect(gemeente.canonicalWijk("  hilversumse   MEENT ") == "Hilversumse Meent")
        #expect(gemeente.canonicalWijk("oost") == "Oost")
        #expect(gemeente.canonicalWijk("Oostt") == nil)
        #expect(gemeente.wijk(ofBuurt: "geraniumbuurt") == "Oost")
        #expect(gemeente.wijk(ofBuurt: "Nergensbuurt") == nil)
    }

    @Test func columnsInAnyOrderAndDecimals() throws {
        let table = try PopulationTable.parse("Total,Category,Variable,Scope\n12.5,Oost,wijk,gemeente\n")
        #expect(table.rows == [.init(scope: "gemeente", variable: "wijk", category: "Oost", total: 12.5)])
    }

    @Test(arguments: [
        ("", 1, "empty"),
        ("scope,variable,category\n", 1, "missing column 'total'"),
        ("scope,variable,category,total,extra\n", 1, "unknown column 'extra'"),
        ("scope,variable,category,total\ngemeente,wijk,Oost,-3\n", 2, "negative"),
        ("scope,variable,category,total\ngemeente,wijk,Oost,veel\n", 2, "not a number"),
        ("scope,variable,category,total\ngemeente,wijk,Oost\n", 2, "expected 4 fields"),
        ("scope,variable,category,total\ngemeente,,Oost,3\n", 2, "variable is empty"),
        ("scope,variable,category,total\ngemeente,wijk,Oost,3\ngemeente,wijk,Zuid,3\ngemeente,wijk,Oost,4\n", 4, "first on line 2"),
    ])
    func rejectsBadTables(text: String, line: Int, fragment: String) {
        do {
            _ = try PopulationTable.parse(text)
            Issue.record("expected an error for \(text)")
        } catch {
            #expect(error.line == line)
            #expect(error.message.contains(fragment), "\(error)")
        }
    }

    @Test func shippedHilversumTableParsesAndAddsUp() throws {
        let table = try PopulationTable.parse(try Fixtures.shippedHilversumCSV())
        let gemeente = table.gemeente(named: "Hilversum")
        #expect(gemeente.wijken == ["Noordoost", "Noordwest", "Zuid", "Zuidoost", "Zuidwest", "Hilversumse Meent", "Centrum", "Oost"])
        #expect(gemeente.wijk(ofBuurt: "Geraniumbuurt") == "Oost")

        let wijkMargins = table.margins(scope: "gemeente", variable: "wijk")
        let adults = wijkMargins.reduce(0) { $0 + $1.total }
        #expect(adults == 73_000)

        // Every scope: each variable adds up to the scope's total, and that total matches the row one level up.
        var scopeTotal: [String: Double] = ["gemeente": adults]
        for wijk in wijkMargins { scopeTotal[wijk.category] = wijk.total }
        for wijk in gemeente.wijken {
            for buurt in table.margins(scope: wijk, variable: "buurt") { scopeTotal[buurt.category] = buurt.total }
        }
        let scopes = Set(table.rows.map(\.scope))
        #expect(scopes.isSubset(of: Set(scopeTotal.keys)), "every scope is the gemeente, a wijk or a listed buurt")
        for scope in scopes {
            for variable in Set(table.rows.filter { $0.scope == scope }.map(\.variable)) {
                let sum = table.margins(scope: scope, variable: variable).reduce(0) { $0 + $1.total }
                #expect(abs(sum - (scopeTotal[scope] ?? -1)) <= 1, "\(scope)/\(variable) adds up to \(sum)")
            }
        }
        for wijk in gemeente.wijken {
            #expect(table.margins(scope: wijk, variable: "age_band").map(\.category) == AgeBand.allCases.map(\.rawValue))
            #expect(table.margins(scope: wijk, variable: "gender").map(\.category) == ["man", "vrouw"])
        }
    }
}
