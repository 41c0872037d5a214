import Foundation
import Testing
@testable import WardServer

/// The page sessions' lifetimes, on a clock the test sets: a session ends after idling, after its
/// whole lifetime however busy, and on logout; past its capacity the store forgets the least
/// recently used; ids and CSRF tokens are 256 random bits each.
@Suite struct SessionStoreTests {
    static let start = Date(timeIntervalSince1970: 2_000_000_000)

    @Test func sessionsEndWhenIdleWhenOldAndOnLogout() {
        let store = SessionStore(idleTimeout: 60, lifetime: 300)
        let session = store.create(for: .local, tokenID: nil, now: Self.start)
        #expect(store.session(id: session.id, now: Self.start.addingTimeInterval(59))?.id == session.id)
        // Each request restarts the idle clock, but not the lifetime.
        for minute in 2...4 { #expect(store.session(id: session.id, now: Self.start.addingTimeInterval(Double(minute) * 59)) != nil) }
        #expect(store.session(id: session.id, now: Self.start.addingTimeInterval(301)) == nil)
        let idle = store.create(for: .local, tokenID: nil, now: Self.start)
        #expect(store.session(id: idle.id, now: Self.start.addingTimeInterval(61)) == nil)
        let ended = store.create(for: .local, tokenID: nil, now: Self.start)
        store.end(id: ended.id)
        #expect(store.session(id: ended.id, now: Self.start) == nil)
        #expect(store.session(id: "guess", now: Self.start) == nil)
    }

    @Test func theStoreKeepsItsCapacityAndIdsAreRandom() {
        let store = SessionStore(idleTimeout: 600, lifetime: 3600, capacity: 3)
        let first = store.create(for: .local, tokenID: nil, now: Self.start)
        let others = (1...3).map { store.create(for: .local, tokenID: nil, now: Self.start.addingTimeInterval(Double($0))) }
        #expect(store.count == 3 && store.session(id: first.id, now: Self.start.addingTimeInterval(5)) == nil)
        #expect(others.allSatisfy { store.session(id: $0.id, now: Self.start.addingTimeInterval(5)) != nil })
        let ids = Set(others.flatMap { [$0.id, $0.csrfToken] })
        #expect(ids.count == 6 && ids.allSatisfy { $0.count == 43 })
    }

    @Test func failedLoginsWaitOutTheWindow() {
        let throttle = LoginThrottle(limit: 5, window: 60)
        for second in 0..<5 {
            #expect(throttle.retryAfter(client: "10.0.0.1", now: Self.start.addingTimeInterval(Double(second))) == nil)
            throttle.recordFailure(client: "10.0.0.1", now: Self.start.addingTimeInterval(Double(second)))
        }
        #expect(throttle.retryAfter(client: "10.0.0.1", now: Self.start.addingTimeInterval(10)) == 50)
        #expect(throttle.retryAfter(client: "10.0.0.2", now: Self.start.addingTimeInterval(10)) == nil)
        #expect(throttle.retryAfter(client: "10.0.0.1", now: Self.start.addingTimeInterval(60.5)) == nil)
    }
}
