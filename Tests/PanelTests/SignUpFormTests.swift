import Testing
@testable import Panel

@Suite struct SignUpFormTests {
    let good = SignUpFields(email: " Iemand@Voorbeeld.NL ", wijk: "hilversumse   meent", postcode: "1234ab", birthYear: "1980",
                            gender: "onbekend", language: "en", consent: true)

    func validate(_ fields: SignUpFields) -> Result<SignUpApplication, DetailProblems> {
        SignUpForm.validate(fields, gemeente: Fixtures.gemeente, referenceYear: Fixtures.referenceYear)
    }

    @Test func aCompleteFormGivesTheApplicationInCanonicalSpelling() throws {
        let application = try validate(good).get()
        #expect(application == SignUpApplication(email: "Iemand@voorbeeld.nl", wijk: "Hilversumse Meent", postcode: "1234 AB",
                                                 birthYear: 1980, gender: .onbekend, language: "en"))
        let member = application.member(id: "aanm-1", referenceYear: 2025)
        #expect(member.ageBand == .from35to49 && member.active && member.buurt == nil)
    }

    @Test func thePostcodeIsOptional() throws {
        var fields = good
        fields.postcode = "  "
        #expect(try validate(fields).get().postcode == nil)
    }

    @Test func everyProblemIsReportedAtOnceInTheOrderOfTheForm() {
        let fields = SignUpFields(email: "geen-adres", wijk: "Atlantis", postcode: "0123 AB", birthYear: "19x0", gender: "robot",
                                  language: "fr", consent: false)
        guard case .failure(let problems) = validate(fields) else {
            Issue.record("a form full of mistakes was accepted")
            return
        }
        #expect(problems.problems == [.invalidEmail, .unknownWijk, .invalidPostcode, .invalidBirthYear, .unknownGender, .unknownLanguage, .noConsent])
        #expect(problems.problem(for: .wijk) == .unknownWijk)
        #expect(problems.problem(for: .code) == nil)
    }

    @Test func emptyRequiredFieldsAreMissingRatherThanInvalid() {
        guard case .failure(let problems) = validate(SignUpFields(consent: true)) else {
            Issue.record("an empty form was accepted")
            return
        }
        #expect(problems.problems == [.missing(.email), .missing(.wijk), .missing(.birthYear), .missing(.gender), .missing(.language)])
    }

    @Test(arguments: [("2008", DetailProblem.tooYoung), ("1914", .implausibleAge), ("85", .invalidBirthYear), ("١٩٨٠", .invalidBirthYear)])
    func birthYearsOutsideAnAdultLifeAreRefused(year: String, problem: DetailProblem) {
        var fields = good
        fields.birthYear = year
        #expect(validate(fields) == .failure(DetailProblems([problem])))
    }

    @Test func theBoundariesOfAdulthoodAreIncluded() throws {
        var fields = good
        fields.birthYear = "2007"
        #expect(try validate(fields).get().birthYear == 2007, "18 in 2025")
        fields.birthYear = "1915"
        #expect(try validate(fields).get().birthYear == 1915, "110 in 2025")
    }

    @Test func zegIkLieverNietIsOneOfTheFourAnswers() {
        #expect(SignUpForm.genders == [.vrouw, .man, .anders, .onbekend])
        var fields = good
        fields.gender = "m"
        #expect(validate(fields) == .failure(DetailProblems([.unknownGender])), "the form posts exact values, not the import's abbreviations")
    }
}

@Suite struct OwnDetailsFormTests {
    @Test func validDetailsComeBackCanonical() throws {
        let details = try OwnDetailsForm.validate(wijk: "oost", postcode: "1222 ab", language: "NL", gemeente: Fixtures.gemeente).get()
        #expect(details == OwnDetails(wijk: "Oost", postcode: "1222 AB", language: "nl"))
    }

    @Test func problemsNameTheirFields() {
        let result = OwnDetailsForm.validate(wijk: "", postcode: "12345", language: "de", gemeente: Fixtures.gemeente)
        #expect(result == .failure(DetailProblems([.missing(.wijk), .invalidPostcode, .unknownLanguage])))
    }

    @Test func changedFieldsNameWhatChangedOnly() {
        let old = OwnDetails(wijk: "Oost", postcode: nil, language: "nl")
        #expect(OwnDetailsForm.changedFields(from: old, to: old).isEmpty)
        #expect(OwnDetailsForm.changedFields(from: old, to: OwnDetails(wijk: "Centrum", postcode: "1211 AB", language: "nl")) == [.wijk, .postcode])
        #expect(OwnDetailsForm.changedFields(from: old, to: OwnDetails(wijk: "Oost", postcode: nil, language: "en")) == [.language])
    }
}
