import Foundation

/// Repeated measurements of one piece of work, in milliseconds, summarised by their median (the
/// machine is shared, so single runs and means are at the mercy of whatever else runs).
struct Timing: Encodable {
    let runs: [Double]
    var median: Double {
        let sorted = runs.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
    var min: Double { runs.min() ?? 0 }

    enum CodingKeys: String, CodingKey { case medianMS = "median_ms", minMS = "min_ms", runsMS = "runs_ms" }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode((median * 1000).rounded() / 1000, forKey: .medianMS)
        try container.encode((min * 1000).rounded() / 1000, forKey: .minMS)
        try container.encode(runs.map { ($0 * 1000).rounded() / 1000 }, forKey: .runsMS)
    }

    /// Runs `work` `repeats` times and keeps each duration.
    static func measure(repeats: Int, _ work: () async throws -> Void) async rethrows -> Timing {
        var runs: [Double] = []
        for _ in 0..<repeats {
            let start = ContinuousClock.now
            try await work()
            runs.append((ContinuousClock.now - start) / .milliseconds(1))
        }
        return Timing(runs: runs)
    }
}

/// Keeps a computed value alive so the optimiser cannot drop the work that produced it.
@inline(never) func keep<T>(_ value: T) { withExtendedLifetime(value) {} }
