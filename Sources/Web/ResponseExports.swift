import Exports
import Foundation
import Secrets
import Storage
import Surveys

/// Anonymised responses of a survey for researchers: no ids, no contact data, rows in random order
/// (so a running number says nothing about who was invited when), each panel respondent of the
/// support question with their raking weight.
///
/// Answers given by letter are included, marked `channel = letter`, with their wijk only and no
/// weight: they are the only place staff can read those residents' answers (their remarks above
/// all), and an analysis that weighs leaves them out by itself, as SPSS does cases without a weight.
public enum ResponseExports {
    public enum Format: String, CaseIterable, Sendable { case csv, sav }

    static func rows(_ context: AppContext, survey: SurveyCatalog.Entry) async throws -> [ExportRow] {
        let database = context.database
        var responses = try await database.responses.all(surveyID: survey.definition.id)
            + database.responses.all(surveyID: survey.definition.id, channel: .letter)
        var weights: [Int64: Double] = [:]
        if let question = survey.definition.supportQuestion, let rule = question.support {
            let analysis = SupportAnalysis(
                definition: survey.definition, question: question, rule: rule,
                respondents: try await database.responses.respondents(surveyID: survey.definition.id, questionID: question.id),
                population: context.population, minimumCell: 10)
            if case .success(let result) = analysis.weighted() { weights = result.weightByInvitation }
        }
        // Fisher–Yates with the CSPRNG: the order must not be guessable from anything.
        for index in stride(from: responses.count - 1, to: 0, by: -1) {
            responses.swapAt(index, Int(try SecureRandom.uniform(below: UInt64(index + 1))))
        }
        return responses.enumerated().map { number, response in
            ExportRow(respondent: number + 1, wijk: response.wijk, ageBand: response.ageBand, gender: response.gender,
                      weight: response.channel == .panel ? weights[response.invitationID] : nil, channel: response.channel.rawValue,
                      answers: response.answers)
        }
    }

    public static func export(_ context: AppContext, surveyID: String, format: Format) async throws -> [UInt8]? {
        guard let survey = try await context.survey(surveyID) else { return nil }
        let rows = try await rows(context, survey: survey)
        switch format {
        case .csv: return Array(ResponseExport.csv(survey.definition, rows: rows).utf8)
        case .sav: return ResponseExport.sav(survey.definition, rows: rows)
        }
    }
}
