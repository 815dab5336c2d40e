package dev.hypha.cli.internal.commands;

import dev.hypha.cli.ExitCode;
import picocli.AutoComplete;
import picocli.CommandLine.Command;

/** {@code hypha completion}: the bash completion script of every command and option. */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = {
      "Print a bash completion script for hypha (zsh too, after autoload bashcompinit).",
      "Use it with: source <(hypha completion)"
    })
final class CompletionCommand extends Subcommand {
  @Override
  ExitCode run() {
    out().print(AutoComplete.bash("hypha", spec.root().commandLine()));
    return ExitCode.OK;
  }
}
