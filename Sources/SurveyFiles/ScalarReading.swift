import YAMLFiles
import Foundation
import Yams

extension SurveyFileReader {
    /// A non-empty piece of text from a scalar of any YAML type (`2026` and `yes` are text too).
    mutating func string(_ node: Node, expecting what: String) -> String? {
        guard let text = node.scalarText else {
            log.report("expected \(what), found \(node.kindDescription)", at: node)
            return nil
        }
        let trimmed = text.trimmingWhitespace
        guard !trimmed.isEmpty else {
            log.report("expected \(what), found an empty string", at: node)
            return nil
        }
        return trimmed
    }

    mutating func integer(_ node: Node, expecting what: String) -> Int? {
        guard let text = node.scalarText, let value = Int(text.trimmingWhitespace) else {
            log.report("expected \(what), found \(describe(node))", at: node)
            return nil
        }
        return value
    }

    /// A finite decimal number; YAML's `.inf`, `.nan` and hexadecimal forms are not bounds anyone means.
    mutating func number(_ node: Node, expecting what: String) -> Double? {
        guard let text = node.scalarText?.trimmingWhitespace, Self.isDecimal(text), let value = Double(text),
            value.isFinite
        else {
            log.report("expected \(what), found \(describe(node))", at: node)
            return nil
        }
        return value
    }

    /// Digits with an optional sign, decimal point and exponent, as YAML writes numbers.
    static func isDecimal(_ text: String) -> Bool {
        text.range(of: #"^[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?$"#, options: .regularExpression) != nil
    }

    mutating func boolean(_ node: Node, name: String) -> Bool? {
        guard let value = node.bool else {
            log.report("expected true or false for '\(name)', found \(describe(node))", at: node)
            return nil
        }
        return value
    }

    mutating func list(_ node: Node, expecting what: String) -> [Node]? {
        guard case .sequence(let sequence) = node else {
            log.report("expected \(what), found \(node.kindDescription)", at: node)
            return nil
        }
        return Array(sequence)
    }

    /// One of a fixed set of words, with a suggestion for near misses.
    /// `expecting` overrides how the wanted value is described when the node is not text at all.
    mutating func choice<Value: RawRepresentable & CaseIterable>(
        _ node: Node, of type: Value.Type, name: String, expecting: String? = nil
    ) -> Value? where Value.RawValue == String {
        let words = Value.allCases.map(\.rawValue)
        guard let text = string(node, expecting: expecting ?? "one of \(words.joinedAsAlternatives) for '\(name)'") else {
            return nil
        }
        if let value = Value(rawValue: text) { return value }
        let hint = KeySuggestion.closest(to: text, among: words).map { "did you mean '\($0)'?" }
        log.report("unknown \(name) '\(text)' (\(hint ?? "expected \(words.joinedAsAlternatives)"))", at: node)
        return nil
    }

    /// A scalar shown with its value ("'abc'"), anything else by its kind ("a list").
    func describe(_ node: Node) -> String {
        node.scalarText.map { "'\($0)'" } ?? node.kindDescription
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

extension Array where Element == String {
    /// "a, b or c", for listing the allowed words in a message.
    var joinedAsAlternatives: String {
        guard count > 1, let last else { return first ?? "" }
        return dropLast().joined(separator: ", ") + " or " + last
    }
}
