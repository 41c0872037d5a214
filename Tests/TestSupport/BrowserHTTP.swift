import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One HTTP/1.1 exchange with a server on the loopback interface, over a plain TCP socket.
///
/// Foundation's URLSession on Linux (libcurl underneath) cannot read chromedriver's answers
/// ("Failed writing header", swift-corelibs-foundation issue 4965), and the WebDriver protocol
/// needs no more than this: one request per connection, the answer read to the length it gives.
enum BrowserHTTP {
    /// What the server answered.
    struct Answer {
        var status: Int
        var body: Data
    }

    /// Sends `method path` with `body` (JSON) to `127.0.0.1:port` and reads the answer, off the
    /// caller's thread; gives up after `timeout` seconds without data.
    static func exchange(port: Int, method: String, path: String, body: Data?, timeout: Int = 120) async throws -> Answer {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result(catching: { try exchangeBlocking(port: port, method: method, path: path, body: body, timeout: timeout) }))
            }
        }
    }

    // MARK: - Private

    private static func exchangeBlocking(port: Int, method: String, path: String, body: Data?, timeout: Int) throws -> Answer {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw BrowserError.http(path: path, reason: "socket: errno \(errno)") }
        defer { close(socket) }
        var wait = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(socket, SOL_SOCKET, SO_SNDTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = in_addr_t(UInt32(0x7F00_0001).bigEndian)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw BrowserError.http(path: path, reason: "connect: errno \(errno)") }
        let payload = body ?? Data()
        var request = Data(("\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
            + "Content-Type: application/json; charset=utf-8\r\nContent-Length: \(payload.count)\r\n\r\n").utf8)
        request.append(payload)
        try request.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let sent = send(socket, buffer.baseAddress! + offset, buffer.count - offset, Int32(MSG_NOSIGNAL))
                guard sent > 0 else { throw BrowserError.http(path: path, reason: "send: errno \(errno)") }
                offset += sent
            }
        }
        var received = Data()
        var chunk = [UInt8](repeating: 0, count: 65_536)
        // chromedriver says `Connection:close` but keeps the socket open: the answer ends where its length says.
        while !isComplete(received) {
            let count = recv(socket, &chunk, chunk.count, 0)
            if count == 0 { break }
            guard count > 0 else { throw BrowserError.http(path: path, reason: "recv: errno \(errno)") }
            received.append(contentsOf: chunk[0..<count])
        }
        return try parse(received, path: path)
    }

    /// Whether `data` holds a whole answer: its header and as many bytes as `Content-Length` says,
    /// or a chunked body's last chunk.
    private static func isComplete(_ data: Data) -> Bool {
        guard let end = data.firstRange(of: Data("\r\n\r\n".utf8)) else { return false }
        let head = header(data, end: end)
        if let length = head.lazy.compactMap(contentLength).first { return data.distance(from: end.upperBound, to: data.endIndex) >= length }
        if head.contains(where: isChunked) { return data.suffix(5) == Data("0\r\n\r\n".utf8) }
        return false
    }

    private static func header(_ data: Data, end: Range<Data.Index>) -> [Substring] {
        String(decoding: data[data.startIndex..<end.lowerBound], as: UTF8.self).split(separator: "\r\n")
    }

    private static func contentLength(_ line: Substring) -> Int? {
        let parts = line.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "content-length" else { return nil }
        return Int(parts[1].trimmingCharacters(in: .whitespaces))
    }

    private static func isChunked(_ line: Substring) -> Bool {
        line.lowercased().hasPrefix("transfer-encoding:") && line.lowercased().contains("chunked")
    }

    /// The status and body of a whole HTTP/1.1 answer, chunked or not.
    private static func parse(_ data: Data, path: String) throws -> Answer {
        guard let end = data.firstRange(of: Data("\r\n\r\n".utf8)) else { throw BrowserError.http(path: path, reason: "no header") }
        let head = header(data, end: end)
        let status = head.first.flatMap { $0.split(separator: " ").dropFirst().first }.flatMap { Int($0) } ?? 0
        var body = Data(data[end.upperBound...])
        if let length = head.lazy.compactMap(contentLength).first { body = body.prefix(length) }
        return Answer(status: status, body: head.contains(where: isChunked) ? try unchunk(body, path: path) : body)
    }

    private static func unchunk(_ data: Data, path: String) throws -> Data {
        var output = Data(), rest = data[...]
        while let line = rest.firstRange(of: Data("\r\n".utf8)) {
            let size = Int(String(decoding: rest[rest.startIndex..<line.lowerBound], as: UTF8.self)
                .split(separator: ";").first?.trimmingCharacters(in: .whitespaces) ?? "", radix: 16) ?? -1
            guard size >= 0, rest.distance(from: line.upperBound, to: rest.endIndex) >= size else {
                throw BrowserError.http(path: path, reason: "bad chunk")
            }
            if size == 0 { return output }
            let start = line.upperBound, stop = rest.index(start, offsetBy: size)
            output.append(rest[start..<stop])
            rest = rest[min(rest.index(stop, offsetBy: 2, limitedBy: rest.endIndex) ?? rest.endIndex, rest.endIndex)...]
        }
        throw BrowserError.http(path: path, reason: "truncated chunks")
    }
}
