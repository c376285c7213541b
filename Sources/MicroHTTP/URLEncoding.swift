/// Why a URL, query string or form body could not be decoded. Carries where the problem is so the
/// 400 response can say it.
public enum URLDecodingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// `offset` counts bytes from the start of `field`'s raw text.
    case malformedPercentEscape(field: String, offset: Int)
    case invalidUTF8(field: String)
    case tooManyFields(limit: Int)
    case fieldTooLong(name: String, limit: Int)

    public var description: String {
        switch self {
        case .malformedPercentEscape(let field, let offset): "a malformed percent-escape in \(field) at byte \(offset + 1) ('%' must be followed by two hex digits)"
        case .invalidUTF8(let field): "invalid UTF-8 in \(field)"
        case .tooManyFields(let limit): "more than \(limit) fields"
        case .fieldTooLong(let name, let limit): "field '\(name)' is longer than \(limit) bytes"
        }
    }
}

/// Bounds on what a form or query may contain; the body size limit bounds the total already.
public struct FormLimits: Sendable {
    public var maxFields: Int
    public var maxNameBytes: Int
    public var maxValueBytes: Int

    public init(maxFields: Int = 500, maxNameBytes: Int = 256, maxValueBytes: Int = 32 * 1024) {
        self.maxFields = maxFields
        self.maxNameBytes = maxNameBytes
        self.maxValueBytes = maxValueBytes
    }

    public static let `default` = FormLimits()
}

public enum URLEncoding {
    /// Decodes `%XX` escapes (and `+` as a space when `plusAsSpace`) strictly: a `%` not followed by two
    /// hex digits, or bytes that are not UTF-8 once decoded, are errors rather than guesses.
    public static func percentDecode(_ bytes: some Collection<UInt8>, plusAsSpace: Bool, field: String) throws(URLDecodingError) -> String {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count)
        var iterator = Array(bytes)[...]
        var offset = 0
        while let byte = iterator.popFirst() {
            switch byte {
            case UInt8(ascii: "%"):
                guard iterator.count >= 2, let high = hexValue(iterator[iterator.startIndex]),
                    let low = hexValue(iterator[iterator.startIndex + 1])
                else { throw .malformedPercentEscape(field: field, offset: offset) }
                out.append(high << 4 | low)
                iterator = iterator.dropFirst(2)
                offset += 2
            case UInt8(ascii: "+") where plusAsSpace:
                out.append(UInt8(ascii: " "))
            default:
                out.append(byte)
            }
            offset += 1
        }
        guard let text = String(validating: out, as: UTF8.self) else { throw .invalidUTF8(field: field) }
        return text
    }

    /// Parses `application/x-www-form-urlencoded` data (a body or a query string) into names with all
    /// their values, in order; repeated names (checkboxes, multi-selects) keep every value.
    public static func decodeForm(_ bytes: some Collection<UInt8>, limits: FormLimits = .default) throws(URLDecodingError) -> [String: [String]] {
        var fields: [String: [String]] = [:]
        var count = 0
        for pair in Array(bytes).split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            count += 1
            guard count <= limits.maxFields else { throw .tooManyFields(limit: limits.maxFields) }
            let parts = pair.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            let rawName = parts[0]
            let rawValue = parts.count > 1 ? parts[1] : []
            let name = try percentDecode(rawName, plusAsSpace: true, field: "a field name")
            guard rawName.count <= limits.maxNameBytes else {
                throw .fieldTooLong(name: String(name.prefix(40)), limit: limits.maxNameBytes)
            }
            guard rawValue.count <= limits.maxValueBytes else { throw .fieldTooLong(name: name, limit: limits.maxValueBytes) }
            let value = try percentDecode(rawValue, plusAsSpace: true, field: "field '\(name)'")
            fields[name, default: []].append(value)
        }
        return fields
    }

    /// Escapes everything but RFC 3986's unreserved characters, for building query strings and links.
    public static func percentEncode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF")
                out += "%\(hex[Int(byte >> 4)])\(hex[Int(byte & 0xf)])"
            }
        }
        return out
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
