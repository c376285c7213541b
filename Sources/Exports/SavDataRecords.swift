extension SavRecords {
    /// The cases, uncompressed (PSPP "Data Record"): per variable, a double for a numeric
    /// (system-missing when absent) and for a string its bytes padded with spaces to whole 8-byte
    /// slots. A very long string's bytes are packed 255 to a segment, each segment padded to its
    /// own slots (PSPP "Very Long String Record").
    static func dataRecords(_ out: inout SavBytes, _ cases: [[SavValue]], layout: SavLayout) {
        for values in cases {
            for (index, value) in values.enumerated() {
                switch value {
                case .number(let number):
                    out.double(number ?? systemMissing)
                case .text(let bytes):
                    for (number, segment) in layout.segments[index].enumerated() {
                        let start = min(number * SavLayout.maximumSegmentWidth, bytes.count)
                        let end = min(start + SavLayout.maximumSegmentWidth, bytes.count)
                        out.fixed(Array(bytes[start..<end]), length: segment.slots * 8)
                    }
                }
            }
        }
    }
}
