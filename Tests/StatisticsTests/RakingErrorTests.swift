import Testing
import Statistics

/// The samples R's rake() refuses, refused the same way, with what the report must say.
@Suite struct RakingErrorTests {
    let margins = [
        Margin(variable: "wijk", totals: ["Noord": 4000, "Zuid": 6000]),
        Margin(variable: "gender", totals: ["man": 4900, "vrouw": 5100]),
    ]

    @Test func aPopulatedCategoryWithoutRespondentsNamesVariableCategoryAndTotal() throws {
        let respondents = [
            Respondent(supports: true, categories: ["wijk": "Noord", "gender": "man"]),
            Respondent(supports: false, categories: ["wijk": "Noord", "gender": "vrouw"]),
        ]
        let error = RakingError.emptyCategory(variable: "wijk", category: "Zuid", populationTotal: 6000)
        #expect(throws: error) { try Rake.weights(respondents, margins: margins) }
        #expect(throws: error) { try SupportEstimate.weighted(respondents, margins: margins) }
        #expect(error.description == "cannot weight: no respondents in wijk = Zuid (population 6000)")
    }

    @Test func aRespondentWithoutAMarginVariable() {
        let respondents = [
            Respondent(supports: true, categories: ["wijk": "Noord", "gender": "man"]),
            Respondent(supports: true, categories: ["wijk": "Zuid"]),
        ]
        #expect(throws: RakingError.missingCategory(respondent: 1, variable: "gender")) {
            try Rake.weights(respondents, margins: margins)
        }
    }

    @Test func aRespondentInACategoryTheMarginDoesNotKnowOrGivesNoPopulation() {
        let unknown = [
            Respondent(supports: true, categories: ["wijk": "Noord", "gender": "man"]),
            Respondent(supports: true, categories: ["wijk": "Oost", "gender": "vrouw"]),
        ]
        #expect(throws: RakingError.unknownCategory(respondent: 1, variable: "wijk", category: "Oost")) {
            try Rake.weights(unknown, margins: margins)
        }
        let zero = [Margin(variable: "wijk", totals: ["Noord": 4000, "Oost": 0])]
        #expect(throws: RakingError.unknownCategory(respondent: 1, variable: "wijk", category: "Oost")) {
            try Rake.weights(unknown, margins: zero)
        }
    }

    @Test func missingValuesAreFoundBeforeUnknownOrEmptyCategoriesAsInR() {
        let respondents = [
            Respondent(supports: true, categories: ["wijk": "Oost", "gender": "man"]),
            Respondent(supports: true, categories: ["wijk": "Noord"]),
        ]
        #expect(throws: RakingError.missingCategory(respondent: 1, variable: "gender")) {
            try Rake.weights(respondents, margins: margins)
        }
    }

    @Test func descriptionsCountRespondentsFromOne() {
        #expect(
            RakingError.missingCategory(respondent: 0, variable: "gender").description
                == "cannot weight: respondent 1 has no gender")
        #expect(
            RakingError.unknownCategory(respondent: 4, variable: "wijk", category: "Oost").description
                == "cannot weight: respondent 5 has wijk = Oost, which has no population total")
        #expect(
            RakingError.emptyCategory(variable: "age_band", category: "65+", populationTotal: 1234.5).description
                == "cannot weight: no respondents in age_band = 65+ (population 1234.5)")
    }
}
