import YAMLFiles
import Surveys
import Yams

extension SurveyFileReader {
    /// District and neighbourhood names are not checked against a list: they are the
    /// municipality's data, not the program's.
    mutating func readAudience(_ node: Node) -> Audience? {
        let expected = "a mapping {wijken: [...], buurten: [...]} for 'audience'"
        guard let fields = fields(of: node, expecting: expected) else { return nil }
        let known = ["wijken", "buurten"]
        rejectUnknownKeys(in: fields, known: known, place: "in 'audience'")
        let wijken = fields.value("wijken").flatMap { names($0, key: "wijken", singular: "wijk") }
        let buurten = fields.value("buurten").flatMap { names($0, key: "buurten", singular: "buurt") }
        return Audience(wijken: wijken ?? [], buurten: buurten ?? [])
    }

    private mutating func names(_ node: Node, key: String, singular: String) -> [String]? {
        guard let items = list(node, expecting: "a list of \(singular) names for '\(key)'") else { return nil }
        let names = items.map { string($0, expecting: "a \(singular) name") }
        return names.contains(nil) ? nil : names.compactMap { $0 }
    }
}
