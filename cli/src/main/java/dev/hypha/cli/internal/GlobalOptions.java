package dev.hypha.cli.internal;

import dev.hypha.cli.ExitCode;
import dev.hypha.runtime.Hypha;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options of every command: {@code --db}, {@code --classpath} and {@code --verbose}; and how a
 * command opens the store with them. Picocli fills it; not thread-safe.
 */
public final class GlobalOptions {
  /** The store a command uses when {@code --db} is not given. */
  public static final String DEFAULT_DB = "./hypha.db";

  @Option(
      names = "--db",
      paramLabel = "<store>",
      defaultValue = DEFAULT_DB,
      description =
          "The store: a SQLite file, jdbc:sqlite:<file> or jdbc:postgresql://<host>/<db>"
              + " (default: ${DEFAULT-VALUE}).")
  private String db;

  @Option(
      names = "--classpath",
      paramLabel = "<path>",
      description =
          "The application's jars and class folders, separated by the platform path separator"
              + " (dir/* for every jar of a folder): where its flows are found.")
  private String classpath;

  @Option(
      names = "--verbose",
      description = "Log the runtime's messages, and print stack traces of errors.")
  private boolean verbose;

  /** The {@code --db} value as given. */
  public String db() {
    return db;
  }

  /** The {@code --classpath} value as given, or null. */
  public String classpath() {
    return classpath;
  }

  public boolean verbose() {
    return verbose;
  }

  /**
   * Sets the log level (warnings only; INFO too with {@code --verbose}) and installs the
   * application's class path. Called first by every command, before any logger or flow is looked
   * up.
   */
  public void prepare() {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "warn");
    AppClassPath.install(classpath);
  }

  /**
   * Opens the store as a client, which executes nothing. A SQLite file must exist: reading a store
   * that is not there is a mistake, not a reason to create an empty one.
   *
   * @throws CliException (store) for a SQLite file that does not exist
   */
  public Hypha openExisting() {
    sqliteFile()
        .filter(file -> !Files.exists(file))
        .ifPresent(
            file -> {
              throw new CliException(
                  ExitCode.STORE,
                  "no store at "
                      + db
                      + "; pass --db with the store's file or JDBC URL (a worker or an"
                      + " application creates it)");
            });
    return Hypha.connect(db);
  }

  /** Opens the store as a client, creating a SQLite file that is not there yet. */
  public Hypha openOrCreate() {
    return Hypha.connect(db);
  }

  /** Whether the store is a SQLite file that does not exist yet. */
  public boolean storeMissing() {
    return sqliteFile().filter(file -> !Files.exists(file)).isPresent();
  }

  /** The SQLite file {@code --db} names; empty for PostgreSQL or another JDBC URL. */
  private java.util.Optional<Path> sqliteFile() {
    if (db.startsWith("jdbc:sqlite:")) {
      return java.util.Optional.of(Path.of(db.substring("jdbc:sqlite:".length())));
    }
    if (db.startsWith("jdbc:")) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(Path.of(db));
  }
}
