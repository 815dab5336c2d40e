package dev.hypha.processor.validation;

import dev.hypha.processor.model.Binding;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every message the processor prints. Each starts with a stable id ({@code [hypha:<id>]}), names
 * the annotation with {@code @} and the offending thing, and ends with the fix. Tests assert on
 * these texts, and {@code docs/COMPILE-ERRORS.md} lists them.
 */
public final class Messages {
  private Messages() {}

  // The @Flow class.

  public static String flowNotClass(String kind, String type) {
    return "[hypha:flow-not-class] @Flow is on %s %s, which is not a class; move @Flow to a class"
        .formatted(kind, type);
  }

  public static String flowNotPublic(String type) {
    return "[hypha:flow-not-public] @Flow class %s is not public; declare it public"
        .formatted(type);
  }

  public static String flowEnclosingNotPublic(String type, String enclosing) {
    return "[hypha:flow-not-public] @Flow class %s is nested in %s, which is not public; declare %s public"
        .formatted(type, enclosing, enclosing);
  }

  public static String flowInnerClass(String type) {
    return "[hypha:flow-inner-class] @Flow class %s is an inner class; declare it static"
        .formatted(type);
  }

  public static String flowGeneric(String type) {
    return "[hypha:flow-generic] @Flow class %s declares type parameters; remove them, a flow's types must be concrete"
        .formatted(type);
  }

  public static String flowNoTasks(String type) {
    return "[hypha:flow-no-tasks] @Flow class %s has no @Task methods; annotate at least one public method with @Task"
        .formatted(type);
  }

  public static String invalidFlowName(String name) {
    return "[hypha:invalid-flow-name] @Flow name \"%s\" is not lower-case kebab-case; use lower-case letters, digits and single dashes, starting with a letter, like \"order-fulfilment\""
        .formatted(name);
  }

  public static String invalidDefaultFlowName(String type, String name) {
    return "[hypha:invalid-flow-name] @Flow class %s gets the default name \"%s\", which is not lower-case kebab-case; set a name with @Flow(name = \"...\")"
        .formatted(type, name);
  }

  public static String duplicateFlowName(String name, String otherType) {
    return "[hypha:duplicate-flow-name] @Flow name \"%s\" is already used by %s; give one of the flows another @Flow(name = \"...\")"
        .formatted(name, otherType);
  }

  // The @Task methods.

  public static String taskNotPublic(String method) {
    return "[hypha:task-not-public] @Task method %s is not public; declare it public"
        .formatted(method);
  }

  public static String taskStatic(String method) {
    return "[hypha:task-static] @Task method %s is static; make it an instance method"
        .formatted(method);
  }

  public static String taskGeneric(String method) {
    return "[hypha:task-generic] @Task method %s declares type parameters; replace them with concrete types"
        .formatted(method);
  }

  public static String invalidTaskName(String name) {
    return "[hypha:invalid-task-name] @Task name \"%s\" is not a valid task name; start with a letter and use only letters, digits, '_' and '-'"
        .formatted(name);
  }

  public static String invalidDefaultTaskName(String method, String name) {
    return "[hypha:invalid-task-name] @Task method %s gets the default name \"%s\", which is not a valid task name; set a name with @Task(name = \"...\")"
        .formatted(method, name);
  }

  public static String blankQueue(String task) {
    return "[hypha:blank-queue] @Task queue of task \"%s\" is blank; name a queue, or remove the attribute to use \"default\""
        .formatted(task);
  }

  public static String duplicateTaskName(String name, String flow, String otherMethod) {
    return "[hypha:duplicate-task-name] @Task name \"%s\" is used twice in flow %s, here and by %s; give one of them another @Task(name = \"...\")"
        .formatted(name, flow, otherMethod);
  }

  public static String rawType(String what, String type) {
    return "[hypha:raw-type] %s has the raw type %s; declare its type arguments, such as %s<String>"
        .formatted(what, type, type);
  }

  public static String typeNotAccessible(String what, String type, String where) {
    return "[hypha:type-not-accessible] %s uses %s, which the generated class in %s cannot see; make %s public"
        .formatted(what, type, where, type);
  }

  // @DependsOn.

  public static String unknownDependency(
      String name, String flow, Optional<String> suggestion, List<String> tasks) {
    return "[hypha:unknown-dependency] @DependsOn names \"%s\", which is not a task of flow %s; %s"
        .formatted(name, flow, fix(suggestion, tasks));
  }

  public static String duplicateDependency(String task, String name) {
    return "[hypha:duplicate-dependency] @DependsOn of task \"%s\" lists \"%s\" twice; remove the repeat"
        .formatted(task, name);
  }

  public static String dependencyCycle(List<String> path) {
    return "[hypha:dependency-cycle] @DependsOn forms a cycle, each task depending on the next: %s; remove one of these dependencies"
        .formatted(String.join(" -> ", path));
  }

  // Parameters.

  public static String unboundParameter(
      String parameter, String type, String task, List<String> dependencies) {
    return "[hypha:unbound-parameter] parameter \"%s\" (%s) of task \"%s\" binds to no dependency output (%s); add the task that produces it to @DependsOn, or mark the parameter @Input"
        .formatted(
            parameter,
            type,
            task,
            dependencies.isEmpty()
                ? "the task has no @DependsOn"
                : "its @DependsOn gives " + String.join(", ", dependencies));
  }

  /**
   * The same for a parameter that an element of {@code list}'s output would fit: the task may be
   * meant to fan out over it.
   */
  public static String unboundParameterForEach(
      String parameter, String type, String task, List<String> dependencies, String list) {
    return "[hypha:unbound-parameter] parameter \"%s\" (%s) of task \"%s\" binds to no dependency output (its @DependsOn gives %s); to run the task once per element of the list \"%s\" returns, mark the parameter @ForEach"
        .formatted(parameter, type, task, String.join(", ", dependencies), list);
  }

