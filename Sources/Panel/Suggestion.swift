/// "Did you mean …?" for misspelt names. Only suggests when one candidate is clearly close, because
/// a wrong suggestion is worse than none.
enum Suggestion {
    static func closest(to input: String, in candidates: [String]) -> String? {
        let key = input.matchKey
        guard !key.isEmpty else { return nil }
        // Abbreviations such as "Meent" for "Hilversumse Meent".
        if key.count >= 4 {
            let containing = candidates.filter { $0.matchKey.contains(key) }
            if containing.count == 1 { return containing[0] }
        }
        let limit = max(1, min(3, key.count / 3))
        let scored = candidates.map { ($0, editDistance(Array(key), Array($0.matchKey))) }.filter { $0.1 <= limit }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
        let tied = scored.filter { $0.1 == best.1 }
        return tied.count == 1 ? best.0 : nil
    }

    /// Levenshtein distance over Characters.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
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
}
