import Testing
import Statistics

/// SPEC §5: the interval against the threshold, after the minimum number of respondents.
@Suite struct VerdictTests {
    @Test func theFourVerdicts() {
        #expect(Verdict.of(lower: 0.52, upper: 0.66, n: 170, threshold: 0.5, minN: 30) == .voldoende)
        #expect(Verdict.of(lower: 0.31, upper: 0.47, n: 170, threshold: 0.5, minN: 30) == .onvoldoende)
        #expect(Verdict.of(lower: 0.45, upper: 0.58, n: 170, threshold: 0.5, minN: 30) == .onbeslist)
        #expect(Verdict.of(lower: 0.9, upper: 1, n: 29, threshold: 0.5, minN: 30) == .teWeinigRespons)
    }

    @Test func boundaries() {
        // Lower end exactly at the threshold is enough; upper end exactly at it is not below it.
        #expect(Verdict.of(lower: 0.5, upper: 0.7, n: 30, threshold: 0.5, minN: 30) == .voldoende)
        #expect(Verdict.of(lower: 0.3, upper: 0.5, n: 30, threshold: 0.5, minN: 30) == .onbeslist)
        #expect(Verdict.of(lower: 0.7, upper: 0.8, n: 30, threshold: 2.0 / 3.0, minN: 30) == .voldoende)
    }

    @Test func rawValuesAreTheJSONSpelling() {
        #expect(Verdict.teWeinigRespons.rawValue == "te_weinig_respons")
        #expect(Verdict.onbeslist.rawValue == "onbeslist")
    }
}
