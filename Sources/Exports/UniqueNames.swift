/// Makes column names unique by appending `_2`, `_3`, …, so a question id that repeats a fixed
/// column (a question called `gender`) or a multi dummy (`q_1` beside option `1` of `q`) never
/// yields two columns of one name, which analysis tools refuse or silently merge.
struct UniqueNames {
    private var taken: Set<String> = []
    /// Maps a name to the key it is compared by (SPSS compares names case-insensitively).
    private let key: (String) -> String
    /// Shortens a base so that it plus a suffix stays within a length limit.
    private let fit: (String, String) -> String

    init(key: @escaping (String) -> String = { $0 }, fit: @escaping (String, String) -> String = { $0 + $1 }) {
        self.key = key
        self.fit = fit
    }

    /// Reserves `name` so it is never handed out.
    mutating func reserve(_ name: String) { taken.insert(key(name)) }

    /// `name` itself when still free, else the first free `name_2`, `name_3`, ….
    mutating func claim(_ name: String) -> String {
        var candidate = name
        var number = 1
        while taken.contains(key(candidate)) {
            number += 1
            candidate = fit(name, "_\(number)")
        }
        taken.insert(key(candidate))
        return candidate
    }
}
