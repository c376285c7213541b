import CFuzzDriver
import Foundation
import Panel

/// A CSV file as the panel import, the letters' address file and the population import read it:
/// each either yields its rows or reports problems on lines inside the file, never crashes or hangs.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzCSVImport(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let lines = 1 + text.unicodeScalars.filter { $0 == "\n" || $0 == "\r" }.count
    func inside(_ line: Int) { precondition(line >= 0 && line <= lines, "a problem on line \(line) of \(lines)") }

    do {
        let records = try CSV.parse(text)
        // What the parser read, formatted and read again, is the same rows (a lone empty field aside,
        // which is a blank line either way).
        let rows = records.map(\.fields).filter { $0 != [""] }
        let again = try! CSV.parse(CSV.format(rows)).map(\.fields)
        precondition(again == rows, "rows do not survive CSV.format")
    } catch { inside(error.line) }

    do { _ = try MemberImport.parse(text, gemeente: hilversum, referenceYear: 2026) } catch {
        for issue in error.issues { inside(issue.line) }
        _ = error.description
    }
    do { _ = try AddressImport.parse(text, gemeente: hilversum) } catch {
        for issue in error.issues { inside(issue.line) }
        _ = error.description
    }
    do { _ = try PopulationTable.parse(text) } catch { inside(error.line) }
    return 0
}

/// The municipality the importers check wijken and buurten against: the shipped population file's.
let hilversum: Gemeente = {
    let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let path = repository.appendingPathComponent("Resources/population/hilversum.csv").path
    let table = try! PopulationTable.parse(try! String(contentsOfFile: path, encoding: .utf8))
    return table.gemeente(named: "Hilversum")
}()

draagvlak_fuzz_main(CommandLine.argc, CommandLine.unsafeArgv, fuzzCSVImport)
