import Foundation
import Statistics
import Surveys

/// A monitor's trend: per wave the response and the draagvlak with its interval, per wijk (small cells
/// suppressed as everywhere) and per question the share of each answer with its Wilson interval — so a
/// wijkagenda can be followed wave by wave.
public struct SeriesTrend: Encodable, Sendable {
    public struct Wave: Encodable, Sendable {
        public let wave: Int
        public let survey: String
        public let opens: String?
        public let closes: String?
        public let invited: Int
        public let responded: Int
        public let responseRate: Double
        public let draagvlak: ResultsReport.Draagvlak?

        enum CodingKeys: String, CodingKey {
            case wave, survey, opens, closes, invited, responded, draagvlak
            case responseRate = "response_rate"
        }
    }

    /// One answer's share in one wave.
    public struct Share: Encodable, Sendable {
        public let wave: Int
        public let n: Int
        public let share: Double?
        public let ci95: [Double]?
    }

    public let series: String
    public let title: String
    public let waves: [Wave]
    /// Question id → answer value → the share per wave (choice, scale and yes/no questions).
    public let questions: [String: [String: [Share]]]
    /// Wijk → the draagvlak cell per wave.
    public let byWijk: [String: [WijkCell]]

    public struct WijkCell: Encodable, Sendable {
        public let wave: Int
        public let cell: ResultsReport.Cell
    }

    enum CodingKeys: String, CodingKey {
        case series, title, waves, questions
        case byWijk = "by_wijk"
    }

    /// The trend of `series`, nil when no loaded survey is a wave of it.
    public static func load(_ context: AppContext, series: String) async throws -> SeriesTrend? {
        let members = context.catalog.all.filter { $0.definition.wave?.series == series }
            .sorted { ($0.definition.wave?.number ?? 0) < ($1.definition.wave?.number ?? 0) }
        guard let first = members.first else { return nil }
        var waves: [Wave] = []
        var questions: [String: [String: [Share]]] = [:]
        var byWijk: [String: [WijkCell]] = [:]
        for entry in members {
            let definition = entry.definition
            let number = definition.wave?.number ?? 0
            guard let report = try await ResultsReport.current(context, surveyID: definition.id) else { continue }
            waves.append(Wave(wave: number, survey: definition.id, opens: definition.opens?.description, closes: definition.closes?.description,
                              invited: report.invited, responded: report.responded, responseRate: report.responseRate, draagvlak: report.draagvlak))
            for question in definition.questions {
                guard let result = report.questions[question.id], let counts = result.counts else { continue }
                for (value, count) in counts {
                    let estimate = Proportion.wilson(successes: count, n: result.n)
                    questions[question.id, default: [:]][value, default: []].append(
                        Share(wave: number, n: result.n, share: estimate?.share, ci95: estimate.map { [$0.lower, $0.upper] }))
                }
            }
            for (wijk, cell) in report.draagvlak?.breakdowns?["wijk"] ?? [:] {
                byWijk[wijk, default: []].append(WijkCell(wave: number, cell: cell))
            }
        }
        return SeriesTrend(series: series, title: first.definition.title.nl, waves: waves, questions: questions, byWijk: byWijk)
    }

