package dev.hypha.cli;

import dev.hypha.cli.internal.Cli;
import java.io.PrintWriter;
import java.nio.charset.Charset;

/**
 * The {@code hypha} command: {@code hypha flows}, {@code runs}, {@code show}, {@code start}, {@code
 * signal}, {@code cancel}, {@code worker} and the rest (see {@code hypha --help} and docs/CLI.md).
 * Run it as {@code bin/hypha} or {@code java -jar hypha.jar}; it exits with one of the {@link
 * ExitCode}s.
 *
 * <p>Stateless. Not meant to be called from application code: {@link #main} ends the JVM.
 */
public final class Main {
  private Main() {}

  /** Runs the command line {@code args} and exits the JVM with its {@link ExitCode}. */
  public static void main(String... args) {
    Charset charset = Charset.defaultCharset();
    PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, charset), true);
    PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, charset), true);
    int code = Cli.execute(out, err, args);
    out.flush();
    err.flush();
    System.exit(code);
  }
}
