package io.tfsync.store;

import io.tfsync.events.EventSignal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings other writers' commits to this instance's {@link EventSignal}. On PostgreSQL one connection
 * of its own LISTENs for the NOTIFY each writing transaction sends on commit, so a long poll here wakes
 * within milliseconds of a commit on any instance. On both databases it also reads the log's end every
 * {@code checkEvery}: that covers a SQLite file written by another process (a CLI sync) and a
 * notification lost while the listening connection was being re-opened.
 */
public final class EventRelay implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventRelay.class);
    private static final Duration RECONNECT_AFTER = Duration.ofSeconds(2);

    private final Database database;
    private final EventSignal signal;
    private final Duration checkEvery;
    private String channel = "(not listening yet)";
    private final Thread thread;
    private volatile boolean running = true;
    private Connection listening;

    private EventRelay(Database database, EventSignal signal, Duration checkEvery) {
        this.database = database;
        this.signal = signal;
        this.checkEvery = checkEvery;
        this.thread = Thread.ofPlatform().daemon().name("tfsync-event-relay").unstarted(this::run);
    }

    /** Starts relaying; the signal first learns the log's end as it is now. */
    public static EventRelay start(Database database, EventSignal signal, Duration checkEvery) {
        EventRelay relay = new EventRelay(
                Objects.requireNonNull(database, "database"), Objects.requireNonNull(signal, "signal"), checkEvery);
        relay.checkEnd();
        relay.thread.start();
        return relay;
    }

    private void run() {
        long nextCheck = System.nanoTime() + checkEvery.toNanos();
        while (running) {
            try {
                // Never blocks longer than a moment, so close() is heard soon.
                long pause = Math.clamp(
                        Duration.ofNanos(nextCheck - System.nanoTime()).toMillis(), 1, 500);
                if (database.dialect() == Dialect.POSTGRESQL) {
                    listen(pause);
                } else {
                    Thread.sleep(pause);
                }
                if (System.nanoTime() - nextCheck >= 0) {
                    checkEnd();
                    nextCheck = System.nanoTime() + checkEvery.toNanos();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warn(
                        "The event relay lost the {} database ({}); long polls fall back to checking every {} until it"
                                + " reconnects",
                        database.dialect().name(),
                        JdbcUrls.rootMessage(e),
                        checkEvery);
                closeListening();
                sleep(RECONNECT_AFTER);
            }
        }
    }

    private void listen(long timeoutMillis) throws SQLException {
        if (listening == null) {
            listening = database.openConnection();
            try (Statement statement = listening.createStatement()) {
                try (ResultSet rs = statement.executeQuery("SELECT " + EventAppender.CHANNEL)) {
                    rs.next();
                    channel = rs.getString(1);
                }
                statement.execute("LISTEN \"" + channel.replace("\"", "\"\"") + "\"");
            }
            // Commits between the last check and LISTEN sent no notification we heard.
            checkEnd();
        }
        PGNotification[] notifications =
                listening.unwrap(PGConnection.class).getNotifications((int) Math.min(Integer.MAX_VALUE, timeoutMillis));
        if (notifications == null) {
            return;
        }
        for (PGNotification notification : notifications) {
            String payload = notification.getParameter();
            int space = payload.indexOf(' ');
            try {
                long offset = Long.parseLong(space < 0 ? payload : payload.substring(0, space));
                signal.advance(space < 0 ? null : payload.substring(space + 1), offset);
            } catch (NumberFormatException e) {
                LOG.warn("Ignored a notification on {} that is not an event offset", channel);
            }
        }
    }

    /** Reads the log's end; only news wakes anyone. */
    private void checkEnd() {
        long last = JdbiEventLog.bounds(database).last();
        if (last > signal.last()) {
            signal.advance(null, last);
        }
    }

    private void closeListening() {
        if (listening != null) {
            try {
                listening.close();
            } catch (SQLException e) {
                // the connection is already broken; nothing more to release
            }
            listening = null;
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeListening();
    }
}
