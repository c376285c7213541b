import Testing
@testable import SurveyFiles
import Surveys

@Suite struct ValidFileTests {
    static let yaml = """
        id: speeltuin-test
        kind: buurttoetsing
        title: Speeltuin
        intro: {nl: Hallo, en: Hello}
        participation: zelf_organiseren
        feedback: |
          We laten het weten.
        initiative: INI-2026-014
        audience: {wijken: [Oost, Centrum], buurten: [Geraniumbuurt]}
        opens: 2026-12-01
        closes: 2026-12-21T23:59
        weighting: {variables: [age_band], trim: {lower: 0.3, upper: 3}}
        verdict: {threshold: 0.5, min_n: 30}
        languages: [nl]
        questions:
          - id: steun
            type: scale
            text: Steunt u dit?
            help: {nl: Kies een getal, en: Pick a number}
            scale: {min: 1, max: 5, labels: {1: Oneens, 3: Neutraal, 5: {nl: Eens, en: Agree}}}
            required: true
            support: {supports: [4, 5], opposes: [1, 2]}
          - id: gebruik
            type: single
            text: Hoe vaak?
            options:
              - {code: vaak, text: Vaak}
              - code: nooit
                text: {nl: Nooit, en: Never}
          - id: eens
            type: yesno
            text: Eens?
            required: false
          - id: kort
            type: text
            text: Kort
            max_length: 100
          - id: lang
            type: text
            text: Lang
          - id: kort_maar_vrij
            type: text
            text: Vrij
            max_length: 50
            multiline: true
        """

    @Test func mapsEveryFieldToTheModel() throws {
        let survey = try SurveyFileLoader.parse(Self.yaml, file: "speeltuin-test.yaml")
        let expected = SurveyDefinition(
            id: "speeltuin-test", kind: .buurttoetsing, title: LocalizedText(nl: "Speeltuin"),
            intro: LocalizedText(nl: "Hallo", en: "Hello"), participation: .zelfOrganiseren,
            feedback: LocalizedText(nl: "We laten het weten."), initiative: "INI-2026-014",
            audience: Audience(wijken: ["Oost", "Centrum"], buurten: ["Geraniumbuurt"]),
            opens: LocalDateTime(year: 2026, month: 12, day: 1),
            closes: LocalDateTime(year: 2026, month: 12, day: 21, time: .init(hour: 23, minute: 59)),
            questions: [
                Question(
                    id: "steun", text: "Steunt u dit?", help: LocalizedText(nl: "Kies een getal", en: "Pick a number"),
                    type: .scale(Scale(min: 1, max: 5, labels: [
                        1: "Oneens", 3: "Neutraal", 5: LocalizedText(nl: "Eens", en: "Agree"),
                    ])),
                    required: true, support: SupportRule(supports: ["4", "5"], opposes: ["1", "2"])),
                Question(
                    id: "gebruik", text: "Hoe vaak?",
                    type: .single(options: [
                        Option(code: "vaak", text: "Vaak"),
                        Option(code: "nooit", text: LocalizedText(nl: "Nooit", en: "Never")),
                    ])),
                Question(id: "eens", text: "Eens?", type: .yesno),
                Question(id: "kort", text: "Kort", type: .text(maxLength: 100, multiline: false)),
                Question(id: "lang", text: "Lang", type: .text(maxLength: 2000, multiline: true)),
                Question(id: "kort_maar_vrij", text: "Vrij", type: .text(maxLength: 50, multiline: true)),
            ],
            verdict: VerdictRule(threshold: 0.5, minN: 30),
            weighting: WeightingRule(variables: ["age_band"], trimLower: 0.3, trimUpper: 3))
        #expect(survey == expected)
    }

    @Test func optionalKeysMayBeLeftOut() throws {
        let survey = try SurveyFileLoader.parse(header + "  - {id: q, type: yesno, text: Vraag}\n", file: testFile)
        #expect(survey.intro == nil)
        #expect(survey.participation == nil)
        #expect(survey.audience == nil)
        #expect(survey.opens == nil && survey.closes == nil)
        #expect(survey.questions == [Question(id: "q", text: "Vraag", type: .yesno)])
    }

    @Test func yesnoSupportValuesAndQuotedScalePointsAreStoredValues() throws {
        let survey = try SurveyFileLoader.parse(
            header + """
              - {id: eens, type: yesno, text: Eens?, support: {supports: [ja], opposes: [nee]}}
            """, file: testFile)
        #expect(survey.supportQuestion?.support == SupportRule(supports: ["ja"], opposes: ["nee"]))

        let scale = try SurveyFileLoader.parse(
            header + """
              - {id: s, type: scale, text: S, scale: {min: 0, max: 10}, support: {supports: ["8", 9, 10]}}
            """, file: testFile)
        #expect(scale.supportQuestion?.support == SupportRule(supports: ["8", "9", "10"], opposes: []))
    }

    @Test func sameDayOpensAndClosesIsAOneDaySurvey() throws {
        let survey = try SurveyFileLoader.parse(
            "opens: 2026-12-01\ncloses: 2026-12-01\n" + header + "  - {id: q, type: yesno, text: Vraag}\n",
            file: testFile)
        #expect(survey.opens == survey.closes)
    }

    @Test func theIssueDescriptionIsCompilerStyle() {
        let issue = SurveyFileIssue(file: "surveys/x.yaml", line: 12, column: 5, message: "unknown key 'tilte'")
        #expect(issue.description == "surveys/x.yaml:12:5: error: unknown key 'tilte'")
        let errors = SurveyFileErrors(issues: [issue, issue])
        #expect(errors.description == issue.description + "\n" + issue.description)
    }
}
