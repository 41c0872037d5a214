import Foundation
import Testing
import TestSupport
import WardCore
import WardReporters

/// Every registered format over the demo scan, compared with `fixtures/golden/<format>/demo.<ext>`.
@Suite struct GoldenReportTests {
    @Test(arguments: ReporterRegistry.ids)
    func demoScanMatchesTheGoldenFile(format: String) throws {
        // Given the demo scan and a reporter
        let reporter = try ReporterRegistry.reporter(id: format)
        // When it renders twice
        let first = try reporter.render(DemoScan.scan, gate: DemoScan.gate, options: RenderOptions(color: false, width: 120))
        let second = try reporter.render(DemoScan.scan, gate: DemoScan.gate, options: RenderOptions(color: false, width: 120))
        // Then the output is deterministic and matches the golden file
        #expect(first == second)
        try GoldenFile.check(first, "\(format)/demo.\(reporter.fileExtension)")
    }

    @Test(arguments: ReporterRegistry.ids.filter { $0 != "json" })
    func reportsCarryNoMachinePathNorRawToolOutput(format: String) throws {
        let reporter = try ReporterRegistry.reporter(id: format)
        let text = String(decoding: try reporter.render(DemoScan.scan, gate: DemoScan.gate, options: RenderOptions()), as: UTF8.self)
        #expect(!text.contains(DemoScan.root))
        #expect(!text.contains("RAW-TOOL-OUTPUT"))
    }
}
