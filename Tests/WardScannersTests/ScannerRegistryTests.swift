import Foundation
import Testing
import TestSupport
@testable import WardScanners

@Suite struct ScannerRegistryTests {
    @Test func idsAreUniqueLowercaseAndResolve() throws {
        let ids = ScannerRegistry.ids
        #expect(Set(ids).count == ids.count)
        for id in ids {
            #expect(try ScannerRegistry.plugin(id: id).id == id)
            #expect(id.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" })
        }
        #expect(throws: ScannerError.unknownScanner(id: "nope", known: ids)) { try ScannerRegistry.plugin(id: "nope") }
    }

    @Test func everyPluginFileIsRegistered() throws {
        let folder = Fixtures.repository + "/Sources/WardScanners/Plugins"
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix("Scanner.swift") }
        let registered = Set(ScannerRegistry.all.map { String(describing: type(of: $0)) + ".swift" })
        for file in files {
            #expect(registered.contains(file), "\(file) is not in ScannerRegistry.all")
        }
    }

    @Test func everyInvocationPutsPathsAfterDoubleDash() throws {
        let scratch = try Fixtures.temporaryDirectory()
        let context = InvocationContext(reportPath: scratch + "/r", resources: ScannerResources(semgrepRules: "/rules"))
        // Built-in detectors run in process and import-only plugins run nothing: they have no command line.
        for case let tool as any ToolScanner in ScannerRegistry.all {
            let invocation = tool.plan(for: .init(name: "t", root: "/src"), context: context)
            let dash = invocation.arguments.firstIndex(of: "--")
            // Checkov takes no positional path: it scans `-d .` from the target root, last.
            let rootOnly = invocation.arguments.suffix(2) == ["-d", "."] && invocation.workingDirectory == "/src"
            // Safety and pip-audit take no positional path: sanitized requirements files come last as `--file=PATH` or
            // `--requirement=PATH`, which never read as options, in a directory of their own.
            let last = invocation.arguments.last ?? ""
            let fileOptions = (last.hasPrefix("--file=") || last.hasPrefix("--requirement=")) && invocation.workingDirectory == scratch + "/requirements"
            #expect((dash != nil && dash == invocation.arguments.count - 2) || rootOnly || fileOptions, "\(tool.id): \(invocation.arguments)")
        }
    }
}
