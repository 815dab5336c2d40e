package dev.hypha.processor.writer;

import static javax.lang.model.element.Modifier.FINAL;
import static javax.lang.model.element.Modifier.PRIVATE;
import static javax.lang.model.element.Modifier.PUBLIC;
import static javax.lang.model.element.Modifier.STATIC;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.hypha.processor.model.FlowPlan;
import dev.hypha.processor.model.RetryPlan;
import dev.hypha.processor.model.SignalPlan;
import java.io.IOException;
import java.io.Writer;
import java.util.Map;
import java.util.TreeMap;
import javax.annotation.processing.Filer;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.tools.JavaFileObject;

/**
 * Writes {@code <Name>Flow}, the typed entry point of one flow: its name and descriptor, {@code
 * bind}, {@code sub} (a run of the flow as the child of another flow's task), {@code start}, {@code
 * run}, {@code outputs} and {@code history}, one {@code signalX} method per signal its tasks wait
 * for, and the nested {@code Outputs}, {@code Result} and {@code Definition} types. The class only
 * delegates to the runtime.
 */
public final class FlowClassWriter {
  private final Elements elements;
  private final boolean generatedAvailable;

  /** A writer for the compilation whose {@code elements} these are. */
  public FlowClassWriter(Elements elements) {
    this.elements = elements;
    this.generatedAvailable =
        elements.getTypeElement(RuntimeTypes.GENERATED.canonicalName()) != null;
  }

  /**
   * Writes the flow class of {@code plan} through {@code filer}.
   *
   * @return the binary name of its {@code Definition}, for the service file
   */
  public String write(FlowPlan plan, Filer filer) throws IOException {
    FlowTypes types = new FlowTypes(plan);
    String source = Headers.wrap(file(plan).toString());
    JavaFileObject file =
        filer.createSourceFile(types.generated().canonicalName(), plan.flow().element());
    try (Writer writer = file.openWriter()) {
      writer.write(source);
    }
    return types.definition().reflectionName();
  }

  /** The canonical name of the class generated for {@code plan}. */
  public static String generatedName(FlowPlan plan) {
    return new FlowTypes(plan).generated().canonicalName();
  }

  /**
   * The source file of the flow class of {@code plan}, as JavaPoet writes it: {@link #write} also
   * wraps the class headers JavaPoet leaves longer than 100 columns (see {@link Headers}).
   */
  public JavaFile file(FlowPlan plan) {
    FlowTypes types = new FlowTypes(plan);
    TypeSpec.Builder type =
        TypeSpec.classBuilder(types.generated())
            .addOriginatingElement(plan.flow().element())
            .addModifiers(PUBLIC, FINAL)
            .alwaysQualify(javaLangShadows(plan.flow().element()));
    addJavadoc(type, plan, types);
    addGenerated(type);
    addSuppressions(type, plan);
    addConstants(type, plan, types);
    addBinding(type, types);
    addBind(type, types);
    addClient(type, types);
    addDescriptor(type);
    addSub(type, plan, types);
    addStart(type, plan, types);
    addRunAccess(type, types);
    addSignals(type, plan);
    type.addType(OutputsSpec.of(plan, types));
    if (types.hasResultRecord()) {
      type.addType(ResultSpec.of(plan, types));
    }
    type.addType(DefinitionSpec.of(plan, types));
    return JavaFile.builder(types.generated().packageName(), type.build())
        .skipJavaLangImports(true)
        .build();
  }

  /**
   * The types of {@code flow}'s package named like a {@code java.lang} type: without an import,
   * such a name in generated code would mean the package's type, so it is written qualified.
   */
  private String[] javaLangShadows(TypeElement flow) {
    return elements.getPackageOf(flow).getEnclosedElements().stream()
        .map(type -> type.getSimpleName().toString())
        .filter(name -> elements.getTypeElement("java.lang." + name) != null)
        .toArray(String[]::new);
  }

  /** The graph is not repeated here: the descriptor holds its Mermaid text. */
  private static void addJavadoc(TypeSpec.Builder type, FlowPlan plan, FlowTypes types) {
    type.addJavadoc(
            "Starts and reads runs of the {@code $L} flow declared by\n", plan.flow().name())
        .addJavadoc("{@link $T}.\n\n", types.flowClass())
        .addJavadoc("<p>Its graph, as a Mermaid flowchart, is {@code descriptor().mermaid()}.\n");
  }

  private void addGenerated(TypeSpec.Builder type) {
    if (generatedAvailable) {
      type.addAnnotation(
          AnnotationSpec.builder(RuntimeTypes.GENERATED)
              .addMember("value", "$S", RuntimeTypes.GENERATOR)
              .build());
    }
  }

