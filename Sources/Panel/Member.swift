/// A panel member (*panellid*): only what invitations, audiences and weighting need.
public struct Member: Codable, Hashable, Sendable, Identifiable {
    /// The member_id from the panel file: 1–64 characters of `[A-Za-z0-9_.-]`.
    public var id: String
    public var email: String
    /// Canonical wijk name, as the Gemeente spells it.
    public var wijk: String
    public var buurt: String?
    /// Normalised as "1234 AB".
    public var postcode: String?
    public var birthYear: Int?
    public var ageBand: AgeBand?
    public var gender: Gender
    /// "nl" or "en".
    public var language: String
    /// False once the member has left the panel; kept so past answers stay attributable to a wijk.
    public var active: Bool

    public init(
        id: String,
        email: String,
        wijk: String,
        buurt: String? = nil,
        postcode: String? = nil,
        birthYear: Int? = nil,
        ageBand: AgeBand? = nil,
        gender: Gender = .onbekend,
        language: String = "nl",
        active: Bool = true
    ) {
        self.id = id
        self.email = email
        self.wijk = wijk
        self.buurt = buurt
        self.postcode = postcode
        self.birthYear = birthYear
        self.ageBand = ageBand
        self.gender = gender
        self.language = language
        self.active = active
    }
}
