/// The details of an audit entry: a flat object of names and plain values, written as canonical JSON
/// (keys sorted, no spaces) so the same details always give the same text and the same hash.
///
/// Never put residents' personal data here: the log cannot be corrected without breaking the chain.
public struct AuditDetails: Hashable, Sendable, ExpressibleByDictionaryLiteral {
    public enum Value: Hashable, Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral {
        case text(String)
        case number(Int64)
        case flag(Bool)

        public init(stringLiteral value: String) { self = .text(value) }
        public init(integerLiteral value: Int64) { self = .number(value) }
        public init(booleanLiteral value: Bool) { self = .flag(value) }
    }

    public private(set) var values: [String: Value]

    public init(_ values: [String: Value] = [:]) { self.values = values }

    public init(dictionaryLiteral elements: (String, Value)...) {
        self.values = Dictionary(elements, uniquingKeysWith: { _, last in last })
    }

    public subscript(name: String) -> Value? {
        get { values[name] }
        set { values[name] = newValue }
    }

    /// `{"amount":200000,"outcome":"approved"}`: keys in code-point order, minimal escaping.
    public var canonicalJSON: String {
        let members = values.keys.sorted { Array($0.unicodeScalars.map(\.value)).lexicographicallyPrecedes($1.unicodeScalars.map(\.value)) }
            .map { key -> String in
                let value: String
                switch values[key]! {
                case .text(let text): value = Self.quoted(text)
                case .number(let number): value = String(number)
                case .flag(let flag): value = flag ? "true" : "false"
                }
                return Self.quoted(key) + ":" + value
            }
        return "{" + members.joined(separator: ",") + "}"
    }

    /// A JSON string literal (RFC 8259): quote, backslash and control characters escaped, the rest as is.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
