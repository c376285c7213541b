import Initiatives
import Spelling
import YAMLFiles
import Yams

extension RuleFileReader {
    /// The node as a mapping with name keys, or nil after reporting what was found instead.
    mutating func fields(of node: Node, expecting what: String) -> Fields? { Fields.of(node, expecting: what, log: &log) }

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
