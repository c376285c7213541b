import Foundation
import Testing
@testable import SurveyFiles
import Surveys

@Suite struct WavesTests {
    static func monitor(_ extra: String, period: String = "opens: 2027-01-31\ncloses: 2027-02-28\n") -> String {
        "id: buurtpeiling-oost\nkind: enquete\ntitle: Buurtpeiling\n\(period)\(extra)questions:\n  - {id: q, type: yesno, text: Q}\n"
    }

    @Test func repeatDeclaresWavesThatOpenAndCloseLaterEachTime() throws {
        let survey = try SurveyFileLoader.parse(Self.monitor("repeat: {every: 1 month, waves: 3}\n"), file: testFile)
        #expect(survey.repeatRule == RepeatRule(every: 1, unit: .months, waves: 3))
        let waves = survey.expandedWaves()
        #expect(waves.map(\.id) == ["buurtpeiling-oost", "buurtpeiling-oost-golf-2", "buurtpeiling-oost-golf-3"])
        #expect(waves.map { $0.wave?.number } == [1, 2, 3])
        #expect(waves.map(\.title.nl) == ["Buurtpeiling (golf 1)", "Buurtpeiling (golf 2)", "Buurtpeiling (golf 3)"])
        #expect(waves.allSatisfy { $0.wave?.series == "buurtpeiling-oost" && $0.repeatRule == nil && $0.questions == survey.questions })
        // 31 January plus a month is the last day of February; the closing day moves the same way.
        #expect(waves.map { $0.opens?.description } == ["2027-01-31", "2027-02-28", "2027-03-31"])
        #expect(waves.map { $0.closes?.description } == ["2027-02-28", "2027-03-28", "2027-04-28"])
    }

    @Test(arguments: [("6 maanden", 6, RepeatRule.Unit.months), ("2 weeks", 2, .weeks), ("10 dagen", 10, .days), ("1 week", 1, .weeks)])
    func intervalsInEnglishAndDutch(text: String, count: Int, unit: RepeatRule.Unit) throws {
        let survey = try SurveyFileLoader.parse(Self.monitor("repeat: {every: \(text), waves: 2}\n"), file: testFile)
        #expect(survey.repeatRule == RepeatRule(every: count, unit: unit, waves: 2))
    }

    @Test func weeksShiftByWholeWeeksAcrossTheYearEnd() {
        let moment = LocalDateTime(parsing: "2026-12-28T09:30")!
        #expect(moment.adding(1, .weeks).description == "2027-01-04T09:30")
        #expect(moment.adding(3, .days).description == "2026-12-31T09:30")
        #expect(moment.adding(14, .months).description == "2028-02-28T09:30")
    }

    @Test func mistakesInRepeatAndSeriesSayWhatAndWhere() {
        #expect(issues(in: Self.monitor("repeat: {every: 6 jaar, waves: 2}\n")).map(\.message) == [
            "expected an interval such as '6 months', '4 weeks' or '10 days' for 'every', found '6 jaar'"])
        #expect(issues(in: Self.monitor("repeat: {every: 6 months, waves: 1}\n")).map(\.message) == [
            "expected a number of waves from 2 to 24 for 'waves', found 1"])
        let noPeriod = issues(in: Self.monitor("repeat: {every: 6 months, waves: 2}\n", period: ""))
        #expect(noPeriod.map(\.message) == ["a survey with 'repeat' needs 'opens' and 'closes': each wave opens and closes that much later"])
        #expect(noPeriod.first?.line == 4)
        #expect(issues(in: Self.monitor("repeat: {every: 6 months, waves: 2}\nseries: {id: x, wave: 1}\n")).map(\.message) == [
            "a survey either declares its waves with 'repeat' or is one wave of a 'series', not both"])
        #expect(issues(in: Self.monitor("series: {id: Oost, wave: 0}\n")).map(\.message) == [
            "series id 'Oost' must start with a lowercase letter and contain only lowercase letters, digits and '-'",
            "expected the wave's number (1 or more) for 'wave', found 0"])
    }

    @Test func aFileCanBeOneWaveOfASeries() throws {
        let survey = try SurveyFileLoader.parse(Self.monitor("series: {id: buurtpeiling, wave: 2}\n"), file: testFile)
        #expect(survey.wave == WaveLink(series: "buurtpeiling", number: 2))
        #expect(survey.expandedWaves() == [survey])
    }

    @Test func aFolderLoadsEveryWaveAndRefusesAFileWhoseIdAWaveTook() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("waves-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Self.monitor("repeat: {every: 6 months, waves: 2}\n").write(toFile: folder + "/a.yaml", atomically: true, encoding: .utf8)
        try Self.monitor("").replacingOccurrences(of: "id: buurtpeiling-oost", with: "id: buurtpeiling-oost-golf-2")
            .write(toFile: folder + "/b.yaml", atomically: true, encoding: .utf8)
        let result = SurveyFileLoader.loadDirectory(folder)
        #expect(result.definitions.map(\.id) == ["buurtpeiling-oost", "buurtpeiling-oost-golf-2"])
        #expect(result.issues.map(\.message) == ["survey id 'buurtpeiling-oost-golf-2' is already used by \(folder)/a.yaml"])
    }
}
