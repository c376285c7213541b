import Spelling
import Testing

@Suite struct EditDistanceTests {
    @Test(arguments: [("", "", 0), ("", "abc", 3), ("kitten", "sitting", 3), ("buurtcoördinator", "buurtcoordinator", 1), ("wijk", "wijk", 0), ("flaw", "lawn", 2)])
    func countsInsertionsDeletionsAndSubstitutions(a: String, b: String, expected: Int) {
        #expect(EditDistance.between(a, b) == expected)
        #expect(EditDistance.between(b, a) == expected)
    }

    @Test func suggestsOnlyWhatIsClose() {
        #expect(EditDistance.closest(to: "quesions", among: ["questions", "pages", "title"]) == "questions")
        #expect(EditDistance.closest(to: "xyz", among: ["questions", "pages"]) == nil)
        #expect(EditDistance.closest(to: "cat", among: ["bat", "hat"]) == "bat")
        #expect(EditDistance.closest(to: "cat", among: ["bat", "hat"], uniqueOnly: true) == nil)
    }
}
