import Foundation
import Initiatives
import Panel
import Storage
import MicroHTTP

/// The public wijkthermometer: `/wijken` for the city, `/wijken/{wijk}` per wijk, and the same figures
/// as open data (`/wijken/{wijk}/budget.json|csv`, `/open-data/budget.json|csv` for every wijk and the pot).
/// A year other than the current one is chosen with `?jaar=2025`.
struct WijkBudgetRoutes {
    let context: AppContext
    let notFound: PageError

    func register(in router: inout Router) {
        router.get("/wijken") { request in
            let year = try self.year(request)
            var rows: [[String: Any]] = []
            for wijk in context.gemeente.wijken {
                let overview = try await BudgetOverview.load(context, wijk: wijk, year: year)
                let total = BudgetOverview.wijkLines.compactMap { overview.lines[$0] }.reduce(LineBalance(allocated: .zero)) {
                    LineBalance(allocated: $0.allocated + $1.allocated, committed: $0.committed + $1.committed, spent: $0.spent + $1.spent)
                }
                rows.append(["wijk": wijk, "slug": Self.slug(wijk), "allocated": total.allocated.dutch, "committed": total.committed.dutch,
                             "spent": total.spent.dutch, "remaining": total.remaining.dutch])
            }
            let pot = try await BudgetOverview.load(context, wijk: nil, year: year)
            let potBalance = pot.lines[.wijkkansen] ?? LineBalance(allocated: .zero)
            let svg = Thermometer.svg(title: "Wijkkansen \(year)", lines: [("Wijkkansen", potBalance)])
            return .html(context.renderer.page("wijken", title: "Wijkbudgetten \(year)", language: "nl", [
                "year": year, "rows": rows, "potSVG": svg, "pot": Self.figures(potBalance), "potItems": Self.items(pot), "has_potItems": !pot.items.isEmpty,
            ]))
        }
        router.get("/open-data/budget.json") { request in
            let year = try self.year(request)
            var parts: [String] = []
            for wijk in context.gemeente.wijken + [nil] {
                parts.append(String(decoding: try await BudgetOverview.load(context, wijk: wijk, year: year).json(includingInitiatives: true), as: UTF8.self))
            }
            return .json(Array("[\n\(parts.joined(separator: ",\n"))\n]\n".utf8))
        }
        router.get("/open-data/budget.csv") { request in
            let year = try self.year(request)
            var csv = BudgetOverview.csvHeader
            for wijk in context.gemeente.wijken + [nil] { csv += try await BudgetOverview.load(context, wijk: wijk, year: year).csvRows }
            return Self.csv(csv, name: "budget-\(year).csv")
        }
        router.get("/wijken/:wijk") { request in
            let (wijk, year) = try resolve(request)
            let overview = try await BudgetOverview.load(context, wijk: wijk, year: year)
            let shown = BudgetOverview.wijkLines + (overview.lines[.investering].map { $0.committed.value + $0.spent.value > 0 } == true ? [.investering] : [])
            let lines = shown.map { (Self.lineName($0), overview.lines[$0] ?? LineBalance(allocated: .zero)) }
            let running = try await context.database.initiatives.list(wijk: wijk, statuses: [.ingediend, .inBehandeling, .buurttoetsing, .besluitvorming])
            // What was done with the money, as the initiators told the buurt at accounting.
            let accounted = try await context.database.initiatives.list(wijk: wijk, statuses: [.verantwoord, .afgesloten])
                .filter { $0.budgetYear == year && $0.feedback != nil }
            return .html(context.renderer.page("wijk", title: "Wijkthermometer \(wijk) \(year)", language: "nl", [
                "wijk": wijk, "slug": Self.slug(wijk), "year": year,
                "svg": Thermometer.svg(title: "Wijkthermometer \(wijk) \(year)", lines: lines),
                "lines": lines.map { name, balance in Self.figures(balance).merging(["name": name]) { $1 } },
                "items": Self.items(overview), "has_items": !overview.items.isEmpty, "has_pending": !running.isEmpty,
                "feedback": accounted.map { ["title": $0.title, "id": $0.id, "spent": ($0.spent ?? .zero).dutch, "text": $0.feedback ?? ""] },
                "has_feedback": !accounted.isEmpty,
                "pending": running.map { ["id": $0.id, "title": $0.title, "status": $0.status.label, "requested": $0.requested.dutch] },
            ]))
        }
        router.get("/wijken/:wijk/budget.json") { request in
            let (wijk, year) = try resolve(request)
            return .json(try await BudgetOverview.load(context, wijk: wijk, year: year).json(includingInitiatives: true))
        }
        router.get("/wijken/:wijk/budget.csv") { request in
            let (wijk, year) = try resolve(request)
            return Self.csv(BudgetOverview.csvHeader + (try await BudgetOverview.load(context, wijk: wijk, year: year)).csvRows,
                            name: "budget-\(Self.slug(wijk))-\(year).csv")
        }
    }

    private func resolve(_ request: Request) throws -> (String, Int) {
        let slug = request.pathParameters["wijk"] ?? ""
        guard let wijk = context.gemeente.wijken.first(where: { Self.slug($0) == slug.lowercased() || $0 == slug }) else { throw notFound }
        return (wijk, try year(request))
    }

    private func year(_ request: Request) throws -> Int {
        guard let text = try request.query()["jaar"]?.first else { return CalendarDate.today().year }
        guard text.count == 4, let year = Int(text), (2000...2100).contains(year) else {
            throw PageError(context, status: .badRequest, heading: "Onbekend jaar", message: "Het jaar '\(text.prefix(20))' kennen we niet; gebruik bijvoorbeeld ?jaar=2026.")
        }
        return year
    }

    /// `Hilversumse Meent` → `hilversumse-meent`, for links.
    static func slug(_ wijk: String) -> String {
        wijk.lowercased().split(whereSeparator: { $0 == " " || $0 == "'" || $0 == "’" }).joined(separator: "-")
    }

    static func lineName(_ line: BudgetLine) -> String {
        switch line {
        case .subsidie: "Subsidiebudget"
        case .handgeld: "Handgeld buurtcoördinator"
        case .wijkkansen: "Wijkkansen"
        case .investering: "Investeringen (kapitaallasten)"
        }
    }

    static func figures(_ balance: LineBalance) -> [String: Any] {
        ["allocated": balance.allocated.dutch, "committed": balance.committed.dutch, "spent": balance.spent.dutch,
         "remaining": balance.remaining.dutch, "overdrawn": balance.remaining < .zero]
    }

    static func items(_ overview: BudgetOverview) -> [[String: Any]] {
        overview.items.map {
            ["id": $0.id, "title": $0.title, "status": InitiativeStatus(rawValue: $0.status)?.label ?? $0.status,
             "line": BudgetLine(rawValue: $0.line).map(lineName) ?? $0.line,
             "committed": Cents($0.committedCents).dutch, "spent": Cents($0.spentCents).dutch]
        }
    }

    static func csv(_ text: String, name: String) -> Response {
        var response = Response(status: .ok, body: Array(text.utf8))
        response.headers["Content-Type"] = "text/csv; charset=utf-8"
        response.headers["Content-Disposition"] = "attachment; filename=\"\(name)\""
        return response
    }
}
