/// One respondent's row of an export: anonymous by construction. It carries a running number
/// instead of any id, the categories results are weighted and broken down by, and the stored
/// answers, so nothing in an export can be joined back to a panel member.
public struct ExportRow: Hashable, Sendable {
    /// 1…n in export order: a running number, never a member, invitation or response id.
    public var respondent: Int
    public var wijk: String
    /// Nil when the panel does not know the respondent's age.
    public var ageBand: String?
    public var gender: String
    /// The raking weight, nil when the results were not weighted (or not for this respondent).
    public var weight: Double?
    /// How the respondent was invited: `panel`, or `letter` for a resident outside the panel, whose
    /// answers are not weighted and not part of the panel's figures.
    public var channel: String
    /// The stored values per question id, as ``Surveys/Answers`` keeps them: an option code, a
    /// scale point, `ja`/`nee`, canonical decimal text, `YYYY-MM-DD` or the text typed.
    public var answers: [String: [String]]

    public init(
        respondent: Int, wijk: String, ageBand: String? = nil, gender: String, weight: Double? = nil, channel: String = "panel",
        answers: [String: [String]]
    ) {
        self.channel = channel
        self.respondent = respondent
        self.wijk = wijk
        self.ageBand = ageBand
        self.gender = gender
        self.weight = weight
        self.answers = answers
    }

    /// The stored values of one question; empty when it was not answered (or was hidden).
    func values(of questionID: String) -> [String] { answers[questionID] ?? [] }

    /// The single stored value of a one-value question; the first if, against the validator's
    /// rules, more were stored.
    func value(of questionID: String) -> String? { values(of: questionID).first }
}
