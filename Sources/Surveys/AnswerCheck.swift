/// The verdict on one question's normalised input, by the rules of its type alone (visibility and
/// `required` are the validator's business).
enum AnswerCheck: Equatable {
    /// Nothing was entered.
    case empty
    /// The values to store, in their canonical form.
    case accepted([String])
    /// Why the input is refused, and the input as entered, to show again.
    case refused(LocalizedText, entered: [String])

    /// What to show in the form again: the stored form when accepted, else the input as typed.
    var entered: [String] {
        switch self {
        case .empty: []
        case .accepted(let values): values
        case .refused(_, let values): values
        }
    }

    /// `given` is normalised: trimmed, without empty values or repeats.
    init(_ given: [String], for type: QuestionType) {
        guard !given.isEmpty else {
            self = .empty
            return
        }
        if case .multi(let options, let min, let max) = type {
            self = Self.multi(given, options: options, min: min, max: max)
            return
        }
        guard given.count == 1 else {
            self = .refused(type.isCategorical ? AnswerMessages.chooseOne : AnswerMessages.giveOne, entered: given)
            return
        }
        let value = given[0]
        switch type {
        case .single, .yesno:
            self = (type.allowedValues ?? []).contains(value) ? .accepted([value]) : .refused(AnswerMessages.chooseListed, entered: given)
        case .scale(let scale):
            self = (type.allowedValues ?? []).contains(value) ? .accepted([value]) : .refused(AnswerMessages.scale(scale), entered: given)
        case .number(let rule):
            self = Self.number(value, rule: rule)
        case .date(let rule):
            self = Self.date(value, rule: rule)
        case .text(let maxLength, _):
            let length = value.count
            self = length <= maxLength ? .accepted([value]) : .refused(AnswerMessages.tooLong(length, maximum: maxLength), entered: given)
        case .multi:
            self = .refused(AnswerMessages.chooseOnlyListed, entered: given)  // handled above
        }
    }

    /// Codes stored in the order of the options, so equal selections are stored alike.
    private static func multi(_ given: [String], options: [Option], min: Int?, max: Int?) -> AnswerCheck {
        let codes = options.map(\.code)
        guard given.allSatisfy(codes.contains) else { return .refused(AnswerMessages.chooseOnlyListed, entered: given) }
        if let min, given.count < min { return .refused(AnswerMessages.chooseAtLeast(min), entered: given) }
        if let max, given.count > max { return .refused(AnswerMessages.chooseAtMost(max), entered: given) }
        let chosen = Set(given)
        var stored: [String] = []
        for code in codes where chosen.contains(code) && !stored.contains(code) { stored.append(code) }
        return .accepted(stored)
    }

    /// Stored as canonical decimal text (`2,5` becomes `2.5`, `12.0` becomes `12`).
    private static func number(_ value: String, rule: NumberRule) -> AnswerCheck {
        guard let number = DecimalText(value, allowComma: true) else {
            return .refused(AnswerMessages.notANumber(rule), entered: [value])
        }
        if rule.integer, !number.isWhole { return .refused(AnswerMessages.wholeNumber(rule), entered: [value]) }
        let inRange = (rule.min.map { number.value >= $0 } ?? true) && (rule.max.map { number.value <= $0 } ?? true)
        return inRange ? .accepted([number.canonical]) : .refused(AnswerMessages.numberOutOfRange(rule), entered: [value])
    }

    /// Stored as `YYYY-MM-DD`; the bounds are inclusive and compared as such text, which orders as
    /// the days do.
    private static func date(_ value: String, rule: DateRule) -> AnswerCheck {
        guard let day = CalendarDay(typed: value) else { return .refused(AnswerMessages.notADate, entered: [value]) }
        let iso = day.iso
        let inRange = (rule.min.map { iso >= $0 } ?? true) && (rule.max.map { iso <= $0 } ?? true)
        return inRange ? .accepted([iso]) : .refused(AnswerMessages.dateOutOfRange(rule), entered: [value])
    }
}
