import Foundation
import WardCore

/// A tool's run as Ward's JSON documents publish it (`schemas/ward-report.schema.json`, `toolRun`),
/// with keys spelled out apart from ``ToolRun``'s property names.
struct JSONToolRun: Encodable {
    var toolID: String
    var toolVersion: String?
    var state: String
    var executable: String?
    var arguments: [String]
    var exitStatus: Int32?
    var duration: Double
    var stderrHead: String
    var errors: [String]
    var inputs: [String]
    var findingCount: Int
    var skipped: [String]
    var required: Bool

    enum CodingKeys: String, CodingKey {
        case toolID = "toolID", toolVersion = "toolVersion", state = "state", executable = "executable", arguments = "arguments"
        case exitStatus = "exitStatus", duration = "duration", stderrHead = "stderrHead", errors = "errors", inputs = "inputs"
        case findingCount = "findingCount", skipped = "skipped", required = "required"
    }

    init(_ run: ToolRun) {
        toolID = run.toolID
        toolVersion = run.toolVersion
        state = run.state.rawValue
        executable = run.executable
        arguments = run.arguments
        exitStatus = run.exitStatus
        duration = run.duration
        stderrHead = run.stderrHead
        errors = run.errors
        inputs = run.inputs
        findingCount = run.findingCount
        skipped = run.skipped
        required = run.required
    }
}
