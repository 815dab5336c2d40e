package dev.hypha.processor.validation;

import dev.hypha.processor.graph.GraphEdge;
import dev.hypha.processor.graph.GraphSignal;
import dev.hypha.processor.graph.GraphTask;
import dev.hypha.processor.graph.Mermaid;
import dev.hypha.processor.graph.ShapeHash;
import dev.hypha.processor.graph.TaskGraph;
import dev.hypha.processor.graph.TopologicalOrder;
import dev.hypha.processor.model.Binding;
import dev.hypha.processor.model.BranchEdge;
import dev.hypha.processor.model.FanOut;
import dev.hypha.processor.model.FlowModel;
import dev.hypha.processor.model.FlowPlan;
import dev.hypha.processor.model.HandlerModel;
import dev.hypha.processor.model.LoopPlan;
import dev.hypha.processor.model.PlannedHandler;
import dev.hypha.processor.model.PlannedTask;
import dev.hypha.processor.model.SignalPlan;
import dev.hypha.processor.model.TaskModel;
import dev.hypha.processor.validation.PolicyChecks.Policies;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;

/**
 * Turns a flow that passed every check into the {@link FlowPlan} the writers generate from. The
 * shape hash covers the graph only (tasks, edges with their branches, joins, fan-outs and loops,
 * queues, output types, the name and payload type of the signal a task waits for, whether a task
 * starts a sub-flow): changing a policy (a {@code @WaitUntil}, a fan-out's concurrency, a loop's
 * {@code max} or a signal's timeout and condition included) or a handler does not make earlier runs
 * another version of the flow.
 */
final class PlanBuilder {
  private PlanBuilder() {}

  static FlowPlan build(
      FlowModel flow,
      Map<TaskModel, List<Binding>> bindings,
      Branching branching,
      List<HandlerModel> handlers,
      Map<HandlerModel, List<Binding>> handlerBindings,
      Optional<TypeMirror> input,
      Policies policies,
      Map<Element, String> waits,
      Map<Element, FanOut> fanOuts,
      Map<Element, LoopPlan> loops,
      Map<Element, SignalPlan> signals,
      TypeRules rules) {
    List<GraphTask> graphTasks = new ArrayList<>();
    for (TaskModel task : flow.tasks()) {
      Optional<SignalPlan> signal = Optional.ofNullable(signals.get(task.method()));
      graphTasks.add(
          new GraphTask(
              task.name(),
              task.queue(),
              rules.canonical(task.output()),
              task.dependencyNames(),
              graphEdges(
                  branching.of(task), fanOuts.get(task.method()), loops.get(task.method()), rules),
              signal.map(s -> new GraphSignal(s.name(), rules.canonical(s.payload()))),
              task.startsSubFlow()));
    }
    TaskGraph graph = TaskGraph.of(graphTasks);
    List<Integer> order = TopologicalOrder.of(graph);
    List<PlannedTask> tasks = new ArrayList<>();
    List<GraphTask> orderedGraph = new ArrayList<>();
    for (int sourceIndex : order) {
      TaskModel task = flow.tasks().get(sourceIndex);
      tasks.add(
          new PlannedTask(
              task,
              tasks.size(),
              bindings.get(task),
              policies.retry(task),
              policies.timeout(task),
              policies.delay(task),
              Optional.ofNullable(waits.get(task.method())),
              Optional.ofNullable(fanOuts.get(task.method())),
              Optional.ofNullable(loops.get(task.method())),
              Optional.ofNullable(signals.get(task.method())),
              branching.of(task),
              branching.mayBeAbsent(task)));
      orderedGraph.add(graphTasks.get(sourceIndex));
    }
    List<PlannedHandler> planned = new ArrayList<>();
    for (HandlerModel handler : handlers) {
      planned.add(
          new PlannedHandler(
              handler,
              tasks.size() + planned.size(),
              policies.retry(handler),
              handlerBindings.get(handler)));
    }
    return new FlowPlan(
        flow,
        tasks,
        planned,
        input,
        sinks(tasks),
        ShapeHash.of(graphTasks),
        Mermaid.render(orderedGraph),
        policies.deadline(),
        policies.flowRetry());
  }

  /**
   * The edges of one task that are not plain, as the graph code sees them, by dependency: its
   * branches and joins, the edge it fans out over, if it does, and the one its loop starts from, if
   * it loops (both plain to {@link BranchChecks}, which an element's or a state's read keeps from
   * being a branch or a join).
   */
  private static Map<String, GraphEdge> graphEdges(
      List<BranchEdge> branches, FanOut fanOut, LoopPlan loop, TypeRules rules) {
    Map<String, GraphEdge> edges = new LinkedHashMap<>();
    if (loop != null) {
      edges.put(loop.dependency(), GraphEdge.loop());
    }
    if (fanOut != null) {
      edges.put(
          fanOut.dependency(),
          fanOut
              .route()
              .map(route -> GraphEdge.forEach(rules.canonical(route), simpleName(route)))
              .orElseGet(GraphEdge::forEach));
    }
    for (BranchEdge branch : branches) {
      edges.put(
          branch.dependency(),
          switch (branch.kind()) {
            case PRESENT -> GraphEdge.present();
            case VARIANT ->
                GraphEdge.variant(rules.canonical(branch.type()), simpleName(branch.type()));
            case OPTIONAL -> GraphEdge.optional();
            case FOR_EACH -> GraphEdge.forEach();
            case LOOP -> GraphEdge.loop();
          });
    }
    return edges;
  }

  /** {@code Dns} for {@code shop.Lookup.Dns}, as a chart labels an edge that needs it. */
  private static String simpleName(TypeMirror type) {
    return ((TypeElement) ((DeclaredType) type).asElement()).getSimpleName().toString();
  }

  /** The tasks nothing depends on that have an output, in task order. */
  private static List<PlannedTask> sinks(List<PlannedTask> tasks) {
    Set<String> dependedOn = new HashSet<>();
    tasks.forEach(task -> dependedOn.addAll(task.task().dependencyNames()));
    return tasks.stream()
        .filter(task -> !dependedOn.contains(task.name()) && !task.task().isVoid())
        .toList();
  }
}
