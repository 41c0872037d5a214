import Foundation
import Testing
import TestSupport
import WardFuzzTargets
import WardSecrets

@Suite("gitleaks configurations that once crashed a fuzz target")
struct TOMLFuzzRegressionTests {
    @Test("deep arrays, inline tables and dotted keys are refused with file and line, never fatal")
    func tomlRegressions() throws {
        let inputs = try Fixtures.fuzzRegressions("toml")
        #expect(!inputs.isEmpty)
        for (name, data) in inputs {
            FuzzTarget.toml.run(data)
            do {
                _ = try GitleaksConfig.parse(String(decoding: data, as: UTF8.self), path: name)
                Issue.record("\(name) was accepted")
            } catch {
                #expect(String(describing: error).hasPrefix("\(name):1:"), "\(error)")
            }
        }
    }

    @Test("the gitleaks configurations that seed the TOML fuzzer load", arguments: ["handwritten-team-config.toml", "handwritten-path-only.toml"])
    func seedsLoad(file: String) throws {
        let text = String(decoding: try Fixtures.data("secrets/gitleaks/" + file), as: UTF8.self)
        let configuration = try GitleaksConfig.parse(text, path: file)
        #expect(!configuration.rules.rules.isEmpty)
    }
}
