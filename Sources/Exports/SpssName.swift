/// SPSS variable naming rules (PSPP "Variable Record" and "Long Variable Names Record"): at most
/// 64 bytes, a letter first, then letters, digits, `_` and `.`, not a reserved word, unique when
/// compared case-insensitively. Names are kept to ASCII so every SPSS version reads them.
enum SpssName {
    static let maximumBytes = 64
    /// Short names, the 8-byte names in variable records that the long names record maps.
    static let shortBytes = 8

    /// Words of the syntax that can never name a variable.
    static let reserved: Set<String> = ["ALL", "AND", "BY", "EQ", "GE", "GT", "LE", "LT", "NE", "NOT", "OR", "TO", "WITH"]

    /// `base` made valid: `-` (allowed in question ids) and any other character SPSS refuses become
    /// `_`, a `v` goes before a name that does not start with a letter, a reserved word gets a `v_`
    /// prefix, and a trailing `.` (which SPSS reads as the end of a command) becomes `_`.
    static func valid(_ base: String) -> String {
        var name = String(String.UnicodeScalarView(base.unicodeScalars.map { isAllowed($0) ? $0 : "_" }))
        if !(name.unicodeScalars.first.map(isLetter) ?? false) { name = "v" + name }
        if reserved.contains(name.uppercased()) { name = "v_" + name }
        name = String(name.prefix(maximumBytes))
        if name.hasSuffix(".") { name = String(name.dropLast()) + "_" }
        return name
    }

    /// Valid names for `bases`, unique case-insensitively; a clash gets `_2`, `_3`, ….
    static func unique(_ bases: [String]) -> [String] {
        var names = UniqueNames(key: { $0.uppercased() }, fit: { fit($0, $1, maximumBytes) })
        return bases.map { names.claim(valid($0)) }
    }

    /// The 8-byte names of every segment of every variable (`segmentCounts[i]` for variable `i`),
    /// unique case-insensitively. The first segment's name is the long name cut to 8 bytes and
    /// upper-cased, as SPSS makes them; later segments of a very long string get a digit after the
    /// first five letters, as ReadStat does.
    static func shortNames(for names: [String], segmentCounts: [Int]) -> [[String]] {
        var taken = UniqueNames(key: { $0.uppercased() }, fit: { fit($0, $1, shortBytes) })
        return zip(names, segmentCounts).map { name, count in
            let first = taken.claim(String(name.uppercased().replacingDots().prefix(shortBytes)))
            let rest = (1..<max(count, 1)).map { segment in
                taken.claim(String(first.prefix(5)) + String(segment % 10))
            }
            return [first] + rest
        }
    }

    /// `base` shortened so that `base + suffix` fits in `limit` bytes (names are ASCII).
    private static func fit(_ base: String, _ suffix: String, _ limit: Int) -> String {
        String(base.prefix(limit - suffix.count)) + suffix
    }

    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }

    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        isLetter(scalar) || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "."
    }
}

extension String {
    /// Short names avoid `.`, which some old readers take for the end of a name.
    fileprivate func replacingDots() -> String {
        String(String.UnicodeScalarView(unicodeScalars.map { $0 == "." ? "_" : $0 }))
    }
}
