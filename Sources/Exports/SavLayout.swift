/// Where each variable lives in a case. Data is a sequence of 8-byte slots: one per numeric, one
/// per started 8 bytes of a string (PSPP "Variable Record": continuation records stand for the
/// extra slots), and a very long string is split into segments of their own (PSPP "Very Long
/// String Record"). Value labels and the file header refer to variables by slot number.
struct SavLayout {
    /// One variable record and its continuations: width 0 for a numeric, else the string width.
    struct Segment: Hashable {
        var width: Int
        var slots: Int { width == 0 ? 1 : (width + 7) / 8 }
    }

    /// Strings up to this many bytes fit in one variable record.
    static let maximumSegmentWidth = 255
    /// Every segment of a very long string but the last takes 255 bytes of data, yet accounts for
    /// only 252 bytes of its width; the format defines the count of segments by the latter.
    static let segmentWidthShare = 252

    /// Per variable, its segments in order.
    let segments: [[Segment]]
    /// Per variable, the 1-based number of its first slot (a "dictionary index").
    let dictionaryIndexes: [Int]
    /// The slots of one case: the header's `nominal_case_size`.
    let caseSlots: Int

    init(_ variables: [SavVariable]) {
        segments = variables.map { Self.segments(of: $0.type) }
        var next = 1
        var indexes: [Int] = []
        for parts in segments {
            indexes.append(next)
            next += parts.reduce(0) { $0 + $1.slots }
        }
        dictionaryIndexes = indexes
        caseSlots = next - 1
    }

    /// A numeric is one segment of width 0, a string up to 255 bytes one segment of its width. A
    /// very long string of width w has n = (w + 251) / 252 segments: n - 1 of width 255 and a last
    /// one of w - (n - 1) · 252.
    static func segments(of type: SavType) -> [Segment] {
        switch type {
        case .numeric:
            return [Segment(width: 0)]
        case .string(let width) where width <= maximumSegmentWidth:
            return [Segment(width: max(width, 1))]
        case .string(let width):
            let count = (width + segmentWidthShare - 1) / segmentWidthShare
            return Array(repeating: Segment(width: maximumSegmentWidth), count: count - 1)
                + [Segment(width: width - (count - 1) * segmentWidthShare)]
        }
    }
}
