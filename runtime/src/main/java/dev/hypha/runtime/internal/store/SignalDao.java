package dev.hypha.runtime.internal.store;

import java.util.List;
import org.jdbi.v3.core.Handle;

/** The signals table, the same SQL on SQLite and PostgreSQL. */
final class SignalDao {
  private SignalDao() {}

  /**
   * The next number among the run's signals: the writer holds the run (its lock, or the file's).
   */
  private static final String NEXT_SEQ =
      "(SELECT COALESCE(MAX(signal_seq), 0) + 1 FROM signals WHERE run_seq = :run)";

  /** Records a signal to the run {@code runSeq}, which the caller knows to be running. */
  static void insert(Handle handle, long runSeq, String name, String json, long sentAt) {
    handle
        .createUpdate(
            "INSERT INTO signals (run_seq, signal_seq, name, payload_json, sent_at)"
                + " VALUES (:run, "
                + NEXT_SEQ
                + ", :name, :json, :at)")
        .bind("run", runSeq)
        .bind("name", name)
        .bind("json", json)
        .bind("at", sentAt)
        .execute();
  }

  /** Records a signal to the run {@code runSeq} if it is RUNNING; returns whether it was. */
  static boolean insertIfRunning(
      Handle handle, long runSeq, String name, String json, long sentAt) {
    return handle
            .createUpdate(
                "INSERT INTO signals (run_seq, signal_seq, name, payload_json, sent_at)"
                    + " SELECT :run, "
                    + NEXT_SEQ
                    + ", :name, :json, :at"
                    + " WHERE EXISTS (SELECT 1 FROM runs WHERE run_seq = :run AND state = 'RUNNING')")
            .bind("run", runSeq)
            .bind("name", name)
            .bind("json", json)
            .bind("at", sentAt)
            .execute()
        == 1;
  }

  /** The signals sent to the run {@code runSeq}, in the order they came. */
  static List<StoredSignal> ofRun(Handle handle, long runSeq) {
    return handle
        .createQuery(
            "SELECT signal_seq, name, payload_json, sent_at FROM signals WHERE run_seq = ?"
                + " ORDER BY signal_seq")
        .bind(0, runSeq)
        .map(
            (rs, ctx) ->
                new StoredSignal(
                    rs.getInt("signal_seq"),
                    rs.getString("name"),
                    rs.getString("payload_json"),
                    rs.getLong("sent_at")))
        .list();
  }
}
