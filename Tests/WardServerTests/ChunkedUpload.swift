import AsyncHTTPClient
import Foundation
import NIOCore

/// Sends an upload without a `Content-Length` (chunked, in 16 KiB pieces), as a client that hides
/// the size of its body would.
enum ChunkedUpload {
    /// The answer's status line (`HTTP/1.1 413`) and body.
    static func send(_ body: Data, port: Int) async throws -> String {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/api/v1/uploads")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        let pieces = stride(from: 0, to: body.count, by: 16 << 10).map { ByteBuffer(bytes: body[$0..<min($0 + (16 << 10), body.count)]) }
        let stream = AsyncStream<ByteBuffer> { continuation in
            for piece in pieces { continuation.yield(piece) }
            continuation.finish()
        }
        request.body = .stream(stream, length: .unknown)
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        let answer = try await response.body.collect(upTo: 1 << 20)
        return "HTTP/1.1 \(response.status.code) " + String(buffer: answer)
    }
}
