import Yams

extension Node {
    /// What staff wrote, in words, for "expected …, found …" messages.
    public var kindDescription: String {
        switch self {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar:
            switch tagName {
            case .null: return "nothing"
            case .bool: return "true/false"
            case .int, .float: return "a number"
            case .timestamp: return "a date"
            default: return "a string"
            }
        }
    }

    /// The resolved tag's name (Yams keeps `Tag.name` internal).
    public var tagName: Tag.Name { Tag.Name(rawValue: tag.rawValue) }

    /// An empty value (`key:` with nothing after it, or `~`/`null`).
    public var isNull: Bool {
        guard case .scalar = self else { return false }
        return tagName == .null
    }

    /// The scalar's text as written, whatever type YAML would give it: `2026-12-01` stays that
    /// text rather than becoming a timestamp, and `4` stays "4".
    public var scalarText: String? {
        guard case .scalar(let scalar) = self, !isNull else { return nil }
        return scalar.string
    }

    /// A scalar shown with its value ("'abc'"), anything else by its kind ("a list").
    public var shown: String { scalarText.map { "'\($0)'" } ?? kindDescription }
}
