/// A stratified random sample of members, proportional to each stratum's size (by default the wijk),
/// reproducible from a seed: the same members, seed and size always draw the same people.
public struct StratifiedSample: Sendable {
    public struct Stratum: Hashable, Sendable {
        public let name: String
        public let eligible: Int
        public let drawn: Int
    }

    /// Per stratum, in order of first appearance: how many could be drawn and how many were.
    public let plan: [Stratum]
    public let members: [Member]

    /// Draws `size` members (all of them when `size` is larger). Each stratum's share of the sample is
    /// its share of the eligible members, rounded by largest remainder so the parts add up exactly;
    /// within a stratum every member is equally likely.
    public static func draw(
        from eligible: [Member], size: Int, seed: UInt64, stratum: (Member) -> String = { $0.wijk }
    ) -> StratifiedSample {
        var order: [String] = []
        var groups: [String: [Member]] = [:]
        // Sorted by id first, so the draw depends on who is eligible, not on the order they came in.
        for member in eligible.sorted(by: { $0.id < $1.id }) {
            let key = stratum(member)
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(member)
        }
        let wanted = min(max(size, 0), eligible.count)
        let allocation = Apportionment.largestRemainder(wanted, weights: order.map { Double(groups[$0]!.count) })
        var generator = SplitMix64(seed: seed)
        var plan: [Stratum] = []
        var drawn: [Member] = []
        for (key, count) in zip(order, allocation) {
            var pool = groups[key]!
            // A partial Fisher–Yates shuffle: the first `count` places are a uniform sample.
            for index in 0..<count {
                pool.swapAt(index, index + generator.below(pool.count - index))
            }
            drawn += pool.prefix(count)
            plan.append(Stratum(name: key, eligible: pool.count, drawn: count))
        }
        return StratifiedSample(plan: plan, members: drawn.sorted { $0.id < $1.id })
    }
}

/// The yearly limit on invitations per member, so the panel is not asked too much (panel fatigue).
public struct InvitationCap: Sendable {
    public let maxPerYear: Int

    public init(maxPerYear: Int = 6) { self.maxPerYear = maxPerYear }

    /// The members still below the cap, and how many were left out because they reached it.
    public func apply(to members: [Member], invitationsThisYear: [String: Int]) -> (eligible: [Member], capped: Int) {
        let eligible = members.filter { (invitationsThisYear[$0.id] ?? 0) < maxPerYear }
        return (eligible, members.count - eligible.count)
    }
}
