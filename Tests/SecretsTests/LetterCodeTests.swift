import Foundation
import Testing
@testable import Secrets

@Suite struct LetterCodeTests {
    @Test func codesAreSixteenUnambiguousSymbolsInGroupsOfFourWithAtLeastSixtyBits() throws {
        #expect(Double(LetterCode.symbolCount) * log2(Double(LetterCode.alphabet.count)) >= 60)
        for confusable in "0O1IL" { #expect(!LetterCode.alphabet.contains(confusable)) }
        let code = try LetterCode.generate()
        #expect(code.canonical.count == 16 && code.canonical.allSatisfy(LetterCode.alphabet.contains))
        let groups = code.formatted.split(separator: "-")
        #expect(groups.count == 4 && groups.allSatisfy { $0.count == 4 } && groups.joined() == code.canonical)
        #expect(code.description == code.formatted)
    }

    @Test func generatedCodesUseEverySymbolAboutEquallyAndNeverRepeat() throws {
        let codes = try (0..<2000).map { _ in try LetterCode.generate() }
        #expect(Set(codes.map(\.canonical)).count == codes.count)
        var counts: [Character: Int] = [:]
        for code in codes { for symbol in code.canonical { counts[symbol, default: 0] += 1 } }
        // 32,000 symbols over 31: about 1,032 each, with a standard deviation of about 32.
        #expect(counts.count == LetterCode.alphabet.count)
        #expect(counts.values.allSatisfy { (850...1220).contains($0) }, "\(counts)")
    }

    @Test(arguments: ["K7QM-4XPD-9TRW-H3CN", "k7qm4xpd9trwh3cn", " k7qm 4xpd 9trw h3cn ", "K7QM\u{00A0}4XPD\u{2013}9TRW-H3CN", "k7Qm-4xPd9trW h3cN"])
    func typedCodesAreReadWhateverTheCaseSpacesAndDashes(_ typed: String) throws {
        let code = try #require(LetterCode(presented: typed))
        #expect(code.canonical == "K7QM4XPD9TRWH3CN" && code.formatted == "K7QM-4XPD-9TRW-H3CN")
        #expect(code.digest == SHA256.digest("K7QM4XPD9TRWH3CN"))
    }

    @Test(arguments: [
        "", "K7QM-4XPD-9TRW", "K7QM-4XPD-9TRW-H3CNX", "K7QM-4XPD-9TRW-H3C0", "K7QM-4XPD-9TRW-H3CO", "K7QM-4XPD-9TRW-H3CI",
        "K7QM-4XPD-9TRW-H3C1", "K7QM-4XPD-9TRW-H3CL", "K7QM/4XPD/9TRW/H3CN", "K7QM-4XPD-9TRW-H3CÉ",
        "K7QM" + String(repeating: " ", count: 60) + "4XPD9TRWH3CN",
    ])
    func anythingElseIsNoCode(_ typed: String) {
        #expect(LetterCode(presented: typed) == nil)
    }
}
