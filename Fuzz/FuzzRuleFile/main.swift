import CFuzzDriver
import RuleFiles

/// A mandate and budget rule file: it loads as an edition or fails with problems inside the file,
/// never crashes or hangs (a server refuses to start on a bad one, so a crash here would be an outage).
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzRuleFile(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let lines = 1 + text.unicodeScalars.filter { ["\n", "\r", "\u{85}", "\u{2028}", "\u{2029}"].contains($0) }.count
    do {
        _ = try RuleFileLoader.parse(text, file: "fuzz.yaml", wijken: wijken)
    } catch {
        for issue in error.issues {
            precondition(issue.line >= 0 && issue.line <= lines, "an issue points at line \(issue.line) of \(lines)")
            _ = issue.description
        }
    }
    return 0
}

let wijken = ["Noordoost", "Noordwest", "Zuid", "Zuidoost", "Zuidwest", "Hilversumse Meent", "Centrum", "Oost"]

draagvlak_fuzz_main(CommandLine.argc, CommandLine.unsafeArgv, fuzzRuleFile)
