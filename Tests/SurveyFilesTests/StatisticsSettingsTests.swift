import Testing
@testable import SurveyFiles
import Surveys

/// `weighting` and `verdict` are not in the model yet, but their shape is checked now so files do
/// not carry mistakes until the statistics step reads them.
@Suite struct StatisticsSettingsTests {
    static let question = "  - {id: q, type: yesno, text: V}\n"

    @Test func wellFormedSettingsAreAccepted() {
        let yaml = "weighting: {variables: [age_band, wijk], trim: {lower: 0.3, upper: 3}}\nverdict: {threshold: 0.5, min_n: 30}\n"
        #expect(issues(in: yaml + header + Self.question).isEmpty)
    }

    @Test func weightingShape() {
        #expect(issues(in: "weighting: {variabelen: [age_band], trim: {lower: 2, upper: 0.5, mid: 1}}\n" + header + Self.question) == [
            issue(1, 13, "unknown key 'variabelen' in 'weighting' (did you mean 'variables'?)"),
            issue(1, 51, "expected a number greater than 0 and at most 1 for 'lower', found 2"),
            issue(1, 61, "expected a number of at least 1 for 'upper', found 0.5"),
            issue(1, 66, "unknown key 'mid' in the trim of 'weighting'"),
        ])
        #expect(issues(in: "weighting: {variables: age_band}\n" + header + Self.question) == [
            issue(1, 24, "expected a list of variable names such as [age_band, gender] for 'variables', found a string")
        ])
    }

    @Test func verdictShape() {
        #expect(issues(in: "verdict: {threshold: 50, min_n: 0, n: 3}\n" + header + Self.question) == [
            issue(1, 22, "expected a share between 0 and 1 such as 0.5 for 'threshold', found 50"),
            issue(1, 33, "expected a whole number of respondents (1 or more) for 'min_n', found 0"),
            issue(1, 36, "unknown key 'n' in 'verdict'"),
        ])
        #expect(issues(in: "verdict: 0.5\n" + header + Self.question) == [
            issue(1, 10, "expected a mapping {threshold: …, min_n: …} for 'verdict', found a number")
        ])
    }
}
