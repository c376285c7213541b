import YAMLFiles
import Surveys
import Yams

extension SurveyFileReader {
    /// `pages`: each an optional title and intro with its own list of questions. Question ids and
    /// `show_if` work across pages as if the questions were one list.
    mutating func readPages(_ node: Node, registry: inout QuestionRegistry) -> (pages: [Page], questions: [Question])? {
        guard let items = list(node, expecting: "a list of pages for 'pages'") else { return nil }
        guard !items.isEmpty else {
            log.report("'pages' must list at least one page", at: node)
            return nil
        }
        var pages: [Page] = []
        var questions: [Question] = []
        var complete = true
        for (index, item) in items.enumerated() {
            let read = readPage(item, number: index + 1, firstQuestion: registry.entries.count + 1, registry: &registry)
            if let read {
                pages.append(read.page)
                questions += read.questions
            } else {
                complete = false
            }
        }
        return complete ? (pages, questions) : nil
    }

    private mutating func readPage(
        _ node: Node, number: Int, firstQuestion: Int, registry: inout QuestionRegistry
    ) -> (page: Page, questions: [Question])? {
        let label = "page \(number)"
        let expected = "a page (a mapping with 'title', 'intro' and 'questions')"
        guard let fields = fields(of: node, expecting: expected) else { return nil }
        rejectUnknownKeys(in: fields, known: ["title", "intro", "questions"], place: "in \(label)")
        let title = fields.value("title").flatMap { localizedText($0, name: "the title of \(label)") }
        let intro = fields.value("intro").flatMap { localizedText($0, name: "the intro of \(label)") }
        let questions = require("questions", in: fields, owner: label).flatMap {
            readQuestions($0, firstNumber: firstQuestion, registry: &registry)
        }
        guard let questions, fields.value("title") == nil || title != nil, fields.value("intro") == nil || intro != nil
        else { return nil }
        return (Page(title: title, intro: intro, questionIDs: questions.map(\.id)), questions)
    }
}
