package dev.hypha.processor;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Filer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/**
 * Wraps a processor to watch it: sums the time spent in it and lets a test see or break each call
 * it makes to the {@link Filer}.
 */
class DelegatingProcessor extends AbstractProcessor {
  private final Processor delegate;
  private final FilerCalls filerCalls;
  private final List<String> createdSources = new ArrayList<>();
  private long nanos;
  private int rounds;

  /** Called before each {@link Filer} call; may throw to simulate a failure. */
  interface FilerCalls {
    void before(Method method, Object[] args);
  }

  DelegatingProcessor(Processor delegate) {
    this(delegate, (method, args) -> {});
  }

  DelegatingProcessor(Processor delegate, FilerCalls filerCalls) {
    this.delegate = delegate;
    this.filerCalls = filerCalls;
  }

  /** Nanoseconds spent in the delegate's {@code init} and {@code process}. */
  long nanos() {
    return nanos;
  }

  int rounds() {
    return rounds;
  }

  /** The names passed to {@code createSourceFile}, in order. */
  List<String> createdSources() {
    return createdSources;
  }

  @Override
  public synchronized void init(ProcessingEnvironment environment) {
    super.init(environment);
    Filer filer = watched(environment.getFiler());
    ProcessingEnvironment watched =
        (ProcessingEnvironment)
            Proxy.newProxyInstance(
                ProcessingEnvironment.class.getClassLoader(),
                new Class<?>[] {ProcessingEnvironment.class},
                (proxy, method, args) ->
                    method.getName().equals("getFiler") ? filer : call(method, environment, args));
    long start = System.nanoTime();
    delegate.init(watched);
    nanos += System.nanoTime() - start;
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return delegate.getSupportedAnnotationTypes();
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return delegate.getSupportedSourceVersion();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    long start = System.nanoTime();
    try {
      return delegate.process(annotations, round);
    } finally {
      nanos += System.nanoTime() - start;
      rounds++;
    }
  }

  private Filer watched(Filer filer) {
    return (Filer)
        Proxy.newProxyInstance(
            Filer.class.getClassLoader(),
            new Class<?>[] {Filer.class},
            (proxy, method, args) -> {
              filerCalls.before(method, args);
              if (method.getName().equals("createSourceFile")) {
                createdSources.add(args[0].toString());
              }
              return call(method, filer, args);
            });
  }

  private static Object call(Method method, Object target, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
