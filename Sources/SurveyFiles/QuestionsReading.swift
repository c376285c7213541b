import YAMLFiles
import Surveys
import Yams

/// What the questions read so far have claimed, for checks across questions.
struct QuestionRegistry {
    /// The line each question id was first used on.
    var idLines: [String: Int] = [:]
    /// The question that measures support, and the line of its `support` key.
    var supportOwner: (label: String, line: Int)?
    /// Every question in file order, also those with mistakes, so conditions can be checked
    /// against the whole survey once it has been read.
    var entries: [RegisteredQuestion] = []
    /// The `show_if` conditions that parsed, checked once every question is known.
    var conditions: [PendingCondition] = []

    /// The first question with `id`, and its place in the survey.
    func entry(_ id: String) -> (index: Int, entry: RegisteredQuestion)? {
        entries.enumerated().first { $0.element.id == id }.map { ($0.offset, $0.element) }
    }
}

struct RegisteredQuestion {
    let id: String?
    let label: String
    let line: Int
    /// Nil when the type or its settings have mistakes of their own.
    let type: QuestionType?
}

/// A `show_if` that parsed, with the question it belongs to (an index into the registry's entries).
struct PendingCondition {
    let owner: Int
    let node: Node
    let condition: Condition
}

extension SurveyFileReader {
    /// A list of questions, numbered from `firstNumber` so questions on later pages keep their
    /// place in the survey in messages.
    mutating func readQuestions(_ node: Node, firstNumber: Int = 1, registry: inout QuestionRegistry) -> [Question]? {
        guard let items = list(node, expecting: "a list of questions") else { return nil }
        guard !items.isEmpty else {
            log.report("'questions' must list at least one question", at: node)
            return nil
        }
        var questions: [Question] = []
        for (index, item) in items.enumerated() {
            // Every question is read even after a bad one, so all their problems are reported.
            if let question = readQuestion(item, number: firstNumber + index, registry: &registry) {
                questions.append(question)
            }
        }
        return questions.count == items.count ? questions : nil
    }
}
