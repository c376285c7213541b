import Foundation

/// Small SVG charts drawn on the server: no script, they scale with the page, and each comes with its
/// numbers as a table folded under it. A screen reader meets the picture as one image with a name, so
/// the table is where it reads the numbers; on a phone the table is also what stays legible.
enum ReportCharts {
    static let width = 640.0

    /// Horizontal bars: one per category with its count and percentage.
    static func bars(_ items: [(label: String, count: Int)], title: String) -> String {
        let total = max(items.reduce(0) { $0 + $1.count }, 1)
        let rowHeight = 30.0
        let labelWidth = 220.0
        let barSpace = width - labelWidth - 110
        let height = Double(items.count) * rowHeight + 10
        var svg = header(height: height, title: title)
        for (index, item) in items.enumerated() {
            let y = Double(index) * rowHeight + 5
            let share = Double(item.count) / Double(total)
            svg += "<text x=\"\(labelWidth - 8)\" y=\"\(y + 19)\" text-anchor=\"end\">\(escape(item.label))</text>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 4)\" width=\(quote(max(share * barSpace, 1))) height=\"20\" fill=\"#004b87\"/>"
            svg += "<text x=\(quote(labelWidth + share * barSpace + 6)) y=\"\(y + 19)\">\(item.count) (\(percent(share)))</text>"
        }
        let rows = items.map { [$0.label, "\($0.count)", percent(Double($0.count) / Double(total))] }
        return svg + "</svg>" + figures(title: title, columns: ["Antwoord", "Aantal", "Aandeel"], rows: rows)
    }

    /// Shares with their 95% intervals as whiskers, on a 0–100% axis with the verdict threshold
    /// drawn as a dashed line. A nil share is a suppressed cell.
    static func intervals(_ items: [(label: String, share: Double?, lower: Double?, upper: Double?)], threshold: Double?, title: String) -> String {
        let rowHeight = 34.0
        let labelWidth = 180.0
        let plotWidth = width - labelWidth - 30
        let height = Double(items.count) * rowHeight + 40
        func x(_ share: Double) -> Double { labelWidth + share * plotWidth }
        var svg = header(height: height, title: title)
        for tick in stride(from: 0.0, through: 1.0, by: 0.25) {
            svg += "<line x1=\(quote(x(tick))) y1=\"0\" x2=\(quote(x(tick))) y2=\(quote(height - 25)) stroke=\"#d0d0d0\"/>"
            svg += "<text x=\(quote(x(tick))) y=\(quote(height - 8)) text-anchor=\"middle\">\(Int(tick * 100))%</text>"
        }
        if let threshold {
            svg += "<line x1=\(quote(x(threshold))) y1=\"0\" x2=\(quote(x(threshold))) y2=\(quote(height - 25)) stroke=\"#b00020\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>"
        }
        for (index, item) in items.enumerated() {
            let y = Double(index) * rowHeight + 17
            svg += "<text x=\"\(labelWidth - 8)\" y=\"\(y + 5)\" text-anchor=\"end\">\(escape(item.label))</text>"
            guard let share = item.share else {
                svg += "<text x=\"\(labelWidth + 6)\" y=\"\(y + 5)\" fill=\"#4a4a4a\">te weinig antwoorden om te tonen</text>"
                continue
            }
            if let lower = item.lower, let upper = item.upper {
                svg += "<line x1=\(quote(x(lower))) y1=\"\(y)\" x2=\(quote(x(upper))) y2=\"\(y)\" stroke=\"#1a1a1a\" stroke-width=\"2\"/>"
                svg += "<line x1=\(quote(x(lower))) y1=\"\(y - 7)\" x2=\(quote(x(lower))) y2=\"\(y + 7)\" stroke=\"#1a1a1a\" stroke-width=\"2\"/>"
                svg += "<line x1=\(quote(x(upper))) y1=\"\(y - 7)\" x2=\(quote(x(upper))) y2=\"\(y + 7)\" stroke=\"#1a1a1a\" stroke-width=\"2\"/>"
            }
            svg += "<circle cx=\(quote(x(share))) cy=\"\(y)\" r=\"6\" fill=\"#00703c\"/>"
        }
        let rows = items.map { item -> [String] in
            guard let share = item.share else { return [item.label, "te weinig antwoorden om te tonen", ""] }
            let interval = item.lower.flatMap { lower in item.upper.map { "\(percent(lower)) tot \(percent($0))" } } ?? "–"
            return [item.label, percent(share), interval]
        }
        var columns = ["Groep", "Steun", "95%-interval"]
        if let threshold { columns[1] = "Steun (drempel \(percent(threshold)))" }
        return svg + "</svg>" + figures(title: title, columns: columns, rows: rows)
    }

    /// The numbers of a chart as a table under a fold that works without script; the first column
    /// names the row.
    static func figures(title: String, columns: [String], rows: [[String]]) -> String {
        var html = "<details class=\"chart-figures\"><summary>Cijfers als tabel<span class=\"visually-hidden\">: \(escape(title))</span></summary>"
        html += "<table class=\"data\"><caption>\(escape(title))</caption><thead><tr>"
        html += columns.map { "<th scope=\"col\">\(escape($0))</th>" }.joined() + "</tr></thead><tbody>"
        for row in rows {
            html += "<tr><th scope=\"row\">\(escape(row.first ?? ""))</th>" + row.dropFirst().map { "<td>\(escape($0))</td>" }.joined() + "</tr>"
        }
        return html + "</tbody></table></details>"
    }

    private static func header(height: Double, title: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\(quote(title)) "
            + "font-family=\"system-ui, sans-serif\" font-size=\"14\" fill=\"#1a1a1a\"><title>\(escape(title))</title>"
    }

    static func percent(_ share: Double) -> String {
        let tenths = Int((share * 1000).rounded())
        return "\(tenths / 10),\(tenths % 10)%"
    }

    private static func quote(_ value: Double) -> String { "\"\(String(format: "%.1f", value))\"" }
    private static func quote(_ text: String) -> String { "\"\(escape(text))\"" }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
