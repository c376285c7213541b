import Testing
@testable import SurveyFiles
import Surveys

@Suite struct LanguagesTests {
    @Test func declaredLanguagesAreInTheModelInAFixedOrder() throws {
        let yaml = "languages: [en, nl]\nid: t\nkind: poll\ntitle: {nl: T, en: T}\nquestions:\n  - {id: q, type: yesno, text: {nl: V, en: Q}}\n"
        #expect(try SurveyFileLoader.parse(yaml, file: testFile).languages == [.nl, .en])
        #expect(try SurveyFileLoader.parse(header + "  - {id: q, type: yesno, text: V}\n", file: testFile).languages == [.nl])
    }

    @Test func everyRespondentFacingTextNeedsEnglishWhenDeclared() {
        let yaml = """
            id: test
            kind: enquete
            languages: [nl, en]
            title: Test
            intro: {nl: Hallo}
            feedback: {nl: Dank, en: Thanks}
            pages:
              - title: Deel 1
                intro: {nl: Uitleg, en: Explanation}
                questions:
                  - id: s
                    type: scale
                    text: {nl: Hoe?, en: How?}
                    help: Kies
                    scale: {min: 1, max: 3, labels: {1: Slecht, 3: {nl: Goed, en: Good}}}
                  - id: k
                    type: single
                    text: {nl: Welke?, en: Which?}
                    options:
                      - {code: a, text: {nl: A, en: A}}
                      - {code: b, text: B}

            """
        let note = "(the survey declares languages: [nl, en])"
        #expect(issues(in: yaml) == [
            issue(4, 8, "missing English translation of 'title' \(note)"),
            issue(5, 8, "missing English translation of 'intro' \(note)"),
            issue(8, 12, "missing English translation of the title of page 1 \(note)"),
            issue(14, 15, "missing English translation of the help of question 's' \(note)"),
            issue(15, 45, "missing English translation of the label of 1 in the scale of question 's' \(note)"),
            issue(21, 29, "missing English translation of the text of option 2 of question 'k' \(note)"),
        ])
    }

    @Test func languagesMustBeKnownOnceEachAndIncludeDutch() {
        #expect(issues(in: "languages: [en, de, en]\n" + header + "  - {id: q, type: yesno, text: {nl: V, en: Q}}\n") == [
            issue(1, 12, "'languages' must include nl, the language every survey is written in"),
            issue(1, 17, "unknown language 'de' in 'languages' (only 'nl' and 'en' are supported)"),
            issue(1, 21, "'en' is listed twice in 'languages'"),
            issue(4, 8, "missing English translation of 'title' (the survey declares languages: [nl, en])"),
        ])
        #expect(issues(in: "languages: nl\n" + header + "  - {id: q, type: yesno, text: V}\n") == [
            issue(1, 12, "expected a list of languages such as [nl, en] for 'languages', found a string")
        ])
    }
}
