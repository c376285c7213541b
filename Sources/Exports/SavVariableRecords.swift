extension SavRecords {
    /// One variable record (type 2) per segment of every variable, each followed by a
    /// continuation record (type -1) for every further 8-byte slot it takes (PSPP "Variable
    /// Record"). Only the first segment carries the label; the others are named by
    /// ``SpssName/shortNames(for:segmentCounts:)`` and joined again by the very long string record.
    /// No variable has user-missing values: a missing answer is system-missing or blank.
    static func variableRecords(_ out: inout SavBytes, _ variables: [SavVariable], layout: SavLayout, shortNames: [[String]]) {
        for (index, variable) in variables.enumerated() {
            for (number, segment) in layout.segments[index].enumerated() {
                let label = number == 0 ? variable.label.map { $0.utf8Prefix(maxBytes: maximumVariableLabelBytes) } ?? [] : []
                let format = number == 0 ? variable.format : .string(width: segment.width)
                out.int32(2)
                out.int32(segment.width)  // type: 0 numeric, else the string width
                out.int32(label.isEmpty ? 0 : 1)  // has_var_label
                out.int32(0)  // n_missing_values
                out.int32(format.encoded)  // print
                out.int32(format.encoded)  // write
                out.fixed(shortNames[index][number], length: SpssName.shortBytes)
                if !label.isEmpty {
                    out.int32(label.count)
                    out.fixed(label, length: (label.count + 3) / 4 * 4)
                }
                for _ in 1..<segment.slots { continuation(&out) }
            }
        }
    }

    /// Stands for one more 8-byte slot of the string before it.
    private static func continuation(_ out: inout SavBytes) {
        out.int32(2)
        out.int32(-1)
        out.int32(0)
        out.int32(0)
        out.int32(0)
        out.int32(0)
        out.fixed("", length: SpssName.shortBytes)
    }
}
