extension SavRecords {
    /// Record 7.11 (PSPP "Variable Display Parameter Record"): measurement level, display width
    /// and alignment for every segment (so a very long string counts once per segment), numbers
    /// right-aligned and strings left-aligned.
    static func variableDisplayParameters(_ out: inout SavBytes, _ variables: [SavVariable], layout: SavLayout) {
        extensionHeader(&out, subtype: 11, size: 4, count: 3 * layout.segments.reduce(0) { $0 + $1.count })
        for (index, variable) in variables.enumerated() {
            let (width, alignment): (Int, Int32) =
                switch variable.type {
                case .numeric: (variable.format.width, 1)
                case .string(let width): (min(max(width, 8), 40), 0)
                }
            for _ in layout.segments[index] {
                out.int32(variable.measure.rawValue)
                out.int32(width)
                out.int32(alignment)
            }
        }
    }

    /// Record 7.13 (PSPP "Long Variable Names Record"): `SHORT=long` pairs separated by tabs, which
    /// give the variables their real names, in their case, up to 64 bytes.
    static func longVariableNames(_ out: inout SavBytes, _ variables: [SavVariable], shortNames: [[String]]) {
        let text = zip(variables, shortNames).map { "\($1[0])=\($0.name)" }.joined(separator: "\t")
        let bytes = Array(text.utf8)
        extensionHeader(&out, subtype: 13, size: 1, count: bytes.count)
        out.raw(bytes)
    }

    /// Record 7.14 (PSPP "Very Long String Record"): `SHORT=width` (five digits) followed by a NUL
    /// and a tab for every string wider than 255 bytes, telling readers to join its segments.
    /// Left out when there is none.
    static func veryLongStrings(_ out: inout SavBytes, _ variables: [SavVariable], shortNames: [[String]]) {
        var bytes: [UInt8] = []
        for (variable, names) in zip(variables, shortNames) {
            guard case .string(let width) = variable.type, width > SavLayout.maximumSegmentWidth else { continue }
            let digits = String(width)
            bytes += Array("\(names[0])=\(String(repeating: "0", count: max(0, 5 - digits.count)))\(digits)".utf8) + [0, 0x09]
        }
        guard !bytes.isEmpty else { return }
        extensionHeader(&out, subtype: 14, size: 1, count: bytes.count)
        out.raw(bytes)
    }
}
