/// Checks wijk and buurt names against the gemeente's geography, for panel files and address files
/// alike: the canonical spelling, or a message that names the known areas and guesses a misspelling.
enum AreaRules {
    static func wijk(_ name: String, in gemeente: Gemeente) -> Result<String, FieldProblem> {
        guard !name.isEmpty else { return .failure("wijk is empty") }
        if let wijk = gemeente.canonicalWijk(name) { return .success(wijk) }
        let known = "known: \(gemeente.wijken.joined(separator: ", "))"
        if let guess = Suggestion.closest(to: name, in: gemeente.wijken) {
            return .failure("unknown wijk '\(name)'; did you mean '\(guess)'? (\(known))")
        }
        return .failure("unknown wijk '\(name)' (\(known))")
    }

    /// A buurt of a known wijk. Where the population table lists no buurten for the wijk, the buurt
    /// is kept as written: a file may know finer geography than the table, and rejecting it would
    /// make a whole file fail for want of population figures.
    static func buurt(_ name: String, inWijk wijk: String, of gemeente: Gemeente) -> Result<String, FieldProblem> {
        if let buurt = gemeente.canonicalBuurt(name, inWijk: wijk) { return .success(buurt) }
        if let elsewhere = gemeente.wijk(ofBuurt: name) { return .failure("buurt '\(name)' lies in wijk \(elsewhere), not in \(wijk)") }
        let known = gemeente.buurten[wijk] ?? []
        if known.isEmpty { return .success(name) }
        let hint = Suggestion.closest(to: name, in: known).map { "did you mean '\($0)'? " } ?? ""
        return .failure("buurt '\(name)' is not a buurt of wijk \(wijk); \(hint)(known: \(known.joined(separator: ", ")))")
    }

    /// A buurt given without its wijk: the wijk follows from the buurt, which must then be one the
    /// gemeente knows.
    static func buurtAnywhere(_ name: String, in gemeente: Gemeente) -> Result<(wijk: String, buurt: String), FieldProblem> {
        if let wijk = gemeente.wijk(ofBuurt: name), let buurt = gemeente.canonicalBuurt(name, inWijk: wijk) {
            return .success((wijk, buurt))
        }
        let all = gemeente.wijken.flatMap { gemeente.buurten[$0] ?? [] }
        let hint = Suggestion.closest(to: name, in: all).map { "did you mean '\($0)'? " } ?? ""
        return .failure("unknown buurt '\(name)'; \(hint)(known: \(all.isEmpty ? "none" : all.joined(separator: ", ")))")
    }
}
