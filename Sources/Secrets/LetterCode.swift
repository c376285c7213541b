/// The access code printed on a letter to a resident outside the panel, such as `K7QM-4XPD-9TRW-H3CN`:
/// typed from paper, so it avoids the characters people confuse (0/O, 1/I/L), is read in groups of
/// four, and is accepted in any case with or without dashes and spaces.
///
/// 16 symbols from 31 give 79 bits from the CSPRNG; 12 symbols (59 bits) would miss the 60 bits we
/// promise. Like ``SecretToken``, only the SHA-256 ``digest`` of the canonical form is ever stored.
public struct LetterCode: Sendable, Hashable, CustomStringConvertible {
    /// Digits 2–9 and the letters without I, L and O.
    public static let alphabet = Array("23456789ABCDEFGHJKMNPQRSTUVWXYZ")
    public static let symbolCount = 16
    public static let groupLength = 4
    /// Bounds what is even looked at when someone types a code: generous for spaces and dashes.
    public static let maxPresentedLength = 64

    /// The symbols without separators, upper case: what the digest is taken of.
    public let canonical: String

    /// Grouped for reading and printing: `K7QM-4XPD-9TRW-H3CN`.
    public var formatted: String {
        var groups: [String] = []
        var rest = Substring(canonical)
        while !rest.isEmpty {
            groups.append(String(rest.prefix(Self.groupLength)))
            rest = rest.dropFirst(Self.groupLength)
        }
        return groups.joined(separator: "-")
    }

    public var description: String { formatted }

    public var digest: [UInt8] { SHA256.digest(canonical) }

    public static func generate() throws(SecretsError) -> LetterCode {
        var symbols: [Character] = []
        for _ in 0..<symbolCount {
            symbols.append(alphabet[Int(try SecureRandom.uniform(below: UInt64(alphabet.count)))])
        }
        return LetterCode(canonical: String(symbols))
    }

    /// Reads a code as someone typed it: case is ignored, and so are spaces and dashes anywhere
    /// (also the non-breaking spaces and en dashes a copy from a PDF brings along). Nil for anything
    /// that cannot be a code; the caller says only that the code is not valid, never why.
    public init?(presented: some StringProtocol) {
        guard presented.utf8.count <= Self.maxPresentedLength else { return nil }
        var symbols: [Character] = []
        for character in presented.uppercased() {
            if character.isWhitespace || character == "-" || character == "\u{2010}" || character == "\u{2013}" { continue }
            guard Self.alphabet.contains(character) else { return nil }
            symbols.append(character)
        }
        guard symbols.count == Self.symbolCount else { return nil }
        canonical = String(symbols)
    }

    private init(canonical: String) { self.canonical = canonical }
}
