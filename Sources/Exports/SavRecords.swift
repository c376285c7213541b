import Foundation

/// An SPSS system file, written record by record in the order SPSS itself writes them (PSPP
/// "System File Format"): file header, variable records, value labels, the extension records
/// (type 7), the dictionary termination record, then the data, uncompressed.
enum SavRecords {
    /// The documented limit of a variable label (PSPP "Variable Record", `label_len`).
    static let maximumVariableLabelBytes = 255
    /// SPSS shows value labels up to 120 bytes; ReadStat writes no more either.
    static let maximumValueLabelBytes = 120
    /// The header's file label field (PSPP "File Header Record", `file_label`).
    static let fileLabelBytes = 64

    static func file(_ dataset: SavDataset, created: Date) -> [UInt8] {
        let layout = SavLayout(dataset.variables)
        let shortNames = SpssName.shortNames(for: dataset.variables.map(\.name), segmentCounts: layout.segments.map(\.count))
        var out = SavBytes()
        fileHeader(&out, dataset, layout: layout, created: created)
        variableRecords(&out, dataset.variables, layout: layout, shortNames: shortNames)
        valueLabelRecords(&out, dataset.variables, layout: layout)
        machineIntegerInfo(&out)
        machineFloatingPointInfo(&out)
        variableDisplayParameters(&out, dataset.variables, layout: layout)
        longVariableNames(&out, dataset.variables, shortNames: shortNames)
        veryLongStrings(&out, dataset.variables, shortNames: shortNames)
        extendedNumberOfCases(&out, cases: dataset.cases.count)
        characterEncoding(&out)
        dictionaryTermination(&out)
        dataRecords(&out, dataset.cases, layout: layout)
        return out.bytes
    }

    /// A type 7 record's header: subtype, the size of one element and their count (PSPP
    /// "System File Format", extension records).
    static func extensionHeader(_ out: inout SavBytes, subtype: Int32, size: Int, count: Int) {
        out.int32(7)
        out.int32(subtype)
        out.int32(size)
        out.int32(count)
    }
}
