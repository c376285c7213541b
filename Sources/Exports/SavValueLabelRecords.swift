extension SavRecords {
    /// A value label record (type 3) with its value label variables record (type 4) for every
    /// distinct set of labels, listing all numeric variables that share it, so the dummies of a
    /// `multi` question or all yes/no questions share one set as SPSS itself would (PSPP "Value
    /// Labels Records"). Values are doubles; each label is a length byte and the text, padded so
    /// the two together fill a multiple of 8 bytes.
    static func valueLabelRecords(_ out: inout SavBytes, _ variables: [SavVariable], layout: SavLayout) {
        var sets: [[SavValueLabel]] = []
        var users: [[SavValueLabel]: [Int]] = [:]
        for (index, variable) in variables.enumerated() where variable.type == .numeric && !variable.valueLabels.isEmpty {
            if users[variable.valueLabels] == nil { sets.append(variable.valueLabels) }
            users[variable.valueLabels, default: []].append(layout.dictionaryIndexes[index])
        }
        for labels in sets {
            out.int32(3)
            out.int32(labels.count)
            for label in labels {
                out.double(label.value)
                let text = label.label.utf8Prefix(maxBytes: maximumValueLabelBytes)
                out.byte(UInt8(text.count))
                out.fixed(text, length: (text.count + 1 + 7) / 8 * 8 - 1)
            }
            let indexes = users[labels] ?? []
            out.int32(4)
            out.int32(indexes.count)
            for index in indexes { out.int32(index) }
        }
    }
}
