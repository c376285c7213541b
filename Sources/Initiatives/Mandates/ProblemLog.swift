import Spelling

/// Collects the problems of one edition, so staff see every mistake in one run.
struct ProblemLog {
    private(set) var problems: [RuleProblem] = []

    mutating func report(_ message: String, at path: [String]) {
        problems.append(RuleProblem(path: path, message: message))
    }

    /// The value named `text` of a fixed vocabulary, or nil after reporting what was expected.
    mutating func known<Value: RawRepresentable & CaseIterable>(
        _ type: Value.Type, _ text: String, what: String, at path: [String]
    ) -> Value? where Value.RawValue == String {
        if let value = Value(rawValue: text) { return value }
        let words = Value.allCases.map(\.rawValue)
        let hint = NameSuggestion.closest(to: text, among: words).map { "did you mean '\($0)'?" }
            ?? "expected \(NameSuggestion.alternatives(words))"
        report("unknown \(what) '\(text)' (\(hint))", at: path)
        return nil
    }
}

/// Finds the known word a misspelt one was probably meant to be ("buurtcoördinator" for
/// "buurtcoordinator").
enum NameSuggestion {
    static func closest(to word: String, among candidates: [String]) -> String? {
        let folded = fold(word)
        let byFolded = Dictionary(candidates.map { (fold($0), $0) }, uniquingKeysWith: { first, _ in first })
        return EditDistance.closest(to: folded, among: candidates.map(fold)).flatMap { byFolded[$0] }
    }

    /// "a, b or c".
    static func alternatives(_ words: [String]) -> String {
        guard words.count > 1, let last = words.last else { return words.first ?? "" }
        return words.dropLast().joined(separator: ", ") + " or " + last
    }

    /// Lower case without the diacritics Dutch spelling adds (ö, ë, é), which role names leave out.
    private static func fold(_ word: String) -> String {
        let plain: [Character: Character] = ["ö": "o", "ë": "e", "é": "e", "è": "e", "ï": "i", "ü": "u", "á": "a"]
        return String(word.lowercased().map { plain[$0] ?? $0 })
    }
}
