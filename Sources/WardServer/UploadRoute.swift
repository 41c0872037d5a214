import Foundation
import HTTPTypes
import Hummingbird
import WardApp
import WardCore

/// `POST /api/v1/uploads` (`ward push`): one scan's reports, recorded through the same service as
/// `ward import`, by a token whose role may upload and whose targets glob covers the target.
/// The body is read up to the server's upload limit and no further (413 past it).
struct UploadRoute: Sendable {
    let settings: ServerSettings

    /// Uploads are recorded one at a time, off the server's threads: each is one write
    /// transaction, and a repeated upload is then always recognised by its digest.
    static let queue = DispatchQueue(label: "ward.uploads")

    func register(on router: Router<ServerContext>) {
        router.post("api/v1/uploads") { request, context in try await upload(request, caller: context.caller) }
    }

    func upload(_ request: Request, caller: Caller?) async throws -> Response {
        guard let caller, caller.role.mayUpload else { return APIResponse.error(.forbidden, "this token may not upload scans") }
        let tooLarge = "the upload is larger than this server's limit of \(settings.uploadLimit) bytes"
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > settings.uploadLimit {
            return APIResponse.error(.contentTooLarge, tooLarge)
        }
        let bytes: ByteBuffer
        do {
            bytes = try await request.body.collect(upTo: settings.uploadLimit)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            return APIResponse.error(.contentTooLarge, tooLarge)
        }
        let document: UploadDocument
        do {
            document = try JSONDecoder().decode(UploadDocument.self, from: Data(bytes.readableBytesView))
        } catch {
            return APIResponse.error(.badRequest, UploadProblem.describe(error))
        }
        guard caller.mayUpload(to: document.target) else {
            return APIResponse.error(.forbidden, "this token may not upload scans of this target")
        }
        let service = UploadService(paths: settings.paths, maxReportBytes: settings.uploadLimit, policy: settings.uploadPolicy)
        let outcome = await withCheckedContinuation { (continuation: CheckedContinuation<Result<UploadReceipt, AppError>, Never>) in
            Self.queue.async {
                continuation.resume(returning: Result { () throws(AppError) in try service.record(document) })
            }
        }
        switch outcome {
        case .success(let receipt):
            let body = try JSONCoding.encode(receipt, pretty: false) + Data("\n".utf8)
            return APIResponse.json(body, status: receipt.alreadyRecorded ? .ok : .created)
        case .failure(let error):
            return APIResponse.error(error)
        }
    }
}
