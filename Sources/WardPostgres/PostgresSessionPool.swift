import Synchronization

/// The idle connections of a history that a long-running process (the server) keeps open, so that
/// each request does not pay for connecting and authenticating. A connection goes back only after
/// its operation succeeded; one that failed is closed. At most `capacity` wait idle; the database's
/// own `max_connections` bounds how many are in use at once.
final class PostgresSessionPool: Sendable {
    /// How many idle connections are kept.
    let capacity: Int
    private let idle = Mutex<[PostgresSession]>([])

    /// A pool keeping at most `capacity` idle connections.
    init(capacity: Int) {
        self.capacity = capacity
    }

    /// An idle connection that is still open, else a new one.
    func take(_ settings: PostgresSettings) throws(PostgresError) -> PostgresSession {
        while let session = idle.withLock({ $0.popLast() }) {
            if !session.connection.isClosed { return session }
        }
        return try PostgresSession.open(settings)
    }

    /// Keeps `session` for the next operation, or closes it when enough are idle.
    func giveBack(_ session: PostgresSession) {
        let kept = idle.withLock { sessions in
            guard sessions.count < capacity, !session.connection.isClosed else { return false }
            sessions.append(session)
            return true
        }
        if !kept { session.close() }
    }

    deinit {
        // Whatever thread lets the pool go (an event loop's, as a server shuts down), nothing waits
        // here; each connection stays referenced until it has closed.
        for session in idle.withLock({ $0 }) {
            let connection = session.connection
            connection.close().whenComplete { _ in withExtendedLifetime(connection) {} }
        }
    }
}
