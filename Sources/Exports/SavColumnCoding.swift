import Surveys

/// How one export column becomes an SPSS variable: its type, format, measurement level, labels
/// and the value of every row. Categories become numbers with value labels, because that is what
/// SPSS users tabulate, recode and put in models; only free text and the respondent's panel
/// categories stay strings.
struct SavColumnCoding {
    var label: String?
    var type: SavType
    var format: SpssFormat
    var measure: SavMeasure
    var valueLabels: [SavValueLabel] = []
    var values: [SavValue]

    /// Labels of the dummies of a `multi` question.
    static let dummyLabels = [SavValueLabel(value: 0, label: "niet gekozen"), SavValueLabel(value: 1, label: "gekozen")]
    /// `ja` is 1 and `nee` 0, so the mean of the variable is the share that said yes.
    static let yesNoNumbers: [String: Double] = [YesNo.ja.rawValue: 1, YesNo.nee.rawValue: 0]

    init(_ content: ExportColumn.Content, rows: [ExportRow]) {
        switch content {
        case .respondent:
            let numbers = rows.map { Double($0.respondent) }
            self.init(numbers: numbers, label: "Respondent (volgnummer)", decimals: 0, measure: .nominal)
        case .wijk:
            self.init(strings: rows.map(\.wijk), label: "Wijk")
        case .ageBand:
            self.init(strings: rows.map { $0.ageBand ?? "" }, label: "Leeftijdsklasse")
        case .gender:
            self.init(strings: rows.map(\.gender), label: "Geslacht")
        case .channel:
            self.init(strings: rows.map(\.channel), label: "Uitgenodigd via (panel of brief)")
        case .weight:
            let weights = rows.map { $0.weight.flatMap { $0.isFinite ? $0 : nil } }
            self.init(numbers: weights, label: "Weegfactor", decimals: 4, measure: .scale)
        case .answer(let question):
            self.init(answersTo: question, rows: rows)
        case .chosen(let question, let option):
            self.init(
                numbers: rows.map { row in row.chose(option, of: question).map { $0 ? 1 : 0 } },
                label: Self.dummyLabel(question.text.nl, option.text.nl), decimals: 0, measure: .nominal)
            valueLabels = Self.dummyLabels
        }
    }

    private init(answersTo question: Question, rows: [ExportRow]) {
        let label = question.text.nl
        let stored = rows.map { $0.value(of: question.id) }
        switch question.type {
        case .single(let options):
            let numbering = OptionNumbering(options)
            self.init(numbers: stored.map { $0.flatMap(numbering.number) }, label: label, decimals: 0, measure: .nominal)
            valueLabels = options.compactMap { option in
                numbering.number(for: option.code).map { SavValueLabel(value: $0, label: option.text.nl) }
            }
        case .scale(let scale):
            self.init(numbers: stored.map { $0.flatMap(Int.init).map(Double.init) }, label: label, decimals: 0, measure: .ordinal)
            valueLabels = scale.labels.map { SavValueLabel(value: Double($0.point), label: $0.text.nl) }
        case .yesno:
            self.init(numbers: stored.map { $0.flatMap { Self.yesNoNumbers[$0] } }, label: label, decimals: 0, measure: .nominal)
            valueLabels = YesNo.allCases.compactMap { answer in
                Self.yesNoNumbers[answer.rawValue].map { SavValueLabel(value: $0, label: answer.label.nl) }
            }
        case .number(let rule):
            let decimals = rule.integer ? 0 : stored.compactMap { $0.map(Self.fractionDigits) }.max() ?? 0
            self.init(numbers: stored.map { $0.flatMap(Double.init) }, label: label, decimals: decimals, measure: .scale)
        case .date:
            self.init(numbers: stored.map { $0.flatMap(SpssDate.seconds(iso:)) }, label: label, decimals: 0, measure: .scale)
            format = .date
        case .text, .multi:
            // `multi` never reaches here: it is exported as dummies, one column per option.
            self.init(strings: stored.map { $0 ?? "" }, label: label)
        }
    }

    /// A numeric variable whose `F` format fits every value.
    private init(numbers: [Double?], label: String, decimals: Int, measure: SavMeasure) {
        let present = numbers.compactMap { $0 }
        let largest = present.map { abs($0) }.max() ?? 0
        let integerDigits = Self.integerDigits(largest)
        self.label = label
        self.type = .numeric
        self.format = SpssFormat.number(integerDigits: integerDigits, decimals: decimals, negative: present.contains { $0 < 0 })
        self.measure = measure
        self.values = numbers.map(SavValue.number)
    }

    /// A string variable as wide as its longest value in bytes (at least 1, as SPSS requires).
    private init(strings: [String], label: String) {
        let bytes = strings.map { $0.utf8Prefix(maxBytes: SavDataset.maximumStringWidth) }
        let width = max(bytes.map(\.count).max() ?? 0, 1)
        self.label = label
        self.type = .string(width: width)
        self.format = .string(width: width)
        self.measure = .nominal
        self.values = bytes.map(SavValue.text)
    }

    /// Digits before the point of a finite, non-negative number (1 for numbers below 10).
    private static func integerDigits(_ value: Double) -> Int {
        var digits = 1
        var rest = value
        while rest.isFinite, rest >= 10 {
            rest /= 10
            digits += 1
        }
        return digits
    }

    /// Digits after the point of canonical decimal text (`2.50` is stored as `2.5`: one).
    private static func fractionDigits(_ text: String) -> Int {
        guard let point = text.firstIndex(of: ".") else { return 0 }
        return text[text.index(after: point)...].count
    }

    /// "Question: option", shortening the question rather than the option when it would pass the
    /// 255 bytes a variable label may have, because the option is what tells the dummies apart.
    static func dummyLabel(_ question: String, _ option: String) -> String {
        let tail = ": " + option
        let full = question + tail
        let room = SavRecords.maximumVariableLabelBytes - tail.utf8.count - "…".utf8.count
        guard full.utf8.count > SavRecords.maximumVariableLabelBytes, room > 0 else { return full }
        return String(decoding: question.utf8Prefix(maxBytes: room), as: UTF8.self) + "…" + tail
    }
}