  /** Calling a deprecated method is the user's choice, not a warning in generated code. */
  private static void addSuppressions(TypeSpec.Builder type, FlowPlan plan) {
    boolean deprecated =
        plan.flow().element().getAnnotation(Deprecated.class) != null
            || plan.tasks().stream()
                .anyMatch(task -> task.task().method().getAnnotation(Deprecated.class) != null)
            || plan.handlers().stream()
                .anyMatch(
                    handler -> handler.handler().method().getAnnotation(Deprecated.class) != null);
    if (deprecated) {
      type.addAnnotation(
          AnnotationSpec.builder(SuppressWarnings.class)
              .addMember("value", "$S", "deprecation")
              .build());
    }
  }

  private static void addConstants(TypeSpec.Builder type, FlowPlan plan, FlowTypes types) {
    type.addField(
        FieldSpec.builder(String.class, "NAME", PUBLIC, STATIC, FINAL)
            .addJavadoc("The flow's name in the store, the REST API and the CLI.\n")
            .initializer("$S", plan.flow().name())
            .build());
    plan.defaultRetry().ifPresent(retry -> type.addField(defaultRetry(retry)));
    type.addField(
        FieldSpec.builder(RuntimeTypes.FLOW_DESCRIPTOR, "DESCRIPTOR", PRIVATE, STATIC, FINAL)
            .initializer(DescriptorCode.of(plan, types))
            .build());
  }

  /** The flow's {@code @Retry}, declared once rather than on every task that uses it. */
  private static FieldSpec defaultRetry(RetryPlan retry) {
    return FieldSpec.builder(
            RuntimeTypes.RETRY_POLICY, DescriptorCode.DEFAULT_RETRY, PRIVATE, STATIC, FINAL)
        .addJavadoc("The flow's {@code @Retry}, the policy of every task without its own.\n")
        .initializer(PolicyCode.retry(retry))
        .build();
  }

  private static void addBinding(TypeSpec.Builder type, FlowTypes types) {
    TypeName binding = binding(types);
    type.addField(binding, "binding", PRIVATE, FINAL)
        .addMethod(
            MethodSpec.constructorBuilder()
                .addModifiers(PRIVATE)
                .addParameter(binding, "binding")
                .addStatement("this.binding = binding")
                .build());
  }

  private static void addBind(TypeSpec.Builder type, FlowTypes types) {
    type.addMethod(
        MethodSpec.methodBuilder("bind")
            .addJavadoc(
                "Binds {@code flow} to {@code hypha}: runs of this flow started or resumed\n")
            .addJavadoc("there call its methods.\n")
            .addModifiers(PUBLIC, STATIC)
            .returns(types.generated())
            .addParameter(RuntimeTypes.HYPHA, "hypha")
            .addParameter(types.flowClass(), "flow")
            .addStatement(
                "return new $T(hypha.bind(new $T(), flow))", types.generated(), types.definition())
            .build());
  }

  private static void addClient(TypeSpec.Builder type, FlowTypes types) {
    type.addMethod(
        MethodSpec.methodBuilder("client")
            .addJavadoc(
                "This flow on {@code hypha} without an instance: starts runs that workers execute,"
                    + " and reads\nruns, typed outputs and history. Executes nothing here, so a"
                    + " flow whose constructor takes\narguments needs no dummy instance.\n")
            .addModifiers(PUBLIC, STATIC)
            .returns(types.generated())
            .addParameter(RuntimeTypes.HYPHA, "hypha")
            .addStatement(
                "return new $T(hypha.client(new $T()))", types.generated(), types.definition())
            .build());
  }

  private static void addDescriptor(TypeSpec.Builder type) {
    type.addMethod(
        MethodSpec.methodBuilder("descriptor")
            .addJavadoc("The flow's name, tasks, edges, queues and shape hash.\n")
            .addModifiers(PUBLIC, STATIC)
            .returns(RuntimeTypes.FLOW_DESCRIPTOR)
            .addStatement("return DESCRIPTOR")
            .build());
  }

  /**
   * {@code sub(input)}, the {@code SubFlow} a task of another flow returns to start a run of this
   * one as its child: it takes what {@code start} takes ({@code sub()} and a null input without
   * {@code @Input}), and the child's result is this flow's.
   */
  private static void addSub(TypeSpec.Builder type, FlowPlan plan, FlowTypes types) {
    MethodSpec.Builder sub =
        MethodSpec.methodBuilder("sub")
            .addModifiers(PUBLIC, STATIC)
            .returns(ParameterizedTypeName.get(RuntimeTypes.SUB_FLOW, types.result()));
    String input = "null";
    if (plan.input().isPresent()) {
      sub.addJavadoc(
          "A run of this flow with {@code input} to start as the child of a task of another flow:"
              + " the\ntask returns it, and its output is this flow's result. The engine starts the"
              + " child once and\nends the task when the child ends.\n");
      sub.addParameter(types.startParameter(), "input");
      input = "input";
    } else {
      sub.addJavadoc(
          "A run of this flow to start as the child of a task of another flow: the task returns"
              + " it, and\nits output is this flow's result. The engine starts the child once and"
              + " ends the task when the\nchild ends.\n");
    }
    type.addMethod(
        sub.addStatement(
                "return $T.of(new $T(), $L)", RuntimeTypes.SUB_FLOW, types.definition(), input)
            .build());
  }

