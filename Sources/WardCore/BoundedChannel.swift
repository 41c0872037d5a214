import Dispatch
import Synchronization

/// A first-in, first-out queue between a producing and a consuming thread that holds at most
/// ``capacity`` elements: a producer that runs ahead waits for the consumer, so what lies between
/// two stages of a pipeline stays bounded whatever flows through it.
///
/// The producer ``send(_:)``s elements and then ``finish()``es; the consumer ``receive()``s until
/// it gets nil. A consumer that stops early ``cancel()``s: every later (or waiting) ``send(_:)``
/// returns false at once, so the producer stops too instead of waiting forever.
public final class BoundedChannel<Element: Sendable>: Sendable {
    private struct State {
        var buffer: [Element?] = []
        var head = 0
        var count = 0
        var finished = false
        var cancelled = false
    }

    /// Most elements waiting at once.
    public let capacity: Int
    private let state: Mutex<State>
    /// Free places: a sender takes one, a receiver gives one back.
    private let places: DispatchSemaphore
    /// Waiting elements, plus one signal once finished (passed on by every receiver that sees it).
    private let ready = DispatchSemaphore(value: 0)

    /// A channel holding at most `capacity` (at least one) elements.
    public init(capacity: Int) {
        precondition(capacity > 0, "a channel holds at least one element")
        self.capacity = capacity
        state = Mutex(State(buffer: Array(repeating: nil, count: capacity)))
        // Counted up from zero: a semaphore released below the value it was made with traps.
        places = DispatchSemaphore(value: 0)
        for _ in 0..<capacity { places.signal() }
    }

    /// Queues `element`, waiting while the channel is full; false (the element dropped) once the
    /// consumer cancelled.
    @discardableResult
    public func send(_ element: Element) -> Bool {
        places.wait()
        let queued = state.withLock { state -> Bool in
            guard !state.cancelled else { return false }
            precondition(!state.finished, "send after finish")
            state.buffer[(state.head + state.count) % capacity] = element
            state.count += 1
            return true
        }
        // A cancelled channel passes the place on, so that every waiting sender wakes up.
        if queued { ready.signal() } else { places.signal() }
        return queued
    }

    /// Says that nothing more will be sent: the consumer receives what is queued, then nil.
    public func finish() {
        let first = state.withLock { state -> Bool in
            defer { state.finished = true }
            return !state.finished
        }
        if first { ready.signal() }
    }

    /// The oldest queued element, waiting for one; nil once the producer finished and everything
    /// sent was received, or once the consumer cancelled.
    public func receive() -> Element? {
        ready.wait()
        let element = state.withLock { state -> Element? in
            guard !state.cancelled, state.count > 0 else { return nil }
            let element = state.buffer[state.head].take()
            state.head = (state.head + 1) % capacity
            state.count -= 1
            return element
        }
        // The end (finished and empty, or cancelled) is signalled once and seen by every receive.
        if element == nil { ready.signal() } else { places.signal() }
        return element
    }

    /// Stops the channel from the consumer's side: queued elements are dropped and every sender,
    /// waiting or later, gets false.
    public func cancel() {
        state.withLock { state in
            state.cancelled = true
            state.buffer = Array(repeating: nil, count: capacity)
            state.count = 0
        }
        places.signal()
        ready.signal()
    }
}
