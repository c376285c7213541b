import Surveys
import Yams

/// A survey read from a file, with where its id was written, so a loader of several files can
/// point at a clash between them.
struct ReadSurvey {
    let definition: SurveyDefinition
    let idMark: Mark?
}

enum SurveyKeys {
    /// `weighting`, `verdict` and `languages` are accepted and not yet used, so files written for
    /// later versions already load.
    static let all = [
        "id", "kind", "title", "intro", "participation", "feedback", "initiative", "audience",
        "weighting", "verdict", "languages", "opens", "closes", "questions",
    ]
}

extension SurveyFileReader {
    mutating func readSurvey(_ root: Node) -> ReadSurvey? {
        let expected = "a survey (a mapping with 'id', 'kind', 'title' and 'questions')"
        guard let fields = fields(of: root, expecting: expected) else { return nil }
        rejectUnknownKeys(in: fields, known: SurveyKeys.all)
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
        let period = readPeriod(in: fields)
        let questions = require("questions", in: fields, owner: owner).flatMap { readQuestions($0) }

        guard let id, let kind, let title, let questions else { return nil }
        let definition = SurveyDefinition(
            id: id, kind: kind, title: title, intro: intro, participation: participation, feedback: feedback,
            initiative: initiative, audience: audience, opens: period.opens, closes: period.closes,
            questions: questions)
        return ReadSurvey(definition: definition, idMark: idNode?.mark)
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
