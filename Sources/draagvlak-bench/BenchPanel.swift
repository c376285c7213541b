import Foundation
import Logging
import Panel
import Storage
import Surveys
import Web

/// A fresh data folder with the 3,000-member demo panel, opened the way `draagvlak serve` opens one.
struct BenchPanel {
    let folder: String
    let context: AppContext

    static func create(surveys: String, resources: String, logger: Logger) async throws -> BenchPanel {
        let folder = NSTemporaryDirectory() + "draagvlak-bench-\(UUID().uuidString)"
        var configuration = AppConfiguration()
        configuration.dataDirectory = folder
        configuration.surveysDirectory = surveys
        configuration.resourcesDirectory = resources
        configuration.publicURL = "http://127.0.0.1:8080"
        let context = try await AppContext.open(configuration, logger: logger)
        let members = DemoPanel.generate(
            count: 3000, population: context.population, gemeenteName: configuration.municipality, seed: 2026, referenceYear: 2026)
        _ = try await context.database.members.upsert(members)
        return BenchPanel(folder: folder, context: context)
    }

    /// Stores an answer for every link, as residents would: a supporter or opponent on the support
    /// question (more supporters in some wijken, so weighting has something to do) and the optional
    /// question answered by most. Saves run concurrently, as requests do.
    func answerAll(surveyID: String, links: [(memberID: String, link: String)]) async throws {
        guard let survey = context.catalog[surveyID] else { throw BenchFailure("survey \(surveyID) is not loaded") }
        var generator = SplitMix(seed: 7)
        var work: [(Int64, Answers)] = []
        for (_, link) in links {
            let token = String(link.split(separator: "/").last ?? "")
            guard let invitation = try await context.database.invitations.find(token: token) else {
                throw BenchFailure("the link of an invitation just made opens nothing")
            }
            var values: [String: [String]] = ["wekelijks_gft": [generator.next() % 100 < 58 ? "ja" : "nee"]]
            let fullness = ["nooit", "soms", "vaak", "geen_container"]
            if generator.next() % 10 < 8 { values["container_vol"] = [fullness[Int(generator.next() % 4)]] }
            work.append((invitation.id, Answers(values)))
        }
        let responses = context.database.responses
        try await withThrowingTaskGroup(of: Void.self) { group in
            for chunk in stride(from: 0, to: work.count, by: 100) {
                let slice = Array(work[chunk..<min(chunk + 100, work.count)])
                group.addTask {
                    for (id, answers) in slice {
                        _ = try await responses.save(invitationID: id, surveyID: surveyID, definitionHash: survey.hash, answers: answers)
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    func remove() {
        try? context.database.close()
        try? FileManager.default.removeItem(atPath: folder)
    }
}

/// A small deterministic generator, so every run answers the same way.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

struct BenchFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
