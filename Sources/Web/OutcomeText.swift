import Statistics
import Surveys

/// A survey's key outcome in plain words, for the people who took part: how many answered, the
/// share that supports with its margin, and what that means against the threshold. Percentages are
/// whole numbers: the margin makes tenths meaningless to a reader.
enum OutcomeText {
    static func sentences(_ report: ResultsReport, _ language: Language) -> [String] {
        let en = language == .en
        var lines = [
            en ? "\(report.responded) of the \(report.invited) panel members invited answered the survey."
                : "\(report.responded) van de \(report.invited) uitgenodigde panelleden vulden de vragenlijst in."
        ]
        guard let draagvlak = report.draagvlak else { return lines }
        guard let share = draagvlak.supportShare, let interval = draagvlak.ci95 else {
            lines.append(en ? "Nobody answered the question about support." : "Niemand beantwoordde de vraag over steun.")
            return lines
        }
        let weighting = weightedBy(draagvlak, language)
        lines.append(en
            ? "Of the \(draagvlak.n) people who answered the question about support, \(percent(share)) are in favour\(weighting). With 95% certainty, support lies between \(percent(interval[0])) and \(percent(interval[1]))."
            : "Van de \(draagvlak.n) mensen die de vraag over steun beantwoordden, is \(percent(share)) voor\(weighting). Met 95% zekerheid ligt de steun tussen \(percent(interval[0])) en \(percent(interval[1])).")
        let threshold = percent(draagvlak.threshold)
        let verdict: String =
            switch (draagvlak.verdict, en) {
            case (.teWeinigRespons, false): "Dat zijn te weinig antwoorden voor een oordeel over het draagvlak: daarvoor zijn er minstens \(draagvlak.minN) nodig."
            case (.teWeinigRespons, true): "That is too few answers to judge the support: at least \(draagvlak.minN) are needed."
            case (.voldoende, false): "Dat is voldoende draagvlak: ook de laagste waarde ligt boven de grens van \(threshold)."
            case (.voldoende, true): "That is enough support: even the lowest value is above the threshold of \(threshold)."
            case (.onvoldoende, false): "Dat is onvoldoende draagvlak: ook de hoogste waarde ligt onder de grens van \(threshold)."
            case (.onvoldoende, true): "That is not enough support: even the highest value is below the threshold of \(threshold)."
            case (.onbeslist, false): "Of er genoeg draagvlak is, is niet met zekerheid te zeggen: de grens van \(threshold) ligt binnen deze marge."
            case (.onbeslist, true): "Whether there is enough support cannot be said with certainty: the threshold of \(threshold) lies within this margin."
            }
        lines.append(verdict)
        return lines
    }

    /// "58%" from 0.582.
    static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }

    /// " (weighted by district, age and gender, …)" when weighting applied, else nothing.
    private static func weightedBy(_ draagvlak: ResultsReport.Draagvlak, _ language: Language) -> String {
        guard draagvlak.weighted, let variables = draagvlak.weighting.variables, !variables.isEmpty else { return "" }
        let en = language == .en
        let names = variables.map { variable in
            switch variable {
            case "wijk": en ? "district" : "wijk"
            case "buurt": en ? "neighbourhood" : "buurt"
            case "age_band": en ? "age" : "leeftijd"
            case "gender": en ? "gender" : "geslacht"
            default: variable
            }
        }
        let list = names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + (en ? " and " : " en ") + names.last!
        return en ? " (weighted by \(list), so the answers reflect all residents)" : " (gewogen naar \(list), zodat de antwoorden alle inwoners weerspiegelen)"
    }
}
