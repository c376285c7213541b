import Foundation
import Initiatives
import Logging
import MicroHTTP
import Panel
import Secrets
import Storage
import Surveys

/// Joining the panel from the public page, with double opt-in: `/panel/aanmelden` takes the form
/// and mails a confirmation link; `/panel/bevestigen/<token>` (a button, so a mail scanner that
/// follows links confirms nothing) makes the member. A recruitment letter's link
/// `/panel/aanmelden/<code>` opens the same form with the code filled in.
///
/// Abuse is kept down without a CAPTCHA (which shuts out people with a screen reader): a token
/// bucket per client address, a honeypot field people never see or reach, and at most a few
/// unconfirmed sign-ups per e-mail address. What the page says after a submission is the same
/// whether or not a mail went out, so nobody learns who is on the panel.
struct SignUpRoutes {
    let context: AppContext
    let limiter: ClientRateLimiter

    /// A handful of short fields: a tight bound, whatever the configured body limit.
    static let formLimits = FormLimits(maxFields: 16, maxNameBytes: 16, maxValueBytes: 320)
    /// The honeypot: a field hidden from people (and from screen readers) that bots fill in.
    static let honeypot = "website"

    func register(in router: inout Router) {
        router.get("/panel/aanmelden") { request in
            let language = PageLanguage.choose(explicit: try request.query()["lang"]?.first, member: nil)
            return form(language, typed: SignUpFields(language: language.rawValue), code: "", problems: nil)
        }
        router.get("/panel/aanmelden/verstuurd") { request in
            let language = PageLanguage.choose(explicit: try request.query()["lang"]?.first, member: nil)
            return message(language, .ok, heading: .init(nl: "Kijk in uw e-mail", en: "Check your e-mail"), text: .init(
                nl: "Als het adres dat u opgaf nog geen lid is, staat er een e-mail met een bevestigingslink voor u klaar. Pas als u op die link klikt en bevestigt, bent u lid. De link werkt 7 dagen. Geen e-mail gekregen? Kijk ook in de map met ongewenste e-mail.",
                en: "If the address you gave is not a member yet, an e-mail with a confirmation link is on its way to you. You become a member only when you follow that link and confirm. The link works for 7 days. No e-mail? Please also check your junk mail folder."))
        }
        router.get("/panel/aanmelden/:code") { request in
            let language = PageLanguage.choose(explicit: try request.query()["lang"]?.first, member: nil)
            let code = LetterCode(presented: request.pathParameters["code"] ?? "")?.formatted ?? ""
            return form(language, typed: SignUpFields(language: language.rawValue), code: code, problems: nil)
        }
        router.post("/panel/aanmelden") { request in try await submit(request) }
        router.get("/panel/bevestigen/:token") { request in try await confirmationPage(request) }
        router.post("/panel/bevestigen/:token") { request in try await confirm(request) }
    }

