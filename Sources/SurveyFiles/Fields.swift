import YAMLFiles
import Yams

extension SurveyFileReader {
    /// The node as a mapping with name keys, or nil after reporting what was found instead.
    mutating func fields(of node: Node, expecting what: String) -> Fields? { Fields.of(node, expecting: what, log: &log) }

    /// Reports every key that is not one of `known`, suggesting the nearest known key.
    /// `place` (e.g. "in question 'steun'") is added when the key is not at the top level.
    mutating func rejectUnknownKeys(in fields: Fields, known: [String], place: String? = nil) {
        for entry in fields.entries where !known.contains(entry.name) {
            let whereabouts = place.map { " \($0)" } ?? ""
            let hint = KeySuggestion.hint(for: entry.name, among: known)
            log.report("unknown key '\(entry.name)'\(whereabouts)\(hint)", at: entry.key)
        }
    }

    /// Reports a missing required key at the mapping that lacks it.
    mutating func require(_ name: String, in fields: Fields, owner: String) -> Node? {
        guard let value = fields.value(name) else {
            log.report("\(owner) has no '\(name)'", at: fields.node)
            return nil
        }
        return value
    }
}
