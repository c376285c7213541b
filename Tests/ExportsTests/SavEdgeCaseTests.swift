import Exports
import Surveys
import Testing

/// Files at the edges of the format, read back with pyreadstat: clashing and reserved names,
/// strings on and across the 255-byte segment boundary, the 32767-byte maximum, no cases at all.
@Suite struct SavEdgeCaseTests {
    private func row(_ number: Int, weight: Double? = nil, _ answers: [String: [String]]) -> ExportRow {
        ExportRow(respondent: number, wijk: "Oost", gender: "man", weight: weight, answers: answers)
    }

    @Test func clashingReservedAndOverlongNamesBecomeValidAndUnique() async throws {
        let longID = "welke_voorzieningen_zou_u_graag_in_het_nieuwe_park_zien_staan"
        let survey = SurveyDefinition(
            id: "t", kind: .enquete, title: "T",
            questions: [
                Question(id: "gender", text: "Vraag over gender", type: .yesno),
                Question(id: "to", text: "Vraag to", type: .number(NumberRule())),
                Question(
                    id: longID, text: "Welke voorzieningen?",
                    type: .multi(
                        options: [Option(code: "speeltoestel-a", text: "A"), Option(code: "speeltoestel-b", text: "B")], min: nil,
                        max: nil)),
            ])
        let sav = try await SavReader.read(ResponseExport.sav(survey, rows: [row(1, ["gender": ["ja"], "to": ["7"], longID: ["speeltoestel-b"]])]))
        let dummies = Array(sav.names.suffix(2))
        #expect(Array(sav.names.prefix(6)) == ["respondent", "wijk", "age_band", "gender", "gender_2", "v_to"])
        #expect(dummies == [String("\(longID)_speeltoestel_a".prefix(64)), String("\(longID)_speeltoestel_a".prefix(62)) + "_2"])
        #expect(sav.names.allSatisfy { $0.utf8.count <= 64 })
        #expect(sav.label("gender_2") == "Vraag over gender")
        #expect(sav.numbers("gender_2") == [1])
        #expect(sav.numbers("v_to") == [7])
        #expect(dummies.map { sav.numbers($0) } == [[0], [1]])
        #expect(dummies.map { sav.label($0) } == ["Welke voorzieningen?: A", "Welke voorzieningen?: B"])
    }

    @Test func stringsOnAndAcrossTheSegmentBoundaryRoundTrip() async throws {
        let texts = [
            String(repeating: "a", count: 255),
            String(repeating: "a", count: 254) + "é",  // 256 bytes: the second byte of é is in the next segment
            String(repeating: "é", count: 200),  // every segment boundary falls inside a character
            String(repeating: "ij", count: 300) + "\nEinde",
            "",
        ]
        let survey = SurveyDefinition(
            id: "t", kind: .enquete, title: "T", questions: [Question(id: "t", text: "T", type: .text(maxLength: 1000, multiline: true))])
        let rows = texts.enumerated().map { row($0.offset + 1, $0.element.isEmpty ? [:] : ["t": [$0.element]]) }
        let sav = try await SavReader.read(ResponseExport.sav(survey, rows: rows))
        #expect(sav.strings("t") == texts)
        #expect(sav.format("t") == "A606")
    }

    @Test func textBeyondTheSpssMaximumIsCutOnACharacterAt32767Bytes() async throws {
        let huge = String(repeating: "één ", count: 6_000)  // 42 000 bytes
        let survey = SurveyDefinition(
            id: "t", kind: .enquete, title: "T", questions: [Question(id: "t", text: "T", type: .text(maxLength: 50_000, multiline: true))])
        let sav = try await SavReader.read(ResponseExport.sav(survey, rows: [row(1, ["t": [huge]])]))
        let read = try #require(sav.strings("t").first ?? nil)
        #expect(read.utf8.count <= 32_767 && read.utf8.count >= 32_765)
        #expect(huge.hasPrefix(read))
    }

    @Test func longValueLabelsAreCutTo120BytesOnACharacter() async throws {
        let long = String(repeating: "Geheel één ", count: 15)
        let survey = SurveyDefinition(
            id: "t", kind: .enquete, title: "T",
            questions: [Question(id: "s", text: "S", type: .single(options: [Option(code: "x", text: LocalizedText(nl: long))]))])
        let sav = try await SavReader.read(ResponseExport.sav(survey, rows: [row(1, ["s": ["x"]])]))
        let label = try #require(sav.valueLabels("s")[1])
        #expect(long.hasPrefix(label))
        #expect(label.utf8.count <= 120 && label.utf8.count >= 117)
    }

    @Test func noRowsGiveADictionaryWithoutCases() async throws {
        let sav = try await SavReader.read(ResponseExport.sav(ExportFixtures.survey, rows: []))
        #expect(sav.rowCount == 0)
        #expect(sav.names.first == "respondent")
        #expect(!sav.names.contains("weight"))
        #expect(sav.valueLabels("steun") == [1: "Helemaal oneens", 3: "Neutraal", 5: "Helemaal eens"])
        #expect(sav.format("toelichting") == "A1")
    }

    @Test func unansweredQuestionsAreSystemMissingOrBlank() async throws {
        let sav = try await SavReader.read(ResponseExport.sav(ExportFixtures.survey, rows: [row(1, weight: 2, [:]), row(2, [:])]))
        #expect(sav.numbers("weight") == [2, nil])
        for name in ["steun", "vervoer", "tevredenheid_wijk", "voorzieningen_speeltuin", "hond", "temperatuur", "kinderen", "verhuisd"] {
            #expect(sav.numbers(name) == [nil, nil], "\(name)")
        }
        #expect(sav.strings("toelichting") == ["", ""])
        #expect(sav.strings("age_band") == ["", ""])
    }
}
