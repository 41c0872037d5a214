import Foundation
import Synchronization

/// Work over the positions `0..<count` cut into consecutive chunks and done on every core, the
/// chunks' results handed back in order: how a large report's results are decoded and its findings
/// searched for secrets on more than one core.
///
/// The first failure in chunk order is the one thrown, whatever order the chunks ran in, so an
/// error names the same result as a loop over the positions would.
public enum ParallelChunks {
    /// Positions handled by one task: small enough to share the work out, large enough that handing
    /// a chunk over costs nothing next to its work.
    public static let defaultChunkSize = 2048

    /// `body` of each chunk of `0..<count`, in order; on one thread when there is one chunk or one core.
    public static func map<Value: Sendable, Failure: Error>(
        count: Int, chunkSize: Int = defaultChunkSize, _ body: @Sendable (Range<Int>) throws(Failure) -> Value
    ) throws(Failure) -> [Value] {
        precondition(chunkSize > 0, "a chunk holds at least one position")
        let chunks = stride(from: 0, to: count, by: chunkSize).map { $0..<min($0 + chunkSize, count) }
        guard chunks.count > 1, ProcessInfo.processInfo.activeProcessorCount > 1 else {
            var values: [Value] = []
            values.reserveCapacity(chunks.count)
            for chunk in chunks { values.append(try body(chunk)) }
            return values
        }
        let results = Mutex<[Result<Value, Failure>?]>(Array(repeating: nil, count: chunks.count))
        let next = Atomic<Int>(0)
        let workers = min(chunks.count, ProcessInfo.processInfo.activeProcessorCount)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard index < chunks.count else { return }
                let result = Result { () throws(Failure) -> Value in try body(chunks[index]) }
                results.withLock { $0[index] = result }
            }
        }
        var values: [Value] = []
        values.reserveCapacity(chunks.count)
        for result in results.withLock({ $0 }) {
            guard let result else { preconditionFailure("every chunk ran") }
            values.append(try result.get())
        }
        return values
    }

    /// The elements `body` gives for each chunk of `0..<count`, in order, as one array: each chunk's
    /// elements are moved into it (``concatenating(_:)``), so they are held once and never copied.
    /// Inlinable, as is the concatenation, so that both are specialized for the caller's element:
    /// through the generic code, moving 200,000 findings cost about as much as the copies it saves.
    @inlinable
    public static func joined<Element: Sendable, Failure: Error>(
        count: Int, chunkSize: Int = defaultChunkSize, _ body: @Sendable (Range<Int>) throws(Failure) -> [Element]
    ) throws(Failure) -> [Element] {
        var chunks = try map(count: count, chunkSize: chunkSize, body)
        return concatenating(&chunks)
    }

    /// The elements of `parts`, in order, as one array, each element moved rather than copied;
    /// `parts` is left holding empty arrays. (A part whose storage another array shares is copied
    /// first, as any change to it would be.)
    ///
    /// Appending one array to another copies its elements and then lets the originals go: for
    /// elements holding many references (a finding's texts), a retain and a release of each, on
    /// objects spread over the whole heap. Moving touches only the elements' own bytes.
    @inlinable
    public static func concatenating<Element>(_ parts: inout [[Element]]) -> [Element] {
        let total = parts.reduce(0) { $0 + $1.count }
        return [Element](unsafeUninitializedCapacity: total) { buffer, initialized in
            // Filled from the end, as each part gives its elements up last first.
            var end = total
            for index in parts.indices.reversed() {
                var part: [Element] = []
                swap(&part, &parts[index])
                while let element = part.popLast() {
                    end -= 1
                    (buffer.baseAddress.unsafelyUnwrapped + end).initialize(to: consume element)
                }
            }
            initialized = total
        }
    }
}
