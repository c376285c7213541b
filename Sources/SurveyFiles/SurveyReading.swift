import YAMLFiles
import Surveys
import Yams

/// A survey read from a file, with where its id was written, so a loader of several files can
/// point at a clash between them.
struct ReadSurvey {
    let definition: SurveyDefinition
    let idMark: Mark?
}

enum SurveyKeys {
    static let all = [
        "id", "kind", "title", "intro", "participation", "feedback", "initiative", "audience",
        "weighting", "verdict", "languages", "opens", "closes", "questions", "pages", "repeat", "series",
    ]
}

extension SurveyFileReader {
    mutating func readSurvey(_ root: Node) -> ReadSurvey? {
        let expected = "a survey (a mapping with 'id', 'kind', 'title' and 'questions')"
        guard let fields = fields(of: root, expecting: expected) else { return nil }
        rejectUnknownKeys(in: fields, known: SurveyKeys.all)
        // First, because it decides which translations every text below needs.
        if let node = fields.value("languages") { languages = readLanguages(node) ?? [.nl] }
        let owner = "the survey"
        let idNode = require("id", in: fields, owner: owner)
        let id = idNode.flatMap { surveyID($0) }
        let kind = require("kind", in: fields, owner: owner).flatMap { choice($0, of: SurveyKind.self, name: "kind") }
        let title = require("title", in: fields, owner: owner).flatMap { localizedText($0, name: "'title'") }
        let intro = fields.value("intro").flatMap { localizedText($0, name: "'intro'") }
        let participation = fields.value("participation").flatMap {
            choice($0, of: ParticipationRung.self, name: "participation")
        }
        let feedback = fields.value("feedback").flatMap { localizedText($0, name: "'feedback'") }
        let initiative = fields.value("initiative").flatMap {
            string($0, expecting: "an initiative reference for 'initiative'")
        }
        let audience = fields.value("audience").flatMap { readAudience($0) }
        let weighting = fields.value("weighting").flatMap { readWeighting($0) }
        let verdict = fields.value("verdict").flatMap { readVerdict($0) }
        let period = readPeriod(in: fields)
        let repeatRule = fields.value("repeat").flatMap { readRepeat($0, period: period, id: id) }
        let series = fields.value("series").flatMap { readSeries($0) }
        if fields.value("repeat") != nil, let node = fields.key("series") {
            log.report("a survey either declares its waves with 'repeat' or is one wave of a 'series', not both", at: node)
        }
        let content = readContent(of: fields)

        guard let id, let kind, let title, let content else { return nil }
        let definition = SurveyDefinition(
            id: id, kind: kind, title: title, intro: intro, participation: participation, feedback: feedback,
            initiative: initiative, audience: audience, opens: period.opens, closes: period.closes,
            questions: content.questions, pages: content.pages, languages: languages, verdict: verdict, weighting: weighting)
        var survey = definition
        survey.repeatRule = repeatRule
        survey.wave = series
        return ReadSurvey(definition: survey, idMark: idNode?.mark)
    }

    /// The questions, from `questions` or from `pages` (exactly one of the two), and their pages.
    private mutating func readContent(of fields: Fields) -> (questions: [Question], pages: [Page]?)? {
        var registry = QuestionRegistry()
        var content: (questions: [Question], pages: [Page]?)?
        switch (fields.value("questions"), fields.value("pages")) {
        case (nil, nil):
            log.report("the survey has no 'questions' or 'pages'", at: fields.node)
        case (let questions?, nil):
            content = readQuestions(questions, registry: &registry).map { ($0, nil) }
        case (nil, let pages?):
            content = readPages(pages, registry: &registry).map { ($0.questions, $0.pages) }
        case (let questions?, let pages?):
            // Either would be a guess at what staff meant, so neither is used, but both are read
            // so their own mistakes show up in the same run.
            let pagesKey = fields.key("pages") ?? pages
            log.report(
                "a survey has either 'questions' or 'pages', not both; put these questions on a page", at: pagesKey)
            _ = readQuestions(questions, registry: &registry)
            _ = readPages(pages, registry: &registry)
        }
        checkConditions(registry)
        return content
    }

    private mutating func surveyID(_ node: Node) -> String? {
        guard let text = string(node, expecting: "a survey id for 'id'") else { return nil }
        guard text.count <= Slug.maxSurveyIDLength else {
            log.report(
                "survey id '\(text)' is \(text.count) characters long; at most \(Slug.maxSurveyIDLength) are allowed",
                at: node)
            return nil
        }
        guard Slug.isSurveyID(text) else {
            log.report(
                "survey id '\(text)' must start with a lowercase letter and contain only lowercase letters, digits and '-'",
                at: node)
            return nil
        }
        return text
    }
}
