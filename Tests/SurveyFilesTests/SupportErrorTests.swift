import Testing
@testable import SurveyFiles
import Surveys

@Suite struct SupportErrorTests {
    @Test func invalidOverlappingRepeatedAndMisplacedSupport() {
        let yaml = header + """
              - id: steun
                type: scale
                text: Steun?
                scale: {min: 1, max: 5}
                support: {supports: [4, 6], opposes: [1, 4]}
              - id: ook
                type: yesno
                text: Ook?
                support: {supports: [ja]}
              - id: waarom
                type: text
                text: Waarom?
                support: {supports: [x]}

            """
        #expect(issues(in: yaml) == [
            issue(9, 29, "'6' is not an answer to question 'steun' (expected a whole number from 1 to 5)"),
            issue(9, 46, "'4' is listed in both 'supports' and 'opposes'"),
            issue(13, 5, "only one question per survey may measure support, and question 'steun' on line 9 already does"),
            issue(17, 5, "a support marker needs answers that can be counted: single, multi, scale or yesno"),
        ])
    }

    @Test func singleSupportUsesOptionCodesAndNeedsSupports() {
        let yaml = header + """
              - id: keuze
                type: single
                text: Keuze?
                options: [{code: a, text: A}, {code: b, text: B}]
                support: {supports: [], opposes: [c]}

            """
        #expect(issues(in: yaml) == [
            issue(9, 25, "'supports' must list at least one answer value"),
            issue(9, 39, "'c' is not an answer to question 'keuze' (expected one of the option codes a or b)"),
        ])
    }

    @Test func yesnoSupportUsesJaAndNee() {
        #expect(issues(in: header + "  - {id: q, type: yesno, text: Q, support: {supports: [yes]}}\n") == [
            issue(5, 56, "'yes' is not an answer to question 'q' (expected ja or nee)")
        ])
        #expect(issues(in: header + "  - {id: q, type: yesno, text: Q, support: {opposes: [nee]}}\n") == [
            issue(5, 44, "the support rule of question 'q' has no 'supports'")
        ])
    }

    @Test func aValueListedTwice() {
        #expect(issues(in: header + "  - {id: q, type: yesno, text: Q, support: {supports: [ja, ja]}}\n") == [
            issue(5, 60, "'ja' is listed twice in 'supports'")
        ])
    }
}
