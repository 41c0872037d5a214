import Foundation
import Testing
import TestSupport
@testable import WardApp
import WardCore
import WardSecrets

/// An imported scan is stored with the fingerprint of Ward's redaction stage, and read back vouched
/// for, so that `ward check` and a recognised import do not pass its findings through it again.
@Suite struct StageFingerprintTests {
    @Test func anImportedScanIsReadBackVouchedForByTheStageItPassed() throws {
        // Given a report imported, its findings streamed through Ward's stage into the history
        let bed = try AppTestbed()
        let imported = try bed.importReport()
        let scanID = try #require(imported.recording.scanID)
        let stage = try Redaction.stage(paths: bed.paths)

        // Then the scan read back carries that stage's fingerprint, which names Ward's version and rules
        let fingerprint = try #require(stage.fingerprint)
        #expect(fingerprint.contains(WardVersion.current))
        // named by the rule file's text, not by encoding every parsed rule again in each process
        let rulesText = try Data(contentsOf: URL(fileURLWithPath: try BuiltInSecretRules.locate()))
        #expect(fingerprint.hasSuffix("-text-" + SHA256.hexString(SHA256.digest(Array(rulesText)))))
        #expect(try bed.history.recordedScan(id: scanID, target: nil).redaction == fingerprint)

        // And checking it, or importing the same report again, gives the gate the import gave
        let checked = try bed.gates.check(scanID: scanID, target: nil, pluginDirectory: nil, request: GateRequest())
        let again = try bed.importReport()
        for result in [checked, again.gated] {
            #expect(result.scan.value.findings.map(\.identity).sorted() == imported.gated.scan.value.findings.map(\.identity).sorted())
            #expect(result.scan.value.findings.map(\.message).sorted() == imported.gated.scan.value.findings.map(\.message).sorted())
            #expect(result.gate.failingIdentities == imported.gated.gate.failingIdentities)
        }
    }
}
