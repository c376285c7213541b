import Dispatch
import Synchronization

/// Runs request handlers on threads of the server's own (serial dispatch queues, each with its own
/// thread) instead of the global cooperative pool. The pool has one thread per core; anything else
/// in the process that keeps those threads busy (a long computation, a blocking call) would
/// otherwise leave requests unanswered until it is done.
final class HandlerExecutor: TaskExecutor, Sendable {
    private let queues: [DispatchQueue]
    private let next = Atomic<Int>(0)

    init(threads: Int) {
        queues = (0..<max(1, threads)).map { DispatchQueue(label: "microhttp.handlers.\($0)") }
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        // Round robin: a task's next job only exists once its previous one ran, so spreading jobs
        // over the queues never runs one task on two threads at once.
        let index = next.wrappingAdd(1, ordering: .relaxed).oldValue % queues.count
        queues[index].async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
