import Testing
@testable import SurveyFiles
import Surveys

@Suite struct PagesTests {
    static let start = "id: test\nkind: enquete\ntitle: Test\n"

    @Test func pagesListTheirQuestionsAndTheSurveyHasThemAllInOrder() throws {
        let yaml = Self.start + """
            pages:
              - title: Over u
                intro: {nl: Eerst iets over u., en: First something about you.}
                questions:
                  - {id: a, type: yesno, text: A}
                  - {id: b, type: yesno, text: B}
              - questions:
                  - {id: c, type: yesno, text: C}
            """
        let survey = try SurveyFileLoader.parse(yaml, file: testFile)
        #expect(survey.questions.map(\.id) == ["a", "b", "c"])
        #expect(survey.pages == [
            Page(title: "Over u", intro: LocalizedText(nl: "Eerst iets over u.", en: "First something about you."),
                 questionIDs: ["a", "b"]),
            Page(questionIDs: ["c"]),
        ])
    }

    @Test func questionsOrPagesButNotBothOrNeither() {
        let both = Self.start + "questions:\n  - {id: a, type: yesno, text: A}\npages:\n  - questions:\n      - {id: b, type: yesno, text: B}\n"
        #expect(issues(in: both) == [
            issue(6, 1, "a survey has either 'questions' or 'pages', not both; put these questions on a page")
        ])
        #expect(issues(in: Self.start) == [issue(1, 1, "the survey has no 'questions' or 'pages'")])
    }

    @Test func idsAreUniqueAcrossPagesAndNumbersCountOn() {
        let yaml = Self.start + """
            pages:
              - questions:
                  - {id: a, type: yesno, text: A}
              - titel: Tweede
                questions:
                  - {id: a, type: yesno, text: B}
                  - {type: yesno, text: C}
              - title: Leeg
              - questions: []
              - Derde

            """
        #expect(issues(in: yaml) == [
            issue(7, 5, "unknown key 'titel' in page 2 (did you mean 'title'?)"),
            issue(9, 14, "question id 'a' is already used on line 6"),
            issue(10, 9, "question 3 has no 'id'"),
            issue(11, 5, "page 3 has no 'questions'"),
            issue(12, 16, "'questions' must list at least one question"),
            issue(13, 5, "expected a page (a mapping with 'title', 'intro' and 'questions'), found a string"),
        ])
        #expect(issues(in: Self.start + "pages: []\n") == [issue(4, 8, "'pages' must list at least one page")])
    }
}
