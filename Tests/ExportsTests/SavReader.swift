import Dispatch
import Foundation
import Testing

/// Reads a `.sav` file back with pyreadstat (the ReadStat library behind R's haven and pandas) by
/// running ``ReadSavScript`` as `python3 read_sav.py FILE`, so the tests check the files against an
/// independent reader rather than against our own idea of the format.
enum SavReader {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The script's JSON, decoded. Fails (and says which package to install) when python3 or
    /// pyreadstat is missing, so a machine without them cannot pass these tests by skipping them.
    static func read(_ bytes: [UInt8]) async throws -> SavReading {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("exports-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("export.sav")
        try Data(bytes).write(to: file)
        let script = directory.appendingPathComponent("read_sav.py")
        try Data(ReadSavScript.source.utf8).write(to: script)
        let result = try await run(["python3", script.path, file.path], in: directory)
        switch result.status {
        case 0:
            break
        case 127:
            throw Failure(description: "python3 is not installed; the SPSS tests need Python 3 with the pip package 'pyreadstat'")
        case 3:
            throw Failure(description: "the pip package 'pyreadstat' is missing (pip install pyreadstat): \(result.stderr)")
        default:
            throw Failure(description: "read_sav.py failed with status \(result.status): \(result.stderr)")
        }
        // JSONDecoder, not JSONSerialization: on Linux the latter reads numbers as NSDecimalNumber
        // and loses the last bit of doubles such as weights.
        return try JSONDecoder().decode(SavReading.self, from: Data(result.stdout.utf8))
    }

    /// Runs a command on a queue of its own, off Swift's cooperative thread pool, whose few
    /// threads must never block on a child process. Output goes to files, so neither pipe can
    /// fill up and stall the child.
    private static func run(_ arguments: [String], in directory: URL) async throws -> (status: Int32, stdout: String, stderr: String) {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue(label: "ExportsTests.python").async {
                do {
                    let outURL = directory.appendingPathComponent("stdout")
                    let errURL = directory.appendingPathComponent("stderr")
                    try Data().write(to: outURL)
                    try Data().write(to: errURL)
                    let out = try FileHandle(forWritingTo: outURL)
                    let err = try FileHandle(forWritingTo: errURL)
                    let process = Process()
                    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                    process.arguments = arguments
                    process.standardOutput = out
                    process.standardError = err
                    try process.run()
                    process.waitUntilExit()
                    try out.close()
                    try err.close()
                    let stdout = String(decoding: try Data(contentsOf: outURL), as: UTF8.self)
                    let stderr = String(decoding: try Data(contentsOf: errURL), as: UTF8.self)
                    continuation.resume(returning: (process.terminationStatus, stdout, stderr))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }
}

/// What `read_sav.py` prints: the dictionary and the data as pyreadstat reads them.
struct SavReading: Decodable, Sendable {
    let names: [String]
    let rowCount: Int
    let fileLabel: String?
    let encoding: String?
    private let labels: [String: String?]
    private let formats: [String: String]
    private let measures: [String: String]
    private let valueLabelPairs: [String: [[JSONValue]]]
    private let data: [String: [JSONValue]]

    private enum CodingKeys: String, CodingKey {
        case names, labels, formats, measures, encoding, data
        case rowCount = "rows"
        case fileLabel = "file_label"
        case valueLabelPairs = "value_labels"
    }

    func label(_ name: String) -> String? { labels[name] ?? nil }
    func format(_ name: String) -> String? { formats[name] }
    func measure(_ name: String) -> String? { measures[name] }

    /// Value labels as value → label.
    func valueLabels(_ name: String) -> [Double: String] {
        var result: [Double: String] = [:]
        for pair in valueLabelPairs[name] ?? [] where pair.count == 2 {
            if case .number(let value) = pair[0], case .string(let label) = pair[1] { result[value] = label }
        }
        return result
    }

    /// A numeric column; nil for system-missing.
    func numbers(_ name: String) -> [Double?] {
        (data[name] ?? []).map { if case .number(let value) = $0 { value } else { nil } }
    }

    /// A string (or date, as ISO text) column; nil for null.
    func strings(_ name: String) -> [String?] {
        (data[name] ?? []).map { if case .string(let value) = $0 { value } else { nil } }
    }
}

/// Any JSON value, for the parts of the reading whose types vary.
enum JSONValue: Decodable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }
}
