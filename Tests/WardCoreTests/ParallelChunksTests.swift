import Foundation
import Testing
import WardCore

/// Chunked work comes back in order, every position once, and fails as a loop would.
@Suite struct ParallelChunksTests {
    struct Failure: Error, Equatable {
        var position: Int
    }

    @Test(arguments: [0, 1, 7, 2048, 2049, 10_000])
    func everyPositionIsHandledOnceInOrder(count: Int) throws {
        let chunks = ParallelChunks.map(count: count, chunkSize: 100) { chunk in Array(chunk) }
        #expect(chunks.flatMap { $0 } == Array(0..<count))
        #expect(chunks.allSatisfy { $0.count <= 100 && !$0.isEmpty })
        #expect(ParallelChunks.joined(count: count, chunkSize: 100) { chunk in Array(chunk) } == Array(0..<count))
    }

    @Test func theFirstFailureInChunkOrderIsThrownWhateverFinishesFirst() {
        // Chunks after the failing ones fail too, and faster: the earliest position still wins.
        #expect(throws: Failure(position: 350)) {
            _ = try ParallelChunks.map(count: 1_000, chunkSize: 50) { (chunk: Range<Int>) throws(Failure) -> Int in
                if chunk.lowerBound < 350 { usleep(2_000) }
                for position in chunk where position >= 350 && position % 50 == 0 { throw Failure(position: position) }
                return chunk.count
            }
        }
    }
}
