import Foundation
import HTTPTypes
import Hummingbird
import WardApp
import WardCore

/// The JSON answers of the API: documents the reporters rendered, and errors as `{"error": "..."}`.
enum APIResponse {
    /// A JSON document with `status`.
    static func json(_ data: Data, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// An error document with `status` and a one-line `message`.
    static func error(_ status: HTTPResponse.Status, _ message: String) -> Response {
        let text = (try? JSONCoding.encode(["error": message], pretty: false)) ?? Data("{\"error\":\"error\"}".utf8)
        return json(text + Data("\n".utf8), status: status)
    }

    /// The answer to a service's refusal.
    static func error(_ error: AppError) -> Response {
        switch error {
        case .unknownScan, .noScanRecorded: return self.error(.notFound, error.description)
        case .invalidRequest: return self.error(.badRequest, error.description)
        default: return self.error(.unprocessableContent, error.description)
        }
    }
}
