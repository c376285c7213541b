import Foundation
import Initiatives
import TestSupport
import Testing
@testable import Web

/// Markup that assistive technology depends on and axe cannot judge: errors tied to their fields
/// only when there are errors, charts whose numbers are also text, no white text on a light fill.
@Suite struct AccessibleMarkupTests {
    @Test func theBlankInitiativeFormShowsNoProblemsAndEveryProblemIsTiedToItsField() async throws {
        try await withApp { app in
            let client = try app.client()
            let blank = try await client.request("GET", "/initiatieven/nieuw")
            #expect(blank.status == 200)
            #expect(!blank.text.contains("has-error") && !blank.text.contains("class=\"error\"") && !blank.text.contains(">nil<"))
            #expect(!blank.text.contains("aria-invalid"))

            let refused = try await client.request("POST", "/initiatieven/nieuw", headers: formHeaders,
                                                   body: Array("email=geen-adres&bedrag=veel".utf8))
            #expect(refused.status == 422)
            for field in ["titel", "omschrijving", "wijk", "bedrag", "wederkerigheid", "naam", "email"] {
                #expect(refused.text.contains("<p class=\"error\" id=\"fout-\(field)\">"), "\(field) shows its problem")
                let refers = try Regex("aria-invalid=\"true\" aria-describedby=\"[^\"]*fout-\(field)\"|aria-describedby=\"[^\"]*fout-\(field)\" aria-invalid=\"true\"")
                #expect(refused.text.contains(refers), "\(field) is marked invalid and refers to its problem")
                #expect(refused.text.contains("href=\"#veld-\(field)\""), "the summary links to \(field)")
            }
            #expect(refused.text.contains("dit is geen geldig e-mailadres"))
            #expect(!refused.text.contains("id=\"fout-buurt\"") && !refused.text.contains("id=\"fout-telefoon\""), "no problem, no message")
            #expect(!refused.text.contains(">nil<"))
        }
    }

    @Test func barChartsCarryTheirNumbersAsATable() {
        let html = ReportCharts.bars([("Vaak", 3), ("Nooit", 1)], title: "Hoe vaak <komt> u?")
        #expect(html.contains("role=\"img\" aria-label=\"Hoe vaak &lt;komt&gt; u?\""))
        let figures = html.components(separatedBy: "</svg>").last ?? ""
        #expect(figures.hasPrefix("<details class=\"chart-figures\"><summary>Cijfers als tabel"))
        #expect(figures.contains("<caption>Hoe vaak &lt;komt&gt; u?</caption>"))
        #expect(figures.contains("<tr><th scope=\"row\">Vaak</th><td>3</td><td>75,0%</td></tr>"))
        #expect(figures.contains("<tr><th scope=\"row\">Nooit</th><td>1</td><td>25,0%</td></tr>"))
    }

    @Test func intervalChartsCarryShareIntervalAndSuppressedGroupsAsATable() {
        let html = ReportCharts.intervals([("Oost", 0.6, 0.5, 0.7), ("Zuid", nil, nil, nil)], threshold: 0.5, title: "Steun per wijk")
        let figures = html.components(separatedBy: "</svg>").last ?? ""
        #expect(figures.contains("<th scope=\"col\">Steun (drempel 50,0%)</th>"))
        #expect(figures.contains("<tr><th scope=\"row\">Oost</th><td>60,0%</td><td>50,0% tot 70,0%</td></tr>"))
        #expect(figures.contains("<tr><th scope=\"row\">Zuid</th><td>te weinig antwoorden om te tonen</td><td></td></tr>"))
    }

    @Test func anOverdrawnLineSaysSoInTheTextColourNotOnTheTube() {
        let svg = Thermometer.svg(title: "Wijkthermometer Oost 2026", lines: [
            ("Subsidiebudget", LineBalance(allocated: .euros(1000), committed: .euros(700), spent: .euros(500))),
            ("Handgeld", LineBalance(allocated: .euros(100))),
        ])
        #expect(svg.contains(">Subsidiebudget: \(Cents.euros(-200).dutch) over van \(Cents.euros(1000).dutch) (overschreden)</text>"))
        #expect(!svg.contains("Handgeld: \(Cents.euros(100).dutch) over van \(Cents.euros(100).dutch) (overschreden)"))
        #expect(!svg.contains("#ffffff"), "no white text: on the light part of the tube it cannot be read")
    }
}
