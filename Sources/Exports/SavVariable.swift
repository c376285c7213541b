/// One SPSS variable as the dictionary of a system file describes it: name, label, type, display
/// format, measurement level and value labels. Independent of surveys, so the record writers only
/// deal in what the file format knows.
struct SavVariable: Sendable {
    /// The variable's name, already valid by SPSS rules and unique (see ``SpssName``).
    var name: String
    /// Dutch text shown beside the name; nil for none.
    var label: String?
    var type: SavType
    var format: SpssFormat
    var measure: SavMeasure
    var valueLabels: [SavValueLabel]
}

/// Numeric (IEEE doubles), or a string of a fixed width in bytes (PSPP "Variable Record", `type`).
enum SavType: Hashable, Sendable {
    case numeric
    /// 1…32767 bytes; wider than 255 is a "very long string" stored in segments.
    case string(width: Int)
}

/// The measurement level SPSS shows and uses to pick default charts and tests (PSPP "Variable
/// Display Parameter Record", `measure`).
enum SavMeasure: Int32, Sendable {
    case nominal = 1
    case ordinal = 2
    case scale = 3
}

/// A label for one value of a numeric variable (PSPP "Value Labels Records").
struct SavValueLabel: Hashable, Sendable {
    var value: Double
    var label: String
}

/// One cell of the data: a number (nil is system-missing) or the bytes of a string (empty is a
/// missing string, which SPSS stores as blanks).
enum SavValue: Sendable {
    case number(Double?)
    case text([UInt8])
}