  private static void addStart(TypeSpec.Builder type, FlowPlan plan, FlowTypes types) {
    TypeName run = ParameterizedTypeName.get(RuntimeTypes.RUN, types.result());
    TypeName future = ParameterizedTypeName.get(RuntimeTypes.COMPLETABLE_FUTURE, run);
    type.addMethod(
        startMethod("start", run, "binding.start", false, plan, types)
            .addJavadoc("Starts a run; it is committed to the store before this method returns.\n")
            .build());
    type.addMethod(
        startMethod("start", run, "binding.start", true, plan, types)
            .addJavadoc(
                "Starts a run unless one of this flow was started with {@code key} (a business"
                    + " key, such as\nan order id) already; then that run is returned and nothing"
                    + " starts.\n")
            .build());
    type.addMethod(
        startMethod("startAsync", future, "binding.startAsync", false, plan, types)
            .addJavadoc(
                "Starts a run without waiting for its commit: the future completes, off the"
                    + " engine's threads,\nonce the run is committed. Runs started this way share"
                    + " commits.\n")
            .build());
    type.addMethod(
        startMethod("startAsync", future, "binding.startAsync", true, plan, types)
            .addJavadoc(
                "{@link #startAsync} with a business key: the run of that key if there is one"
                    + " already.\n")
            .build());
  }

  private static MethodSpec.Builder startMethod(
      String name, TypeName returns, String call, boolean keyed, FlowPlan plan, FlowTypes types) {
    MethodSpec.Builder start = MethodSpec.methodBuilder(name).addModifiers(PUBLIC).returns(returns);
    String input = "null";
    if (plan.input().isPresent()) {
      start.addParameter(types.startParameter(), "input");
      input = "input";
    }
    if (keyed) {
      start.addParameter(String.class, "key");
      start.addStatement("return $L($L, key)", call, input);
    } else {
      start.addStatement("return $L($L)", call, input);
    }
    return start;
  }

  private static void addRunAccess(TypeSpec.Builder type, FlowTypes types) {
    type.addMethod(
            MethodSpec.methodBuilder("run")
                .addJavadoc(
                    "A handle on the run {@code id} of this flow, started here or elsewhere.\n")
                .addModifiers(PUBLIC)
                .returns(ParameterizedTypeName.get(RuntimeTypes.RUN, types.result()))
                .addParameter(RuntimeTypes.RUN_ID, "id")
                .addStatement("return binding.run(id)")
                .build())
        .addMethod(
            MethodSpec.methodBuilder("outputs")
                .addJavadoc("The typed task outputs recorded for the run {@code id}.\n")
                .addModifiers(PUBLIC)
                .returns(types.outputs())
                .addParameter(RuntimeTypes.RUN_ID, "id")
                .addStatement("return new $T(binding, id)", types.outputs())
                .build())
        .addMethod(
            MethodSpec.methodBuilder("history")
                .addJavadoc("Typed queries over the runs of this flow.\n")
                .addModifiers(PUBLIC)
                .returns(ParameterizedTypeName.get(RuntimeTypes.FLOW_HISTORY, types.result()))
                .addStatement("return binding.history()")
                .build());
  }

  /**
   * {@code signalApproval(RunId id, Approval payload)} for each signal name, in name order: its
   * payload is the same for every task that waits for it (validation saw to that), and its method
   * name no other signal's.
   */
  private static void addSignals(TypeSpec.Builder type, FlowPlan plan) {
    Map<String, SignalPlan> signals = new TreeMap<>();
    plan.tasks().forEach(task -> task.signal().ifPresent(s -> signals.putIfAbsent(s.name(), s)));
    for (SignalPlan signal : signals.values()) {
      type.addMethod(
          MethodSpec.methodBuilder(signal.methodName())
              .addJavadoc(
                  "Sends the signal {@code $L} to the run {@code id}; committed to the store\nbefore"
                      + " this method returns. Tasks of the run waiting for it take it; a task that"
                      + " reaches\nits wait later finds it.\n",
                  signal.name())
              .addModifiers(PUBLIC)
              .addParameter(RuntimeTypes.RUN_ID, "id")
              .addParameter(TypeName.get(signal.payload()), "payload")
              .addStatement("binding.signal(id, $S, payload)", signal.name())
              .build());
    }
  }

  private static TypeName binding(FlowTypes types) {
    return ParameterizedTypeName.get(RuntimeTypes.FLOW_BINDING, types.input(), types.result());
  }
}
