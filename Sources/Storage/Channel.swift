/// How an invitation reached someone: a panel member's personal link, or a letter's code to an
/// address outside the panel. Results report the two apart: only the panel is weighted.
public enum Channel: String, Sendable, Hashable, CaseIterable, Codable {
    case panel
    case letter
}
