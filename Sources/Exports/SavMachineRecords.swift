extension SavRecords {
    /// System-missing: the most negative double (PSPP "Machine Floating-Point Info Record").
    static let systemMissing = -Double.greatestFiniteMagnitude

    /// Record 7.3 (PSPP "Machine Integer Info Record"): version 20.0.0 as ReadStat writes it,
    /// machine code -1 (unknown), IEEE 754 floats, compression code 1, little-endian (2) and
    /// character code 65001, the Windows code page number of UTF-8.
    static func machineIntegerInfo(_ out: inout SavBytes) {
        extensionHeader(&out, subtype: 3, size: 4, count: 8)
        for value: Int32 in [20, 0, 0, -1, 1, 1, 2, 65001] { out.int32(value) }
    }

    /// Record 7.4 (PSPP "Machine Floating-Point Info Record"): the system-missing value and the
    /// HIGHEST and LOWEST values used by missing value ranges.
    static func machineFloatingPointInfo(_ out: inout SavBytes) {
        extensionHeader(&out, subtype: 4, size: 8, count: 3)
        out.double(systemMissing)
        out.double(.greatestFiniteMagnitude)
        out.double(-Double.greatestFiniteMagnitude.nextDown)
    }

    /// Record 7.16 (PSPP "Extended Number of Cases Record"): the case count as 64 bits, which newer
    /// readers prefer to the header's 32-bit field.
    static func extendedNumberOfCases(_ out: inout SavBytes, cases: Int) {
        extensionHeader(&out, subtype: 16, size: 8, count: 2)
        out.int64(1)
        out.int64(Int64(cases))
    }

    /// Record 7.20 (PSPP "Character Encoding Record"): the strings, names and labels are UTF-8.
    static func characterEncoding(_ out: inout SavBytes) {
        let name = Array("UTF-8".utf8)
        extensionHeader(&out, subtype: 20, size: 1, count: name.count)
        out.raw(name)
    }

    /// Record 999 (PSPP "Dictionary Termination Record"): the data follow.
    static func dictionaryTermination(_ out: inout SavBytes) {
        out.int32(999)
        out.int32(0)
    }
}
