import Testing
@testable import SurveyFiles
import Surveys

/// `weighting` and `verdict`: each mistake reported where it is, each setting carried into the model.
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

@Suite struct StatisticsSettingsInTheModelTests {
    @Test func verdictAndWeightingReachTheDefinition() throws {
        let text = """
            id: x
            kind: buurttoetsing
            title: X
            weighting: {variables: [age_band, gender], trim: {lower: 0.3, upper: 3}}
            verdict: {threshold: 0.6, min_n: 50}
            questions:
              - {id: steun, type: yesno, text: Steun?, support: {supports: [ja]}}
            """
        let definition = try SurveyFileLoader.parse(text, file: "x.yaml")
        #expect(definition.verdict == VerdictRule(threshold: 0.6, minN: 50))
        #expect(definition.weighting == WeightingRule(variables: ["age_band", "gender"], trimLower: 0.3, trimUpper: 3))
    }
}
