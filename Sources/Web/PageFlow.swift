import Foundation
import Surveys

/// Moving through a multi-page survey without storing anything between pages: every page's form
/// carries the answers of the other pages as hidden fields, and the server decides which pages and
/// questions to show from those answers.
///
/// A question with `show_if` is shown when its condition holds over the answers so far, and also
/// whenever its condition depends on a question on the same page, because the server cannot know
/// that answer yet (a script hides it live where scripts run; on submit the server decides).
struct PageFlow {
    let definition: SurveyDefinition

    /// The questions to put on `page`, in order.
    func questions(onPage page: Int, given answers: Answers) -> [Question] {
        guard definition.pages.indices.contains(page) else { return [] }
        let onPage = Set(definition.pages[page].questionIDs)
        let visible = definition.visibleQuestionIDs(given: answers)
        return definition.questions.filter { question in
            guard onPage.contains(question.id) else { return false }
            guard let condition = question.showIf else { return true }
            return visible.contains(question.id) || condition.expression.questionIDs.contains(where: onPage.contains)
        }
    }

    func isShown(_ page: Int, given answers: Answers) -> Bool { !questions(onPage: page, given: answers).isEmpty }

    func next(after page: Int, given answers: Answers) -> Int? {
        definition.pages.indices.first { $0 > page && isShown($0, given: answers) }
    }

    func previous(before page: Int, given answers: Answers) -> Int? {
        definition.pages.indices.last { $0 < page && isShown($0, given: answers) }
    }

    /// The first page to show: the first with anything on it.
    func first(given answers: Answers) -> Int { next(after: -1, given: answers) ?? 0 }

    /// The page that holds a question, for showing an error on it.
    func page(of questionID: String) -> Int {
        definition.pages.firstIndex { $0.questionIDs.contains(questionID) } ?? 0
    }

    /// "step 2 of 3", counting only the pages shown for these answers.
    func step(of page: Int, given answers: Answers) -> (number: Int, count: Int) {
        let shown = definition.pages.indices.filter { isShown($0, given: answers) }
        return ((shown.firstIndex(of: page) ?? 0) + 1, max(shown.count, 1))
    }

    /// What the respondent entered for the survey's questions, as posted (empty values dropped).
    func entered(_ fields: FormFields) -> Answers {
        let ids = Set(definition.questions.map(\.id))
        return Answers(fields.filter { ids.contains($0.key) }.mapValues { values in
            values.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        })
    }
}
