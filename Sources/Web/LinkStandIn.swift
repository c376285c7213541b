/// Text rendered once with a stand-in where a personal link goes, and cut there, so the same page or
/// message can be given each person's own link without rendering the template again. Rendering
/// (Mustache over dictionaries) costs far more than putting the pieces back together.
struct LinkStandIn {
    /// Made of characters that no escaping changes, and found in no template.
    static let text = "/s/draagvlak-link-stand-in-5c1e0b7f"

    private let pieces: [[UInt8]]

    /// `rendered` was rendered with ``text`` where the link goes.
    init(rendered: [UInt8]) {
        let separator = Array(Self.text.utf8)
        var pieces: [[UInt8]] = []
        var start = 0
        var index = 0
        while index + separator.count <= rendered.count {
            if rendered[index] == separator[0] && rendered[index..<index + separator.count].elementsEqual(separator) {
                pieces.append(Array(rendered[start..<index]))
                index += separator.count
                start = index
            } else {
                index += 1
            }
        }
        pieces.append(Array(rendered[start...]))
        self.pieces = pieces
    }

    /// The text with `link` (already escaped as its place needs) wherever the stand-in was.
    func with(_ link: String) -> [UInt8] {
        let link = Array(link.utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(pieces.reduce(0) { $0 + $1.count } + link.count * (pieces.count - 1))
        for (index, piece) in pieces.enumerated() {
            if index > 0 { bytes += link }
            bytes += piece
        }
        return bytes
    }

    /// What a Mustache `{{value}}` makes of `text` in HTML.
    static func htmlEscaped(_ text: String) -> String {
        var escaped = ""
        for character in text.unicodeScalars {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }
}
