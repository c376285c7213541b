import Foundation

/// What a respondent is told when an answer is refused: one sentence in Dutch and English that
/// says what to do, with the bounds written as people read them (Dutch decimal comma, Dutch
/// month names).
enum AnswerMessages {
    static let required = LocalizedText(nl: "Beantwoord deze vraag; zij is verplicht.", en: "Please answer this question; it is required.")
    static let chooseOne = LocalizedText(nl: "Kies één antwoord.", en: "Choose one answer.")
    static let giveOne = LocalizedText(nl: "Geef één antwoord.", en: "Give one answer.")
    static let chooseListed = LocalizedText(nl: "Kies een van de genoemde antwoorden.", en: "Choose one of the listed answers.")
    static let chooseOnlyListed = LocalizedText(nl: "Kies alleen uit de genoemde antwoorden.", en: "Choose only from the listed answers.")
    static let notADate = LocalizedText(
        nl: "Vul een bestaande datum in, bijvoorbeeld 31-12-2026.", en: "Enter an existing date, for example 31-12-2026.")

    static func scale(_ scale: Scale) -> LocalizedText {
        LocalizedText(nl: "Kies een waarde van \(scale.min) tot en met \(scale.max).", en: "Choose a value from \(scale.min) to \(scale.max).")
    }

    static func chooseAtLeast(_ count: Int) -> LocalizedText {
        LocalizedText(nl: "Kies er ten minste \(count).", en: "Choose at least \(count).")
    }

    static func chooseAtMost(_ count: Int) -> LocalizedText {
        LocalizedText(nl: "Kies er hoogstens \(count).", en: "Choose at most \(count).")
    }

    static func tooLong(_ length: Int, maximum: Int) -> LocalizedText {
        LocalizedText(
            nl: "Uw antwoord is \(length) tekens lang; het mag hoogstens \(maximum) tekens zijn.",
            en: "Your answer is \(length) characters long; at most \(maximum) are allowed.")
    }

    /// With an example that the question accepts, so following the advice works.
    static func notANumber(_ rule: NumberRule) -> LocalizedText {
        var example = 12.0
        if let min = rule.min, example < min { example = rule.integer ? min.rounded(.up) : min }
        if let max = rule.max, example > max { example = rule.integer ? max.rounded(.down) : max }
        return LocalizedText(
            nl: "Vul een getal in, bijvoorbeeld \(dutch(example)).", en: "Enter a number, for example \(english(example)).")
    }

    static func wholeNumber(_ rule: NumberRule) -> LocalizedText {
        guard rule.min != nil || rule.max != nil else {
            return LocalizedText(nl: "Vul een heel getal in.", en: "Enter a whole number.")
        }
        return numberOutOfRange(rule)
    }

    /// "Vul een getal in van 0 tot en met 120." and its variants for one bound and whole numbers.
    static func numberOutOfRange(_ rule: NumberRule) -> LocalizedText {
        let (nl, en) = rule.integer ? ("een heel getal", "a whole number") : ("een getal", "a number")
        switch (rule.min, rule.max) {
        case (let min?, let max?):
            return LocalizedText(
                nl: "Vul \(nl) in van \(dutch(min)) tot en met \(dutch(max)).", en: "Enter \(en) from \(english(min)) to \(english(max)).")
        case (let min?, nil):
            return LocalizedText(nl: "Vul \(nl) in van ten minste \(dutch(min)).", en: "Enter \(en) of at least \(english(min)).")
        case (nil, let max?):
            return LocalizedText(nl: "Vul \(nl) in van hoogstens \(dutch(max)).", en: "Enter \(en) of at most \(english(max)).")
        case (nil, nil):
            return notANumber(rule)
        }
    }

    /// "Kies een datum vanaf 1 januari 2026." and its variants.
    static func dateOutOfRange(_ rule: DateRule) -> LocalizedText {
        func days(_ iso: String) -> (nl: String, en: String) {
            guard let day = CalendarDay(iso: iso) else { return (iso, iso) }
            return (day.dutch, day.english)
        }
        switch (rule.min.map(days), rule.max.map(days)) {
        case (let min?, let max?):
            return LocalizedText(
                nl: "Kies een datum van \(min.nl) tot en met \(max.nl).", en: "Choose a date from \(min.en) to \(max.en).")
        case (let min?, nil):
            return LocalizedText(nl: "Kies een datum vanaf \(min.nl).", en: "Choose a date on or after \(min.en).")
        case (nil, let max?):
            return LocalizedText(nl: "Kies een datum tot en met \(max.nl).", en: "Choose a date on or before \(max.en).")
        case (nil, nil):
            return notADate
        }
    }

    static func english(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
    }

    static func dutch(_ number: Double) -> String {
        english(number).replacingOccurrences(of: ".", with: ",")
    }
}