  public static String ambiguousParameter(
      String parameter, String type, String task, List<String> candidates, String first) {
    return "[hypha:ambiguous-parameter] parameter \"%s\" (%s) of task \"%s\" could bind to %s; choose one with @From(\"%s\") or rename the parameter to the task's name"
        .formatted(parameter, type, task, String.join(" or ", candidates), first);
  }

  public static String typeMismatch(
      String parameter, String type, String task, String source, String sourceType) {
    return "[hypha:type-mismatch] parameter \"%s\" (%s) of task \"%s\" cannot take the output of \"%s\" (%s); declare the parameter as %s or a supertype of it"
        .formatted(parameter, type, task, source, sourceType, sourceType);
  }

  public static String fromUnknownTask(
      String name, String flow, Optional<String> suggestion, List<String> tasks) {
    return "[hypha:from-unknown-task] @From names \"%s\", which is not a task of flow %s; %s"
        .formatted(name, flow, fix(suggestion, tasks));
  }

  public static String fromNotDependency(String name, String task) {
    return "[hypha:from-not-dependency] @From names \"%s\", which task \"%s\" does not depend on; add \"%s\" to its @DependsOn"
        .formatted(name, task, name);
  }

  public static String voidBinding(String name) {
    return "[hypha:void-binding] @From names \"%s\", a void task that has no output to bind; return a value from \"%s\" or bind another task"
        .formatted(name, name);
  }

  public static String inputWithFrom(String parameter, String task) {
    return "[hypha:input-with-from] parameter \"%s\" of task \"%s\" has both @Input and @From; keep one of them"
        .formatted(parameter, task);
  }

  /**
   * @param owner {@code task "count"} or {@code @OnFailure method alert()}
   * @param firstOwner the owner of the first {@code @Input} parameter, in the same form
   */
  public static String inputTypeConflict(
      String parameter, String owner, String type, String firstOwner, String firstType) {
    return "[hypha:input-type-conflict] @Input parameter \"%s\" of %s has type %s, but %s takes @Input as %s; give every @Input of a flow the same type"
        .formatted(parameter, owner, type, firstOwner, firstType);
  }

  // Branches and joins: a parameter that takes one subtype of a sealed output, or the value of an
  // Optional output, makes a branch; an Optional parameter on a task that may be absent joins.

  /** {@code decider} returns {@code deciderType}; the second parameter is the one marked. */
  public static String conflictingBranches(
      String parameter,
      String type,
      String otherParameter,
      String otherType,
      String task,
      String decider,
      String deciderType) {
    return "[hypha:conflicting-branches] parameters \"%s\" (%s) and \"%s\" (%s) of task \"%s\" need \"%s\" to return both, so task \"%s\" could never run; take %s whole and switch on it, or split \"%s\" into one task per subtype"
        .formatted(
            parameter, type, otherParameter, otherType, task, decider, task, deciderType, task);
  }

  /**
   * Parameters whose subtypes overlap, but whose common values no one subtype of the sealed output
   * stands for, so that no guard can tell when the task runs.
   *
   * @param parameters each as {@code "paid" (Paid)}, in declaration order
   * @param subtypes the classes a value that is every parameter's type can have; empty when none
   */
  public static String noCommonSubtype(
      List<String> parameters,
      String task,
      String decider,
      String deciderType,
      List<String> subtypes) {
    String which =
        subtypes.isEmpty()
            ? "which no subtype of %s is, so task \"%s\" could never run"
                .formatted(deciderType, task)
            : "which only %s %s, and no one subtype of %s stands for exactly %s"
                .formatted(
                    and(subtypes),
                    subtypes.size() == 1 ? "is" : "are",
                    deciderType,
                    subtypes.size() == 1 ? "it" : "those");
    return "[hypha:no-common-subtype] parameters %s of task \"%s\" need \"%s\" to return %s at once, %s; take %s whole and switch on it, or split \"%s\" into one task per subtype"
        .formatted(
            and(parameters),
            task,
            decider,
            parameters.size() == 2 ? "both" : "all of them",
            which,
            deciderType,
            task);
  }

  /**
   * @param arm the task the parameter takes, which runs only when {@code decider} returns {@code
   *     needed}
   * @param other what {@code task} needs {@code decider} to return on another of its edges
   * @param optional the parameter's type as {@code Optional<...>}
   */
  public static String joinNotOptional(
      String parameter,
      String type,
      String task,
      String arm,
      String decider,
      String needed,
      String other,
      String optional) {
    return "[hypha:join-not-optional] parameter \"%s\" (%s) of task \"%s\" is not Optional, but \"%s\" runs only when \"%s\" returns %s, and task \"%s\" also follows the branch where it returns %s; declare the parameter %s to join the branches"
        .formatted(parameter, type, task, arm, decider, needed, task, other, optional);
  }

  /**
   * The same for a dependency listed in {@code @DependsOn} that no parameter takes.
   *
   * @param armOptional the arm's output type as {@code Optional<...>}; null for a void arm
   */
  public static String joinNotOptionalOrdering(
      String task, String arm, String decider, String needed, String other, String armOptional) {
    String fix =
        armOptional == null
            ? "return a value from \"%s\" and take it as an Optional parameter".formatted(arm)
            : "take the output of \"%s\" as a parameter %s".formatted(arm, armOptional);
    return "[hypha:join-not-optional] @DependsOn of task \"%s\" names \"%s\", which runs only when \"%s\" returns %s, and task \"%s\" also follows the branch where it returns %s; %s to join the branches"
        .formatted(task, arm, decider, needed, task, other, fix);
  }

