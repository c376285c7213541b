/// The weighted joint table of all margin variables that R's `rake()` compares between sweeps
/// (`svytable(~wijk + age_band + gender, design)`). Only cells with respondents are kept: empty cells
/// are 0 in every sweep and cannot change the largest difference.
struct JointTable {
    private let cellOf: [Int]
    private let cellCount: Int

    init(layouts: [MarginLayout], count: Int) {
        let (cellOf, cellCount) = Self.cellsByCode(layouts, count) ?? Self.cellsByKey(layouts, count)
        self.cellOf = cellOf
        self.cellCount = cellCount
    }

    func cells(_ weights: [Double]) -> [Double] {
        var cells = [Double](repeating: 0, count: cellCount)
        for respondent in weights.indices { cells[cellOf[respondent]] += weights[respondent] }
        return cells
    }

    /// Each respondent's cell as a mixed-radix number over the margins' category counts (fast);
    /// nil if the full table has more cells than an Int can number.
    private static func cellsByCode(_ layouts: [MarginLayout], _ count: Int) -> (cellOf: [Int], cellCount: Int)? {
        var codes = [Int](repeating: 0, count: count)
        var stride = 1
        for layout in layouts {
            let groupOf = layout.groupOf
            for respondent in 0..<count { codes[respondent] += groupOf[respondent] * stride }
            let next = stride.multipliedReportingOverflow(by: max(1, layout.categories.count))
            if next.overflow { return nil }
            stride = next.partialValue
        }
        return numbered(codes)
    }

    private static func cellsByKey(_ layouts: [MarginLayout], _ count: Int) -> (cellOf: [Int], cellCount: Int) {
        numbered((0..<count).map { respondent in layouts.map { $0.groupOf[respondent] } })
    }

    /// Dense cell numbers in order of first appearance.
    private static func numbered<Key: Hashable>(_ keys: [Key]) -> (cellOf: [Int], cellCount: Int) {
        var indexOf: [Key: Int] = [:]
        var cellOf = [Int](repeating: 0, count: keys.count)
        for (respondent, key) in keys.enumerated() {
            if let cell = indexOf[key] {
                cellOf[respondent] = cell
            } else {
                cellOf[respondent] = indexOf.count
                indexOf[key] = indexOf.count
            }
        }
        return (cellOf, indexOf.count)
    }
}
