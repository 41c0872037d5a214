import Foundation
import GRDB
import WardCore

/// The columns of `toolRun` after its row id and scan id, declared once for writing and reading.
enum ToolRunColumns {
    /// Every column, in order.
    static let all: StoredColumns<ToolRun, ToolRun> = [
        StoredColumn("toolId", { $0.toolID }, read: { $0.toolID = $1 }),
        StoredColumn("toolVersion", { $0.toolVersion }, read: { $0.toolVersion = $1 }),
        .enumeration("state", { $0.state }, read: { $0.state = $1 }),
        StoredColumn("executable", { $0.executable }, read: { $0.executable = $1 }),
        .strings("arguments", { $0.arguments }, read: { $0.arguments = $1 }),
        StoredColumn("exitStatus", { $0.exitStatus }, read: { $0.exitStatus = $1 }),
        StoredColumn("duration", { $0.duration }, read: { $0.duration = $1 }),
        StoredColumn("stderrHead", { $0.stderrHead }, read: { $0.stderrHead = $1 }),
        .strings("errors", { $0.errors }, read: { $0.errors = $1 }),
        .strings("inputs", { $0.inputs }, read: { $0.inputs = $1 }),
        StoredColumn("findingCount", { $0.findingCount }, read: { $0.findingCount = $1 }),
        StoredColumn("required", { $0.required }, read: { $0.required = $1 }),
        .strings("skipped", { $0.skipped }, read: { $0.skipped = $1 }),
    ]

    /// The run every decoding starts from.
    static var blank: ToolRun { ToolRun(toolID: "", state: .succeeded) }
}
