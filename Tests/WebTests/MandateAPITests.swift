import Foundation
import Initiatives
import Logging
import Secrets
import Storage
import TestSupport
import Testing
@testable import Web

/// `GET /api/v1/mandate/route` on a live server with the shipped rule files.
@Suite struct MandateAPITests {
    @Test func routesByTheEditionInForceAndRefusesWithTheReason() async throws {
        try await withApp { app in
            let client = try app.client()
            let path = "/api/v1/mandate/route?amount=2000.01&wijk=hilversumse%20meent&date=2021-01-01"
            #expect(try await client.request("GET", path).status == 401)
            let token = try await app.server.context.database.apiTokens.create(role: "onderzoeker", label: "test", createdBy: "test").value
            let auth = [("Authorization", "Bearer \(token)")]
            func get(_ query: String) async throws -> RawHTTPClient.Reply {
                try await client.request("GET", "/api/v1/mandate/route?" + query, headers: auth)
            }

            let buurtdeal = try await get("amount=2000.01&wijk=hilversumse%20meent&date=2021-01-01")
            #expect(buurtdeal.status == 200 && buurtdeal.header("Content-Type") == "application/json")
            let route = try JSONDecoder().decode(MandateRoute.self, from: Data(buurtdeal.body))
            #expect(route.edition == "2020" && route.band == .buurtdeal && route.deciders == [.buurtcoordinator, .wijkwethouder])
            #expect(route.ceiling == .euros(10_000) && route.budgetLine == .subsidie && route.minN == 50)
            // The same bytes as `draagvlak mandate route` prints, every key present and sorted.
            let object = try #require(try JSONSerialization.jsonObject(with: Data(buurtdeal.body)) as? [String: Any])
            #expect(object.keys.sorted() == [
                "band", "budget_line", "buurttoetsing_required", "ceiling_cents", "deciders", "edition", "min_n", "signatures", "threshold",
            ])
            #expect(buurtdeal.body == MandateQuery.json(route) + [10])

            let klein = try await get("amount=2000&wijk=Centrum&date=2020-12-31")
            #expect(try JSONDecoder().decode(MandateRoute.self, from: Data(klein.body)).band == .klein)
            let investering = try await get("amount=30000&wijk=Oost&date=2021-05-01&kind=investering")
            #expect(investering.status == 200 && investering.text.contains("\"ceiling_cents\" : null"))

            let above = try await get("amount=25000.01&wijk=Zuid&date=2021-05-01")
            #expect(above.status == 422)
            #expect(above.text.contains("plafond van band groot (€ 25.000,00)") && above.text.contains("\"error\""))
            let tooEarly = try await get("amount=100&wijk=Zuid&date=2019-06-01")
            #expect(tooEarly.status == 422 && tooEarly.text.contains("gold nog geen mandaatregeling"))

            for bad in [
                "amount=abc&wijk=Zuid&date=2021-05-01", "amount=100&wijk=Zuid&date=2021-02-30", "amount=100&wijk=Atlantis&date=2021-05-01",
                "amount=0&wijk=Zuid&date=2021-05-01", "amount=100&wijk=Zuid&date=2021-05-01&kind=groot", "amount=100&date=2021-05-01",
                "amount=100&amount=200&wijk=Zuid&date=2021-05-01", "amount=100&wijk=Zuid&date=2021-05-01&colour=red",
                "amount=100&wijk=" + String(repeating: "x", count: 300) + "&date=2021-05-01",
            ] {
                let reply = try await get(bad)
                #expect(reply.status == 400, "\(bad)")
                #expect(reply.text.hasPrefix("{\"error\":"), "\(bad)")
            }
        }
    }
}

@Suite struct RuleFileStartupTests {
    /// Resources with the repository's templates and population but rules of our own.
    static func resources(rules: [String: String]) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("draagvlak-rules-\(UUID().uuidString)").path
        let shipped = RunningApp.repository + "/Resources"
        try FileManager.default.createDirectory(atPath: folder + "/rules", withIntermediateDirectories: true)
        for part in ["templates", "static", "population"] {
            try FileManager.default.copyItem(atPath: shipped + "/" + part, toPath: folder + "/" + part)
        }
        for (name, text) in rules { try text.write(toFile: folder + "/rules/" + name, atomically: true, encoding: .utf8) }
        return folder
    }

    @Test func theServerRefusesToStartWithABadRuleFile() async throws {
        let shipped = try String(contentsOfFile: RunningApp.repository + "/Resources/rules/hilversum-2020.yaml", encoding: .utf8)
        let broken = shipped.replacingOccurrences(of: "deciders: [teammanager, wijkwethouder]", with: "deciders: [teammanager, wethouder]")
        #expect(broken != shipped)
        let folder = try Self.resources(rules: ["hilversum-2020.yaml": broken])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var configuration = AppConfiguration()
        configuration.dataDirectory = folder + "/data"
        configuration.resourcesDirectory = folder
        configuration.surveysDirectory = folder + "/surveys"
        let error = await #expect(throws: StartupError.self) {
            _ = try await AppContext.open(configuration, logger: Logger(label: "rules-test"))
        }
        let message = error?.message ?? ""
        #expect(message.hasPrefix("the mandate rules cannot be used; fix these problems and start again:\n"))
        #expect(message.contains("/rules/hilversum-2020.yaml:"))
        #expect(message.contains(": error: unknown role 'wethouder' (expected buurtcoordinator, wijkwethouder, teammanager, wethouder_buurten, college or gemeenteraad)"))
    }

    @Test func theServerRefusesToStartWithoutRules() async throws {
        let folder = try Self.resources(rules: [:])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var configuration = AppConfiguration()
        configuration.dataDirectory = folder + "/data"
        configuration.resourcesDirectory = folder
        configuration.surveysDirectory = folder + "/surveys"
        let error = await #expect(throws: StartupError.self) {
            _ = try await AppContext.open(configuration, logger: Logger(label: "rules-test"))
        }
        #expect(error?.message.hasSuffix("/rules:0:0: error: the folder has no rule files (*.yaml)") == true)
    }
}
