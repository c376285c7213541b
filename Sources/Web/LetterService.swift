import Exports
import Foundation
import Panel
import QRCode
import Secrets
import Storage
import Surveys

/// Letters for residents outside the panel (a buurttoetsing of one street or buurt): one code per
/// address, and the files to print and post them. Their answers are counted apart from the panel's.
public struct LetterService: Sendable {
    public let context: AppContext

    public init(context: AppContext) { self.context = context }

    /// A letter with its code and the full link: exists only until the files are written.
    public struct Letter: Sendable {
        public let address: LetterAddress
        public let code: LetterCode
        public let link: String
    }

    public struct Summary: Sendable {
        public let survey: SurveyDefinition
        /// In the address file's order.
        public let letters: [Letter]
        /// Addresses that had a code for this survey already and got none now.
        public let skipped: Int
        let issued: [LetterRepository.Issued]
    }

    public struct LetterError: Error, CustomStringConvertible, Sendable {
        public let message: String
        public var description: String { message }
    }

    /// Issues a code for every address that has none for the survey yet. Addresses without wijk and
    /// buurt are placed in the survey's audience when that is one buurt or one wijk.
    public func issue(surveyID: String, addresses: [LetterAddress], now: Date = Date()) async throws -> Summary {
        let definition = try survey(surveyID, now: now)
        let placed = addresses.map { withArea($0, audience: definition.audience) }
        let result = try await context.database.letters.issue(
            surveyID: surveyID, letters: placed.map { .init(addressKey: $0.key, wijk: $0.wijk, buurt: $0.buurt) })
        let letters = result.issued.map { issued in
            Letter(address: placed[issued.index], code: issued.code, link: context.configuration.link(forCode: issued.code.formatted))
        }
        return Summary(survey: definition, letters: letters, skipped: result.skipped.count, issued: result.issued)
    }

    /// Takes back the letters of `summary` when their files could not be written; false when one
    /// of them has been answered already, so they must stand.
    public func retract(_ summary: Summary) async throws -> Bool {
        try await context.database.letters.retract(
            surveyID: summary.survey.id, issued: summary.issued, addressKeys: summary.letters.map(\.address.key))
    }

    /// The survey letters may be issued for: loaded, and not closed (its codes could not be used).
    public func survey(_ surveyID: String, now: Date = Date()) throws(LetterError) -> SurveyDefinition {
        guard let survey = context.catalog[surveyID] else {
            let known = context.catalog.all.map(\.definition.id).joined(separator: ", ")
            throw LetterError(message: "no survey '\(surveyID)' is loaded (loaded: \(known.isEmpty ? "none" : known))")
        }
        if let closes = survey.definition.closes, now >= closes.endInstant {
            throw LetterError(message: "survey '\(surveyID)' closed on \(closes.dutchDescription); its codes could not be used")
        }
        return survey.definition
    }

    private func withArea(_ address: LetterAddress, audience: Audience?) -> LetterAddress {
        guard address.wijk == nil && address.buurt == nil, let audience else { return address }
        var address = address
        if audience.buurten.count == 1 && audience.wijken.isEmpty, let wijk = context.gemeente.wijk(ofBuurt: audience.buurten[0]) {
            address.wijk = wijk
            address.buurt = context.gemeente.canonicalBuurt(audience.buurten[0], inWijk: wijk)
        } else if audience.wijken.count == 1 && audience.buurten.isEmpty {
            address.wijk = context.gemeente.canonicalWijk(audience.wijken[0])
        }
        return address
    }

    static let mailMergeColumns = ["straat", "huisnummer", "toevoeging", "postcode", "woonplaats", "buurt", "wijk", "code", "link"]

    /// The mail-merge file: the address columns, `code` and `link`. RFC 4180 (CRLF, quotes only
    /// where needed), UTF-8, and every cell a spreadsheet would run as a formula neutralised.
    public func mailMergeCSV(_ letters: [Letter]) -> String {
        var lines = [Self.mailMergeColumns.joined(separator: ",")]
        for letter in letters {
            let a = letter.address
            let cells = [a.straat, String(a.huisnummer), a.toevoeging, a.postcode, a.woonplaats, a.buurt ?? "", a.wijk ?? "",
                         letter.code.formatted, letter.link]
            lines.append(cells.map { CSVField.encode($0) }.joined(separator: ","))
        }
        return lines.map { $0 + "\r\n" }.joined()
    }

    /// Every letter as one printable A4 page.
    public func lettersHTML(_ summary: Summary, today: Date = Date()) -> String {
        let definition = summary.survey
        let configuration = context.configuration
        var common: [String: Any] = [
            "title": definition.title.nl, "municipality": configuration.municipality, "sender": configuration.mailFromName,
            "shortLink": configuration.codeEntryLink.replacingOccurrences(of: "https://", with: ""),
            "questionCount": definition.questions.count,
            // About half a minute per question, rounded up, as the invitation e-mails say.
            "minutes": max(1, (definition.questions.count + 1) / 2),
            "date": Self.dutchDate(today), "english": definition.languages.contains(.en),
        ]
        if let closes = definition.closes { common["closes"] = closes.dutchDescription }
        if let intro = definition.intro { common["intro"] = intro.nl }
        if let feedback = definition.feedback { common["feedback"] = feedback.nl }
        let letters = summary.letters.map { letter -> [String: Any] in
            var values = common
            values["streetLine"] = letter.address.streetLine
            values["postcodeLine"] = letter.address.postcodeLine
            values["area"] = letter.address.buurt ?? letter.address.wijk ?? letter.address.straat
            values["code"] = letter.code.formatted
            values["link"] = letter.link
            // A link too long for a QR code is not a reason to withhold the letter: it has the code.
            values["qr"] = (try? QRCode.encode(letter.link))?.svg(millimetres: 32, label: "QR-code met de link naar de vragenlijst")
            return values
        }
        return context.renderer.render("letters", ["title": definition.title.nl, "letters": letters, "count": letters.count])
    }

    /// "3 november 2026", today in the municipality's time zone.
    static func dutchDate(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = LocalDateTime.timeZone
        let day = calendar.dateComponents([.year, .month, .day], from: date)
        return LocalDateTime(year: day.year!, month: day.month!, day: day.day!).dutchDescription
    }
}
