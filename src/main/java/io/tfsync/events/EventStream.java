package io.tfsync.events;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads the stream for consumers: a page at once, or a long poll that holds the request (not a
 * database connection) until an event the consumer asked for commits or the wait runs out.
 */
public final class EventStream {

    private final EventLog log;
    private final EventSignal signal;
    private final EventMetrics metrics;
    private final Clock clock;
    private final ConcurrentHashMap<EventQuery, CompletableFuture<EventPage>> inFlight = new ConcurrentHashMap<>();

    public EventStream(EventLog log, EventSignal signal, EventMetrics metrics, Clock clock) {
        this.log = Objects.requireNonNull(log, "log");
        this.signal = Objects.requireNonNull(signal, "signal");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The events after the query's offset; when there are none, waits up to {@code wait} for one. A
     * wait that ends empty answers the last offset it covered, so the consumer moves past filtered
     * events instead of scanning them again.
     */
    public EventPage poll(EventQuery query, Duration wait) throws InterruptedException {
        // One way of waiting for both: this blocks the caller (an SSE stream's thread) on the same
        // registered wait a long poll completes its request with.
        CompletableFuture<EventPage> answer = pollAsync(query, wait);
        try {
            return awaited(answer);
        } catch (InterruptedException e) {
            answer.cancel(false); // forgets the registered wait and its timer
            throw e;
        }
    }

    /**
     * The events after the query's offset; when there are none, waits up to {@code wait} for one,
     * holding no thread: the answer completes the future, when a matching event commits or the wait
     * runs out. A wait that ends empty answers the last offset it covered, so the consumer moves past
     * filtered events instead of scanning them again. A first read that fails (an offset out of range)
     * throws here, before anything is waited for.
     */
    public CompletableFuture<EventPage> pollAsync(EventQuery query, Duration wait) throws InterruptedException {
        EventPage first = read(query);
        if (!first.events().isEmpty() || wait.isZero() || wait.isNegative()) {
            return CompletableFuture.completedFuture(first);
        }
        CompletableFuture<EventPage> answer = new CompletableFuture<>();
        AtomicReference<EventPage> latest = new AtomicReference<>(first);
        AtomicReference<EventSignal.AsyncWait> registered = new AtomicReference<>();
        ScheduledFuture<?> timeout =
                TIMER.schedule(() -> answer.complete(latest.get()), wait.toNanos(), TimeUnit.NANOSECONDS);
        answer.whenComplete((page, failure) -> {
            timeout.cancel(false);
            EventSignal.AsyncWait pending = registered.get();
            if (pending != null) {
                pending.cancel();
            }
        });
        awaitAsync(query, answer, latest, registered);
        return answer;
    }

    private void awaitAsync(
            EventQuery query,
            CompletableFuture<EventPage> answer,
            AtomicReference<EventPage> latest,
            AtomicReference<EventSignal.AsyncWait> registered) {
        long covered = latest.get().lastEventOffset();
        registered.set(signal.whenCommittedAfter(query.scope(), covered, () -> {
            if (answer.isDone()) {
                return;
            }
            if (signal.isClosed()) {
                answer.complete(latest.get());
                return;
            }
            try {
                EventPage page = read(query.after(covered));
                latest.set(page);
                if (!page.events().isEmpty()) {
                    metrics.wokeUp(Duration.ofMillis(Math.max(
                            0, clock.millis() - page.events().getFirst().createdAt())));
                    answer.complete(page);
                } else {
                    awaitAsync(query, answer, latest, registered);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                answer.complete(latest.get());
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        }));
        if (answer.isDone()) {
            registered.get().cancel(); // completed while registering: nothing must stay behind
        }
    }

    /** Ends waits whose time ran out; one daemon thread for every waiting request. */
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("tfsync-event-wait-timer").factory());

    /**
     * Reads a page, sharing the read with every request that asks the same at the same time: a commit
     * wakes all consumers waiting at the log's end at once, and one read of the new events serves them
     * all instead of one database transaction each. A page shared this way may have been read a moment
     * before the caller's wake-up, which is still a consistent page: at worst it is empty and the caller
     * waits again, finds the signal already past, and reads once more.
     */
    private EventPage read(EventQuery query) throws InterruptedException {
        CompletableFuture<EventPage> mine = new CompletableFuture<>();
        CompletableFuture<EventPage> running = inFlight.putIfAbsent(query, mine);
        if (running != null) {
            return awaited(running);
        }
        try {
            EventPage page = log.read(query);
            mine.complete(page);
            return page;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(query, mine);
        }
    }

    /** The future's value; its failure rethrown as it was thrown. */
    private static <T> T awaited(CompletableFuture<T> future) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The log's bounds now. */
    public LogBounds bounds() {
        return log.bounds();
    }

    public EventLog log() {
        return log;
    }

    public EventSignal signal() {
        return signal;
    }
}
