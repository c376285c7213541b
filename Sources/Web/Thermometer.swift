import Foundation
import Initiatives

/// The wijkthermometer: one horizontal tube per budget line, filled with what is spent (dark) and what
/// is committed (light) against what is allocated, the remainder left empty. Numbers are also in the page's
/// table, so the picture is never the only way to read them.
enum Thermometer {
    static let width = 640.0

    static func svg(title: String, lines: [(name: String, balance: LineBalance)]) -> String {
        let rowHeight = 64.0
        let height = Double(lines.count) * rowHeight + 8
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(ReportCharts.escape(title))\" "
            + "font-family=\"system-ui, sans-serif\" font-size=\"14\" fill=\"#1a1a1a\"><title>\(ReportCharts.escape(title))</title>"
        let left = 8.0, tube = width - 16
        for (index, line) in lines.enumerated() {
            let y = Double(index) * rowHeight + 4
            let balance = line.balance
            let scale = max(balance.allocated.value, balance.committed.value + balance.spent.value, 1)
            func length(_ cents: Cents) -> Double { tube * Double(max(cents.value, 0)) / Double(scale) }
            // "overschreden" goes with the words above the tube, in the text colour: written on the
            // tube it would stand on the light or the dark fill, and white on the light one is unreadable.
            let overdrawn = balance.remaining < .zero ? " (overschreden)" : ""
            svg += "<text x=\"\(Int(left))\" y=\"\(Int(y + 14))\">\(ReportCharts.escape(line.name)): \(balance.remaining.dutch) over van \(balance.allocated.dutch)\(overdrawn)</text>"
            svg += "<rect x=\"\(Int(left))\" y=\"\(Int(y + 22))\" width=\"\(Int(tube))\" height=\"24\" rx=\"12\" fill=\"#eef2f6\" stroke=\"#4a4a4a\"/>"
            let spent = length(balance.spent)
            if spent > 0 {
                svg += "<rect x=\"\(Int(left))\" y=\"\(Int(y + 22))\" width=\"\(String(format: "%.1f", spent))\" height=\"24\" rx=\"12\" fill=\"#004b87\"/>"
            }
            let committed = length(balance.committed)
            if committed > 0 {
                svg += "<rect x=\"\(String(format: "%.1f", left + spent))\" y=\"\(Int(y + 22))\" width=\"\(String(format: "%.1f", committed))\" height=\"24\" fill=\"#7fa7cf\"/>"
            }
        }
        return svg + "</svg>"
    }
}
