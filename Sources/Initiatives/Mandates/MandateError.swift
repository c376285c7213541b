/// Why a request cannot be routed. The description is Dutch, for the staff member who asked.
public enum MandateError: Error, Hashable, Sendable, CustomStringConvertible {
    /// No edition was in force on the submission date; `earliest` is when the first one starts.
    case noEditionInForce(date: CalendarDate, earliest: CalendarDate?)
    case unknownWijk(String, edition: String, known: [String])
    case amountNotPositive(Cents)
    /// The amount is above the top of the highest band of its kind. Never re-routed to another kind.
    case aboveCeiling(amount: Cents, band: BandName, ceiling: Cents, kind: InitiativeKind, edition: String)
    /// The edition has no band at all for this kind of request.
    case noBand(kind: InitiativeKind, edition: String)

    /// Whether the request itself was malformed (HTTP 400, CLI exit 2) rather than refused by the
    /// rules (HTTP 422, CLI exit 1).
    public var isInvalidRequest: Bool {
        switch self {
        case .unknownWijk, .amountNotPositive: true
        case .noEditionInForce, .aboveCeiling, .noBand: false
        }
    }

    public var description: String {
        switch self {
        case .noEditionInForce(let date, let earliest):
            let first = earliest.map { "; de eerste regeling geldt vanaf \($0)" } ?? "; er zijn geen regelingen geladen"
            return "Op \(date) gold nog geen mandaatregeling\(first)."
        case .unknownWijk(let wijk, let edition, let known):
            return "De wijk '\(wijk)' komt niet voor in mandaatregeling \(edition); bekende wijken: \(known.joined(separator: ", "))."
        case .amountNotPositive(let amount):
            return "Het gevraagde bedrag moet groter zijn dan € 0,00 (gevraagd: \(amount.dutch))."
        case .aboveCeiling(let amount, let band, let ceiling, let kind, let edition):
            return "\(amount.dutch) is meer dan het plafond van band \(band.rawValue) (\(ceiling.dutch)) voor een aanvraag van soort "
                + "\(kind.rawValue) in mandaatregeling \(edition). Geen band staat dit bedrag toe; een groter verzoek wordt nooit "
                + "stilzwijgend naar een andere band of soort doorgeschoven."
        case .noBand(let kind, let edition):
            return "Mandaatregeling \(edition) kent geen band voor aanvragen van soort \(kind.rawValue)."
        }
    }
}
