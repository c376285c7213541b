import Spelling

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
        let scored = candidates.map { ($0, EditDistance.between(key, $0.matchKey)) }.filter { $0.1 <= limit }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
        let tied = scored.filter { $0.1 == best.1 }
        return tied.count == 1 ? best.0 : nil
    }
}
