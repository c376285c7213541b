/// Raking (iterative proportional fitting) as R's `survey::rake()` does it on
/// `svydesign(ids = ~1, weights = ~1)`: every respondent starts at weight 1; a sweep post-stratifies
/// to each margin in turn (multiplies each weight by population total ÷ weighted sample total of its
/// category, R's `postStratify()`); sweeps repeat until the largest change of any cell of the weighted
/// joint table of all margin variables (R's `svytable()`) is below the tolerance.
public enum Rake {
    public static func weights(
        _ respondents: [Respondent], margins: [Margin], options: RakingOptions = .init()
    ) throws(RakingError) -> Raking {
        let layouts = try MarginLayout.resolve(margins, for: respondents)
        var weights = [Double](repeating: 1, count: respondents.count)
        // R: epsilon < 1 is relative to sum(weights(design, "sampling")) before raking, i.e. n.
        let epsilon = options.tolerance < 1 ? options.tolerance * Double(respondents.count) : options.tolerance
        let table = JointTable(layouts: layouts, count: respondents.count)
        var oldCells = table.cells(weights)
        var sweeps = 0
        var converged = layouts.isEmpty
        var lastSweep: [[Double]] = []
        while !converged && sweeps < options.maxSweeps {
            lastSweep = []
            for layout in layouts {
                postStratify(&weights, to: layout)
                lastSweep.append(weights)
            }
            sweeps += 1
            let newCells = table.cells(weights)
            var delta = 0.0
            for (old, new) in zip(oldCells, newCells) { delta = max(delta, abs(old - new)) }
            if delta < epsilon { converged = true }
            oldCells = newCells
        }
        let calibration = zip(layouts, lastSweep).map { layout, weights in
            MarginCalibration(groupOf: layout.groupOf, groupSizes: layout.groupSizes, weights: weights)
        }
        var trimmedCount = 0
        if let bounds = options.trim {
            (weights, trimmedCount) = WeightTrimming.trim(weights, lowerFactor: bounds.lower, upperFactor: bounds.upper)
        }
        return Raking(
            weights: weights, sweeps: sweeps, converged: converged, variables: layouts.map(\.variable),
            trimmedCount: trimmedCount, calibration: calibration)
    }

    /// One margin of a sweep: R's `postStratify()` with `reweight <- Pop.Freq / Freq`.
    private static func postStratify(_ weights: inout [Double], to layout: MarginLayout) {
        let groupOf = layout.groupOf
        var sums = [Double](repeating: 0, count: layout.categories.count)
        weights.withUnsafeMutableBufferPointer { weights in
            for index in weights.indices { sums[groupOf[index]] += weights[index] }
            // Every category has respondents (MarginLayout checked) and positive weights, so sums > 0.
            var factors = sums
            for group in factors.indices { factors[group] = layout.totals[group] / sums[group] }
            for index in weights.indices { weights[index] *= factors[groupOf[index]] }
        }
    }
}
