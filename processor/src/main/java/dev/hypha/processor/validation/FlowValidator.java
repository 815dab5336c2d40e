package dev.hypha.processor.validation;

import dev.hypha.processor.model.Binding;
import dev.hypha.processor.model.FanOut;
import dev.hypha.processor.model.FlowModel;
import dev.hypha.processor.model.FlowPlan;
import dev.hypha.processor.model.HandlerModel;
import dev.hypha.processor.model.LoopPlan;
import dev.hypha.processor.model.SignalPlan;
import dev.hypha.processor.model.TaskModel;
import dev.hypha.processor.validation.PolicyChecks.Policies;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Validates one flow at a time: runs every check, collecting all errors, and plans the generated
 * code only for a flow without any. Lives as long as the processor, so that flow names are unique
 * across rounds.
 *
 * <p>Not thread-safe.
 */
public final class FlowValidator {
  private final TypeRules rules;
  private final FlowNameRegistry names = new FlowNameRegistry();

  public FlowValidator(Elements elements, Types types) {
    this.rules = new TypeRules(elements, types);
  }

  /** Every error of {@code flow}, and its plan if there is none. */
  public Validation validate(FlowModel flow) {
    Report report = new Report();
    if (!ClassChecks.check(flow, report)) {
      return new Validation(report, Optional.empty());
    }
    names.claim(flow, report);
    TaskChecks.check(flow, rules, report);
    AccessChecks.check(flow, report);
    int beforeGraph = report.errorCount();
    DependencyChecks.check(flow, report);
    boolean graphValid = report.errorCount() == beforeGraph;
    Map<TaskModel, List<Binding>> bindings = new ParameterBinder(flow, rules, report).bindAll();
    Branching branching =
        graphValid ? BranchChecks.check(flow, bindings, rules, report) : Branching.NONE;
    Optional<TypeMirror> input = InputChecks.check(flow, rules, report);
    Policies policies = PolicyChecks.check(flow, rules, report);
    Map<Element, String> waits = WaitUntilChecks.check(flow, bindings, rules, report);
    Map<Element, FanOut> fanOuts = ForEachChecks.check(flow, bindings, rules, report);
    Map<Element, LoopPlan> loops = LoopChecks.check(flow, bindings, rules, report);
    Map<Element, SignalPlan> signals = SignalChecks.check(flow, bindings, rules, report);
    SubFlowChecks.check(flow, rules, report);
    List<HandlerModel> handlers = HandlerChecks.check(flow, rules, report);
    FlowResult result = graphValid ? FlowResult.of(flow, rules, branching) : null;
    Map<HandlerModel, List<Binding>> handlerBindings =
        new HandlerBinder(flow, rules, report, result).bindAll(handlers);
    if (report.hasErrors()
        || bindings.values().stream().anyMatch(list -> list.contains(null))
        || handlerBindings.values().stream().anyMatch(list -> list.contains(null))) {
      // A parameter without binding and without an error of ours has one javac reports itself.
      return new Validation(report, Optional.empty());
    }
    return new Validation(
        report,
        Optional.of(
            PlanBuilder.build(
                flow,
                bindings,
                branching,
                handlers,
                handlerBindings,
                input,
                policies,
                waits,
                fanOuts,
                loops,
                signals,
                rules)));
  }

  /**
   * The outcome of validating one flow.
   *
   * @param report every error found
   * @param plan what to generate; present exactly when the report has no errors
   */
  public record Validation(Report report, Optional<FlowPlan> plan) {}
}
