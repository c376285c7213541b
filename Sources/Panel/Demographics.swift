/// Gender as members report it. Population figures only know `man` and `vrouw`; `onbekend` covers
/// "zeg ik liever niet" and a missing answer, so no one is forced to pick.
public enum Gender: String, Codable, Hashable, Sendable, CaseIterable {
    case man, vrouw, anders, onbekend

    /// Reads the spellings panel files use in practice (Dutch and English, abbreviations).
    init?(panelValue: String) {
        switch panelValue.trimmed.lowercased() {
        case "man", "m", "male": self = .man
        case "vrouw", "v", "f", "female": self = .vrouw
        case "anders", "x", "other": self = .anders
        case "", "onbekend", "zeg ik liever niet": self = .onbekend
        default: return nil
        }
    }
}

/// Adult age bands, the same ones the population table uses, so members can be weighted to them.
public enum AgeBand: String, Codable, Hashable, Sendable, CaseIterable {
    case from18to34 = "18-34"
    case from35to49 = "35-49"
    case from50to64 = "50-64"
    case from65 = "65+"

    /// The band of someone born in `birthYear`, counting age as the difference of the years (the
    /// panel only records the year). Nil under 18.
    public static func of(birthYear: Int, referenceYear: Int) -> AgeBand? {
        switch referenceYear - birthYear {
        case ..<18: nil
        case 18...34: .from18to34
        case 35...49: .from35to49
        case 50...64: .from50to64
        default: .from65
        }
    }

    /// The ages in the band; the open top band stops at an age a panel plausibly still includes.
    var ages: ClosedRange<Int> {
        switch self {
        case .from18to34: 18...34
        case .from35to49: 35...49
        case .from50to64: 50...64
        case .from65: 65...89
        }
    }
}
