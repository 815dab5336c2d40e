package dev.hypha.cli.internal;

import dev.hypha.cli.ExitCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A JSON value given on the command line: the JSON itself, {@code @file} for a file's content, or
 * {@code @-} for standard input. Stateless.
 */
public final class JsonArgument {
  private JsonArgument() {}

  /**
   * The JSON text of {@code value}, the argument of {@code option}.
   *
   * @throws CliException (usage) for a file that cannot be read or an empty value
   */
  public static String read(String value, String option) {
    String json;
    if (value.equals("@-")) {
      try {
        InputStream in = System.in;
        json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new CliException(
            ExitCode.USAGE, "cannot read " + option + " from standard input: " + e.getMessage(), e);
      }
    } else if (value.startsWith("@")) {
      Path file = Path.of(value.substring(1));
      try {
        json = Files.readString(file, StandardCharsets.UTF_8);
      } catch (NoSuchFileException e) {
        throw new CliException(
            ExitCode.USAGE,
            "the file "
                + file
                + " of "
                + option
                + " does not exist; give @<file> with JSON in it, or the JSON itself");
      } catch (IOException e) {
        throw new CliException(
            ExitCode.USAGE,
            "cannot read the file " + file + " of " + option + ": " + e.getMessage(),
            e);
      }
    } else {
      json = value;
    }
    if (json.isBlank()) {
      throw new CliException(
          ExitCode.USAGE,
          option + " is empty; give JSON such as {\"id\": \"42\"}, or null for no value");
    }
    return json;
  }
}
