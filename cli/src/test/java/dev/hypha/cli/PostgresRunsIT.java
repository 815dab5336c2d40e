package dev.hypha.cli;

import dev.hypha.runtime.testing.SharedStores;
import java.nio.file.Path;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The run commands on PostgreSQL, in a fresh schema, when {@value SharedStores#URL_VARIABLE} names
 * a server (as in CI); like the runtime's shared-store tests, they run on SQLite only without it.
 */
@EnabledIfEnvironmentVariable(named = SharedStores.URL_VARIABLE, matches = ".+")
class PostgresRunsIT extends RunsContract {
  @Override
  String newStore(Path dir) {
    return SharedStores.fresh("postgres", dir);
  }
}
