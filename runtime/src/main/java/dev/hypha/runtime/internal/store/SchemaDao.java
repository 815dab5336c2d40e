package dev.hypha.runtime.internal.store;

import dev.hypha.runtime.SchemaTooNewException;
import org.jdbi.v3.core.Handle;

/** The schema-version table and the migrations that move a store to the latest version. */
final class SchemaDao {
  private static final String CREATE =
      """
      CREATE TABLE IF NOT EXISTS hypha_schema (
        version     INTEGER NOT NULL PRIMARY KEY,
        description TEXT    NOT NULL,
        applied_at  INTEGER NOT NULL
      )""";

  private SchemaDao() {}

  /** The version of the store behind {@code handle}; 0 for an empty store. */
  static int version(Handle handle) {
    handle.execute(CREATE);
    return handle
        .createQuery("SELECT COALESCE(MAX(version), 0) FROM hypha_schema")
        .mapTo(Integer.class)
        .one();
  }

  /**
   * Applies every migration above the store's version, each in its own transaction.
   *
   * @throws SchemaTooNewException if the store is newer than this code
   */
  static void migrate(Handle handle, String location, long nowMicros) {
    int current = version(handle);
    if (current > Migrations.latest()) {
      throw new SchemaTooNewException(location, current, Migrations.latest());
    }
    for (Migrations.Migration migration : Migrations.ALL) {
      if (migration.version() <= current) {
        continue;
      }
      handle.useTransaction(
          tx -> {
            // Another process may have migrated between our read and this transaction.
            if (version(tx) >= migration.version()) {
              return;
            }
            migration.statements().forEach(tx::execute);
            tx.createUpdate(
                    "INSERT INTO hypha_schema (version, description, applied_at) VALUES (?, ?, ?)")
                .bind(0, migration.version())
                .bind(1, migration.description())
                .bind(2, nowMicros)
                .execute();
          });
    }
  }
}
