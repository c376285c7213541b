import Panel
import Surveys

/// What the member forms (sign-up, own details) say about a refused value, in the reader's language,
/// and the label each field goes by in the error summary.
enum DetailText {
    static func label(_ field: DetailField, _ language: Language) -> String {
        let nl = language == .nl
        return switch field {
        case .email: nl ? "E-mailadres" : "E-mail address"
        case .wijk: nl ? "Wijk" : "District (wijk)"
        case .postcode: "Postcode"
        case .birthYear: nl ? "Geboortejaar" : "Year of birth"
        case .gender: nl ? "Geslacht" : "Gender"
        case .language: nl ? "Taal" : "Language"
        case .code: nl ? "Code uit uw brief" : "Code from your letter"
        case .consent: nl ? "Toestemming" : "Consent"
        }
    }

    static func message(_ problem: DetailProblem, _ language: Language) -> String {
        let nl = language == .nl
        return switch problem {
        case .missing(.email): nl ? "Vul uw e-mailadres in." : "Enter your e-mail address."
        case .missing(.wijk): nl ? "Kies de wijk waar u woont." : "Choose the district you live in."
        case .missing(.birthYear): nl ? "Vul uw geboortejaar in, bijvoorbeeld 1975." : "Enter your year of birth, for example 1975."
        case .missing(.gender): nl ? "Kies een antwoord; \u{201C}zeg ik liever niet\u{201D} mag ook." : "Choose an answer; \u{201C}I'd rather not say\u{201D} is fine."
        case .missing(.language): nl ? "Kies een taal." : "Choose a language."
        case .missing(let field): nl ? "Vul \(label(field, language).lowercased()) in." : "Fill in \(label(field, language).lowercased())."
        case .invalidEmail: nl ? "Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl." : "Enter a valid e-mail address, like name@example.com."
        case .unknownWijk: nl ? "Kies een wijk uit de lijst." : "Choose a district from the list."
        case .invalidPostcode: nl ? "Vul een postcode in zoals 1234 AB, of laat het veld leeg." : "Enter a postcode like 1234 AB, or leave it empty."
        case .invalidBirthYear: nl ? "Vul een geboortejaar in van vier cijfers, zoals 1975." : "Enter a four-digit year, like 1975."
        case .tooYoung: nl ? "Het burgerpanel is voor inwoners van 18 jaar en ouder." : "The citizens' panel is for residents aged 18 and over."
        case .implausibleAge: nl ? "Controleer uw geboortejaar; dit jaar lijkt niet te kloppen." : "Please check your year of birth; it does not seem right."
        case .unknownGender: nl ? "Kies een van de antwoorden." : "Choose one of the answers."
        case .unknownLanguage: nl ? "Kies Nederlands of English." : "Choose Nederlands or English."
        case .noConsent: nl ? "Geef toestemming om lid te worden; zonder toestemming kunnen wij u niet inschrijven." : "Give your consent to join; without it we cannot sign you up."
        case .invalidCode: nl ? "Deze code is niet geldig of al gebruikt. Controleer de code, of laat het veld leeg." : "This code is not valid or has been used. Check the code, or leave the field empty."
        }
    }

    static func gender(_ gender: Gender, _ language: Language) -> String {
        let nl = language == .nl
        return switch gender {
        case .vrouw: nl ? "Vrouw" : "Woman"
        case .man: nl ? "Man" : "Man"
        case .anders: nl ? "Anders" : "Other"
        case .onbekend: nl ? "Zeg ik liever niet" : "I'd rather not say"
        }
    }

    /// The error summary and the per-field messages for a form's template: `errors` (a list with
    /// anchors) and `<field>Error` values.
    static func values(_ problems: DetailProblems?, _ language: Language) -> [String: Any] {
        guard let problems, !problems.problems.isEmpty else { return [:] }
        var values: [String: Any] = [
            "hasErrors": true,
            "errors": problems.problems.map { ["anchor": "veld-\($0.field.rawValue)", "label": label($0.field, language), "message": message($0, language)] },
        ]
        for problem in problems.problems where values["\(key(problem.field))Error"] == nil {
            values["\(key(problem.field))Error"] = message(problem, language)
        }
        return values
    }

    /// The field's name as a Mustache key (no underscore).
    static func key(_ field: DetailField) -> String { field == .birthYear ? "birthYear" : field.rawValue }
}
