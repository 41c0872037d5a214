import Foundation
import Testing
import WardCore
@testable import WardReporters

/// Elements rendered in chunks on every core are the bytes, in the order, one loop would write.
@Suite struct JSONParallelElementsTests {
    static func finding(_ index: Int) -> Finding {
        Finding(toolID: "semgrep", ruleID: "r\(index % 13)", title: "t\(index)", message: "line \(index)\n\"quoted\"", kind: .sast,
                severity: index % 3 == 0 ? .high : .low, location: SourceLocation(path: "src/f\(index).py", startLine: index), identity: "v1:\(index)")
    }

    /// An object with a member already, then an array of `count` findings, then another member.
    static func document(count: Int, parallel: Bool) throws -> [UInt8] {
        let findings = (0..<count).map(finding)
        var writer = JSONStreamWriter()
        writer.beginObject()
        writer.member("before", "x")
        writer.key("findings")
        writer.beginArray()
        if parallel {
            try writer.elements(count: count) { index, writer in try JSONFinding(findings[index]).write(to: &writer) }
        } else {
            for finding in findings {
                writer.element()
                try JSONFinding(finding).write(to: &writer)
            }
        }
        try writer.endArray()
        writer.member("after", "y")
        try writer.endObject()
        try writer.finish()
        return writer.buffer
    }

    @Test(arguments: [0, 1, 2, JSONStreamWriter.parallelChunkSize + 1,
                      JSONStreamWriter.parallelChunkSize * JSONStreamWriter.parallelWindow + 7])
    func chunksRenderedApartAreTheBytesOfOneLoop(count: Int) throws {
        #expect(try Self.document(count: count, parallel: true) == Self.document(count: count, parallel: false))
    }

    @Test func aFailingElementFailsTheDocument() {
        var writer = JSONStreamWriter()
        writer.beginArray()
        struct Refused: Error {}
        #expect(throws: Refused.self) {
            try writer.elements(count: 2_000) { index, _ in if index == 1_500 { throw Refused() } }
        }
    }
}