    private func submit(_ request: Request) async throws -> Response {
        let fields = try request.form(limits: Self.formLimits)
        let language = PageLanguage.choose(explicit: fields["_lang"]?.first, member: nil)
        if let wait = limiter.take(context.rateLimitKey(for: request))?.retryAfterSeconds {
            context.logger.notice("sign-up refused: rate limit of the client address")
            var response = message(language, .tooManyRequests, heading: .init(nl: "Even geduld", en: "Please wait"), text: .init(
                nl: "Er zijn vanaf uw internetverbinding veel aanmeldingen verstuurd. Probeer het over \(minutes(wait)) opnieuw.",
                en: "Many sign-ups were sent from your internet connection. Please try again in \(minutes(wait, english: true))."))
            response.headers["Retry-After"] = String(wait)
            return response
        }
        let sent = Response.redirect(to: "/panel/aanmelden/verstuurd?lang=\(language.rawValue)")
        guard (fields[Self.honeypot] ?? []).allSatisfy(\.isEmpty) else {
            context.logger.notice("sign-up ignored: the hidden field was filled in")
            return sent
        }
        func value(_ field: DetailField) -> String { fields[field.rawValue]?.first ?? "" }
        let typed = SignUpFields(email: value(.email), wijk: value(.wijk), postcode: value(.postcode), birthYear: value(.birthYear),
                                 gender: value(.gender), language: value(.language), consent: value(.consent) == "ja")
        let typedCode = value(.code).trimmingCharacters(in: .whitespaces)
        let code = typedCode.isEmpty ? nil : LetterCode(presented: typedCode)
        var problems: [DetailProblem] = []
        if !typedCode.isEmpty && code == nil { problems.append(.invalidCode) }
        let validated = SignUpForm.validate(typed, gemeente: context.gemeente, referenceYear: CalendarDate.today().year)
        if case .failure(let found) = validated { problems += found.problems }
        guard problems.isEmpty, case .success(let application) = validated else {
            return form(language, typed: typed, code: typedCode, problems: DetailProblems(problems))
        }
        switch try await context.database.signUps.submit(application, code: code) {
        case .pending(let token, let expiresAt):
            let mailLanguage = Language(rawValue: application.language) ?? .nl
            let email = context.email(
                "signup", language: mailLanguage, to: application.email,
                subject: mailLanguage == .en ? "Please confirm: joining the citizens' panel" : "Bevestig uw aanmelding voor het burgerpanel",
                values: ["link": context.configuration.link(forSignUpConfirmation: token.value),
                         "expires": MemberDates.text(expiresAt, mailLanguage)])
            try await context.database.outbox.enqueue([try context.sealed(email, kind: "signup")])
            context.logger.notice("sign-up received; confirmation queued")
        case .alreadyMember, .tooManyPending:
            // Said the same way as a new sign-up: the page must not reveal who is on the panel.
            context.logger.notice("sign-up for an address that is a member or has unconfirmed sign-ups; no mail sent")
        case .invalidCode:
            return form(language, typed: typed, code: typedCode, problems: DetailProblems([.invalidCode]))
        }
        return sent
    }

    private func confirmationPage(_ request: Request) async throws -> Response {
        let token = request.pathParameters["token"] ?? ""
        let explicit = try request.query()["lang"]?.first
        switch try await context.database.signUps.state(ofToken: token) {
        case .valid(let memberLanguage):
            let language = PageLanguage.choose(explicit: explicit, member: memberLanguage)
            return confirmForm(language, action: "/panel/bevestigen/\(token)", heading: .init(nl: "Bevestig uw aanmelding", en: "Confirm your sign-up"),
                               text: .init(nl: "U heeft zich aangemeld voor het burgerpanel. Klik op de knop om uw aanmelding te bevestigen; daarna bent u lid.",
                                           en: "You signed up for the citizens' panel. Press the button to confirm; then you are a member."),
                               button: .init(nl: "Ja, ik word lid", en: "Yes, I want to join"))
        case .expired(let memberLanguage):
            return expired(PageLanguage.choose(explicit: explicit, member: memberLanguage))
        case .unknown:
            return unknownLink(PageLanguage.choose(explicit: explicit, member: nil))
        }
    }

    private func confirm(_ request: Request) async throws -> Response {
        let token = request.pathParameters["token"] ?? ""
        let explicit = try request.query()["lang"]?.first
        switch try await context.database.signUps.confirm(token: token, referenceYear: CalendarDate.today().year) {
        case .joined(let memberID, let memberLanguage), .rejoined(let memberID, let memberLanguage):
            context.logger.notice("sign-up confirmed: a member joined")
            let own = try await context.database.personalLinks.issue(memberID: memberID, purpose: .welcome)
            let language = PageLanguage.choose(explicit: explicit, member: memberLanguage)
            return .redirect(to: "/s/\(own.value)/mijn-panel?welkom=1&lang=\(language.rawValue)")
        case .alreadyMember(let memberLanguage):
            let language = PageLanguage.choose(explicit: explicit, member: memberLanguage)
            return message(language, .ok, heading: .init(nl: "U bent al lid", en: "You are a member already"), text: .init(
                nl: "Dit e-mailadres hoort al bij een lid van het burgerpanel. U krijgt vanzelf een uitnodiging als er een vragenlijst voor u is.",
                en: "This e-mail address already belongs to a member of the citizens' panel. You will be invited when there is a survey for you."))
        case .expired(let memberLanguage):
            return expired(PageLanguage.choose(explicit: explicit, member: memberLanguage))
        case .unknown:
            return unknownLink(PageLanguage.choose(explicit: explicit, member: nil))
        }
    }

