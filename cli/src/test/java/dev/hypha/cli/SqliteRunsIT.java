package dev.hypha.cli;

import java.nio.file.Path;

/** The run commands on a SQLite file shared by the worker and the commands. */
class SqliteRunsIT extends RunsContract {
  @Override
  String newStore(Path dir) {
    return dir.resolve("runs.db").toString();
  }
}
