/// The Levenshtein distance between two words, counted in Characters: how many insertions, deletions
/// or substitutions turn one into the other. Every "did you mean …?" in Draagvlak is built on this.
public enum EditDistance {
    public static func between(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// The candidate closest to `word` within `limit` edits; nil when none is that close or, with
    /// `uniqueOnly`, when two are equally close (a wrong suggestion is worse than none).
    public static func closest(to word: String, among candidates: [String], within limit: Int = 2, uniqueOnly: Bool = false) -> String? {
        let scored = candidates.map { ($0, between(word, $0)) }.filter { $0.1 <= limit }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
        if uniqueOnly && scored.filter({ $0.1 == best.1 }).count > 1 { return nil }
        return best.0
    }
}
