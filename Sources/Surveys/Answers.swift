/// A respondent's answers to one survey, keyed by question id. Each answer is kept as the list of
/// strings that are stored (an option code, a scale point, `ja`/`nee`, or the text typed).
public struct Answers: Hashable, Sendable, Codable {
    public private(set) var values: [String: [String]]

    public init(_ values: [String: [String]] = [:]) {
        self.values = values.filter { !$0.value.isEmpty }
    }

    public subscript(questionID: String) -> [String]? { values[questionID] }

    public var isEmpty: Bool { values.isEmpty }
}

/// Raw form input as the browser posted it: every field name with all the values it was given.
public typealias FormFields = [String: [String]]

/// Why one question's answer was not accepted, in words for the respondent.
public struct AnswerError: Hashable, Sendable {
    public let questionID: String
    public let message: LocalizedText

    public init(questionID: String, message: LocalizedText) {
        self.questionID = questionID
        self.message = message
    }
}
