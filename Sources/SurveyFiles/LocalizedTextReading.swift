import YAMLFiles
import Surveys
import Yams

extension SurveyFileReader {
    /// Text residents see: a plain string is Dutch; a map `{nl: …, en: …}` adds English, which is
    /// required when the survey declares `languages: [nl, en]`.
    /// `name` says whose text it is in messages, e.g. "'title'" or "the text of question 'steun'".
    mutating func localizedText(_ node: Node, name: String) -> LocalizedText? {
        if case .scalar = node {
            guard let dutch = string(node, expecting: "a text for \(name)") else { return nil }
            requireTranslations(of: name, given: [.nl], at: node)
            return LocalizedText(nl: dutch)
        }
        let expected = "a text or a map {nl: …, en: …} for \(name)"
        guard case .mapping = node else {
            log.report("expected \(expected), found \(node.kindDescription)", at: node)
            return nil
        }
        guard let fields = fields(of: node, expecting: expected) else { return nil }
        let languages = Language.allCases.map(\.rawValue)
        for entry in fields.entries where !languages.contains(entry.name) {
            log.report(
                "unknown language '\(entry.name)' in \(name) (only 'nl' and 'en' are supported)", at: entry.key)
        }
        let english = fields.value("en").flatMap { string($0, expecting: "an English text for \(name)") }
        requireTranslations(of: name, given: Language.allCases.filter { fields.has($0.rawValue) }, at: node)
        guard let dutchNode = fields.value("nl") else {
            log.report("\(name) has no Dutch text under 'nl'", at: node)
            return nil
        }
        return string(dutchNode, expecting: "a Dutch text for \(name)").map { LocalizedText(nl: $0, en: english) }
    }

    /// Dutch is checked by the reading itself; only translations the survey promises are checked here.
    private mutating func requireTranslations(of name: String, given: [Language], at node: Node) {
        let declared = languages.map(\.rawValue).joined(separator: ", ")
        for language in languages where language != .nl && !given.contains(language) {
            log.report(
                "missing \(language.englishName) translation of \(name) (the survey declares languages: [\(declared)])",
                at: node)
        }
    }
}

extension Language {
    /// The language's name in messages to staff.
    var englishName: String {
        switch self {
        case .nl: "Dutch"
        case .en: "English"
        }
    }
}
