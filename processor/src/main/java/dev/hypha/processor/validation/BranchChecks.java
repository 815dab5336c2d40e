package dev.hypha.processor.validation;

import dev.hypha.processor.graph.EdgeKind;
import dev.hypha.processor.graph.GraphTask;
import dev.hypha.processor.graph.TaskGraph;
import dev.hypha.processor.graph.TopologicalOrder;
import dev.hypha.processor.model.Binding;
import dev.hypha.processor.model.BranchEdge;
import dev.hypha.processor.model.FlowModel;
import dev.hypha.processor.model.ParameterModel;
import dev.hypha.processor.model.TaskModel;
import dev.hypha.processor.model.TaskModel.DependencyRef;
import dev.hypha.processor.validation.DependencyEdge.Read;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.type.TypeMirror;

/**
 * Finds a flow's branches and joins, in dependency order, from how the parameters are bound: an
 * edge is a branch when a parameter takes the value of an {@code Optional} output or one subtype of
 * a sealed output, a join when a parameter takes {@code Optional} of a dependency that may be
 * absent. Reports a join on a dependency that is never absent, and an {@code Optional} parameter
 * that could mean a join or the {@code Optional} output it follows; leaves the guard of a branch to
 * {@link VariantGuard}, joins to {@link JoinChecks} and unhandled subtypes to {@link
 * VariantCoverage}.
 *
 * <p>The edge a fan-out takes its list on is plain here: its {@code @ForEach} parameter reads the
 * list's elements, never a branch of it, and keeps that edge from being a join, even when it routes
 * them by subtype (whether the routes over a list cover its sealed element type is {@link
 * VariantCoverage}'s to check as well).
 *
 * <p>A task with a parameter in error may have meant anything: it counts as possibly absent and
 * brings no conditions, so no error here follows from another one.
 */
final class BranchChecks {
  private final FlowModel flow;
  private final Map<TaskModel, List<Binding>> bindings;
  private final TypeRules rules;
  private final Report report;
  private final Set<TaskModel> absent = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Set<TaskModel> unknown = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Map<TaskModel, List<DependencyEdge>> edges = new IdentityHashMap<>();
  private final VariantGuard guards;
  private final RunsAfter runsAfter;

  private BranchChecks(
      FlowModel flow, Map<TaskModel, List<Binding>> bindings, TypeRules rules, Report report) {
    this.flow = flow;
    this.bindings = bindings;
    this.rules = rules;
    this.report = report;
    this.guards = new VariantGuard(flow, rules, report);
    this.runsAfter = new RunsAfter(edges, absent, unknown, rules);
  }

  /** The branches of {@code flow}, whose graph is valid (known names, no cycle). */
  static Branching check(
      FlowModel flow, Map<TaskModel, List<Binding>> bindings, TypeRules rules, Report report) {
    return new BranchChecks(flow, bindings, rules, report).check();
  }

  private Branching check() {
    List<TaskModel> order = dependencyOrder();
    JoinChecks joins = new JoinChecks(rules, report);
    for (TaskModel task : order) {
      if (bindings.get(task).contains(null)) {
        unknown.add(task);
      }
      List<DependencyEdge> into = edgesInto(task);
      edges.put(task, into);
      into.forEach(edge -> checkAmbiguousJoin(task, edge));
      if (unknown.contains(task) || into.stream().anyMatch(this::propagatesAbsence)) {
        absent.add(task);
      }
      joins.check(task, into, unknown.contains(task));
    }
    VariantCoverage.check(order, edges, unknown, rules, report);
    Map<TaskModel, List<BranchEdge>> branches = new IdentityHashMap<>();
    edges.forEach((task, into) -> branches.put(task, branchEdges(into)));
    return new Branching(branches, absent);
  }

  private List<TaskModel> dependencyOrder() {
    List<GraphTask> graph =
        flow.tasks().stream()
            .map(task -> GraphTask.of(task.name(), task.dependencyNames().toArray(String[]::new)))
            .toList();
    return TopologicalOrder.of(TaskGraph.of(graph)).stream().map(flow.tasks()::get).toList();
  }

  /** The edges into {@code task}, one per dependency, in {@code @DependsOn} order. */
  private List<DependencyEdge> edgesInto(TaskModel task) {
    List<DependencyEdge> into = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (DependencyRef ref : task.dependsOn()) {
      TaskModel source = flow.task(ref.name());
      if (source != null && seen.add(ref.name())) {
        into.add(edge(task, source, ref));
      }
    }
    return into;
  }