    // MARK: Pages

    private func form(_ language: Language, typed: SignUpFields, code: String, problems: DetailProblems?) -> Response {
        let nl = language == .nl
        let other: Language = nl ? .en : .nl
        var values: [String: Any] = [
            "lang": language.rawValue, "en": !nl, "municipality": context.configuration.municipality,
            "email": typed.email, "postcode": typed.postcode, "birthYear": typed.birthYear, "code": code,
            "consent": typed.consent, "honeypot": Self.honeypot, "codeMaxLength": LetterCode.maxPresentedLength,
            "days": Int(SignUpRepository.confirmationPeriod / 86400),
            "wijken": context.gemeente.wijken.map { ["name": $0, "selected": $0 == typed.wijk] },
            "genders": SignUpForm.genders.enumerated().map { index, gender in
                ["value": gender.rawValue, "label": DetailText.gender(gender, language), "id": "veld-gender-\(index)",
                 "checked": gender.rawValue == typed.gender]
            },
            "languages": [Language.nl, .en].enumerated().map { index, option in
                ["value": option.rawValue, "label": option == .nl ? "Nederlands" : "English", "id": "veld-language-\(index)",
                 "checked": option.rawValue == typed.language, "lang": option.rawValue]
            },
            "switchLanguage": ["href": "/panel/aanmelden?lang=\(other.rawValue)", "lang": other.rawValue, "label": other == .en ? "English" : "Nederlands"],
        ]
        values.merge(DetailText.values(problems, language)) { _, new in new }
        let title = (problems == nil ? "" : (nl ? "Fout: " : "Error: ")) + (nl ? "Aanmelden voor het burgerpanel" : "Join the citizens' panel")
        return .html(context.renderer.page("signup", title: title, language: language.rawValue, values),
                     status: problems == nil ? .ok : .unprocessableContent)
    }

    private func confirmForm(_ language: Language, action: String, heading: LocalizedText, text: LocalizedText, button: LocalizedText) -> Response {
        .html(context.renderer.page("panel-confirm", title: heading.text(in: language), language: language.rawValue, [
            "heading": heading.text(in: language), "message": text.text(in: language), "button": button.text(in: language),
            "action": "\(action)?lang=\(language.rawValue)",
        ]))
    }

    private func expired(_ language: Language) -> Response {
        message(language, .gone, heading: .init(nl: "Deze link is verlopen", en: "This link has expired"), text: .init(
            nl: "Een bevestigingslink werkt 7 dagen. Uw aanmelding is niet bevestigd en uw gegevens zijn verwijderd. U kunt zich opnieuw aanmelden.",
            en: "A confirmation link works for 7 days. Your sign-up was not confirmed and your details have been deleted. You can sign up again."),
            link: signUpLink(language))
    }

    private func unknownLink(_ language: Language) -> Response {
        message(language, .notFound, heading: .init(nl: "Deze link werkt niet", en: "This link does not work"), text: .init(
            nl: "Deze bevestigingslink is niet geldig, verlopen of al gebruikt. Heeft u al bevestigd? Dan bent u lid en krijgt u vanzelf uitnodigingen. Anders kunt u zich opnieuw aanmelden.",
            en: "This confirmation link is not valid, has expired or has been used. Did you confirm already? Then you are a member and will be invited. Otherwise you can sign up again."),
            link: signUpLink(language))
    }

    private func signUpLink(_ language: Language) -> [String: String] {
        ["href": "/panel/aanmelden?lang=\(language.rawValue)", "label": language == .en ? "Sign up again" : "Opnieuw aanmelden"]
    }

    private func message(_ language: Language, _ status: HTTPStatus, heading: LocalizedText, text: LocalizedText, link: [String: String]? = nil) -> Response {
        var values: [String: Any] = ["heading": heading.text(in: language), "message": text.text(in: language)]
        if let link { values["link"] = link }
        return .html(context.renderer.page("message", title: heading.text(in: language), language: language.rawValue, values), status: status)
    }

    private func minutes(_ seconds: Int, english: Bool = false) -> String {
        let minutes = max(1, (seconds + 59) / 60)
        return english ? (minutes == 1 ? "a minute" : "\(minutes) minutes") : (minutes == 1 ? "een minuut" : "\(minutes) minuten")
    }
}
