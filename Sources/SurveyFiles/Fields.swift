import Yams

/// A YAML mapping whose keys are plain names, looked up by name, keeping every key's node so
/// messages can point at it.
struct Fields {
    let node: Node
    let entries: [(name: String, key: Node, value: Node)]

    func value(_ name: String) -> Node? { entries.first { $0.name == name }?.value }

    func key(_ name: String) -> Node? { entries.first { $0.name == name }?.key }

    func has(_ name: String) -> Bool { entries.contains { $0.name == name } }
}

extension SurveyFileReader {
    /// The node as a mapping with name keys, or nil after reporting what was found instead.
    mutating func fields(of node: Node, expecting what: String) -> Fields? {
        guard case .mapping(let mapping) = node else {
            log.report("expected \(what), found \(node.kindDescription)", at: node)
            return nil
        }
        var entries: [(name: String, key: Node, value: Node)] = []
        for (key, value) in mapping {
            guard let name = key.scalarText else {
                log.report("expected a key name, found \(key.kindDescription)", at: key)
                continue
            }
            entries.append((name, key, value))
        }
        return Fields(node: node, entries: entries)
    }

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
