import ArgumentParser
import Foundation
import WardCore
import WardReporters

/// Where and how a scan's report is written.
struct OutputOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Report format: \(ReporterRegistry.ids.joined(separator: ", ")).", valueName: "format"))
    var format: String = "table"

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Write the report to this file instead of stdout.", valueName: "file"))
    var output: String?

    func validate() throws {
        guard ReporterRegistry.ids.contains(format) else {
            throw ValidationError("unknown format '\(format)' (known: \(ReporterRegistry.ids.joined(separator: ", ")))")
        }
    }

    /// Renders and writes the report.
    func write(_ scan: ScanRun, gate: GateResult) throws {
        let reporter = try ReporterRegistry.reporter(id: format)
        let toTerminal = output == nil
        let options = RenderOptions(color: toTerminal && Console.colorEnabled, width: toTerminal ? Console.width : 120)
        let data = try reporter.render(scan, gate: gate, options: options)
        guard let output else {
            Console.output(data)
            return
        }
        let path = WardPaths.absolute(output)
        do {
            try OutputFile.write(data, to: path)
        } catch {
            throw WardFailure("\(output): cannot write the report: \(error.localizedDescription)")
        }
        Console.progress("wrote \(format) report to \(output)")
    }
}
