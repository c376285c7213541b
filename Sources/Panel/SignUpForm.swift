/// The public sign-up form (`/panel/aanmelden`) as typed: untrusted text, every field bounded by the
/// page before it gets here.
public struct SignUpFields: Hashable, Sendable {
    public var email: String
    public var wijk: String
    public var postcode: String
    public var birthYear: String
    public var gender: String
    public var language: String
    public var consent: Bool

    public init(email: String = "", wijk: String = "", postcode: String = "", birthYear: String = "", gender: String = "",
                language: String = "", consent: Bool = false) {
        self.email = email
        self.wijk = wijk
        self.postcode = postcode
        self.birthYear = birthYear
        self.gender = gender
        self.language = language
        self.consent = consent
    }
}

/// A sign-up that passed every check: the member it becomes once the e-mail address is confirmed.
/// Until then it is only contact data waiting for that confirmation.
public struct SignUpApplication: Hashable, Sendable {
    public var email: String
    public var wijk: String
    public var postcode: String?
    public var birthYear: Int
    public var gender: Gender
    public var language: String

    public init(email: String, wijk: String, postcode: String?, birthYear: Int, gender: Gender, language: String) {
        self.email = email
        self.wijk = wijk
        self.postcode = postcode
        self.birthYear = birthYear
        self.gender = gender
        self.language = language
    }

    /// The member, with the age band of `referenceYear` (the year of confirmation).
    public func member(id: String, referenceYear: Int) -> Member {
        Member(id: id, email: email, wijk: wijk, postcode: postcode, birthYear: birthYear,
               ageBand: AgeBand.of(birthYear: birthYear, referenceYear: referenceYear), gender: gender, language: language)
    }
}

public enum SignUpForm {
    /// The answers of the gender question, in the order the form shows them. `onbekend` is the
    /// "zeg ik liever niet" answer: weighting treats it as unknown, nobody has to choose.
    public static let genders: [Gender] = [.vrouw, .man, .anders, .onbekend]

    /// Checks every field (not stopping at the first problem) against the gemeente's geography and
    /// the rules of the panel import.
    public static func validate(_ fields: SignUpFields, gemeente: Gemeente, referenceYear: Int) -> Result<SignUpApplication, DetailProblems> {
        var problems: [DetailProblem] = []
        func check<T>(_ result: Result<T, DetailProblem>) -> T? {
            switch result {
            case .success(let value): return value
            case .failure(let problem):
                problems.append(problem)
                return nil
            }
        }
        let email = check(emailAddress(fields.email))
        let wijk = check(DetailRules.wijk(fields.wijk, in: gemeente))
        let postcode = check(DetailRules.postcode(fields.postcode))
        let birthYear = check(self.birthYear(fields.birthYear, referenceYear: referenceYear))
        let gender = check(self.gender(fields.gender))
        let language = check(DetailRules.language(fields.language))
        if !fields.consent { problems.append(.noConsent) }
        guard problems.isEmpty, let email, let wijk, let birthYear, let gender, let language else { return .failure(DetailProblems(problems)) }
        return .success(SignUpApplication(email: email, wijk: wijk, postcode: postcode ?? nil, birthYear: birthYear, gender: gender, language: language))
    }

    private static func emailAddress(_ text: String) -> Result<String, DetailProblem> {
        let value = text.trimmed
        guard !value.isEmpty else { return .failure(.missing(.email)) }
        guard case .success(let address) = EmailAddress.normalise(value) else { return .failure(.invalidEmail) }
        return .success(address)
    }

    private static func birthYear(_ text: String, referenceYear: Int) -> Result<Int, DetailProblem> {
        let value = text.trimmed
        guard !value.isEmpty else { return .failure(.missing(.birthYear)) }
        guard value.unicodeScalars.count == 4, value.unicodeScalars.allSatisfy(\.isASCIIDigit), let year = Int(value) else {
            return .failure(.invalidBirthYear)
        }
        let age = referenceYear - year
        if age < 18 { return .failure(.tooYoung) }
        if age > 110 { return .failure(.implausibleAge) }
        return .success(year)
    }

    private static func gender(_ text: String) -> Result<Gender, DetailProblem> {
        guard !text.isEmpty else { return .failure(.missing(.gender)) }
        guard let gender = Gender(rawValue: text), genders.contains(gender) else { return .failure(.unknownGender) }
        return .success(gender)
    }
}
