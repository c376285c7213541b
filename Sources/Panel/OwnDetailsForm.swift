/// What members may change about themselves from any personal link: where they live and the
/// language they are written to in. Everything else comes from the municipality or stays as given.
public struct OwnDetails: Hashable, Sendable {
    public var wijk: String
    public var postcode: String?
    public var language: String

    public init(wijk: String, postcode: String?, language: String) {
        self.wijk = wijk
        self.postcode = postcode
        self.language = language
    }
}

public enum OwnDetailsForm {
    /// Checks the typed wijk, postcode (optional) and language like the sign-up form does.
    public static func validate(wijk: String, postcode: String, language: String, gemeente: Gemeente) -> Result<OwnDetails, DetailProblems> {
        var problems: [DetailProblem] = []
        var checked = OwnDetails(wijk: "", postcode: nil, language: "nl")
        switch DetailRules.wijk(wijk, in: gemeente) {
        case .success(let value): checked.wijk = value
        case .failure(let problem): problems.append(problem)
        }
        switch DetailRules.postcode(postcode) {
        case .success(let value): checked.postcode = value
        case .failure(let problem): problems.append(problem)
        }
        switch DetailRules.language(language) {
        case .success(let value): checked.language = value
        case .failure(let problem): problems.append(problem)
        }
        return problems.isEmpty ? .success(checked) : .failure(DetailProblems(problems))
    }

    /// The names of the fields that differ, for a log line that says what changed and not to what.
    public static func changedFields(from old: OwnDetails, to new: OwnDetails) -> [DetailField] {
        var changed: [DetailField] = []
        if old.wijk != new.wijk { changed.append(.wijk) }
        if old.postcode != new.postcode { changed.append(.postcode) }
        if old.language != new.language { changed.append(.language) }
        return changed
    }
}
