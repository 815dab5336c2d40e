package dev.hypha.processor;

import com.google.auto.service.AutoService;
import dev.hypha.annotations.Compensates;
import dev.hypha.annotations.Delay;
import dev.hypha.annotations.DependsOn;
import dev.hypha.annotations.Flow;
import dev.hypha.annotations.ForEach;
import dev.hypha.annotations.From;
import dev.hypha.annotations.Input;
import dev.hypha.annotations.Loop;
import dev.hypha.annotations.OnFailure;
import dev.hypha.annotations.OnFault;
import dev.hypha.annotations.OnSuccess;
import dev.hypha.annotations.Retry;
import dev.hypha.annotations.Signal;
import dev.hypha.annotations.Task;
import dev.hypha.annotations.Timeout;
import dev.hypha.annotations.WaitUntil;
import dev.hypha.processor.model.FlowFactory;
import dev.hypha.processor.model.FlowModel;
import dev.hypha.processor.model.FlowPlan;
import dev.hypha.processor.validation.FlowValidator;
import dev.hypha.processor.validation.FlowValidator.Validation;
import dev.hypha.processor.validation.Messages;
import dev.hypha.processor.validation.StrayAnnotations;
import dev.hypha.processor.writer.FlowClassWriter;
import dev.hypha.processor.writer.ServiceFileWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * The Hypha annotation processor. For every {@code @Flow} class it reads a model, validates it
 * (reporting every error on the exact element, annotation or annotation value) and, only for a flow
 * without errors, generates {@code <Name>Flow}. When processing is over it writes the {@code
 * ServiceLoader} file listing every generated {@code FlowDefinition}.
 *
 * <p>A flow whose types are not resolved yet (made by another processor) is read again in the next
 * round. A failure of the processor itself is reported as an {@code [hypha:internal-error]} with
 * its stack trace; it never crashes javac.
 */
@AutoService(Processor.class)
public final class HyphaProcessor extends AbstractProcessor {
  private static final String GENERATED = "javax.annotation.processing.Generated";

  private FlowFactory factory;
  private FlowValidator validator;
  private FlowClassWriter writer;
  private ServiceFileWriter services;
  private final Set<String> deferred = new LinkedHashSet<>();

  @Override
  public synchronized void init(ProcessingEnvironment environment) {
    super.init(environment);
    factory = new FlowFactory(environment.getElementUtils(), environment.getTypeUtils());
    validator = new FlowValidator(environment.getElementUtils(), environment.getTypeUtils());
    writer = new FlowClassWriter(environment.getElementUtils());
    services = new ServiceFileWriter(environment.getElementUtils());
  }

  /**
   * Hypha's annotations, and {@code @Generated}: the generated classes carry it, and claiming it
   * spares builds with {@code -Xlint:all} the warning that no processor claimed it.
   */
  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(
        GENERATED,
        Flow.class.getCanonicalName(),
        Task.class.getCanonicalName(),
        DependsOn.class.getCanonicalName(),
        Input.class.getCanonicalName(),
        From.class.getCanonicalName(),
        Retry.class.getCanonicalName(),
        Timeout.class.getCanonicalName(),
        Delay.class.getCanonicalName(),
        WaitUntil.class.getCanonicalName(),
        ForEach.class.getCanonicalName(),
        Loop.class.getCanonicalName(),
        Signal.class.getCanonicalName(),
        Compensates.class.getCanonicalName(),
        OnFault.class.getCanonicalName(),
        OnSuccess.class.getCanonicalName(),
        OnFailure.class.getCanonicalName());
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    try {
      StrayAnnotations.check(round).printTo(processingEnv.getMessager());
      Set<TypeElement> flows = new LinkedHashSet<>();
      for (String name : deferred) {
        TypeElement type = processingEnv.getElementUtils().getTypeElement(name);
        if (type != null) {
          flows.add(type);
        }
      }
      deferred.clear();
      for (Element element : round.getElementsAnnotatedWith(Flow.class)) {
        if (element instanceof TypeElement type) {
          flows.add(type);
        }
      }
      for (TypeElement flow : flows) {
        processFlow(flow, round.processingOver());
      }
      if (round.processingOver()) {
        writeServiceFile();
      }
    } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
      reportInternalError(null, "this round", e);
    }
    return true;
  }

  private void processFlow(TypeElement type, boolean lastRound) {
    try {
      FlowModel flow = factory.read(type);
      if (flow.unresolved()) {
        if (!lastRound) {
          deferred.add(flow.qualifiedName()); // Another processor may still generate its types.
        }
        return; // Past the last round, javac reports the missing types itself.
      }
      Validation validation = validator.validate(flow);
      validation.report().printTo(processingEnv.getMessager());
      validation.plan().ifPresent(this::generate);
    } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
      reportInternalError(type, type.getQualifiedName().toString(), e);
    }
  }

  private void generate(FlowPlan plan) {
    TypeElement type = plan.flow().element();
    try {
      services.add(writer.write(plan, processingEnv.getFiler()), type);
    } catch (IOException e) {
      processingEnv
          .getMessager()
          .printMessage(
              Diagnostic.Kind.ERROR,
              Messages.writeFailed(
                  type.getQualifiedName() + "Flow", String.valueOf(e.getMessage())),
              type);
    }
  }

  private void writeServiceFile() {
    try {
      services.write(processingEnv.getFiler());
    } catch (IOException e) {
      String message = Messages.writeFailed(ServiceFileWriter.PATH, String.valueOf(e.getMessage()));
      List<Element> flows = services.originatingElements();
      if (flows.isEmpty()) {
        processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, message);
      } else {
        processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, message, flows.get(0));
      }
    }
  }

  private void reportInternalError(Element element, String where, Throwable error) {
    StringWriter trace = new StringWriter();
    error.printStackTrace(new PrintWriter(trace));
    String message = Messages.internalError(where, trace.toString());
    if (element == null) {
      processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, message);
    } else {
      processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, message, element);
    }
  }
}
