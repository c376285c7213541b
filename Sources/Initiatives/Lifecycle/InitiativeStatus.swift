/// Where an initiative stands (SPEC §6). Raw values are the Dutch names used in the API, the audit log
/// and on screen.
public enum InitiativeStatus: String, CaseIterable, Codable, Sendable {
    case ingediend
    case inBehandeling = "in_behandeling"
    case buurttoetsing
    case besluitvorming
    case goedgekeurd
    case afgewezen
    case teruggetrokken
    case inUitvoering = "in_uitvoering"
    case verantwoord
    case afgesloten

    /// No transition leaves these.
    public var isFinal: Bool { self == .afgewezen || self == .teruggetrokken || self == .afgesloten }

    /// Whether money is committed to the initiative in this state.
    public var holdsCommitment: Bool { self == .goedgekeurd || self == .inUitvoering }

    /// How residents read the state.
    public var label: String {
        switch self {
        case .ingediend: "Ingediend"
        case .inBehandeling: "In behandeling bij de buurtcoördinator"
        case .buurttoetsing: "Buurttoetsing: de buurt geeft haar mening"
        case .besluitvorming: "Besluitvorming"
        case .goedgekeurd: "Goedgekeurd"
        case .afgewezen: "Afgewezen"
        case .teruggetrokken: "Teruggetrokken"
        case .inUitvoering: "In uitvoering"
        case .verantwoord: "Verantwoord"
        case .afgesloten: "Afgesloten"
        }
    }

    /// What happens next, in one sentence for the initiative owner.
    public var nextStep: String {
        switch self {
        case .ingediend: "De buurtcoördinator van uw wijk neemt contact met u op en bekijkt of het initiatief aan de criteria voldoet."
        case .inBehandeling: "De buurtcoördinator toetst de criteria en start zo nodig een buurttoetsing."
        case .buurttoetsing: "Bewoners uit de buurt geven hun mening. Daarna gaat het initiatief naar wie erover beslist."
        case .besluitvorming: "Wie volgens de mandaatregels beslist, neemt een besluit met motivering."
        case .goedgekeurd: "De buurtdeal is vastgelegd en het geld is gereserveerd. Daarna start de uitvoering."
        case .afgewezen: "Het besluit en de motivering staan hieronder."
        case .teruggetrokken: "Het initiatief is teruggetrokken; gereserveerd geld is vrijgegeven."
        case .inUitvoering: "Na afloop legt u verantwoording af over de werkelijke kosten en koppelt u terug aan de buurt."
        case .verantwoord: "De kosten zijn verantwoord en de buurt is geïnformeerd. De buurtcoördinator sluit het dossier."
        case .afgesloten: "Het dossier is gesloten."
        }
    }
}