  /** {@code missing}: the subtypes no task takes, in declaration order. */
  public static String unhandledVariant(String decider, String type, List<String> missing) {
    String subtypes = String.join(", ", missing);
    return missing.size() == 1
        ? "[hypha:unhandled-variant] task \"%s\" returns sealed %s, but no task takes its subtype %s; add a task that takes %s, or take %s whole in one task"
            .formatted(decider, type, subtypes, subtypes, type)
        : "[hypha:unhandled-variant] task \"%s\" returns sealed %s, but no task takes its subtypes %s; add a task that takes each of them, or take %s whole in one task"
            .formatted(decider, type, subtypes, type);
  }

  /** {@code value}: the type inside the parameter's {@code Optional}. */
  public static String optionalNeverAbsent(
      String parameter, String type, String task, String source, String value) {
    return "[hypha:optional-never-absent] parameter \"%s\" (%s) of task \"%s\" takes \"%s\", which always runs before task \"%s\", so it is never empty; declare the parameter as %s"
        .formatted(parameter, type, task, source, task, value);
  }

  /**
   * A parameter {@code Optional<T>} that takes an output {@code Optional<T>} as it is, of a task
   * that may not run: it reads like a join, but follows the branch.
   *
   * @param output the source's output type
   * @param join the parameter's type for a join, {@code Optional<Optional<T>>}
   */
  public static String ambiguousOptionalJoin(
      String parameter, String type, String task, String source, String output, String join) {
    return "[hypha:ambiguous-optional-join] parameter \"%s\" (%s) of task \"%s\" takes \"%s\", which may not run and returns %s, so it could mean that output or a join that is empty when \"%s\" did not run; to join the branches declare it %s, to follow the branch of \"%s\" also take the subtype or value it runs on"
        .formatted(parameter, type, task, source, output, source, join, source);
  }

  /**
   * A join whose arm never runs when its task does: the arm runs only when {@code decider} returns
   * {@code needed}, the task only when it returns {@code other}.
   *
   * @param via the task that keeps {@code task} on the other branch; null when the task's own
   *     parameter takes {@code other}
   */
  public static String optionalNeverPresent(
      String parameter,
      String type,
      String task,
      String arm,
      String decider,
      String needed,
      String other,
      String via) {
    String why =
        via == null
            ? "task \"%s\" runs only when it returns %s".formatted(task, other)
            : "task \"%s\" waits for \"%s\", which runs only when it returns %s"
                .formatted(task, via, other);
    String fix =
        via == null
            ? "remove the parameter"
            : "remove the parameter, or make task \"%s\" join \"%s\" too".formatted(task, via);
    return "[hypha:optional-never-present] parameter \"%s\" (%s) of task \"%s\" joins \"%s\", which runs only when \"%s\" returns %s, but %s, so the parameter is always empty; %s"
        .formatted(parameter, type, task, arm, decider, needed, why, fix);
  }

  // Policies: @Retry, @Timeout, @Delay, @Flow(deadline); @Signal(timeout) too.

  /**
   * {@code what} is {@code @Retry backoff}, {@code @Timeout}, {@code @Delay}, {@code @Flow
   * deadline} or {@code @Signal timeout}.
   */
  public static String invalidDuration(String what, String text) {
    return "[hypha:invalid-duration] %s \"%s\" is not an ISO-8601 duration; write it like \"PT1S\" (one second), \"PT0.5S\" or \"PT5M\""
        .formatted(what, text);
  }

  public static String nonPositiveDuration(String what, String text) {
    return "[hypha:non-positive-duration] %s \"%s\" is not positive; give a duration above zero, such as \"PT1S\""
        .formatted(what, text);
  }

  public static String retryMaxAttempts(int maxAttempts) {
    return "[hypha:retry-max-attempts] @Retry maxAttempts is %d, but it counts the first attempt too; set it to 1 or more"
        .formatted(maxAttempts);
  }

  public static String retryMultiplier(double multiplier) {
    return "[hypha:retry-multiplier] @Retry multiplier is %s, which would shrink the delays; set a finite number of at least 1.0"
        .formatted(multiplier);
  }

  public static String retryJitter(double jitter) {
    return "[hypha:retry-jitter] @Retry jitter is %s, outside 0.0 to 1.0; set a fraction, such as 0.1 to spread delays by 10%%"
        .formatted(jitter);
  }

  public static String retryMaxBackoff(String maxBackoff, String backoff) {
    return "[hypha:retry-max-backoff] @Retry maxBackoff \"%s\" is shorter than backoff \"%s\"; set maxBackoff to at least \"%s\""
        .formatted(maxBackoff, backoff, backoff);
  }

  public static String retryConflict(String type) {
    return "[hypha:retry-conflict] @Retry lists %s in both retryOn and abortOn; remove it from one of them"
        .formatted(type);
  }

  public static String retryMisplaced(String method) {
    return "[hypha:retry-misplaced] @Retry on method %s has no effect: it applies to @Task and @Compensates methods and to the @Flow class; add @Task or @Compensates to the method, or remove @Retry"
        .formatted(method);
  }

  // @WaitUntil on a task parameter.

  public static String waitUntilNotInstant(String parameter, String type, String task) {
    return "[hypha:wait-until-not-instant] @WaitUntil parameter \"%s\" (%s) of task \"%s\" is not an Instant; declare it as java.time.Instant, taken from a dependency that returns the instant to wait for"
        .formatted(parameter, type, task);
  }

  /** {@code binding} is what the parameter takes instead of a dependency's output as it is. */
  public static String waitUntilNotOutput(String parameter, String task, Binding binding) {
    return "[hypha:wait-until-not-output] @WaitUntil parameter \"%s\" of task \"%s\" takes %s, not a dependency's output as it is; take the Instant a task in @DependsOn returns, or remove @WaitUntil"
        .formatted(parameter, task, takes(binding));
  }

  public static String duplicateWaitUntil(String parameter, String task, String first) {
    return "[hypha:duplicate-wait-until] @WaitUntil is on parameter \"%s\" of task \"%s\", which has it on \"%s\" already; keep one @WaitUntil per task"
        .formatted(parameter, task, first);
  }

