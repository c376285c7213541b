import Foundation
import MicroHTTP
import Surveys

/// `GET /uitkomsten/{id}`: a survey's results for everyone, once it has closed, and only aggregates
/// with small groups suppressed. Before the close the page does not exist, so nobody can watch
/// the numbers move while people are still answering.
struct PublicResultsRoutes {
    let context: AppContext
    let notFound: PageError

    func register(in router: inout Router) {
        router.get("/uitkomsten/:id") { request in
            let id = request.pathParameters["id"] ?? ""
            guard let survey = try await context.survey(id), let closes = survey.definition.closes, Date() >= closes.endInstant,
                let html = try await ReportPage.html(context, surveyID: id, audience: .publicPage)
            else { throw notFound }
            var response = Response.html(html)
            response.headers["Cache-Control"] = "public, max-age=300"
            return response
        }
    }
}
