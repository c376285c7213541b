import Foundation
import Surveys
import Testing

@testable import Exports

/// Writes `.sav` files and reads them back with pyreadstat: every name, label, value label, format
/// and value must come back as written.
@Suite struct SavRoundTripTests {
    let survey = ExportFixtures.survey
    let rows = ExportFixtures.rows

    private func reading() async throws -> SavReading {
        try await SavReader.read(ResponseExport.sav(survey, rows: rows))
    }

    private func answers(_ id: String) -> [String?] { rows.map { $0.answers[id]?.first } }

    /// The expected whole-character prefix of `text` within `limit` bytes, computed independently.
    private func prefix(_ text: String, bytes limit: Int) -> String {
        var result = ""
        for character in text where result.utf8.count + String(character).utf8.count <= limit { result.append(character) }
        return String(result.prefix { _ in true })
    }

    @Test func dictionaryHasSpssNamesInColumnOrder() async throws {
        let sav = try await reading()
        #expect(sav.names == [
            "respondent", "wijk", "age_band", "gender", "weight", "steun", "vervoer", "tevredenheid_wijk",
            "voorzieningen_speeltuin", "voorzieningen_bankjes", "voorzieningen_ij_baan", "hond", "temperatuur", "kinderen",
            "verhuisd", "toelichting", "brug",
        ])
        #expect(sav.rowCount == 50)
        #expect(sav.encoding == "UTF-8")
        #expect(sav.fileLabel == prefix(survey.title.nl, bytes: 64))
    }

    @Test func variableLabelsAreTheDutchQuestionTexts() async throws {
        let sav = try await reading()
        #expect(sav.label("respondent") == "Respondent (volgnummer)")
        #expect(sav.label("age_band") == "Leeftijdsklasse")
        #expect(sav.label("steun") == "Steunt u dit initiatief?")
        #expect(sav.label("tevredenheid_wijk") == "Bent u tevreden over uw wijk?")
        #expect(sav.label("voorzieningen_bankjes") == "Welke voorzieningen mist u?: Bankjes, prullenbakken")
        #expect(sav.label("toelichting") == "Wilt u uw antwoord toelichten?")
        let long = try #require(sav.label("brug"))
        #expect(ExportFixtures.longQuestionText.utf8.count > 255)
        #expect(long == prefix(ExportFixtures.longQuestionText, bytes: 255))
        #expect(long.utf8.count <= 255 && long.utf8.count > 250)
    }

    @Test func respondentCategoriesAndWeightRoundTrip() async throws {
        let sav = try await reading()
        #expect(sav.numbers("respondent") == rows.map { Double($0.respondent) })
        #expect(sav.strings("wijk") == rows.map(\.wijk))
        #expect(sav.strings("age_band") == rows.map { $0.ageBand ?? "" })
        #expect(sav.strings("gender") == rows.map(\.gender))
        #expect(sav.numbers("weight") == rows.map(\.weight))
        #expect(sav.numbers("weight").last == .some(nil))
    }

    @Test func scaleIsOrdinalWithLabelsForLabelledPoints() async throws {
        let sav = try await reading()
        #expect(sav.numbers("steun") == answers("steun").map { $0.flatMap(Double.init) })
        #expect(sav.numbers("steun").contains { $0 == nil })
        #expect(sav.valueLabels("steun") == [1: "Helemaal oneens", 3: "Neutraal", 5: "Helemaal eens"])
        #expect(sav.format("steun") == "F8.0")
        #expect(sav.measure("steun") == "ordinal")
    }

    @Test func singleIsNumberedWithOptionTextsAsValueLabels() async throws {
        let sav = try await reading()
        let order = ["fiets": 1.0, "auto": 2, "ov": 3, "lopen": 4]
        #expect(sav.numbers("vervoer") == answers("vervoer").map { $0.flatMap { order[$0] } })
        #expect(sav.valueLabels("vervoer") == [1: "Fiets", 2: "Auto", 3: "Openbaar vervoer", 4: "Te voet (één of twéé straten)"])
        #expect(sav.measure("vervoer") == "nominal")
        // Whole-number codes keep their numbers.
        #expect(sav.numbers("tevredenheid_wijk") == answers("tevredenheid-wijk").map { $0.flatMap(Double.init) })
        #expect(sav.valueLabels("tevredenheid_wijk") == [1: "Tevreden", 2: "Ontevreden", 9: "Weet niet"])
    }

    @Test func multiBecomesLabelledDummiesMissingWhenUnanswered() async throws {
        let sav = try await reading()
        for (code, name) in [("speeltuin", "voorzieningen_speeltuin"), ("bankjes", "voorzieningen_bankjes"), ("ij-baan", "voorzieningen_ij_baan")] {
            let expected: [Double?] = rows.map { row in row.answers["voorzieningen"].map { $0.contains(code) ? 1 : 0 } }
            #expect(sav.numbers(name) == expected, "\(name)")
            #expect(sav.valueLabels(name) == [0: "niet gekozen", 1: "gekozen"])
        }
        #expect(sav.numbers("voorzieningen_speeltuin")[4] == nil)
        #expect(sav.numbers("voorzieningen_speeltuin")[5] == 1)
    }

    @Test func yesNoIsOneForJaAndZeroForNee() async throws {
        let sav = try await reading()
        #expect(sav.numbers("hond") == answers("hond").map { $0.map { $0 == "ja" ? 1 : 0 } })
        #expect(sav.valueLabels("hond") == [1: "Ja", 0: "Nee"])
        #expect(sav.numbers("brug") == answers("brug").map { $0.map { _ in 1 } })
    }

    @Test func numbersKeepSignAndDecimals() async throws {
        let sav = try await reading()
        #expect(sav.numbers("temperatuur") == answers("temperatuur").map { $0.flatMap(Double.init) })
        #expect(sav.numbers("temperatuur").contains(-0.25))
        #expect(sav.format("temperatuur") == "F8.2")
        #expect(sav.measure("temperatuur") == "scale")
        #expect(sav.numbers("kinderen") == answers("kinderen").map { $0.flatMap(Double.init) })
        #expect(sav.format("kinderen") == "F8.0")
        #expect(sav.valueLabels("temperatuur").isEmpty)
    }

    @Test func datesAreSpssDates() async throws {
        let sav = try await reading()
        #expect(sav.format("verhuisd") == "DATE11")
        #expect(sav.strings("verhuisd") == answers("verhuisd"))
    }

    @Test func textKeepsDutchCharactersNewlinesAndVeryLongAnswers() async throws {
        let sav = try await reading()
        let texts = sav.strings("toelichting")
        #expect(texts == answers("toelichting").map { $0 ?? "" })
        #expect(texts.contains { $0?.contains("\n") == true })
        #expect(texts.contains(ExportFixtures.veryLongText))
        #expect(ExportFixtures.veryLongText.utf8.count > 600)
        #expect(sav.format("toelichting") == "A\(ExportFixtures.veryLongText.utf8.count)")
    }
}