  // @ForEach on a task parameter: the task runs once per element of a dependency's list.

  /**
   * @param dependencies each as {@code "split" (Document)}; empty without {@code @DependsOn}
   * @param element the parameter's type boxed, what the elements of a list that fits would be
   */
  public static String forEachNotList(
      String parameter, String type, String task, List<String> dependencies, String element) {
    return "[hypha:for-each-not-list] @ForEach parameter \"%s\" (%s) of task \"%s\" has no list to fan out over (%s); return a List<%s> from a task in @DependsOn"
        .formatted(
            parameter,
            type,
            task,
            dependencies.isEmpty()
                ? "the task has no @DependsOn"
                : "its @DependsOn gives " + String.join(", ", dependencies),
            element);
  }

  /**
   * The same for the dependency {@code source} that {@code @From} or the parameter's name picks.
   */
  public static String forEachNotListOf(
      String parameter,
      String type,
      String task,
      String source,
      String sourceType,
      String element) {
    return "[hypha:for-each-not-list] @ForEach parameter \"%s\" (%s) of task \"%s\" takes \"%s\", whose output (%s) is not a List of %s; return a List<%s> from \"%s\", or fan out over another task's list with @From"
        .formatted(parameter, type, task, source, sourceType, element, element, source);
  }

  /**
   * The same for a list whose element type, {@code unsealed}, is a supertype of the parameter's
   * that is not sealed: its elements could be routed by subtype if it were.
   */
  public static String forEachNotListOfUnsealed(
      String parameter,
      String type,
      String task,
      String source,
      String sourceType,
      String unsealed) {
    return "[hypha:for-each-not-list] @ForEach parameter \"%s\" (%s) of task \"%s\" takes \"%s\", whose output (%s) is not a List of %s, and its elements are routed by subtype only when their type is sealed; declare %s sealed, or return a List<%s> from \"%s\""
        .formatted(parameter, type, task, source, sourceType, type, unsealed, type, source);
  }

  /**
   * {@link #forEachNotList} when the list of {@code source}, of {@code unsealed}, a supertype of
   * the parameter's type that is not sealed, could be routed by subtype if it were.
   */
  public static String forEachNotListUnsealed(
      String parameter,
      String type,
      String task,
      List<String> dependencies,
      String element,
      String source,
      String unsealed) {
    return "[hypha:for-each-not-list] @ForEach parameter \"%s\" (%s) of task \"%s\" has no list to fan out over (its @DependsOn gives %s), and the elements of \"%s\" are routed by subtype only when their type is sealed; declare %s sealed, or return a List<%s> from a task in @DependsOn"
        .formatted(
            parameter, type, task, String.join(", ", dependencies), source, unsealed, element);
  }

  /** The same for a parameter that takes the run's input or the context: {@code binding}. */
  public static String forEachNotListRole(String parameter, String task, Binding binding) {
    String takes = binding instanceof Binding.Context ? "the TaskContext" : "the run's @Input";
    return "[hypha:for-each-not-list] @ForEach parameter \"%s\" of task \"%s\" takes %s, not the elements of a dependency's List; fan out over the List a task in @DependsOn returns, or remove @ForEach"
        .formatted(parameter, task, takes);
  }

  /**
   * @param output the source's output, {@code Optional<List<Page>>}
   * @param list the list inside it, {@code List<Page>}
   */
  public static String forEachOnBranch(
      String parameter, String type, String task, String source, String output, String list) {
    return "[hypha:for-each-on-branch] @ForEach parameter \"%s\" (%s) of task \"%s\" fans out over the Optional output of \"%s\" (%s), a list only on a branch, but a fan-out needs a list that is always there; return %s from \"%s\", empty when there is nothing to do"
        .formatted(parameter, type, task, source, output, list, source);
  }

  /**
   * A fan-out whose list comes from {@code source}, which runs only when {@code decider} returns
   * {@code needed}, while the task also follows the branch where it returns {@code other}: it would
   * have to join, and cannot over its list.
   */
  public static String forEachOnBranchJoin(
      String parameter,
      String type,
      String task,
      String source,
      String decider,
      String needed,
      String other) {
    return "[hypha:for-each-on-branch] @ForEach parameter \"%s\" (%s) of task \"%s\" fans out over the list of \"%s\", which runs only when \"%s\" returns %s, but task \"%s\" also follows the branch where it returns %s, and a fan-out cannot join branches over its list; fan out in a task that follows one branch only, or over the list of a task that joins them"
        .formatted(parameter, type, task, source, decider, needed, task, other);
  }

  /**
   * A routed parameter of a generic subtype whose type arguments its class does not tell.
   *
   * @param raw the parameter's class, {@code Box}
   * @param wildcards the parameter's class with unbounded wildcards, {@code Box<?>}
   * @param element the list's element type, {@code Item}
   */
  public static String forEachRouteGeneric(
      String parameter,
      String type,
      String task,
      String source,
      String sourceType,
      String raw,
      String wildcards,
      String element) {
    return "[hypha:for-each-route-generic] @ForEach parameter \"%s\" (%s) of task \"%s\" routes the elements of \"%s\" (%s) by their class, which cannot tell a %s from another %s; declare the parameter %s and check its contents in the task, or fan out over every %s"
        .formatted(parameter, type, task, source, sourceType, type, raw, wildcards, element);
  }

  /**
   * @param output the list task's output, {@code List<Lookup>}
   * @param element its sealed element type, {@code Lookup}
   * @param missing the subtypes no task takes, in declaration order
   */
  public static String unroutedElement(
      String source, String output, String element, List<String> missing) {
    String subtypes = String.join(", ", missing);
    return missing.size() == 1
        ? "[hypha:unrouted-element] task \"%s\" returns %s, whose elements @ForEach tasks route by subtype, but no task takes the elements of subtype %s, so they would be left out; add a @ForEach task that takes %s, or one that takes every %s"
            .formatted(source, output, subtypes, subtypes, element)
        : "[hypha:unrouted-element] task \"%s\" returns %s, whose elements @ForEach tasks route by subtype, but no task takes the elements of subtypes %s, so they would be left out; add a @ForEach task that takes each of them, or one that takes every %s"
            .formatted(source, output, subtypes, element);
  }

