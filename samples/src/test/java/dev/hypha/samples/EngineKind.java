package dev.hypha.samples;

import dev.hypha.runtime.Hypha;
import java.nio.file.Path;

/** The two in-process engines the end-to-end tests run on; both must give the same history. */
public enum EngineKind {
  SERIAL,
  PARALLEL;

  /** A builder for {@code database} with this engine. */
  public Hypha.Builder builder(Path database) {
    Hypha.Builder builder = Hypha.builder().path(database);
    return this == SERIAL ? builder.serial() : builder.parallel(4);
  }

  public Hypha open(Path database) {
    return builder(database).open();
  }
}
