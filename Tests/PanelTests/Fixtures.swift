import Foundation
import Testing
@testable import Panel

/// Shared test data: a small population table in the shipped format, and the shipped Hilversum file.
enum Fixtures {
    static let referenceYear = 2025

    static let populationCSV = """
        scope,variable,category,total
        gemeente,wijk,Centrum,100
        gemeente,wijk,Oost,200
        gemeente,wijk,Hilversumse Meent,100
        gemeente,age_band,18-34,100
        gemeente,age_band,35-49,100
        gemeente,age_band,50-64,100
        gemeente,age_band,65+,100
        gemeente,gender,man,200
        gemeente,gender,vrouw,200
        Oost,buurt,Geraniumbuurt,80
        Oost,buurt,Boomberg,120

        """

    static let population: PopulationTable = {
        do { return try PopulationTable.parse(populationCSV) } catch { fatalError("fixture does not parse: \(error)") }
    }()

    static let gemeente = population.gemeente(named: "Testdorp")

    /// Resources/population/hilversum.csv, found relative to this file so the test works from any directory.
    static func shippedHilversumCSV(filePath: String = #filePath) throws -> String {
        let url = URL(fileURLWithPath: filePath)
            .deletingLastPathComponent()
            .appendingPathComponent("../../Resources/population/hilversum.csv")
            .standardizedFileURL
        return try String(contentsOf: url, encoding: .utf8)
    }

    static func importing(_ csv: String) throws(MemberImportErrors) -> [Member] {
        try MemberImport.parse(csv, gemeente: gemeente, referenceYear: referenceYear)
    }

    /// The issues of a file that must fail to import; records an issue if it imports.
    static func issues(_ csv: String) -> [ImportIssue] {
        do {
            let members = try importing(csv)
            Issue.record("expected import errors, got \(members.count) members")
            return []
        } catch {
            return error.issues
        }
    }
}
