package dev.hypha.cli.internal.commands;

import dev.hypha.cli.ExitCode;
import dev.hypha.cli.internal.CliException;
import dev.hypha.cli.internal.DotGraph;
import dev.hypha.cli.internal.FlowCatalog;
import dev.hypha.runtime.spi.FlowDescriptor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hypha graph FLOW}: a flow's graph as Mermaid or DOT. Reads no store. */
@Command(
    name = "graph",
    mixinStandardHelpOptions = true,
    description = {
      "Print a flow's graph: Mermaid (the flowchart the processor generated) or Graphviz DOT.",
      "Reads no store. Example: hypha graph orders --format dot | dot -Tsvg > orders.svg"
    })
final class GraphCommand extends Subcommand {
  enum Format {
    mermaid,
    dot
  }

  @Parameters(index = "0", paramLabel = "FLOW", description = "The flow's name.")
  String flow;

  @Option(
      names = "--format",
      defaultValue = "mermaid",
      description = "mermaid or dot (default: ${DEFAULT-VALUE}).")
  Format format;

  @Override
  ExitCode run() {
    FlowDescriptor descriptor = FlowCatalog.onClassPath().flow(flow);
    if (format == Format.dot) {
      out().print(DotGraph.of(descriptor));
      return ExitCode.OK;
    }
    String mermaid = descriptor.mermaid();
    if (mermaid.isBlank()) {
      throw new CliException(
          ExitCode.NOT_FOUND,
          "the descriptor of flow "
              + flow
              + " has no Mermaid text (it was built by hand or by an old processor); use"
              + " --format dot, or rebuild the application with hypha-processor");
    }
    out().print(mermaid.endsWith("\n") ? mermaid : mermaid + "\n");
    return ExitCode.OK;
  }
}
