/// The SPEC §5 verdict on a share's 95% interval against a mandate's threshold.
public enum Verdict: String, Sendable {
    case voldoende, onvoldoende, onbeslist
    case teWeinigRespons = "te_weinig_respons"

    /// `te_weinig_respons` under the minimum n (checked first); `voldoende` when the lower end reaches
    /// the threshold; `onvoldoende` when the upper end stays below it; `onbeslist` otherwise.
    public static func of(lower: Double, upper: Double, n: Int, threshold: Double, minN: Int) -> Verdict {
        if n < minN { return .teWeinigRespons }
        if lower >= threshold { return .voldoende }
        if upper < threshold { return .onvoldoende }
        return .onbeslist
    }
}
