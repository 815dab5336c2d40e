package dev.hypha.cli.internal.commands;

import dev.hypha.cli.ExitCode;
import dev.hypha.runtime.Hypha;
import dev.hypha.server.HyphaServer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hypha serve}: the REST API and the dashboard ({@link HyphaServer}) over the store of
 * {@code --db}, opened as a client, so it executes nothing. Runs until SIGTERM or Ctrl-C.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serve the REST API (/api) and the dashboard (/) over the store. The store is opened as a"
          + " client: the server executes nothing; workers (hypha worker) or the application run"
          + " the runs it starts.",
      "Binds 127.0.0.1 by default and prints the URL. Another address needs a bearer token (the"
          + " environment variable HYPHA_TOKEN or --token-file), which every POST must then carry.",
      "Runs until SIGTERM or Ctrl-C."
    })
final class ServeCommand extends Subcommand {
  @Option(
      names = "--host",
      paramLabel = "ADDRESS",
      description = "The address to bind (default: 127.0.0.1).")
  String host = "127.0.0.1";

  @Option(
      names = "--port",
      paramLabel = "N",
      description = "The port (default: 7070; 0 for a free one).")
  int port = HyphaServer.DEFAULT_PORT;

  @Option(
      names = "--token-file",
      paramLabel = "FILE",
      description =
          "A file whose first line is the bearer token (default: the environment variable"
              + " HYPHA_TOKEN, if set).")
  Path tokenFile;

  @Option(
      names = "--allow-origin",
      paramLabel = "ORIGIN",
      split = ",",
      description = "Origins allowed to call the API from a browser (CORS); none by default.")
  List<String> origins = List.of();

  @Override
  ExitCode run() throws InterruptedException {
    Hypha hypha = global.openExisting();
    HyphaServer server;
    try {
      HyphaServer.Builder builder =
          HyphaServer.builder(hypha).host(host).port(port).allowedOrigins(origins);
      if (tokenFile != null) {
        builder.tokenFile(tokenFile);
      } else {
        builder.tokenFromEnvironment();
      }
      server = builder.start();
    } catch (RuntimeException e) {
      hypha.close();
      throw e;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  hypha.close();
                  stopped.countDown();
                },
                "hypha-serve-stop"));
    out().println("Hypha serves " + hypha.location() + " at " + server.uri());
    out().println("dashboard: " + server.uri() + "  API: " + server.uri().resolve("/api/runs"));
    out().flush();
    stopped.await();
    return ExitCode.OK;
  }
}