    public func json() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return Array(try! encoder.encode(self))
    }

    /// Support per wave as points with interval whiskers and the threshold as a line.
    func chart() -> String {
        let width = 640.0, height = 260.0, left = 48.0, bottom = 36.0, top = 16.0
        let plotHeight = height - bottom - top
        let step = (width - left - 24) / Double(max(waves.count, 1))
        func y(_ share: Double) -> Double { top + (1 - share) * plotHeight }
        let title = "Steun per golf: \(title)"
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(ReportCharts.escape(title))\" "
            + "font-family=\"system-ui, sans-serif\" font-size=\"14\" fill=\"#1a1a1a\"><title>\(ReportCharts.escape(title))</title>"
        for tick in [0.0, 0.25, 0.5, 0.75, 1.0] {
            svg += "<line x1=\"\(Int(left))\" x2=\"\(Int(width - 16))\" y1=\"\(String(format: "%.1f", y(tick)))\" y2=\"\(String(format: "%.1f", y(tick)))\" stroke=\"#d0d0d0\"/>"
            svg += "<text x=\"\(Int(left - 6))\" y=\"\(String(format: "%.1f", y(tick) + 5))\" text-anchor=\"end\">\(Int(tick * 100))%</text>"
        }
        if let threshold = waves.compactMap({ $0.draagvlak?.threshold }).first {
            svg += "<line x1=\"\(Int(left))\" x2=\"\(Int(width - 16))\" y1=\"\(String(format: "%.1f", y(threshold)))\" y2=\"\(String(format: "%.1f", y(threshold)))\" stroke=\"#b00020\" stroke-dasharray=\"6 4\"/>"
        }
        for (index, wave) in waves.enumerated() {
            let x = left + step * (Double(index) + 0.5)
            svg += "<text x=\"\(String(format: "%.1f", x))\" y=\"\(Int(height - 12))\" text-anchor=\"middle\">golf \(wave.wave)</text>"
            guard let share = wave.draagvlak?.supportShare else { continue }
            if let ci = wave.draagvlak?.ci95, ci.count == 2 {
                svg += "<line x1=\"\(String(format: "%.1f", x))\" x2=\"\(String(format: "%.1f", x))\" y1=\"\(String(format: "%.1f", y(ci[0])))\" y2=\"\(String(format: "%.1f", y(ci[1])))\" stroke=\"#004b87\" stroke-width=\"3\"/>"
            }
            svg += "<circle cx=\"\(String(format: "%.1f", x))\" cy=\"\(String(format: "%.1f", y(share)))\" r=\"7\" fill=\"#004b87\"/>"
        }
        return svg + "</svg>"
    }

    /// The HTML page: the chart, the table per wave, per wijk and per question.
    func html(_ context: AppContext) -> String {
        func percent(_ value: Double?) -> String { value.map(ReportCharts.percent) ?? "–" }
        func interval(_ ci: [Double]?) -> String { ci.flatMap { $0.count == 2 ? "\(ReportCharts.percent($0[0])) – \(ReportCharts.percent($0[1]))" : nil } ?? "–" }
        let rows = waves.map { wave -> [String: Any] in
            ["wave": wave.wave, "survey": wave.survey, "period": "\(wave.opens ?? "?") – \(wave.closes ?? "?")", "responded": wave.responded,
             "invited": wave.invited, "share": percent(wave.draagvlak?.supportShare), "interval": interval(wave.draagvlak?.ci95),
             "verdict": wave.draagvlak?.verdict.rawValue ?? "–"]
        }
        let wijken = byWijk.keys.sorted().map { wijk -> [String: Any] in
            ["wijk": wijk, "cells": waves.map { wave -> String in
                guard let cell = byWijk[wijk]?.first(where: { $0.wave == wave.wave })?.cell else { return "–" }
                return cell.suppressed ? "te weinig antwoorden" : "\(percent(cell.supportShare)) (\(interval(cell.ci95)))"
            }]
        }
        let questionRows = questions.keys.sorted().flatMap { id in
            (questions[id] ?? [:]).keys.sorted().map { value -> [String: Any] in
                ["question": id, "value": value, "cells": waves.map { wave -> String in
                    guard let share = questions[id]?[value]?.first(where: { $0.wave == wave.wave }) else { return "–" }
                    return "\(percent(share.share)) (\(interval(share.ci95)))"
                }]
            }
        }
        return context.renderer.page("trend", title: "Trend: \(title)", language: "nl", [
            "title": title, "series": series, "svg": chart(), "waves": rows, "waveNumbers": waves.map(\.wave),
            "wijken": wijken, "hasWijken": !wijken.isEmpty, "questions": questionRows,
        ])
    }
}

extension SeriesTrend {
    /// The trend page's HTML, for `draagvlak waves trend --format html`.
    public func staffHTML(_ context: AppContext) async throws -> String { html(context) }
}
