import Foundation
import Testing
import TestSupport
@testable import WardScanners

/// Ward's own Semgrep rule pack: every rule is tested by the real semgrep against its annotated examples.
@Suite struct SemgrepRulePackTests {
    let rulesDirectory = Fixtures.repository + "/Sources/WardScanners/Resources/semgrep"

    var ruleFiles: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: rulesDirectory)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
    }

    @Test func everyRuleHasItsTestsAndTheyPassWithTheRealSemgrep() async throws {
        let semgrep = try #require(ManagedTools.path("semgrep"), Comment(rawValue: ManagedTools.missingMessage("semgrep")))
        #expect(ruleFiles.count >= 20)
        for file in ruleFiles {
            let test = Fixtures.path("semgrep-rules/" + file.replacingOccurrences(of: ".yaml", with: ".py"))
            #expect(FileManager.default.fileExists(atPath: test), "no test for \(file)")
        }
        let request = ProcessRequest(
            executable: semgrep,
            arguments: ["scan", "--metrics=off", "--disable-version-check", "--test", "--config", rulesDirectory, "--",
                        Fixtures.path("semgrep-rules")],
            environment: ["SEMGREP_ENABLE_VERSION_CHECK": "0"],
            timeout: .seconds(300)
        )
        let outcome = try await POSIXProcessRunner().run(request)
        let output = String(decoding: outcome.standardOutput + outcome.standardError, as: UTF8.self)
        #expect(outcome.exitStatus == 0, "\(output)")
        #expect(output.contains("\(ruleFiles.count)/\(ruleFiles.count): ✓ All tests passed"), "\(output)")
    }

    @Test func everyRuleCarriesTheMetadataWardKeeps() throws {
        for file in ruleFiles {
            let text = try String(contentsOfFile: rulesDirectory + "/" + file, encoding: .utf8)
            let name = file.replacingOccurrences(of: "python-", with: "").replacingOccurrences(of: ".yaml", with: "")
            #expect(text.contains("id: ward.python.\(name)"), "\(file)")
            for key in ["cwe:", "owasp:", "confidence:", "likelihood:", "impact:", "references:", "severity:", "languages:"] {
                #expect(text.contains(key), "\(file) lacks \(key)")
            }
        }
    }
}
