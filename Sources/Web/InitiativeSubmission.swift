import Foundation
import Initiatives
import Panel
import Storage

/// The public submission form, read and checked: every field bounded, every problem tied to its field so
/// the form can show it there, and the route under the rules in force decided before anything is stored.
struct InitiativeSubmission {
    /// The fields of the form, in the order they appear, with their limits.
    static let fields: [(name: String, label: String, maxLength: Int)] = [
        ("titel", "Naam van het initiatief", 120), ("omschrijving", "Wat gaat u doen?", 4000),
        ("wijk", "Wijk", 60), ("buurt", "Buurt", 60), ("soort", "Soort aanvraag", 20),
        ("bedrag", "Gevraagd bedrag", 20), ("eigen_bijdrage", "Eigen bijdrage in geld", 20),
        ("wederkerigheid", "Eigen inzet en wederkerigheid", 2000), ("thema", "Past bij welk wijkthema?", 200),
        ("right_to_challenge", "Right to Challenge", 5), ("naam", "Uw naam", 120), ("email", "Uw e-mailadres", 254),
        ("telefoon", "Telefoon", 30),
    ]

    var values: [String: String] = [:]
    var problems: [String: String] = [:]
    var initiative: Initiative?
    var contact: InitiativeRepository.Contact?

    /// Reads the posted form; `problems` is empty when `initiative` and `contact` are ready to store.
    init(form: [String: [String]], gemeente: Gemeente, rules: RuleBook, today: CalendarDate) {
        for field in Self.fields {
            let raw = form[field.name]?.first ?? ""
            values[field.name] = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if raw.count > field.maxLength { problems[field.name] = "mag hoogstens \(field.maxLength) tekens zijn" }
        }
        func required(_ name: String) -> String? {
            let value = values[name] ?? ""
            if value.isEmpty && problems[name] == nil { problems[name] = "is verplicht" }
            return value.isEmpty ? nil : value
        }
        let title = required("titel"), summary = required("omschrijving"), reciprocity = required("wederkerigheid")
        let name = required("naam")
        var wijk: String?
        if let typed = required("wijk") {
            wijk = gemeente.canonicalWijk(typed)
            if wijk == nil { problems["wijk"] = "kies een van de wijken van de gemeente" }
        }
        var buurt: String?
        if let typed = values["buurt"], !typed.isEmpty, let wijk {
            buurt = gemeente.canonicalBuurt(typed, inWijk: wijk) ?? ((gemeente.buurten[wijk] ?? []).isEmpty ? typed : nil)
            if buurt == nil { problems["buurt"] = "deze buurt ligt niet in \(wijk)" }
        }
        let kind = InitiativeKind(rawValue: values["soort"].flatMap { $0.isEmpty ? nil : $0 } ?? "regulier")
        if kind == nil { problems["soort"] = "kies regulier, wijkkans of investering" }
        var amount: Cents?
        if let typed = required("bedrag") {
            amount = Cents(euros: typed)
            if amount == nil || amount! <= .zero { problems["bedrag"] = "vul een bedrag in euro's in, bijvoorbeeld 1500 of 1.500,50"; amount = nil }
        }
        var own = Cents.zero
        if let typed = values["eigen_bijdrage"], !typed.isEmpty {
            if let parsed = Cents(euros: typed) { own = parsed } else { problems["eigen_bijdrage"] = "vul een bedrag in euro's in, of laat het leeg" }
        }
        var email: String?
        if let typed = required("email") {
            do { email = try EmailAddress.validated(typed) } catch { problems["email"] = "dit is geen geldig e-mailadres" }
        }
        let rightToChallenge = ["on", "ja", "true", "1"].contains(values["right_to_challenge"] ?? "")

        // The route is checked as soon as amount, wijk and kind are known, so an amount no band allows is
        // reported together with whatever else is wrong.
        var route: MandateRoute?
        if let wijk, let kind, let amount {
            do { route = try rules.route(amount: amount, wijk: wijk, date: today, kind: kind) } catch { problems["bedrag"] = "\(error)" }
        }
        guard problems.isEmpty, let title, let summary, let reciprocity, let name, let wijk, let kind, let amount, let email, let route
        else { return }
        initiative = Initiative(
            id: "", title: title, summary: summary, wijk: wijk, buurt: buurt, kind: kind, requested: amount, ownContribution: own,
            reciprocity: reciprocity, wijkTheme: values["thema"].flatMap { $0.isEmpty ? nil : $0 }, rightToChallenge: rightToChallenge,
            submittedOn: today, route: route)
        contact = InitiativeRepository.Contact(name: name, email: email, phone: values["telefoon"].flatMap { $0.isEmpty ? nil : $0 })
    }

    /// Values for the form template: each field's value and problem, and the summary of problems.
    func templateValues(gemeente: Gemeente) -> [String: Any] {
        var result: [String: Any] = [:]
        for field in Self.fields {
            var entry: [String: Any] = ["value": values[field.name] ?? "", "max": field.maxLength]
            // Only a real problem: a nil boxed in Any would be a truthy section printing "nil".
            if let problem = problems[field.name] { entry["error"] = problem }
            result[field.name] = entry
        }
        result["wijken"] = gemeente.wijken.map { ["name": $0, "selected": $0 == values["wijk"]] }
        result["kinds"] = [("regulier", "Buurtinitiatief"), ("wijkkans", "Bijzondere wijkkans"), ("investering", "Investering (kapitaalproject)")]
            .map { ["value": $0.0, "label": $0.1, "selected": $0.0 == (values["soort"].flatMap { $0.isEmpty ? nil : $0 } ?? "regulier")] }
        result["r2c"] = ["on", "ja", "true", "1"].contains(values["right_to_challenge"] ?? "")
        result["hasErrors"] = !problems.isEmpty
        result["errors"] = Self.fields.compactMap { field in problems[field.name].map { ["field": field.name, "label": field.label, "message": $0] } }
        return result
    }
}
