import Foundation
import WardCore
import WardReporters

/// A target's trend drawn as inline SVG, no script: the findings each of its latest scans reported
/// (a line, oldest on the left) and what each found new (bars up) and fixed (bars down). The chart
/// is an image to assistive technology, named by its `<title>` and described in words by its `<desc>`.
struct TrendChart {
    /// The scans, newest first (as the history lists them).
    let scans: [ScanSummary]
    /// Makes the title and description ids unique on the page.
    let id: String
    /// What the chart is of, for its title.
    let target: String

    static let width = 240.0, height = 60.0, band = 12.0

    var svg: String {
        let points = Array(scans.reversed())
        let e = HTMLText.escape
        let title = "Findings per scan of \(target)"
        guard let first = points.first, let last = points.last else {
            return "<span class=\"muted\">no scans</span>"
        }
        let description = "\(points.count) scans from \(FindingPage.time(first.startedAt)) to \(FindingPage.time(last.startedAt)): "
            + "\(first.findingCount) findings, then \(last.findingCount); \(points.map(\.newCount).reduce(0, +)) new, "
            + "\(points.map(\.fixedCount).reduce(0, +)) fixed."
        let peak = Double(max(points.map(\.findingCount).max() ?? 0, 1))
        let churn = Double(max(points.map { max($0.newCount + $0.reopenedCount, $0.fixedCount) }.max() ?? 0, 1))
        let step = points.count > 1 ? Self.width / Double(points.count - 1) : 0
        let line = points.enumerated().map { index, scan in
            Self.number(Double(index) * step) + "," + Self.number((Self.height - Self.band) * (1 - Double(scan.findingCount) / peak))
        }.joined(separator: " ")
        var bars = ""
        let middle = Self.height - Self.band / 2
        for (index, scan) in points.enumerated() {
            let x = Self.number(Double(index) * step - 1)
            let up = Self.band / 2 * Double(scan.newCount + scan.reopenedCount) / churn
            let down = Self.band / 2 * Double(scan.fixedCount) / churn
            if up > 0 { bars += "<rect class=\"new\" x=\"\(x)\" y=\"\(Self.number(middle - up))\" width=\"2\" height=\"\(Self.number(up))\"/>" }
            if down > 0 { bars += "<rect class=\"fixed\" x=\"\(x)\" y=\"\(Self.number(middle))\" width=\"2\" height=\"\(Self.number(down))\"/>" }
        }
        return """
            <svg class="trend" role="img" aria-labelledby="\(id)-title \(id)-desc" viewBox="-2 -2 \(Self.number(Self.width + 4)) \(Self.number(Self.height + 4))" \
            width="\(Int(Self.width))" height="\(Int(Self.height))">\
            <title id="\(id)-title">\(e(title))</title><desc id="\(id)-desc">\(e(description))</desc>\
            <polyline class="count" points="\(line)"/>\(bars)</svg>
            """
    }

    /// `value` with one decimal, as SVG coordinates are written (without `String(format:)`, which
    /// costs more than the rest of the chart).
    static func number(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded(.toNearestOrEven))
        let magnitude = tenths.magnitude
        return (tenths < 0 ? "-" : "") + String(magnitude / 10) + "." + String(magnitude % 10)
    }
}
