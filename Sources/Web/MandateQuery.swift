import Foundation
import Initiatives

/// A question to the mandate rules as staff ask it (`draagvlak mandate route` and
/// `GET /api/v1/mandate/route`): text in, checked values out, and the answer as the JSON both print.
public struct MandateQuery: Sendable {
    public let amount: Cents
    public let wijk: String
    public let date: CalendarDate
    public let kind: InitiativeKind

    /// A parameter that is missing or malformed: a usage error (HTTP 400, exit 2).
    public struct Invalid: Error, Sendable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    /// Parses the parameters; `kind` defaults to regulier.
    public init(amount: String?, wijk: String?, date: String?, kind: String?) throws(Invalid) {
        guard let amount, !amount.isEmpty else { throw Invalid(message: "give the amount in euros, e.g. 2000.01") }
        guard amount.count <= 32, let cents = Cents(euros: amount) else {
            throw Invalid(message: "the amount '\(amount.prefix(32))' is not an amount in euros such as 2000, 2000.01 or 2.000,01")
        }
        guard let wijk, !wijk.trimmingCharacters(in: .whitespaces).isEmpty else { throw Invalid(message: "give the wijk, e.g. Centrum") }
        guard wijk.count <= 100 else { throw Invalid(message: "the wijk name is longer than 100 characters") }
        guard let date, !date.isEmpty else { throw Invalid(message: "give the submission date as YYYY-MM-DD") }
        guard let day = CalendarDate(date) else {
            throw Invalid(message: "the date '\(date.prefix(32))' is not a date YYYY-MM-DD that exists")
        }
        let kindText = kind ?? InitiativeKind.regulier.rawValue
        guard let initiativeKind = InitiativeKind(rawValue: kindText) else {
            throw Invalid(message: "unknown kind '\(kindText.prefix(32))'; choose \(InitiativeKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self.amount = cents
        self.wijk = wijk
        self.date = day
        self.kind = initiativeKind
    }

    public func route(in rules: RuleBook) throws(MandateError) -> MandateRoute {
        try rules.route(amount: amount, wijk: wijk, date: date, kind: kind)
    }

    /// Pretty, with sorted keys: the same bytes from the CLI and the API.
    public static func json(_ route: MandateRoute) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings, numbers and booleans cannot fail.
        return Array((try? encoder.encode(route)) ?? Data("{}".utf8))
    }
}