  private DependencyEdge edge(TaskModel task, TaskModel source, DependencyRef ref) {
    List<Read> reads = new ArrayList<>();
    List<ParameterModel> parameters = task.parameters();
    for (int i = 0; i < parameters.size(); i++) {
      if (bindings.get(task).get(i) instanceof Binding.FromTask binding
          && binding.task().equals(source.name())) {
        reads.add(new Read(parameters.get(i), binding));
      }
    }
    if (!absent.contains(source)) {
      reads.stream()
          .filter(read -> read.binding() instanceof Binding.OptionalOutput)
          .forEach(read -> reportNeverAbsent(task, source, read.parameter()));
    }
    List<Read> variants =
        reads.stream().filter(read -> read.binding() instanceof Binding.Variant).toList();
    if (!variants.isEmpty()) {
      TypeMirror guard = guards.of(task, source, variants);
      if (guard == null) {
        unknown.add(task);
        guard = ((Binding.Variant) variants.get(0).binding()).type();
      }
      return new DependencyEdge(source, ref, EdgeKind.VARIANT, rules.erasure(guard), reads);
    }
    if (reads.stream().anyMatch(read -> read.binding() instanceof Binding.Present)) {
      return new DependencyEdge(source, ref, EdgeKind.PRESENT, null, reads);
    }
    boolean joins =
        !reads.isEmpty()
            && reads.stream().allMatch(read -> read.binding() instanceof Binding.OptionalOutput);
    if (joins && absent.contains(source)) {
      return new DependencyEdge(source, ref, EdgeKind.OPTIONAL, null, reads);
    }
    return new DependencyEdge(source, ref, null, null, reads);
  }

  /** An {@code Optional} parameter on a dependency that always runs: the plain type will do. */
  private void reportNeverAbsent(TaskModel task, TaskModel source, ParameterModel parameter) {
    TypeMirror value = rules.optionalValue(parameter.type());
    if (rules.optionalValue(source.output()) != null) {
      // An Optional output it cannot take as a whole: the mismatch it always was.
      report.error(
          Messages.typeMismatch(
              parameter.name(),
              Describe.type(parameter.type()),
              task.name(),
              source.name(),
              Describe.type(source.output())),
          parameter.element());
      return;
    }
    report.error(
        Messages.optionalNeverAbsent(
            parameter.name(),
            Describe.type(parameter.type()),
            task.name(),
            source.name(),
            Describe.type(rules.valueBound(value))),
        parameter.element());
  }

  /**
   * An {@code Optional} parameter that takes the {@code Optional} output of a task that may be
   * absent as it is, when nothing else makes its task run only after that one: it reads like a join
   * but follows the branch, so it is reported.
   */
  private void checkAmbiguousJoin(TaskModel task, DependencyEdge edge) {
    TaskModel source = edge.source();
    if (edge.kind() != null // Another parameter takes a branch of it: the task follows it.
        || rules.optionalValue(source.output()) == null
        || !absent.contains(source)
        || unknown.contains(source)) {
      return;
    }
    for (Read read : edge.reads()) {
      ParameterModel parameter = read.parameter();
      if (read.binding() instanceof Binding.Output
          && rules.optionalValue(parameter.type()) != null
          && !runsAfter.check(task, source, edge)) {
        report.error(
            Messages.ambiguousOptionalJoin(
                parameter.name(),
                Describe.type(parameter.type()),
                task.name(),
                source.name(),
                Describe.type(source.output()),
                Describe.type(rules.optionalOf(source.output()))),
            parameter.element());
        unknown.add(task);
      }
    }
  }

  /** Whether an edge makes its task absent: a branch, or a plain edge from an absent task. */
  private boolean propagatesAbsence(DependencyEdge edge) {
    return edge.kind() == EdgeKind.PRESENT
        || edge.kind() == EdgeKind.VARIANT
        || (edge.kind() == null && absent.contains(edge.source()));
  }

  private static List<BranchEdge> branchEdges(List<DependencyEdge> into) {
    return into.stream()
        .filter(edge -> edge.kind() != null)
        .map(edge -> new BranchEdge(edge.source().name(), edge.kind(), edge.type()))
        .toList();
  }
}
