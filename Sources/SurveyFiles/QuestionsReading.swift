import Surveys
import Yams

/// What the questions read so far have claimed, for checks across questions.
struct QuestionRegistry {
    /// The line each question id was first used on.
    var idLines: [String: Int] = [:]
    /// The question that measures support, and the line of its `support` key.
    var supportOwner: (label: String, line: Int)?
}

extension SurveyFileReader {
    mutating func readQuestions(_ node: Node) -> [Question]? {
        guard let items = list(node, expecting: "a list of questions") else { return nil }
        guard !items.isEmpty else {
            log.report("'questions' must list at least one question", at: node)
            return nil
        }
        var registry = QuestionRegistry()
        var questions: [Question] = []
        for (index, item) in items.enumerated() {
            // Every question is read even after a bad one, so all their problems are reported.
            if let question = readQuestion(item, number: index + 1, registry: &registry) {
                questions.append(question)
            }
        }
        return questions.count == items.count ? questions : nil
    }
}
