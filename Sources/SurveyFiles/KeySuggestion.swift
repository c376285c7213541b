import YAMLFiles
import Spelling

/// Finds the known word a misspelt one was probably meant to be.
enum KeySuggestion {
    /// The closest candidate within edit distance 2, or nil when nothing is that close.
    static func closest(to word: String, among candidates: [String]) -> String? {
        EditDistance.closest(to: word, among: candidates)
    }

    /// " (did you mean 'x'?)" or nothing, to append to a message.
    static func hint(for word: String, among candidates: [String]) -> String {
        closest(to: word, among: candidates).map { " (did you mean '\($0)'?)" } ?? ""
    }
}
