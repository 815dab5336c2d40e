package dev.hypha.cli.internal.commands;

import dev.hypha.cli.ExitCode;
import dev.hypha.cli.internal.FlowCatalog;
import dev.hypha.cli.internal.JsonShapes;
import dev.hypha.cli.internal.Table;
import dev.hypha.runtime.spi.FlowDescriptor;
import java.util.Collection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hypha flows}: the flows on the class path. Reads no store. */
@Command(
    name = "flows",
    mixinStandardHelpOptions = true,
    description = {
      "List the flows on the class path: name, tasks, queues and shape hash.",
      "Reads no store; pass --classpath with the application's jars or classes."
    })
final class FlowsCommand extends Subcommand {
  @Option(names = "--json", description = "Print {\"flows\": [Flow]} as JSON.")
  boolean json;

  @Override
  ExitCode run() {
    Collection<FlowDescriptor> flows = FlowCatalog.onClassPath().all();
    if (json) {
      out().println(JsonShapes.write(JsonShapes.flows(flows)));
      return ExitCode.OK;
    }
    if (flows.isEmpty()) {
      err()
          .println(
              prefix()
                  + "no flows on the class path; pass --classpath with the application's jars or"
                  + " classes (compiled with hypha-processor)");
      return ExitCode.OK;
    }
    Table table = new Table("NAME", "TASKS", "QUEUES", "SHAPE", "CLASS");
    for (FlowDescriptor flow : flows) {
      table.row(
          flow.name(),
          flow.tasks().size(),
          String.join(",", flow.queues()),
          flow.shapeHash(),
          flow.flowClassName());
    }
    out().print(table.render());
    return ExitCode.OK;
  }
}
