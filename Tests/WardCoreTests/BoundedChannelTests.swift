import Foundation
import Synchronization
import Testing
import WardCore

@Suite struct BoundedChannelTests {
    @Test func deliversEverythingInOrderThenNil() {
        // Given a producer thread sending far more elements than the channel holds
        let channel = BoundedChannel<Int>(capacity: 3)
        let producer = Thread {
            for value in 0..<1_000 { channel.send(value) }
            channel.finish()
        }
        producer.start()
        // When the consumer receives until the end
        var received: [Int] = []
        while let value = channel.receive() { received.append(value) }
        // Then it got every element once, in order, and the end stays the end
        #expect(received == Array(0..<1_000))
        #expect(channel.receive() == nil)
    }

    @Test func producerWaitsWhileTheChannelIsFull() throws {
        // Given a channel of two and a producer of five
        let channel = BoundedChannel<Int>(capacity: 2)
        let sent = Atomic<Int>(0)
        let producer = Thread {
            for value in 0..<5 {
                channel.send(value)
                sent.add(1, ordering: .sequentiallyConsistent)
            }
            channel.finish()
        }
        producer.start()
        // When nobody receives for a while
        #expect(Self.eventually { sent.load(ordering: .sequentiallyConsistent) == 2 })
        Thread.sleep(forTimeInterval: 0.2)
        // Then the producer has placed only what the channel holds
        #expect(sent.load(ordering: .sequentiallyConsistent) == 2)
        // And receiving one frees one place, and one only
        #expect(channel.receive() == 0)
        #expect(Self.eventually { sent.load(ordering: .sequentiallyConsistent) == 3 })
        Thread.sleep(forTimeInterval: 0.2)
        #expect(sent.load(ordering: .sequentiallyConsistent) == 3)
        var rest: [Int] = []
        while let value = channel.receive() { rest.append(value) }
        #expect(rest == [1, 2, 3, 4])
    }

    @Test func cancellingReleasesAWaitingProducer() {
        // Given a producer blocked on a full channel
        let channel = BoundedChannel<Int>(capacity: 1)
        let refused = Atomic<Int>(0)
        let done = DispatchSemaphore(value: 0)
        let producer = Thread {
            for value in 0..<10 where !channel.send(value) { refused.add(1, ordering: .sequentiallyConsistent) }
            done.signal()
        }
        producer.start()
        #expect(channel.receive() == 0)
        // When the consumer cancels
        channel.cancel()
        // Then the producer finishes, every later send refused, and nothing more is received
        #expect(done.wait(timeout: .now() + 5) == .success)
        #expect(refused.load(ordering: .sequentiallyConsistent) >= 8)
        #expect(channel.receive() == nil)
        #expect(!channel.send(99))
    }

    /// Whether `condition` holds within five seconds.
    private static func eventually(_ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(5)
        while !condition() {
            if Date() > deadline { return false }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return true
    }

    @Test func aChannelLeftFullIsReleasedQuietly() {
        // A consumer that fails leaves elements behind: releasing the channel then must not trap.
        var channel: BoundedChannel<Int>? = BoundedChannel(capacity: 2)
        #expect(channel?.send(1) == true)
        #expect(channel?.send(2) == true)
        channel = nil
        #expect(channel == nil)
    }

    @Test func finishingAnEmptyChannelEndsAtOnce() {
        let channel = BoundedChannel<String>(capacity: 4)
        channel.finish()
        channel.finish()
        #expect(channel.receive() == nil)
        #expect(channel.receive() == nil)
    }
}
