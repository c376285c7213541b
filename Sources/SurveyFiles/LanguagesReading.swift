import YAMLFiles
import Surveys
import Yams

extension SurveyFileReader {
    /// `languages: [nl, en]`: the languages respondents can choose, so every text must exist in each.
    /// Dutch is the municipality's language and the one a plain string is in, so it is always listed.
    mutating func readLanguages(_ node: Node) -> [Language]? {
        guard let items = list(node, expecting: "a list of languages such as [nl, en] for 'languages'") else {
            return nil
        }
        var listed: [Language] = []
        for item in items {
            guard let code = string(item, expecting: "a language code (nl or en)") else { continue }
            guard let language = Language(rawValue: code) else {
                log.report("unknown language '\(code)' in 'languages' (only 'nl' and 'en' are supported)", at: item)
                continue
            }
            if listed.contains(language) {
                log.report("'\(code)' is listed twice in 'languages'", at: item)
                continue
            }
            listed.append(language)
        }
        if !listed.contains(.nl) {
            log.report("'languages' must include nl, the language every survey is written in", at: node)
        }
        // In a fixed order, so the definition (and its version hash) does not depend on how it was listed.
        return Language.allCases.filter { listed.contains($0) || $0 == .nl }
    }
}
