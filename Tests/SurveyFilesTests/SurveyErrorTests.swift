import Testing
@testable import SurveyFiles
import Surveys

/// Problems with the survey's own keys. Line and column are counted by hand from the documents.
@Suite struct SurveyErrorTests {
    static let question = "  - {id: q, type: yesno, text: Vraag}\n"

    @Test func unknownKeyWithSuggestionAndTheMissingKeyItReplaced() {
        let yaml = "id: test\nkind: poll\ntilte: Test\nkleur: rood\nquestions:\n" + Self.question
        #expect(issues(in: yaml) == [
            issue(1, 1, "the survey has no 'title'"),
            issue(3, 1, "unknown key 'tilte' (did you mean 'title'?)"),
            issue(4, 1, "unknown key 'kleur'"),
        ])
    }

    @Test func missingRequiredKeysPointAtTheSurveyMapping() {
        #expect(issues(in: "kind: poll\n") == [
            issue(1, 1, "the survey has no 'id'"),
            issue(1, 1, "the survey has no 'title'"),
            issue(1, 1, "the survey has no 'questions' or 'pages'"),
        ])
    }

    @Test func questionsOfTheWrongShape() {
        let start = "id: test\nkind: poll\ntitle: Test\n"
        #expect(issues(in: start + "questions: hallo\n") == [
            issue(4, 12, "expected a list of questions, found a string")
        ])
        #expect(issues(in: start + "questions: []\n") == [
            issue(4, 12, "'questions' must list at least one question")
        ])
    }

    @Test func surveyIDMustBeASlug() {
        let rest = "kind: poll\ntitle: Test\nquestions:\n" + Self.question
        #expect(issues(in: "id: Test_1\n" + rest) == [
            issue(1, 5, "survey id 'Test_1' must start with a lowercase letter and contain only lowercase letters, digits and '-'")
        ])
        let long = String(repeating: "a", count: 81)
        #expect(issues(in: "id: \(long)\n" + rest) == [
            issue(1, 5, "survey id '\(long)' is 81 characters long; at most 80 are allowed")
        ])
        #expect(issues(in: "id: " + String(repeating: "a", count: 80) + "\n" + rest).isEmpty)
    }

    @Test func unknownKindAndParticipation() {
        let yaml = """
            id: test
            kind: pol
            participation: zelf-organiseren
            title: Test
            questions:

            """ + Self.question
        #expect(issues(in: yaml) == [
            issue(2, 7, "unknown kind 'pol' (did you mean 'poll'?)"),
            issue(3, 16, "unknown participation 'zelf-organiseren' (did you mean 'zelf_organiseren'?)"),
        ])
        let far = "id: test\nkind: survey\ntitle: Test\nquestions:\n" + Self.question
        #expect(issues(in: far) == [issue(2, 7, "unknown kind 'survey' (expected poll, enquete or buurttoetsing)")])
    }

    @Test func malformedDates() {
        let yaml = "opens: 2026-13-01\ncloses: 2026-12-01T25:00\n" + header + Self.question
        #expect(issues(in: yaml) == [
            issue(1, 8, "'2026-13-01' is not a valid date for 'opens'; write YYYY-MM-DD or YYYY-MM-DDTHH:MM in Dutch local time"),
            issue(2, 9, "'2026-12-01T25:00' is not a valid date for 'closes'; write YYYY-MM-DD or YYYY-MM-DDTHH:MM in Dutch local time"),
        ])
    }

    @Test func closesMustBeLaterThanOpens() {
        let before = "opens: 2026-12-10\ncloses: 2026-12-01\n" + header + Self.question
        #expect(issues(in: before) == [issue(2, 9, "'closes' (2026-12-01) must be later than 'opens' (2026-12-10)")])
        let equal = "opens: 2026-12-01T10:00\ncloses: 2026-12-01T10:00\n" + header + Self.question
        #expect(issues(in: equal) == [
            issue(2, 9, "'closes' (2026-12-01T10:00) must be later than 'opens' (2026-12-01T10:00)")
        ])
    }

    @Test func localizedTextNeedsDutchAndKnownLanguages() {
        let rest = "kind: poll\nquestions:\n" + Self.question
        #expect(issues(in: "id: test\ntitle: {en: Test}\n" + rest) == [issue(2, 8, "'title' has no Dutch text under 'nl'")])
        #expect(issues(in: "id: test\ntitle: {nl: Test, de: Prüfung}\n" + rest) == [
            issue(2, 19, "unknown language 'de' in 'title' (only 'nl' and 'en' are supported)")
        ])
        #expect(issues(in: "id: test\ntitle: [Test]\n" + rest) == [
            issue(2, 8, "expected a text or a map {nl: …, en: …} for 'title', found a list")
        ])
        #expect(issues(in: "id: test\ntitle: \"\"\n" + rest) == [
            issue(2, 8, "expected a text for 'title', found an empty string")
        ])
        #expect(issues(in: "id: test\ntitle:\n" + rest) == [issue(2, 7, "expected a text for 'title', found nothing")])
    }

    @Test func audienceShape() {
        #expect(issues(in: "audience: {wijken: Oost}\n" + header + Self.question) == [
            issue(1, 20, "expected a list of wijk names for 'wijken', found a string")
        ])
        #expect(issues(in: "audience: {wijk: [Oost]}\n" + header + Self.question) == [
            issue(1, 12, "unknown key 'wijk' in 'audience' (did you mean 'wijken'?)")
        ])
    }

    @Test func aDocumentThatIsNotASurvey() {
        #expect(issues(in: "- a\n- b\n") == [
            issue(1, 1, "expected a survey (a mapping with 'id', 'kind', 'title' and 'questions'), found a list")
        ])
        let empty = issue(1, 1, "the file is empty; a survey needs at least 'id', 'kind', 'title' and 'questions'")
        #expect(issues(in: "") == [empty])
        #expect(issues(in: "# alleen commentaar\n") == [empty])
    }
}
