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

extension JSONToolRun {
    /// Writes the run as one object, its members in the order of their keys.
    func write(to writer: inout JSONStreamWriter) throws {
        writer.beginObject()
        try writer.member(CodingKeys.arguments.rawValue, arguments)
        writer.key(CodingKeys.duration.rawValue)
        try writer.double(duration)
        try writer.member(CodingKeys.errors.rawValue, errors)
        writer.member(CodingKeys.executable.rawValue, executable)
        writer.member(CodingKeys.exitStatus.rawValue, exitStatus.map(Int.init))
        writer.member(CodingKeys.findingCount.rawValue, findingCount)
        try writer.member(CodingKeys.inputs.rawValue, inputs)
        writer.key(CodingKeys.required.rawValue)
        writer.bool(required)
        try writer.member(CodingKeys.skipped.rawValue, skipped)
        writer.member(CodingKeys.state.rawValue, state)
        writer.member(CodingKeys.stderrHead.rawValue, stderrHead)
        writer.member(CodingKeys.toolID.rawValue, toolID)
        writer.member(CodingKeys.toolVersion.rawValue, toolVersion)
        try writer.endObject()
    }
}
