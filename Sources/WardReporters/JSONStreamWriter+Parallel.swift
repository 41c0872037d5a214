import Foundation
import WardCore

extension JSONStreamWriter {
    /// Elements rendered at once by each task: about a megabyte of findings.
    static let parallelChunkSize = 512
    /// Chunks rendered before they are written: what the writer holds at most, whatever the count.
    static let parallelWindow = 8 * ProcessInfo.processInfo.activeProcessorCount

    /// Writes `count` elements of the innermost array, element `index` written by `body` as if it
    /// were written here: rendered in chunks on every core, written out in order, the buffer
    /// drained after each chunk. Holds at most ``parallelWindow`` chunks' bytes at a time.
    mutating func elements(count: Int, _ body: @escaping @Sendable (Int, inout JSONStreamWriter) throws -> Void) throws {
        let windowSize = Self.parallelChunkSize * Self.parallelWindow
        for windowStart in stride(from: 0, to: count, by: windowSize) {
            let nesting = openContainers
            let chunks = try ParallelChunks.map(count: min(windowSize, count - windowStart), chunkSize: Self.parallelChunkSize) {
                (chunk: Range<Int>) throws(any Error) -> [UInt8] in
                var writer = JSONStreamWriter(nestedIn: nesting, afterFirst: windowStart + chunk.lowerBound > 0 || nesting.last == true)
                for index in chunk {
                    writer.element()
                    try body(windowStart + index, &writer)
                }
                return writer.buffer
            }
            for chunk in chunks { try append(rendered: chunk) }
        }
        if count > 0 { markMember() }
    }
}
