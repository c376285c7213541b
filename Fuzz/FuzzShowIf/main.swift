import CFuzzDriver
import Foundation
import Surveys

/// A `show_if` condition: it parses or fails with an error inside the text; a parsed condition
/// survives the canonical JSON every survey version is stored and hashed as, and evaluates, against
/// answers of every question type, without crashing.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzShowIf(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let source = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let condition: Condition
    do {
        condition = try Condition(parsing: source)
    } catch {
        precondition(error.offset >= 0 && error.offset <= source.unicodeScalars.count, "error at \(error.offset), outside the text")
        _ = error.description
        return 0
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let json = try! encoder.encode(condition)
    let decoded = try! JSONDecoder().decode(Condition.self, from: json)
    precondition(decoded == condition, "the condition changed through its JSON")

    let ids = condition.expression.questionIDs
    let answers = Answers(Dictionary(ids.enumerated().map { index, id in (id, sampleAnswers[index % sampleAnswers.count]) }) { first, _ in first })
    for type in sampleTypes {
        _ = condition.expression.evaluate(answers, types: Dictionary(ids.map { ($0, type) }) { first, _ in first })
    }
    return 0
}

/// Answers of the shapes the form stores: codes, numbers with a comma, dates as typed, several codes.
let sampleAnswers: [[String]] = [["ja"], ["2,5"], ["31-12-2026"], ["fiets", "bus"], ["-1"], [""], ["2026-02-30"]]

let sampleTypes: [QuestionType] = [
    .single(options: []), .multi(options: [], min: nil, max: nil), .yesno, .text(maxLength: 100, multiline: false),
    .scale(Scale(min: 1, max: 5, labels: [:])), .number(NumberRule(min: nil, max: nil, integer: false)), .date(DateRule(min: nil, max: nil)),
]

draagvlak_fuzz_main(CommandLine.argc, CommandLine.unsafeArgv, fuzzShowIf)
