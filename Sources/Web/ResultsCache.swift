import Storage
import Synchronization

/// Results reports as last computed, kept while the database has not changed since (see
/// ``DataVersion``) and the survey file is the same version. A report of 3,000 respondents takes tens
/// of milliseconds of CPU to compute and the same survey's results are asked for over and over
/// (staff refreshing, scripts polling, the initiative page for every visitor), while answers arrive
/// far less often than that once a survey has run for a while. Any commit anywhere drops every
/// entry's claim: coarse, but a report is never older than the data it was asked about.
final class ResultsCache: Sendable {
    struct Entry: Sendable {
        let report: ResultsReport
        /// The API's JSON for the report, encoded once.
        let json: [UInt8]
    }

    private struct Stored {
        let dataVersion: Int64
        let surveyHash: String
        let entry: Entry
    }

    private let stored = Mutex<[String: Stored]>([:])
    private let computedCount = Atomic<Int>(0)
    /// How many reports were computed rather than taken from the cache.
    var computations: Int { computedCount.load(ordering: .relaxed) }

    /// The entry for a survey as the database stands at `dataVersion`, computed by `compute` when
    /// none is kept for that version; nil (and nothing kept) when `compute` finds no such survey.
    func entry(
        surveyID: String, surveyHash: String, dataVersion: Int64,
        compute: () async throws -> ResultsReport?
    ) async rethrows -> Entry? {
        if let kept = stored.withLock({ $0[surveyID] }), kept.dataVersion == dataVersion, kept.surveyHash == surveyHash {
            return kept.entry
        }
        guard let report = try await compute() else { return nil }
        computedCount.add(1, ordering: .relaxed)
        let entry = Entry(report: report, json: report.json())
        stored.withLock { $0[surveyID] = Stored(dataVersion: dataVersion, surveyHash: surveyHash, entry: entry) }
        return entry
    }
}