  public static String duplicateForEach(String parameter, String task, String first) {
    return "[hypha:duplicate-for-each] @ForEach is on parameter \"%s\" of task \"%s\", which has it on \"%s\" already; keep one @ForEach per task and take any other list whole"
        .formatted(parameter, task, first);
  }

  public static String forEachConcurrency(String parameter, String task, int concurrency) {
    return "[hypha:for-each-concurrency] @ForEach concurrency of parameter \"%s\" of task \"%s\" is %d; set 0 for no limit of its own, or the most instances that may run at once"
        .formatted(parameter, task, concurrency);
  }

  public static String forEachWaitUntil(String parameter, String task) {
    return "[hypha:for-each-wait-until] @ForEach and @WaitUntil are both on parameter \"%s\" of task \"%s\", but a task waits until one instant, not one per element; remove one of them"
        .formatted(parameter, task);
  }

  // @Loop on a task parameter: the task runs again with each state an iteration hands on.

  /**
   * @param state the parameter's type boxed, {@code Integer} for {@code int}
   * @param method the task's method, {@code haggle()}
   * @param returned what it returns, {@code Deal} or {@code a raw Step}
   * @param step the {@code Step} it should return, {@code Step<Offer, Deal>}
   */
  public static String loopNotStep(
      String parameter,
      String type,
      String task,
      String state,
      String method,
      String returned,
      String step) {
    return "[hypha:loop-not-step] @Loop parameter \"%s\" (%s) of task \"%s\" needs its method to return Step<%s, R>, but %s returns %s; return %s, Step.again(state) for another iteration or Step.done(result) to end the loop"
        .formatted(parameter, type, task, state, method, returned, step);
  }

  /** The parameter takes {@code binding}, not a dependency's output as it is. */
  public static String loopNotOutput(String parameter, String task, Binding binding) {
    return "[hypha:loop-not-output] @Loop parameter \"%s\" of task \"%s\" takes %s, not a dependency's output as it is; start the loop from the output a task in @DependsOn returns, or remove @Loop"
        .formatted(parameter, task, takes(binding));
  }

  /**
   * The same for a parameter that binds to no dependency's output.
   *
   * @param dependencies each as {@code "open" (Price)}; empty without {@code @DependsOn}
   */
  public static String loopNoOutput(
      String parameter, String type, String task, List<String> dependencies) {
    return "[hypha:loop-not-output] @Loop parameter \"%s\" (%s) of task \"%s\" has no output to start from (%s); return %s from a task in @DependsOn, the loop's first state"
        .formatted(
            parameter,
            type,
            task,
            dependencies.isEmpty()
                ? "the task has no @DependsOn"
                : "its @DependsOn gives " + String.join(", ", dependencies),
            type);
  }

  /** Another parameter of the task, {@code branch}, takes a branch of the loop's first state. */
  public static String loopOnBranch(
      String parameter, String type, String task, String source, String branch) {
    return "[hypha:loop-on-branch] @Loop parameter \"%s\" (%s) of task \"%s\" starts from the output of \"%s\", which parameter \"%s\" takes as a branch, but a loop cannot start from a dependency it follows a branch of; follow the branch in a task before \"%s\" and start the loop from that task's output"
        .formatted(parameter, type, task, source, branch, task);
  }

  /**
   * A loop whose first state comes from {@code source}, which runs only when {@code decider}
   * returns {@code needed}, while the task also follows the branch where it returns {@code other}:
   * it would have to join, and cannot over its state.
   */
  public static String loopOnBranchJoin(
      String parameter,
      String type,
      String task,
      String source,
      String decider,
      String needed,
      String other) {
    return "[hypha:loop-on-branch] @Loop parameter \"%s\" (%s) of task \"%s\" starts from the output of \"%s\", which runs only when \"%s\" returns %s, but task \"%s\" also follows the branch where it returns %s, and a loop cannot join branches over its state; loop in a task that follows one branch only, or start from the output of a task that joins them"
        .formatted(parameter, type, task, source, decider, needed, task, other);
  }

  public static String duplicateLoop(String parameter, String task, String first) {
    return "[hypha:duplicate-loop] @Loop is on parameter \"%s\" of task \"%s\", which has it on \"%s\" already; keep one @Loop per task, on the parameter that takes each state"
        .formatted(parameter, task, first);
  }

  public static String loopMax(String parameter, String task, int max) {
    return "[hypha:loop-max] @Loop max of parameter \"%s\" of task \"%s\" is %d, but it counts the first iteration too; set it to 1 or more, the most iterations the loop may take"
        .formatted(parameter, task, max);
  }

  /** {@code forEach} is the parameter marked {@code @ForEach}, maybe the loop's own. */
  public static String loopWithForEach(String parameter, String task, String forEach) {
    return "[hypha:loop-with-for-each] @Loop parameter \"%s\" of task \"%s\" makes it a loop, but @ForEach on parameter \"%s\" makes it fan out, and a task fans out or loops, not both; move the fan-out or the loop into a task of its own"
        .formatted(parameter, task, forEach);
  }

  /** {@code waitUntil} is the parameter marked {@code @WaitUntil}, maybe the loop's own. */
  public static String loopWithWaitUntil(String parameter, String task, String waitUntil) {
    return "[hypha:loop-with-wait-until] @Loop parameter \"%s\" of task \"%s\" makes it a loop, but @WaitUntil on parameter \"%s\" makes it wait until an instant, which a loop does not; wait in a task that \"%s\" depends on"
        .formatted(parameter, task, waitUntil, task);
  }

