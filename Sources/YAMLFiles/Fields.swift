import Yams

/// A YAML mapping whose keys are plain names, looked up by name, keeping every key's node so
/// messages can point at it.
public struct Fields {
    public let node: Node
    public let entries: [(name: String, key: Node, value: Node)]

    public func value(_ name: String) -> Node? { entries.first { $0.name == name }?.value }

    public func key(_ name: String) -> Node? { entries.first { $0.name == name }?.key }

    public func has(_ name: String) -> Bool { entries.contains { $0.name == name } }

    /// The node as a mapping with name keys, or nil after reporting to `log` what was found instead.
    public static func of(_ node: Node, expecting what: String, log: inout IssueLog) -> Fields? {
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
}
