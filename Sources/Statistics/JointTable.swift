/// The weighted joint table of all margin variables that R's `rake()` compares between sweeps
/// (`svytable(~wijk + age_band + gender, design)`). Only cells with respondents are kept: empty cells
/// are 0 in every sweep and cannot change the largest difference.
struct JointTable {
    private let cellOf: [Int]
    private let cellCount: Int

    init(layouts: [MarginLayout], count: Int) {
        var indexOf: [[Int]: Int] = [:]
        var cellOf: [Int] = []
        cellOf.reserveCapacity(count)
        for respondent in 0..<count {
            let key = layouts.map { $0.groupOf[respondent] }
            if let cell = indexOf[key] {
                cellOf.append(cell)
            } else {
                indexOf[key] = indexOf.count
                cellOf.append(indexOf.count - 1)
            }
        }
        self.cellOf = cellOf
        self.cellCount = indexOf.count
    }

    func cells(_ weights: [Double]) -> [Double] {
        var cells = [Double](repeating: 0, count: cellCount)
        for (weight, cell) in zip(weights, cellOf) { cells[cell] += weight }
        return cells
    }
}