  /**
   * @param returned the method's return type, {@code Step<Offer, Deal>}
   * @param state the type of the loop's state, {@code Offer}; null for a raw {@code Step}
   */
  public static String stepWithoutLoop(String method, String returned, String state) {
    return "[hypha:step-without-loop] @Task method %s returns %s, but none of its parameters is @Loop, so the Step would be recorded as a plain value; mark the parameter that takes each state%s @Loop, or return a value that is not a Step"
        .formatted(method, returned, state == null ? "" : " (" + state + ")");
  }

  // @Signal on a task parameter: the task waits for an external signal once its dependencies are
  // done, and takes its payload.

  public static String signalName(String name, String parameter, String task) {
    return "[hypha:signal-name] @Signal name \"%s\" of parameter \"%s\" of task \"%s\" is not a valid signal name; start with a letter and use only letters, digits, '_' and '-'"
        .formatted(name, parameter, task);
  }

  /**
   * Two names of one flow that the generated class would send by one method.
   *
   * @param method the method both give, {@code signalManagerApproval}
   */
  public static String signalNameClash(
      String name, String parameter, String task, String method, String other, String otherTask) {
    return "[hypha:signal-name] @Signal name \"%s\" of parameter \"%s\" of task \"%s\" makes the generated method %s(), as signal \"%s\" of task \"%s\" does; give both tasks one name for one signal, or rename one so the names differ in more than '-' and '_' or the case of a first letter"
        .formatted(name, parameter, task, method, other, otherTask);
  }

  /**
   * @param type the parameter's type, {@code Optional<Approval>}
   * @param payload the type inside it, {@code Approval}
   */
  public static String signalOptionalWithoutTimeout(
      String parameter, String type, String task, String payload) {
    return "[hypha:signal-optional-without-timeout] @Signal parameter \"%s\" (%s) of task \"%s\" waits as long as the run lasts, so it is never empty; add timeout = \"...\" (such as \"PT24H\") to run the task with an empty Optional when no signal came in time, or declare the parameter as %s"
        .formatted(parameter, type, task, payload);
  }

  /**
   * @param flowClass the flow class, {@code Review}
   * @param signature the method to declare, {@code public static boolean isFinal(Approval payload)}
   */
  public static String signalConditionUnknown(
      String when,
      String parameter,
      String task,
      String flowClass,
      Optional<String> suggestion,
      String signature) {
    return "[hypha:signal-condition] @Signal when of parameter \"%s\" of task \"%s\" names \"%s\", which is no method of %s; %s"
        .formatted(
            parameter,
            task,
            when,
            flowClass,
            suggestion
                .map(name -> "did you mean \"" + name + "\"?")
                .orElse("declare " + signature + " in " + flowClass));
  }

  /**
   * @param method the condition method, {@code isFinal()}
   * @param faults what is wrong with it: {@code is not static}, {@code returns Boolean}, {@code
   *     takes 2 parameters}, {@code takes String, which a payload of Approval is not}
   * @param signature the method to declare, {@code public static boolean isFinal(Approval payload)}
   */
  public static String signalCondition(
      String parameter, String task, String method, List<String> faults, String signature) {
    return "[hypha:signal-condition] @Signal when of parameter \"%s\" of task \"%s\" names %s, which %s, but a condition takes the payload and says whether the task takes it; declare it %s"
        .formatted(parameter, task, method, and(faults), signature);
  }

  public static String duplicateSignal(String parameter, String task, String first) {
    return "[hypha:duplicate-signal] @Signal is on parameter \"%s\" of task \"%s\", which has it on \"%s\" already; keep one @Signal per task, and wait for another signal in a task of its own"
        .formatted(parameter, task, first);
  }

  /**
   * @param payload the payload this parameter gives the signal, {@code Decision}
   * @param otherPayload the payload the earlier task gives it, {@code Approval}
   */
  public static String signalTypeConflict(
      String parameter,
      String task,
      String name,
      String payload,
      String otherTask,
      String otherPayload) {
    return "[hypha:signal-type-conflict] @Signal parameter \"%s\" of task \"%s\" waits for signal \"%s\" with a payload of %s, but task \"%s\" waits for it with %s; one signal has one payload type, take %s (or Optional<%s>) here, or wait for a signal of another name"
        .formatted(
            parameter, task, name, payload, otherTask, otherPayload, otherPayload, otherPayload);
  }

  /** {@code forEach} is the other parameter, marked {@code @ForEach}. */
  public static String signalWithForEach(String parameter, String task, String forEach) {
    return "[hypha:signal-with-for-each] @Signal parameter \"%s\" of task \"%s\" makes it wait for a signal, but @ForEach on parameter \"%s\" makes it fan out, and a signal is taken by a task that runs once; wait for the signal in a task that \"%s\" depends on"
        .formatted(parameter, task, forEach, task);
  }

  /** {@code loop} is the other parameter, marked {@code @Loop}. */
  public static String signalWithLoop(String parameter, String task, String loop) {
    return "[hypha:signal-with-loop] @Signal parameter \"%s\" of task \"%s\" makes it wait for a signal, but @Loop on parameter \"%s\" makes it a loop, and a signal is taken by a task that runs once; wait for the signal in a task that \"%s\" depends on"
        .formatted(parameter, task, loop, task);
  }

  /** {@code other} is {@code its @Delay} or {@code @WaitUntil on parameter "at"}. */
  public static String signalWithDelay(String parameter, String task, String other) {
    return "[hypha:signal-with-delay] @Signal parameter \"%s\" of task \"%s\" makes it wait for a signal, but %s makes it wait for a time as well, and a task waits for one of them; wait for the time in a task that \"%s\" depends on"
        .formatted(parameter, task, other, task);
  }

