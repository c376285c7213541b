/// A household that gets a letter instead of an e-mail: a resident outside the panel, reached for a
/// buurttoetsing of one street or buurt. Only the command that prints the letters sees the address;
/// the database keeps the ``key``'s digest and the wijk and buurt.
public struct LetterAddress: Hashable, Sendable {
    public var straat: String
    /// The house number, without leading zeros.
    public var huisnummer: Int
    /// A letter or number after the house number ("a", "2", "bis"); empty when there is none.
    public var toevoeging: String
    /// Normalised as "1234 AB".
    public var postcode: String
    public var woonplaats: String
    /// Canonical, as the gemeente spells them; nil when neither the file nor the caller knows.
    public var wijk: String?
    public var buurt: String?

    public init(straat: String, huisnummer: Int, toevoeging: String = "", postcode: String, woonplaats: String,
                wijk: String? = nil, buurt: String? = nil) {
        self.straat = straat
        self.huisnummer = huisnummer
        self.toevoeging = toevoeging
        self.postcode = postcode
        self.woonplaats = woonplaats
        self.wijk = wijk
        self.buurt = buurt
    }

    /// What makes two lines the same address: a Dutch postcode with house number and addition
    /// identifies one address, whatever the street is called or abbreviated ("Geraniumstr.").
    /// Upper case, without spaces or punctuation: "1215AB|12|A".
    public var key: String {
        let addition = String(String.UnicodeScalarView(toevoeging.uppercased().unicodeScalars.filter(\.isASCIIAlphanumeric)))
        return "\(postcode.filter { $0 != " " })|\(huisnummer)|\(addition)"
    }

    /// The first address line as a letter shows it: "Geraniumstraat 12 a".
    public var streetLine: String {
        toevoeging.isEmpty ? "\(straat) \(huisnummer)" : "\(straat) \(huisnummer) \(toevoeging)"
    }

    /// "1215 AB  HILVERSUM", as PostNL asks the last line of a Dutch address to be written.
    public var postcodeLine: String { "\(postcode)  \(woonplaats.uppercased())" }
}
