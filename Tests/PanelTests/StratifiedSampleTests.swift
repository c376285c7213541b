import Testing
@testable import Panel

@Suite struct StratifiedSampleTests {
    func members(_ counts: [String: Int]) -> [Member] {
        counts.sorted { $0.key < $1.key }.flatMap { wijk, count in
            (0..<count).map { Member(id: "\(wijk)-\($0)", email: "x\($0)@example.org", wijk: wijk, gender: .onbekend) }
        }
    }

    @Test func eachStratumGetsItsShareAndTheTotalIsExact() {
        let panel = members(["Oost": 600, "Zuid": 300, "Centrum": 100])
        let sample = StratifiedSample.draw(from: panel, size: 101, seed: 7)
        #expect(sample.members.count == 101)
        let plan = Dictionary(uniqueKeysWithValues: sample.plan.map { ($0.name, $0) })
        #expect(plan["Oost"]?.drawn == 61 && plan["Zuid"]?.drawn == 30 && plan["Centrum"]?.drawn == 10)
        #expect(plan["Oost"]?.eligible == 600)
        #expect(Set(sample.members.map(\.id)).count == 101, "nobody twice")
        for stratum in sample.plan {
            #expect(sample.members.filter { $0.wijk == stratum.name }.count == stratum.drawn)
        }
    }

    @Test func theSameSeedDrawsTheSamePeopleWhateverTheInputOrder() {
        let panel = members(["Oost": 200, "Zuid": 150])
        let first = StratifiedSample.draw(from: panel, size: 50, seed: 2026)
        let again = StratifiedSample.draw(from: panel.reversed(), size: 50, seed: 2026)
        let other = StratifiedSample.draw(from: panel, size: 50, seed: 2027)
        #expect(first.members == again.members)
        #expect(first.members != other.members)
    }

    @Test func everyoneIsEquallyLikelyWithinAStratum() {
        let panel = members(["Oost": 20])
        var times: [String: Int] = [:]
        for seed in 0..<2000 {
            for member in StratifiedSample.draw(from: panel, size: 5, seed: UInt64(seed)).members { times[member.id, default: 0] += 1 }
        }
        // Expected 500 each (2000 × 5/20); binomial sd ≈ 19, so ±100 is over 5 sd.
        #expect(times.count == 20 && times.values.allSatisfy { (400...600).contains($0) })
    }

    @Test func aSampleLargerThanThePanelTakesEveryone() {
        let panel = members(["Oost": 3, "Zuid": 2])
        #expect(StratifiedSample.draw(from: panel, size: 99, seed: 1).members.count == 5)
        #expect(StratifiedSample.draw(from: panel, size: 0, seed: 1).members.isEmpty)
    }

    @Test func theCapLeavesOutMembersWhoHadEnough() {
        let panel = members(["Oost": 4])
        let (eligible, capped) = InvitationCap(maxPerYear: 2).apply(to: panel, invitationsThisYear: ["Oost-0": 2, "Oost-1": 1, "Oost-3": 5])
        #expect(eligible.map(\.id) == ["Oost-1", "Oost-2"])
        #expect(capped == 2)
    }
}