  /**
   * @param annotation the other annotation, {@code @From}
   * @param takes what it would make the parameter take, {@code a dependency's output}
   */
  public static String signalConflict(
      String parameter, String task, String annotation, String takes) {
    return "[hypha:signal-conflict] @Signal and %s are both on parameter \"%s\" of task \"%s\", but the parameter takes the signal's payload, not %s; keep one of them, and take %s in a parameter of its own"
        .formatted(annotation, parameter, task, takes, takes);
  }

  // A task whose method returns SubFlow<R> starts a run of another flow as its child; its output
  // is the child's result R. A method reads "bill()"; "returned" is its return type.

  /** A raw {@code SubFlow}: {@code raw-type}, with the fix a sub-flow task needs. */
  public static String rawSubFlow(String method) {
    return "[hypha:raw-type] @Task method %s returns the raw type SubFlow; return SubFlow<R> with R the child flow's result type, as ChildFlow.sub(...) gives it"
        .formatted(method);
  }

  /**
   * @param returned {@code SubFlow<? extends Invoice>}
   * @param result the wildcard's bound, {@code Invoice}; {@code R} for {@code ?}
   */
  public static String subFlowType(String method, String returned, String result) {
    return "[hypha:sub-flow-type] @Task method %s returns %s, whose wildcard leaves open the result type of the child flow, which is the task's output; return SubFlow<%s> with the child flow's result type, as ChildFlow.sub(...) gives it"
        .formatted(method, returned, result);
  }

  /**
   * @param returned {@code Optional<SubFlow<Invoice>>}
   * @param inner the {@code SubFlow} inside it, {@code SubFlow<Invoice>}
   */
  public static String subFlowNested(String method, String returned, String inner) {
    return "[hypha:sub-flow-nested] @Task method %s returns %s, a SubFlow inside another type, which starts no child run and would be recorded as a plain value; return %s itself, from a task of its own"
        .formatted(method, returned, inner);
  }

  public static String subFlowWithForEach(String parameter, String task, String returned) {
    return "[hypha:sub-flow-with-for-each] @ForEach parameter \"%s\" of task \"%s\" makes it fan out, but the task returns %s, which starts a child run, and a task that starts a child run runs once, from its dependencies' outputs; fan out in a task of its own, or pass the list to the child flow and fan out there"
        .formatted(parameter, task, returned);
  }

  public static String subFlowWithLoop(String parameter, String task, String returned) {
    return "[hypha:sub-flow-with-loop] @Loop parameter \"%s\" of task \"%s\" makes it a loop, but the task returns %s, which starts a child run, and a task that starts a child run runs once, from its dependencies' outputs; loop in a task of its own, or inside the child flow"
        .formatted(parameter, task, returned);
  }

  public static String subFlowWithSignal(String parameter, String task, String returned) {
    return "[hypha:sub-flow-with-signal] @Signal parameter \"%s\" of task \"%s\" makes it wait for a signal, but the task returns %s, which starts a child run, and a task that starts a child run runs once, from its dependencies' outputs; wait for the signal in a task that \"%s\" depends on"
        .formatted(parameter, task, returned, task);
  }

  // Handlers: @Compensates, @OnFault, @OnSuccess, @OnFailure. A handler reads "@Compensates method
  // release()"; what names the task, "@Compensates" or "@OnFault task".

  public static String handlerUnknownTask(
      String what, String name, String flow, Optional<String> suggestion, List<String> tasks) {
    return "[hypha:handler-unknown-task] %s names \"%s\", which is not a task of flow %s; %s"
        .formatted(what, name, flow, fix(suggestion, tasks));
  }

  public static String handlerNotPublic(String handler) {
    return "[hypha:handler-not-public] %s is not public; declare it public".formatted(handler);
  }

  public static String handlerStatic(String handler) {
    return "[hypha:handler-static] %s is static; make it an instance method".formatted(handler);
  }

  public static String handlerGeneric(String handler) {
    return "[hypha:handler-generic] %s declares type parameters; replace them with concrete types"
        .formatted(handler);
  }

  public static String handlerNotVoid(String handler, String type) {
    return "[hypha:handler-not-void] %s returns %s, which the runtime would ignore; make it void"
        .formatted(handler, type);
  }

  public static String handlerOnTask(String handler) {
    return "[hypha:handler-on-task] %s is also a @Task; a handler is not a task of the graph, remove @Task or move the handler to a method of its own"
        .formatted(handler);
  }

  public static String handlerConflict(String method, String first, String second) {
    return "[hypha:handler-conflict] method %s has both %s and %s; give each its own method"
        .formatted(method, first, second);
  }

  public static String handlerParameter(
      String parameter, String type, String handler, String receives) {
    return "[hypha:handler-parameter] parameter \"%s\" (%s) of %s has nothing to receive: it takes one parameter for %s, an @Input parameter and a TaskContext; remove it"
        .formatted(parameter, type, handler, receives);
  }

  /** {@code what} is {@code the output of "reserve"}, {@code the run's result} or the like. */
  public static String handlerTypeMismatch(
      String parameter, String type, String handler, String what, String sourceType) {
    return "[hypha:type-mismatch] parameter \"%s\" (%s) of %s cannot take %s (%s); declare the parameter as %s or a supertype of it"
        .formatted(parameter, type, handler, what, sourceType, sourceType);
  }

  public static String exceptionTypeMismatch(
      String parameter, String type, String handler, String exception, List<String> handled) {
    return "[hypha:type-mismatch] parameter \"%s\" (%s) of %s cannot take %s, which the method handles; declare the parameter as a supertype of every handled exception (%s)"
        .formatted(parameter, type, handler, exception, String.join(", ", handled));
  }

  public static String fromOnHandler(String parameter, String handler) {
    return "[hypha:from-on-handler] @From on parameter \"%s\" of %s has no effect, a handler's parameters are bound by their role; remove @From"
        .formatted(parameter, handler);
  }

