import Surveys
import Testing

@testable import Exports

/// SPSS variable names: valid, unique case-insensitively, and short names for every segment.
@Suite struct SavNamingTests {
    @Test(arguments: [
        ("steun", "steun"), ("tevredenheid-wijk", "tevredenheid_wijk"), ("voorzieningen_ij-baan", "voorzieningen_ij_baan"),
        ("1e_keus", "v1e_keus"), ("_x", "v_x"), ("to", "v_to"), ("WITH", "v_WITH"), ("café", "caf_"), ("a.", "a_"), ("", "v"),
    ])
    func namesAreMadeValid(_ base: String, _ name: String) {
        #expect(SpssName.valid(base) == name)
    }

    @Test func namesAreAtMost64BytesAndUniqueIgnoringCase() {
        let long = "q" + String(repeating: "x", count: 70)
        let names = SpssName.unique(["Steun", "steun", "STEUN", long, long, "steun_2"])
        #expect(names[0] == "Steun")
        #expect(names[1] == "steun_2")
        #expect(names[2] == "STEUN_3")
        #expect(names[3] == String(long.prefix(64)))
        #expect(names[4] == String(long.prefix(62)) + "_2")
        #expect(names[5] == "steun_2_2")
        #expect(names.allSatisfy { $0.utf8.count <= 64 })
        #expect(Set(names.map { $0.uppercased() }).count == names.count)
    }

    @Test func shortNamesAreEightBytesUniqueAndCoverEverySegment() {
        let names = ["voorzieningen_speeltuin", "voorzieningen_bankjes", "toelichting", "respondent"]
        let short = SpssName.shortNames(for: names, segmentCounts: [1, 1, 3, 1])
        #expect(short == [["VOORZIEN"], ["VOORZI_2"], ["TOELICHT", "TOELI1", "TOELI2"], ["RESPONDE"]])
        let all = short.flatMap { $0 }
        #expect(all.allSatisfy { $0.utf8.count <= 8 })
        #expect(Set(all).count == all.count)
    }
}

/// Dates, segments of long strings and the other small rules of the format.
@Suite struct SavFormatRuleTests {
    @Test func datesCountSecondsSinceTheGregorianCalendarBegan() {
        #expect(SpssDate.seconds(iso: "1582-10-14") == 0)
        #expect(SpssDate.seconds(iso: "1582-10-15") == 86_400)
        // The value SPSS, PSPP and ReadStat use for the Unix epoch.
        #expect(SpssDate.seconds(iso: "1970-01-01") == 12_219_379_200)
        // 19 782 days after 1970-01-01.
        #expect(SpssDate.seconds(iso: "2024-02-29") == 13_928_544_000)
        for invalid in ["2023-02-29", "2026-13-01", "26-1-1", "2026-1-01", "", "abcd-ef-gh"] {
            #expect(SpssDate.seconds(iso: invalid) == nil, "\(invalid)")
        }
    }

    @Test(arguments: [
        (1, [1]), (8, [8]), (255, [255]), (256, [255, 4]), (504, [255, 252]), (505, [255, 255, 1]), (600, [255, 255, 96]),
        (20_000, Array(repeating: 255, count: 79) + [92]),
    ])
    func veryLongStringsAreSplitAsThePSPPDocumentationSays(_ width: Int, _ segments: [Int]) {
        #expect(SavLayout.segments(of: .string(width: width)).map(\.width) == segments)
    }

    @Test func layoutCountsEightByteSlots() {
        func variable(_ type: SavType) -> SavVariable {
            SavVariable(name: "v", label: nil, type: type, format: .date, measure: .scale, valueLabels: [])
        }
        let layout = SavLayout([variable(.numeric), variable(.string(width: 9)), variable(.string(width: 600)), variable(.numeric)])
        #expect(layout.dictionaryIndexes == [1, 2, 4, 80])
        #expect(layout.caseSlots == 80)
    }

    @Test func utf8PrefixNeverSplitsACharacter() {
        #expect("één".utf8Prefix(maxBytes: 1) == [])
        #expect("één".utf8Prefix(maxBytes: 2) == Array("é".utf8))
        #expect("één".utf8Prefix(maxBytes: 3) == Array("é".utf8))
        #expect("één".utf8Prefix(maxBytes: 4) == Array("éé".utf8))
        #expect("abc".utf8Prefix(maxBytes: 10) == Array("abc".utf8))
    }

    @Test func wholeNumberOptionCodesKeepTheirNumbers() {
        let kept = OptionNumbering([.init(code: "1", text: "a"), .init(code: "2", text: "b"), .init(code: "9", text: "c")])
        #expect(["1", "2", "9", "3"].map(kept.number) == [1, 2, 9, nil])
        let counted = OptionNumbering([.init(code: "ja", text: "a"), .init(code: "7", text: "b")])
        #expect(["ja", "7"].map(counted.number) == [1, 2])
        // "01" is not written as the number 1 would be, so the codes are counted instead.
        let padded = OptionNumbering([.init(code: "01", text: "a"), .init(code: "02", text: "b")])
        #expect(["01", "02"].map(padded.number) == [1, 2])
    }

    @Test func formatsEncodeTypeWidthAndDecimals() {
        #expect(SpssFormat.number(integerDigits: 1, decimals: 0, negative: false).encoded == 0x05_08_00)
        #expect(SpssFormat.number(integerDigits: 3, decimals: 2, negative: true).encoded == 0x05_08_02)
        #expect(SpssFormat.number(integerDigits: 12, decimals: 4, negative: true).encoded == 0x05_12_04)
        #expect(SpssFormat.date.encoded == 0x14_0B_00)
        #expect(SpssFormat.string(width: 600).encoded == 0x01_FF_00)
    }

    @Test func dummyLabelsShortenTheQuestionNotTheOption() {
        let question = String(repeating: "Welke voorzieningen mist u in uw buurt? ", count: 8)
        let label = SavColumnCoding.dummyLabel(question, "Speeltuin")
        #expect(label.utf8.count <= 255)
        #expect(label.hasSuffix("…: Speeltuin"))
        #expect(SavColumnCoding.dummyLabel("Kort?", "Ja") == "Kort?: Ja")
    }
}
