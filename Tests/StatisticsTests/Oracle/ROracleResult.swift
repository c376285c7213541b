/// What reference.R printed, record by record (see the header of reference.R).
struct ROracleResult {
    struct Estimate {
        var share: Double
        var standardError: Double
        var lower: Double
        var upper: Double
        var designEffect: Double?
        var effectiveSampleSize: Double
        var n: Int
        var method: String
    }

    var sweeps: Int?
    var converged: Bool?
    var weights: [Double] = []
    /// Outcome ("supports"/"opposes") → estimate.
    var estimates: [String: Estimate] = [:]
    /// Outcome → category → estimate.
    var domains: [String: [String: Estimate]] = [:]
    var error: String?
    var empty: [(variable: String, category: String, total: Double)] = []
    var unknown: [(variable: String, category: String)] = []

    init(parsing text: String) throws {
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            switch fields.first {
            case "sweeps": sweeps = Int(Double(fields[1]) ?? -1)
            case "converged": converged = fields[1] == "TRUE"
            case "weight": weights.append(try number(fields[2], line))
            case "estimate": estimates[fields[1]] = try estimate(Array(fields[2...]), line)
            case "domain": domains[fields[1], default: [:]][fields[2]] = try estimate(Array(fields[3...]), line)
            case "error": error = fields.dropFirst().joined(separator: " ")
            case "empty": empty.append((fields[1], fields[2], try number(fields[3], line)))
            case "unknown": unknown.append((fields[1], fields[2]))
            default: continue
            }
        }
    }

    private func estimate(_ fields: [String], _ line: Substring) throws -> Estimate {
        guard fields.count == 8 else { throw ROracle.Failure(description: "unexpected R output: \(line)") }
        return Estimate(
            share: try number(fields[0], line), standardError: try number(fields[1], line),
            lower: try number(fields[2], line), upper: try number(fields[3], line),
            designEffect: Double(fields[4]), effectiveSampleSize: try number(fields[5], line),
            n: Int(fields[6]) ?? -1, method: fields[7])
    }

    private func number(_ field: String, _ line: Substring) throws -> Double {
        guard let value = Double(field) else { throw ROracle.Failure(description: "not a number in R output: \(line)") }
        return value
    }
}
