extension QRCode {
    /// The code as an SVG image `millimetres` wide, quiet zone included: black squares on white, one
    /// path of horizontal runs, so printers and browsers render it sharp at any size.
    /// `label` becomes the image's accessible name.
    public func svg(millimetres: Int = 30, quietZone: Int = 4, label: String) -> String {
        let extent = size + 2 * quietZone
        var path = ""
        for y in 0..<size {
            var x = 0
            while x < size {
                guard self[x, y] else {
                    x += 1
                    continue
                }
                let start = x
                while x < size && self[x, y] { x += 1 }
                path += "M\(start + quietZone) \(y + quietZone)h\(x - start)v1h-\(x - start)z"
            }
        }
        return """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(millimetres)mm" height="\(millimetres)mm" viewBox="0 0 \(extent) \(extent)" \
            shape-rendering="crispEdges" role="img" aria-label="\(Self.escaped(label))">\
            <rect width="\(extent)" height="\(extent)" fill="#fff"/><path d="\(path)" fill="#000"/></svg>
            """
    }

    static func escaped(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }
}
