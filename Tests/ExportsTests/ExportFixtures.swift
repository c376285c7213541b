import Exports
import Surveys

/// A survey with every question type, Dutch texts with diacritics, and ~50 deterministic rows that
/// exercise missing answers, negative and fractional numbers, multi-line and very long text.
enum ExportFixtures {
    /// 300 bytes of Dutch, so the variable label must be cut on a character boundary at 255.
    static let longQuestionText = String(repeating: "Hoe beoordeelt u de brug over de vijver? ", count: 6) + "Één, twéé, drieëntwintig?"

    static let survey = SurveyDefinition(
        id: "speeltuin-geraniumstraat", kind: .buurttoetsing, title: "Nieuwe speeltuin aan de Geraniumstraat — één ijsbaan en meer groen in de wijk",
        questions: [
            Question(
                id: "steun", text: "Steunt u dit initiatief?",
                type: .scale(Scale(min: 1, max: 5, labels: [1: "Helemaal oneens", 3: "Neutraal", 5: "Helemaal eens"]))),
            Question(
                id: "vervoer", text: "Hoe komt u meestal naar het park?",
                type: .single(options: [
                    Option(code: "fiets", text: "Fiets"), Option(code: "auto", text: "Auto"),
                    Option(code: "ov", text: "Openbaar vervoer"), Option(code: "lopen", text: "Te voet (één of twéé straten)"),
                ])),
            Question(
                id: "tevredenheid-wijk", text: "Bent u tevreden over uw wijk?",
                type: .single(options: [
                    Option(code: "1", text: "Tevreden"), Option(code: "2", text: "Ontevreden"), Option(code: "9", text: "Weet niet"),
                ])),
            Question(
                id: "voorzieningen", text: "Welke voorzieningen mist u?",
                type: .multi(
                    options: [
                        Option(code: "speeltuin", text: "Speeltuin"), Option(code: "bankjes", text: "Bankjes, prullenbakken"),
                        Option(code: "ij-baan", text: "IJsbaan in de winter"),
                    ], min: nil, max: nil)),
            Question(id: "hond", text: "Heeft u een hond?", type: .yesno),
            Question(id: "temperatuur", text: "Bij welke temperatuur gaat u naar buiten?", type: .number(NumberRule(min: -20, max: 40))),
            Question(id: "kinderen", text: "Hoeveel kinderen wonen er in uw huishouden?", type: .number(NumberRule(min: 0, integer: true))),
            Question(id: "verhuisd", text: "Wanneer bent u hier komen wonen?", type: .date(DateRule())),
            Question(id: "toelichting", text: "Wilt u uw antwoord toelichten?", type: .text(maxLength: 2000, multiline: true)),
            Question(id: "brug", text: LocalizedText(nl: longQuestionText), type: .yesno),
        ])

    static let wijken = ["Centrum", "Oost", "Hilversumse Meent", "Kerkelanden"]
    static let ageBands: [String?] = ["18-34", "35-49", "50-64", "65+", nil]
    static let transport = ["fiets", "auto", "ov", "lopen"]
    static let texts = [
        "Prima idee, één ijsbaan erbij!",
        "Het café op de hoek is \"gezellig\", maar te druk.\nTweede regel: geen probleem.",
        "=HYPERLINK(\"http://example.org\")",
        "Geïnteresseerd; reeën in het bos, ijzig koud",
        "-2 is geen getal hier",
    ]
    /// Over 255 bytes, with two-byte characters around the 255-byte segment boundaries.
    static let veryLongText = String(repeating: "Zeeën en ijsvlakte, één café. ", count: 22) + "Einde."

    static let rows: [ExportRow] = (1...50).map(row)

    static func row(_ number: Int) -> ExportRow {
        var answers: [String: [String]] = [:]
        if number % 7 != 0 { answers["steun"] = [String(number % 5 + 1)] }
        if number % 6 != 1 { answers["vervoer"] = [transport[number % 4]] }
        answers["tevredenheid-wijk"] = [["1", "2", "9"][number % 3]]
        if number % 5 != 0 {
            let chosen = [("speeltuin", number % 2 == 0), ("bankjes", number % 3 == 0), ("ij-baan", number % 4 == 1)]
            answers["voorzieningen"] = chosen.filter(\.1).map(\.0)
            if answers["voorzieningen"] == [] { answers["voorzieningen"] = ["bankjes"] }
        }
        if number % 4 != 3 { answers["hond"] = [number % 2 == 0 ? "ja" : "nee"] }
        if number % 8 != 2 { answers["temperatuur"] = [["-3", "2.5", "21", "-0.25", "18"][number % 5]] }
        if number % 9 != 4 { answers["kinderen"] = [String(number % 4)] }
        if number % 10 != 6 { answers["verhuisd"] = ["\(1960 + number)-\(pad(number % 12 + 1))-\(pad(number % 28 + 1))"] }
        if number % 3 == 0 { answers["toelichting"] = [number == 12 ? veryLongText : texts[number % texts.count]] }
        if number % 2 == 1 { answers["brug"] = ["ja"] }
        return ExportRow(
            respondent: number, wijk: wijken[number % wijken.count], ageBand: ageBands[number % ageBands.count],
            gender: number % 2 == 0 ? "vrouw" : "man", weight: number == 50 ? nil : 0.5 + Double(number) / 37,
            answers: answers)
    }

    private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
