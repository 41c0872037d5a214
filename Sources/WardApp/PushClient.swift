import AsyncHTTPClient
import Foundation
import NIOCore

/// Sends an upload to a Ward server (`ward push`) and reads its receipt.
public struct PushClient: Sendable {
    /// The server's base address (`https://ward.example.com`, or a path under it).
    public let server: URL
    /// The API token, sent as a bearer header; nil sends none.
    public let token: String?
    /// How long the whole exchange may take.
    public var timeout: Duration = .seconds(600)

    /// The largest answer read.
    static let maximumAnswerBytes = 1 << 20

    /// Checks `address`: an `https://` URL, or `http://` to this machine only, since the token
    /// would otherwise cross the network in clear.
    public init(server address: String, token: String?) throws(AppError) {
        guard let url = URL(string: address), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty,
              ["http", "https"].contains(scheme), url.query == nil, url.fragment == nil, url.user == nil else {
            throw .invalidRequest(reason: "--server: expected an https:// address")
        }
        let loopback = host == "localhost" || host.hasPrefix("127.") || host == "::1" || host == "[::1]"
        guard scheme == "https" || loopback else {
            throw .invalidRequest(reason: "--server: http:// would send the token in clear; use https:// (http:// is for loopback only)")
        }
        server = url
        self.token = token
    }

    /// The upload endpoint under the server's address.
    var endpoint: String {
        var base = server.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        return base + "/api/v1/uploads"
    }

    /// Uploads `document` and answers the server's receipt.
    ///
    /// - Throws: ``AppError/uploadRefused(server:status:reason:)`` with the server's one-line
    ///   problem when it refuses; ``AppError/serverUnreachable(server:reason:)`` when it cannot be
    ///   reached or answers something else than Ward's API does.
    public func push(_ document: UploadDocument) async throws(AppError) -> UploadReceipt {
        let name = server.absoluteString
        var request = HTTPClientRequest(url: endpoint)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Accept", value: "application/json")
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        let status: Int
        let answer: Data
        do {
            request.body = .bytes(ByteBuffer(bytes: try JSONEncoder().encode(document)))
            (status, answer) = try await Self.exchange(request, timeout: timeout)
        } catch {
            throw .serverUnreachable(server: name, reason: Self.describe(error))
        }
        guard (200..<300).contains(status) else {
            throw .uploadRefused(server: name, status: status, reason: Self.problem(in: answer))
        }
        do {
            return try JSONDecoder().decode(UploadReceipt.self, from: answer)
        } catch {
            throw .serverUnreachable(server: name, reason: "the answer (HTTP \(status)) is not an upload receipt")
        }
    }

    /// Sends `request` on a client of its own, which gives up on a refused or silent address after
    /// ``connectTimeout`` rather than retrying it until the whole exchange times out.
    static func exchange(_ request: HTTPClientRequest, timeout: Duration) async throws -> (Int, Data) {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .seconds(connectTimeout), read: .seconds(timeout.components.seconds))
        // A redirect is answered, never followed: following it would carry the bearer token to an
        // address the user did not name, perhaps over clear text.
        configuration.redirectConfiguration = .disallow
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        do {
            let response = try await client.execute(request, timeout: .seconds(timeout.components.seconds))
            let body = try await response.body.collect(upTo: maximumAnswerBytes)
            try await client.shutdown()
            return (Int(response.status.code), Data(body.readableBytesView))
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    /// How long connecting may take, in seconds.
    static let connectTimeout: Int64 = 10

    /// The `error` line of an error document, one line of printable text; a fixed phrase otherwise.
    static func problem(in answer: Data) -> String {
        struct Problem: Decodable { var error: String }
        guard let problem = try? JSONDecoder().decode(Problem.self, from: answer) else { return "no reason given" }
        let line = String(String.UnicodeScalarView(problem.error.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) }))
        return String(line.prefix(500))
    }

    /// A transport failure in one line.
    static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError, error == .deadlineExceeded { return "no answer in time" }
        let text = String(describing: error).split(whereSeparator: \.isNewline).first.map(String.init) ?? "failed"
        return String(text.prefix(300))
    }
}
