import Foundation
import Statistics

/// Runs `Tests/r-oracle/reference.R` on a data set with `Rscript` and parses what it prints.
enum ROracle {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// `Rscript` from PATH, or a failure saying what to install: the oracle tests must never pass
    /// silently on a machine without R.
    static func rscript() throws -> URL {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent("Rscript")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw Failure(
            description: "Rscript is not on PATH, so the R oracle cannot run: install r-base-core r-cran-survey "
                + "(scripts/test installs them)")
    }

    static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("r-oracle/reference.R")

    /// ``run(_:)`` on a thread of its own: R takes seconds, and a test blocking the cooperative pool for
    /// that long starves every other test running in parallel (live servers time out).
    static func result(for set: OracleDataSet) async throws -> ROracleResult {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue(label: "r-oracle").async { continuation.resume(with: Result { try run(set) }) }
        }
    }

    static func run(_ set: OracleDataSet) throws -> ROracleResult {
        let rscript = try rscript()
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("statistics-oracle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let respondentsFile = directory.appendingPathComponent("respondents.csv")
        let marginsFile = directory.appendingPathComponent("margins.csv")
        let errorsFile = directory.appendingPathComponent("stderr.txt")
        try OracleCSV.respondents(set.respondents).write(to: respondentsFile, atomically: true, encoding: .utf8)
        try OracleCSV.margins(set.margins).write(to: marginsFile, atomically: true, encoding: .utf8)
        _ = FileManager.default.createFile(atPath: errorsFile.path, contents: nil)

        let process = Process()
        process.executableURL = rscript
        process.arguments = [script.path, respondentsFile.path, marginsFile.path] + set.arguments
        let output = Pipe()
        process.standardOutput = output
        // stderr to a file: R's messages must not fill a pipe nobody reads while we read stdout.
        process.standardError = try FileHandle(forWritingTo: errorsFile)
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0 else {
            let errors = (try? String(contentsOf: errorsFile, encoding: .utf8)) ?? ""
            throw Failure(
                description: "Rscript reference.R exited with \(process.terminationStatus) "
                    + "(is r-cran-survey installed?):\n\(errors)\n\(text)")
        }
        return try ROracleResult(parsing: text)
    }
}

/// The CSV files reference.R reads.
enum OracleCSV {
    static func respondents(_ respondents: [Respondent]) -> String {
        let variables = Set(respondents.flatMap { $0.categories.keys }).sorted()
        var lines = [(["supports", "opposes"] + variables).joined(separator: ",")]
        for respondent in respondents {
            let fields = [respondent.supports ? "1" : "0", respondent.opposes ? "1" : "0"]
                + variables.map { respondent.categories[$0] ?? "" }
            lines.append(fields.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func margins(_ margins: [Margin]) -> String {
        var lines = ["variable,category,total"]
        for margin in margins {
            for (category, total) in margin.totals.sorted(by: { $0.key < $1.key }) {
                lines.append("\(margin.variable),\(category),\(total)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
