import Initiatives
import Spelling
import Yams

extension Node {
    /// What staff wrote, in words, for "expected …, found …" messages.
    var kindDescription: String {
        switch self {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar:
            switch Tag.Name(rawValue: tag.rawValue) {
            case .null: return "nothing"
            case .bool: return "true/false"
            case .int, .float: return "a number"
            default: return "a string"
            }
        }
    }

    var isNull: Bool {
        guard case .scalar = self else { return false }
        return Tag.Name(rawValue: tag.rawValue) == .null
    }

    /// The scalar's text as written, whatever type YAML would give it (`2021-01-01` stays text).
    var scalarText: String? {
        guard case .scalar(let scalar) = self, !isNull else { return nil }
        return scalar.string
    }

    /// A scalar shown with its value ("'abc'"), anything else by its kind ("a list").
    var shown: String { scalarText.map { "'\($0)'" } ?? kindDescription }
}

/// A YAML mapping with plain-name keys, keeping every key's node so messages can point at it.
struct Fields {
    let node: Node
    let entries: [(name: String, key: Node, value: Node)]

    func value(_ name: String) -> Node? { entries.first { $0.name == name }?.value }
}

extension RuleFileReader {
    /// The node as a mapping with name keys, or nil after reporting what was found instead.
    mutating func fields(of node: Node, expecting what: String) -> Fields? {
        guard case .mapping(let mapping) = node else {
            log.report("expected \(what), found \(node.kindDescription)", at: node)
            return nil
        }
        var entries: [(name: String, key: Node, value: Node)] = []
        for (key, value) in mapping {
            guard let name = key.scalarText else {
                log.report("expected a name as key, found \(key.kindDescription)", at: key)
                continue
            }
            entries.append((name, key, value))
        }
        return Fields(node: node, entries: entries)
    }

    /// Reports every key that is not one of `known`, suggesting the nearest one.
    mutating func rejectUnknownKeys(in fields: Fields, known: [String], place: String) {
        for entry in fields.entries where !known.contains(entry.name) {
            let hint = EditDistance.closest(to: entry.name, among: known).map { "; did you mean '\($0)'?" } ?? "; known keys: \(known.joined(separator: ", "))"
            log.report("unknown key '\(entry.name)' \(place)\(hint)", at: entry.key)
        }
    }

    /// The value of a required key, or nil after reporting that it is missing.
    mutating func require(_ name: String, in fields: Fields, owner: String) -> Node? {
        guard let value = fields.value(name), !value.isNull else {
            log.report("\(owner) has no '\(name)'", at: fields.value(name) ?? fields.node)
            return nil
        }
        return value
    }

    /// Non-empty text from any scalar.
    mutating func text(_ node: Node, name: String) -> String? {
        guard let text = node.scalarText?.trimmingWhitespace, !text.isEmpty else {
            log.report("expected text for '\(name)', found \(node.kindDescription)", at: node)
            return nil
        }
        return text
    }

    /// An amount in euros such as `2000` or `2000.01`, kept in cents.
    mutating func money(_ node: Node, name: String) -> Cents? {
        guard let text = node.scalarText, let amount = Cents(euros: text) else {
            log.report("expected an amount in euros such as 2000 or 2000.01 for '\(name)', found \(node.shown)", at: node)
            return nil
        }
        return amount
    }

    mutating func date(_ node: Node, name: String) -> CalendarDate? {
        guard let text = node.scalarText, let date = CalendarDate(text.trimmingWhitespace) else {
            log.report("expected a date YYYY-MM-DD for '\(name)', found \(node.shown)", at: node)
            return nil
        }
        return date
    }

    mutating func integer(_ node: Node, name: String) -> Int? {
        guard let text = node.scalarText, let value = Int(text.trimmingWhitespace) else {
            log.report("expected a whole number for '\(name)', found \(node.shown)", at: node)
            return nil
        }
        return value
    }

    /// A plain decimal number; YAML's `.inf`, `.nan` and hexadecimal forms are not shares anyone means.
    mutating func share(_ node: Node, name: String) -> Double? {
        guard let text = node.scalarText?.trimmingWhitespace, text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
              let value = Double(text)
        else {
            log.report("expected a share such as 0.5 for '\(name)', found \(node.shown)", at: node)
            return nil
        }
        return value
    }

    mutating func boolean(_ node: Node, name: String) -> Bool? {
        guard let value = node.bool else {
            log.report("expected true or false for '\(name)', found \(node.shown)", at: node)
            return nil
        }
        return value
    }

    /// A list of names; `[a, b]` or one per line.
    mutating func names(_ node: Node, name: String) -> [String]? {
        guard case .sequence(let sequence) = node else {
            log.report("expected a list of roles such as [buurtcoordinator] for '\(name)', found \(node.kindDescription)", at: node)
            return nil
        }
        var names: [String] = []
        for item in sequence {
            guard let text = item.scalarText?.trimmingWhitespace, !text.isEmpty else {
                log.report("expected a role name in '\(name)', found \(item.kindDescription)", at: item)
                return nil
            }
            names.append(text)
        }
        return names
    }
}

extension String {
    var trimmingWhitespace: String {
        var text = Substring(self)
        while let last = text.last, last.isWhitespace { text = text.dropLast() }
        while let first = text.first, first.isWhitespace { text = text.dropFirst() }
        return String(text)
    }
}
