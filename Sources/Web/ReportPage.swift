import Foundation
import Panel
import Storage
import Surveys

/// The results as a page a person would rather look at than read: the verdict in words, support
/// with its interval, support per wijk, every question's answers as bars, who answered compared
/// with the population, how to read it, and the method exactly. For staff, and printable.
public enum ReportPage {
    /// The report for staff, or the public one shown once a survey has closed: the same aggregates,
    /// with every question answered by fewer than ten people left out.
    public enum Audience { case staff, publicPage }

    public static func html(_ context: AppContext, surveyID: String, audience: Audience = .staff) async throws -> String? {
        guard let survey = try await context.survey(surveyID),
            let report = try await ResultsReport.current(context, surveyID: surveyID)
        else { return nil }
        let definition = survey.definition
        var values: [String: Any] = [
            "title": definition.title.nl, "id": definition.id, "kind": definition.kind.rawValue,
            "invited": report.invited, "responded": report.responded, "rate": ReportCharts.percent(report.responseRate),
        ]
        if let draagvlak = report.draagvlak { values["draagvlak"] = self.draagvlak(draagvlak) }
        values["public"] = audience == .publicPage
        values["questions"] = definition.questions.compactMap { question -> [String: Any]? in
            let result = report.questions[question.id]
            if audience == .publicPage && (result?.counts == nil || (result?.n ?? 0) < 10) { return nil }
            var item: [String: Any] = ["text": question.text.nl, "n": result?.n ?? 0]
            if let counts = result?.counts {
                item["chart"] = ReportCharts.bars(labels(question).map { ($0.label, counts[$0.value] ?? 0) }, title: question.text.nl)
            }
            return item
        }
        values["representation"] = try await representation(context, definition: definition)
        if let letters = report.letters, audience == .staff || (letters.support?.n ?? 0) >= 10 {
            values["letters"] = self.letters(letters, threshold: report.draagvlak?.threshold ?? definition.verdict?.threshold ?? 0.5)
        }
        if audience == .publicPage, let feedback = definition.feedback { values["feedback"] = feedback.nl }
        if let publication = try await context.database.publications.find(surveyID) { values["decision"] = decision(publication) }
        return context.renderer.page("report", title: "Uitkomsten: \(definition.title.nl)", language: "nl", values)
    }

    /// The municipality's decision in paragraphs (blank lines separate them), with when it was published.
    private static func decision(_ publication: PublicationRepository.Publication) -> [String: Any] {
        let paragraphs = publication.decisionNL.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n\n")
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        let published = MemberDates.text(publication.publishedAt, .nl)
        let updated = MemberDates.text(publication.updatedAt, .nl)
        var values: [String: Any] = ["paragraphs": paragraphs, "publishedOn": published]
        if updated != published { values["updatedOn"] = updated }
        return values
    }

    private static func draagvlak(_ d: ResultsReport.Draagvlak) -> [String: Any] {
        let words: String =
            switch d.verdict {
            case .voldoende: "Voldoende draagvlak"
            case .onvoldoende: "Onvoldoende draagvlak"
            case .onbeslist: "Nog niet te zeggen: het draagvlak ligt rond de drempel"
            case .teWeinigRespons: "Te weinig antwoorden voor een oordeel"
            }
        var values: [String: Any] = [
            "verdict": words, "n": d.n, "threshold": ReportCharts.percent(d.threshold), "minN": d.minN,
            "weighted": d.weighted, "reason": d.weighting.reason ?? "",
            "variables": (d.weighting.variables ?? []).joined(separator: ", "), "scope": d.weighting.scope ?? "gemeente",
            "iterations": d.weighting.iterations ?? 0,
        ]
        if let leftOut = d.weighting.leftOut, !leftOut.isEmpty { values["leftOut"] = leftOut.joined(separator: "; ") }
        if let share = d.supportShare, let ci = d.ci95 {
            values["share"] = ReportCharts.percent(share)
            values["lower"] = ReportCharts.percent(ci[0])
            values["upper"] = ReportCharts.percent(ci[1])
            values["oppose"] = d.opposeShare.map(ReportCharts.percent) ?? "–"
            values["method"] = d.intervalMethod == "clopper-pearson"
                ? "Clopper–Pearson op de effectieve steekproefomvang (alle antwoorden gelijk)"
                : (d.weighted ? "logit-interval met t-verdeling (n − 1 vrijheidsgraden), zoals svyciprop(method = \"logit\") in R" : "Wilson-interval")
            var rows: [(label: String, share: Double?, lower: Double?, upper: Double?)] = [("Alle antwoorden", share, ci[0], ci[1])]
            if let unweighted = d.supportShareUnweighted, let uci = d.ci95Unweighted, d.weighted {
                rows.append(("Ongewogen", unweighted, uci[0], uci[1]))
            }
            values["chart"] = ReportCharts.intervals(rows, threshold: d.threshold, title: "Steun met 95%-betrouwbaarheidsinterval")
        }
        if let cells = d.breakdowns?["wijk"], !cells.isEmpty {
            let rows = cells.sorted { $0.key < $1.key }.map { (label: $0.key, share: $0.value.supportShare, lower: $0.value.ci95?[0], upper: $0.value.ci95?[1]) }
            values["wijkChart"] = ReportCharts.intervals(rows, threshold: d.threshold, title: "Steun per wijk")
        }
        if let se = d.se { values["se"] = String(format: "%.3f", se).replacingOccurrences(of: ".", with: ",") }
        if let nEff = d.nEff { values["nEff"] = String(format: "%.1f", nEff).replacingOccurrences(of: ".", with: ",") }
        if let deff = d.deff { values["deff"] = String(format: "%.2f", deff).replacingOccurrences(of: ".", with: ",") }
        return values
    }

