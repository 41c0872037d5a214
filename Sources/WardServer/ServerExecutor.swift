import NIOPosix

/// Runs the server's tasks (its connections, handlers and everything they await) on a pool of
/// threads of its own instead of Swift's shared pool.
///
/// A handler calls the application layer, which waits synchronously on the history: a query over
/// a large history reads for a fraction of a second, and on PostgreSQL every statement waits for
/// the database's answer (or for a lock another session holds). The shared pool has one thread
/// per core and never adds one because a thread waits, so on a two-core machine two such requests
/// would hold every request behind them, and a process that also waits synchronously elsewhere (a
/// test suite, an embedding program) could hold the server for minutes.
///
/// The pool is NIO's, of a fixed size: more threads than the history serves at once (8 PostgreSQL
/// connections, SQLite's readers and its one writer), so that requests waiting on the history
/// leave threads for those that do not, and a flood of requests queues instead of adding threads.
final class ServerExecutor: TaskExecutor {
    /// The executor every server in the process runs on.
    static let shared = ServerExecutor(threads: 16)

    private let pool: NIOThreadPool

    private init(threads: Int) {
        pool = NIOThreadPool(numberOfThreads: threads)
        pool.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        // The pool is never shut down; were it, the job would still run (told it was cancelled),
        // never be dropped with a task waiting on it.
        pool.submit { _ in job.runSynchronously(on: executor) }
    }
}
