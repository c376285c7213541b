/// Checks that the bands of each kind cover every positive amount up to the top band exactly once.
enum BandTiling {
    /// `bands` are paired with their index in the file, for the place of each problem.
    static func check(_ bands: [(index: Int, band: Band)], log: inout ProblemLog) {
        for kind in InitiativeKind.allCases {
            let ofKind = bands.filter { $0.band.kind == kind }.sorted { ($0.band.above, $0.index) < ($1.band.above, $1.index) }
            guard let lowest = ofKind.first else { continue }
            if lowest.band.above > .zero {
                log.report(
                    "band '\(lowest.band.name.rawValue)', the lowest of kind \(kind.rawValue), starts above \(lowest.band.above.dutch): amounts from \(Cents(1).dutch) to \(lowest.band.above.dutch) have no band",
                    at: amountPath(lowest.index, RuleKey.above))
            }
            for (previous, next) in zip(ofKind, ofKind.dropFirst()) {
                check(previous, next, kind: kind, log: &log)
            }
        }
    }

    private static func check(_ previous: (index: Int, band: Band), _ next: (index: Int, band: Band), kind: InitiativeKind, log: inout ProblemLog) {
        let lower = previous.band, upper = next.band
        let first = "band '\(lower.name.rawValue)'", second = "band '\(upper.name.rawValue)'"
        guard let top = lower.upTo else {
            log.report(
                "\(first) of kind \(kind.rawValue) has no upper limit, so \(second) (above \(upper.above.dutch)) overlaps it: amounts from \((upper.above + Cents(1)).dutch) would fit both",
                at: amountPath(next.index, RuleKey.above))
            return
        }
        if upper.above > top {
            log.report(
                "gap between \(first) (up to \(top.dutch)) and \(second) (above \(upper.above.dutch)): amounts from \((top + Cents(1)).dutch) to \(upper.above.dutch) have no band",
                at: amountPath(next.index, RuleKey.above))
        } else if upper.above < top {
            let overlapTop = min(top, upper.upTo ?? top)
            log.report(
                "\(first) (up to \(top.dutch)) and \(second) (above \(upper.above.dutch)) overlap: amounts from \((upper.above + Cents(1)).dutch) to \(overlapTop.dutch) would fit both",
                at: amountPath(next.index, RuleKey.above))
        }
    }

    private static func amountPath(_ index: Int, _ key: String) -> [String] {
        [RuleKey.bands, String(index), RuleKey.amount, key]
    }
}