    /// The letters section: counted apart, unweighted, per area with small groups left out.
    private static func letters(_ letters: LetterResults, threshold: Double) -> [String: Any] {
        var values: [String: Any] = [
            "issued": letters.issued, "responded": letters.responded, "rate": ReportCharts.percent(letters.responseRate),
        ]
        if let support = letters.support, let share = support.supportShare, let ci = support.ci95 {
            values["support"] = [
                "n": support.n, "share": ReportCharts.percent(share), "lower": ReportCharts.percent(ci[0]),
                "upper": ReportCharts.percent(ci[1]), "oppose": support.opposeShare.map(ReportCharts.percent) ?? "–",
                "chart": ReportCharts.intervals([("Brieven, ongewogen", share, ci[0], ci[1])], threshold: threshold,
                                                title: "Steun onder bewoners met een brief, met 95%-Wilson-interval"),
            ] as [String: Any]
        }
        values["areas"] = letters.byArea.map { area -> [String: Any] in
            [
                "area": [area.wijk, area.buurt].compactMap { $0 }.joined(separator: " – ").nonEmpty ?? "onbekend",
                "issued": area.issued,
                "responded": area.responded.map(String.init) ?? "< 10",
                "rate": area.responseRate.map(ReportCharts.percent) ?? "–",
                "support": area.supportShare.flatMap { share in area.ci95.map { "\(ReportCharts.percent(share)) (\(ReportCharts.percent($0[0])) tot \(ReportCharts.percent($0[1])))" } } ?? "–",
            ]
        }
        return values
    }

    private static func labels(_ question: Question) -> [(value: String, label: String)] {
        switch question.type {
        case .single(let options), .multi(let options, _, _): options.map { ($0.code, $0.text.nl) }
        case .yesno: YesNo.allCases.map { ($0.rawValue, $0.label.nl) }
        case .scale(let scale): scale.points.map { point in (String(point), scale.label(for: point).map { "\(point) – \($0.nl)" } ?? String(point)) }
        case .text, .number, .date: []
        }
    }

    /// Respondents beside the population of the survey's area per category; small counts are not shown.
    private static func representation(_ context: AppContext, definition: SurveyDefinition) async throws -> [[String: Any]] {
        let responses = try await context.database.responses.all(surveyID: definition.id)
        let total = Double(max(responses.count, 1))
        let (scope, variables) = SupportAnalysis.scope(of: definition)
        var rows: [[String: Any]] = []
        for variable in variables where ["wijk", "age_band", "gender"].contains(variable) {
            var counts: [String: Int] = [:]
            for response in responses {
                let category = variable == "wijk" ? response.wijk : (variable == "age_band" ? response.ageBand ?? "onbekend" : response.gender)
                counts[category, default: 0] += 1
            }
            let margins = context.population.margins(scope: scope, variable: variable)
            let populationTotal = margins.reduce(0) { $0 + $1.total }
            for margin in margins {
                let count = counts[margin.category] ?? 0
                rows.append([
                    "variable": variable, "category": margin.category,
                    "respondents": count >= 10 ? "\(count)" : "< 10",
                    "respondentShare": count >= 10 ? ReportCharts.percent(Double(count) / total) : "–",
                    "populationShare": populationTotal > 0 ? ReportCharts.percent(margin.total / populationTotal) : "–",
                ])
            }
        }
        return rows
    }
}

extension String {
    /// Nil for the empty string, for `??` chains.
    var nonEmpty: String? { isEmpty ? nil : self }
}
