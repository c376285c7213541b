/// The buurtcoördinator's check of the criteria for a buurtinitiatief (seeds 002, §3.1.4).
public struct CriteriaCheck: Codable, Hashable, Sendable {
    /// Initiated by residents or non-professional local partners.
    public var residentsInitiated: Bool
    /// Testable draagvlak with several parties in the buurt, not one person.
    public var testableSupport: Bool
    /// Complementary: no other funding for the same thing, not against policy.
    public var complementary: Bool
    /// Own effort and reciprocity of the initiators.
    public var ownEffort: Bool
    /// Fits the wijk themes: recorded, never blocking.
    public var fitsWijkThemes: Bool
    /// Free text: what was checked, doubts ("in twijfelgevallen beslist het college").
    public var note: String

    public init(residentsInitiated: Bool, testableSupport: Bool, complementary: Bool, ownEffort: Bool, fitsWijkThemes: Bool, note: String) {
        self.residentsInitiated = residentsInitiated
        self.testableSupport = testableSupport
        self.complementary = complementary
        self.ownEffort = ownEffort
        self.fitsWijkThemes = fitsWijkThemes
        self.note = note
    }

    /// The criteria that block when unmet, named for a refusal message.
    public var unmet: [String] {
        var names: [String] = []
        if !residentsInitiated { names.append("geïnitieerd door bewoners of niet-professionele partners") }
        if !testableSupport { names.append("toetsbaar draagvlak bij meerdere partijen in de buurt") }
        if !complementary { names.append("aanvullend (geen andere financiering, niet strijdig met beleid)") }
        if !ownEffort { names.append("eigen inzet en wederkerigheid") }
        return names
    }
}
