/// The identifier rules of survey files. Ids end up in URLs and stored answers, so they are kept
/// to plain ASCII that needs no escaping anywhere.
enum Slug {
    static let maxSurveyIDLength = 80
    static let maxQuestionIDLength = 64
    static let maxOptionCodeLength = 64

    /// Survey ids: a lowercase letter, then lowercase letters, digits and '-'.
    static func isSurveyID(_ text: String) -> Bool {
        matches(text, first: isLetter, rest: { isLetter($0) || isDigit($0) || $0 == "-" })
    }

    /// Question ids: a lowercase letter, then lowercase letters, digits, '_' and '-'.
    static func isQuestionID(_ text: String) -> Bool {
        matches(text, first: isLetter, rest: { isLetter($0) || isDigit($0) || $0 == "_" || $0 == "-" })
    }

    /// Option codes may also start with a digit, so codes like `1` or `18-25` read naturally.
    static func isOptionCode(_ text: String) -> Bool {
        let allowed: (Character) -> Bool = { isLetter($0) || isDigit($0) || $0 == "_" || $0 == "-" }
        return matches(text, first: { isLetter($0) || isDigit($0) }, rest: allowed)
    }

    private static func matches(
        _ text: String, first: (Character) -> Bool, rest: (Character) -> Bool
    ) -> Bool {
        guard let head = text.first, first(head) else { return false }
        return text.dropFirst().allSatisfy(rest)
    }

    private static func isLetter(_ c: Character) -> Bool { ("a"..."z").contains(c) && c.isASCII }
    private static func isDigit(_ c: Character) -> Bool { ("0"..."9").contains(c) && c.isASCII }
}
