import Foundation
import WardApp
import WardCore

/// A scan's gate as JSON (`GET /api/v1/scans/{id}/gate`): the scan's id and the verdict with each
/// check, reason, warning and failing identity.
struct ScanGateDocument: Encodable {
    var scanID: String
    var gate: GateResult

    /// The document's bytes.
    static func data(_ scanGate: ScanGate) throws(AppError) -> Data {
        do {
            return try JSONCoding.encode(ScanGateDocument(scanID: scanGate.scan.scanID, gate: scanGate.gate), pretty: true) + Data("\n".utf8)
        } catch {
            throw .invalidRequest(reason: "the gate could not be written as JSON")
        }
    }
}