  public static String compensatesVoidTask(String task) {
    return "[hypha:compensates-void-task] @Compensates names \"%s\", a void task that records no output to compensate; return from \"%s\" what undoing it needs"
        .formatted(task, task);
  }

  public static String duplicateCompensation(String task, String otherMethod) {
    return "[hypha:duplicate-compensation] @Compensates names \"%s\", which %s compensates already; keep one compensation per task"
        .formatted(task, otherMethod);
  }

  public static String compensationWithoutOutput(String handler, String task, String type) {
    return "[hypha:compensation-without-output] %s has no parameter for the output of \"%s\"; add a parameter of type %s"
        .formatted(handler, task, type);
  }

  public static String onFaultNoExceptions(String method, String task) {
    return "[hypha:on-fault-no-exceptions] @OnFault of method %s lists no exception types; list what it handles, such as @OnFault(task = \"%s\", value = IOException.class)"
        .formatted(method, task);
  }

  public static String faultHandlerReturn(
      String handler, String returned, String task, String output) {
    return "[hypha:fault-handler-return] %s returns %s, which cannot stand in for the output of task \"%s\" (%s); return %s or a subtype of it"
        .formatted(handler, returned, task, output, output);
  }

  /** The same for a task that fans out: a fault handler stands in for one instance. */
  public static String faultHandlerReturnInstance(
      String handler, String returned, String task, String output) {
    return "[hypha:fault-handler-return] %s returns %s, which cannot stand in for the output of one instance of task \"%s\" (%s), a task that fans out; return %s or a subtype of it"
        .formatted(handler, returned, task, output, output);
  }

  /**
   * The same for a loop: a fault handler stands in for one iteration, so it returns the {@code
   * step} an iteration returns.
   */
  public static String faultHandlerReturnIteration(
      String handler, String returned, String task, String step) {
    return "[hypha:fault-handler-return] %s returns %s, which cannot stand in for one iteration of task \"%s\" (%s), a loop; return %s, Step.again(state) to go on or Step.done(result) to end the loop"
        .formatted(handler, returned, task, step, step);
  }

  /**
   * The same for a task that starts a sub-flow: a fault handler stands in for the child's result
   * {@code output}, and starts no child run, so it does not return a {@code SubFlow}.
   */
  public static String faultHandlerReturnSubFlow(
      String handler, String returned, String task, String output) {
    return "[hypha:fault-handler-return] %s returns %s, which cannot stand in for the output of task \"%s\" (%s), the result of the child run it starts; a fault handler starts no child run, return %s or a subtype of it"
        .formatted(handler, returned, task, output, output);
  }

  public static String faultHandlerNotVoid(String handler, String returned, String task) {
    return "[hypha:fault-handler-return] %s returns %s, but task \"%s\" is void and has no output to stand in for; make the handler void"
        .formatted(handler, returned, task);
  }

  public static String duplicateFaultHandler(String type, String task, String otherMethod) {
    return "[hypha:duplicate-fault-handler] @OnFault lists %s for task \"%s\", which %s handles already; handle each exception of a task in one method"
        .formatted(type, task, otherMethod);
  }

  public static String duplicateCallback(String annotation, String otherMethod) {
    return "[hypha:duplicate-callback] %s is on %s already; keep one %s method per flow"
        .formatted(annotation, otherMethod, annotation);
  }

  // Annotations in the wrong place.

  public static String taskOutsideFlow(String method, String type) {
    return "[hypha:task-outside-flow] @Task method %s is in %s, which is not a @Flow class; annotate %s with @Flow or move the method into a @Flow class"
        .formatted(method, type, type);
  }

  public static String annotationOutsideTask(String annotation, String where) {
    return "[hypha:annotation-outside-task] @%s on %s has no effect outside a @Task method; add @Task to the method or remove @%s"
        .formatted(annotation, where, annotation);
  }

  /** {@code where} is {@code method release()} or {@code class Helper}. */
  public static String annotationOutsideFlow(String annotation, String where, String type) {
    return "[hypha:annotation-outside-flow] @%s on %s has no effect outside a @Flow class, and %s is not one; annotate %s with @Flow or remove @%s"
        .formatted(annotation, where, type, type, annotation);
  }

  // The processor itself.

  public static String writeFailed(String file, String reason) {
    return "[hypha:write-failed] could not write %s (%s); rename the class that clashes with it"
        .formatted(file, reason);
  }

  public static String internalError(String where, String stackTrace) {
    return "[hypha:internal-error] the Hypha processor failed on %s; this is a bug, please report it with this stack trace:\n%s"
        .formatted(where, stackTrace);
  }

  /** What a parameter takes instead of a dependency's output as it is, for messages. */
  private static String takes(Binding binding) {
    if (binding instanceof Binding.Present present) {
      return "the value inside the Optional output of \"%s\", a branch".formatted(present.task());
    } else if (binding instanceof Binding.Variant variant) {
      return "the output of \"%s\" as one of its subtypes, a branch".formatted(variant.task());
    } else if (binding instanceof Binding.OptionalOutput optional) {
      return "the output of \"%s\" as an Optional join".formatted(optional.task());
    } else if (binding instanceof Binding.Context) {
      return "the TaskContext";
    }
    return "the run's @Input";
  }

  /** {@code A}, {@code A and B}, {@code A, B and C}. */
  private static String and(List<String> items) {
    return items.size() == 1
        ? items.get(0)
        : String.join(", ", items.subList(0, items.size() - 1))
            + " and "
            + items.get(items.size() - 1);
  }

  private static String fix(Optional<String> suggestion, List<String> tasks) {
    return suggestion
        .map(name -> "did you mean \"" + name + "\"?")
        .orElseGet(
            () ->
                "name one of its tasks: "
                    + tasks.stream()
                        .map(task -> "\"" + task + "\"")
                        .collect(Collectors.joining(", ")));
  }
}
