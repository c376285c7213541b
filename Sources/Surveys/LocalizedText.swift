/// User-facing text in Dutch, optionally with an English translation. A survey file writes a plain
/// string for Dutch only, or a map `{nl: …, en: …}`.
public struct LocalizedText: Codable, Hashable, Sendable, ExpressibleByStringLiteral {
    public var nl: String
    public var en: String?

    public init(nl: String, en: String? = nil) {
        self.nl = nl
        self.en = en
    }

    public init(stringLiteral value: String) { self.init(nl: value) }

    /// The text in `language`, falling back to Dutch, the municipality's official language.
    public func text(in language: Language) -> String {
        switch language {
        case .nl: nl
        case .en: en ?? nl
        }
    }
}

public enum Language: String, Codable, Hashable, Sendable, CaseIterable {
    case nl, en
}
