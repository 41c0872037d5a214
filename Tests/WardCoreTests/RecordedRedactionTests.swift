import Foundation
import Testing
import WardCore

/// A scan read back from a history skips a second pass of the stage its texts passed, and only then.
@Suite struct RecordedRedactionTests {
    static let token = "ghp_" + "R8xk2LmP9qWz4TnV7bYc3HdJ6fGs1AeU0oIi"

    /// Finds `ghp_` tokens and names itself `name`.
    struct NamedMatcher: SecretMatcher {
        var name: String?
        func secrets(in texts: [String]) -> [[String]] {
            texts.map { text in
                text.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "_" }).map(String.init).filter { $0.hasPrefix("ghp_") }
            }
        }
        var fingerprint: String? { name }
    }

    static func scan(redaction: String?) -> ScanRun {
        let finding = Finding(toolID: "semgrep", ruleID: "r", title: "t", message: "token \(token)", kind: .sast, severity: .low,
                              location: SourceLocation(path: "a.py", startLine: 1), identity: "v1:a")
        return ScanRun(id: "s", target: ScanTarget(name: "t", root: "/r"), mode: .scan, startedAt: Date(timeIntervalSince1970: 0),
                       finishedAt: Date(timeIntervalSince1970: 1), wardVersion: "0", toolRuns: [], findings: [finding], redaction: redaction)
    }

    @Test func theStageNamesItselfByItsRevisionAndItsMatcher() {
        #expect(RedactionStage(matcher: NamedMatcher(name: "m1")).fingerprint == RedactionStage(matcher: NamedMatcher(name: "m1")).fingerprint)
        #expect(RedactionStage(matcher: NamedMatcher(name: "m1")).fingerprint != RedactionStage(matcher: NamedMatcher(name: "m2")).fingerprint)
        #expect(RedactionStage(matcher: NamedMatcher(name: nil)).fingerprint == nil)
        #expect(RedactionStage().fingerprint == nil)
    }

    @Test func aScanPassingTheStageCarriesItsFingerprintWhateverItClaimed() {
        let stage = RedactionStage(matcher: NamedMatcher(name: "m1"))
        // A scan that claims the stage's fingerprint passes all the same when it is not a recorded one
        let redacted = stage.redact(Self.scan(redaction: stage.fingerprint)).value
        #expect(!redacted.findings[0].message.contains(Self.token))
        #expect(redacted.redaction == stage.fingerprint)
        #expect(stage.stream(Self.scan(redaction: "other")).scan().value.redaction == stage.fingerprint)
    }

    @Test func aRecordedScanIsPassedAsItIsOnlyWhenTheHistoryVouchedForThisStage() {
        let stage = RedactionStage(matcher: NamedMatcher(name: "m1"))
        // Vouched for by the history: the same stage would change nothing, so it is not run
        #expect(stage.redact(recorded: Self.scan(redaction: stage.fingerprint)).value.findings[0].message.contains(Self.token))
        // Another stage, none, or a stage that cannot name itself: every finding passes
        for claimed in [RedactionStage(matcher: NamedMatcher(name: "m2")).fingerprint, nil] {
            #expect(!stage.redact(recorded: Self.scan(redaction: claimed)).value.findings[0].message.contains(Self.token))
        }
        let anonymous = RedactionStage(matcher: NamedMatcher(name: nil))
        #expect(!anonymous.redact(recorded: Self.scan(redaction: nil)).value.findings[0].message.contains(Self.token))
    }
}
