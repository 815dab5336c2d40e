package dev.hypha.runtime;

import java.nio.file.Path;

/** The engines every semantic test runs on. */
enum EngineKind {
  SERIAL,
  PARALLEL;

  Hypha.Builder builder(Path file) {
    Hypha.Builder builder = Hypha.builder().path(file).workerId("test-worker");
    return this == SERIAL ? builder.serial() : builder.parallel(4);
  }

  Hypha open(Path file) {
    return builder(file).open();
  }
}
