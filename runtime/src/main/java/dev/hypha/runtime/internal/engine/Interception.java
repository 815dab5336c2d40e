package dev.hypha.runtime.internal.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hypha.runtime.HyphaException;
import dev.hypha.runtime.HyphaInterceptor;
import dev.hypha.runtime.RunId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link HyphaInterceptor} of a Hypha, as every engine calls it: the context a start stores
 * with its run (as JSON in the run's {@code caller_context} column), and the context handed to each
 * attempt, read back once per run and kept for the runs seen last. Engines hold null instead of an
 * instance when no interceptor is registered, so that they do nothing at all then. Thread-safe.
 */
public final class Interception {
  private static final Logger LOG = LoggerFactory.getLogger(Interception.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {};

  /** The most characters (names and values together) a run's context may have. */
  static final int MAX_CONTEXT = 4096;

  /** How many runs' contexts a worker keeps, most recently used first. */
  private static final int CACHED_RUNS = 1024;

  private final HyphaInterceptor interceptor;

  private final Map<Long, Map<String, String>> contexts =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Map<String, String>> eldest) {
          return size() > CACHED_RUNS;
        }
      };

  private Interception(HyphaInterceptor interceptor) {
    this.interceptor = interceptor;
  }

  /** The interception of {@code interceptor}; null for none, which engines test for. */
  public static Interception of(HyphaInterceptor interceptor) {
    return interceptor == null ? null : new Interception(interceptor);
  }

  /** A start under way: the context to store (null for none) and whom to tell of its end. */
  public record Starting(String contextJson, HyphaInterceptor.Start start) {
    /** What a start without an interceptor is. */
    public static final Starting NONE = new Starting(null, HyphaInterceptor.Start.NONE);

    /** Tells the interceptor the start ended; what it throws is logged, as the start is over. */
    public void ended(RunId run, Throwable error) {
      if (start == HyphaInterceptor.Start.NONE) {
        return;
      }
      try {
        start.ended(run, error);
      } catch (RuntimeException e) {
        LOG.warn("the interceptor failed at the end of the start of run {}", run, e);
      }
    }
  }

  /** {@link #starting(String)} of {@code interception}, or {@link Starting#NONE} without one. */
  public static Starting starting(Interception interception, String flow) {
    return interception == null ? Starting.NONE : interception.starting(flow);
  }

  /**
   * On the thread that starts a run of {@code flow}: asks the interceptor for the context to store.
   *
   * @throws HyphaException if the context is larger than {@link #MAX_CONTEXT} characters
   */
  public Starting starting(String flow) {
    HyphaInterceptor.Start start = interceptor.starting(flow);
    Map<String, String> context = start.context();
    if (context == null || context.isEmpty()) {
      return new Starting(null, start);
    }
    int size = 0;
    for (Map.Entry<String, String> entry : context.entrySet()) {
      size += entry.getKey().length() + (entry.getValue() == null ? 0 : entry.getValue().length());
    }
    if (size > MAX_CONTEXT) {
      HyphaException tooLarge =
          new HyphaException(
              "the interceptor "
                  + interceptor.getClass().getName()
                  + " gave a context of "
                  + size
                  + " characters to store with a run of "
                  + flow
                  + ", more than the "
                  + MAX_CONTEXT
                  + " allowed; store a few short strings, such as a trace context");
      start.ended(null, tooLarge);
      throw tooLarge;
    }
    try {
      return new Starting(JSON.writeValueAsString(context), start);
    } catch (JsonProcessingException e) {
      throw new HyphaException("the interceptor's context could not be written as JSON", e);
    }
  }

  /** On the thread of an attempt, before the method: the interceptor's scope of it. */
  public HyphaInterceptor.Attempt attempting(
      String flow, String task, int attempt, RunId run, String worker, Map<String, String> ctx) {
    return interceptor.attempting(
        new HyphaInterceptor.AttemptInfo(flow, task, attempt, run, worker, ctx));
  }

  /**
   * The context stored with the run {@code runSeq}, read with {@code read} the first time and kept
   * for the runs seen last; empty when none was stored.
   */
  public Map<String, String> contextOf(long runSeq, LongFunction<Optional<String>> read) {
    synchronized (contexts) {
      Map<String, String> known = contexts.get(runSeq);
      if (known != null) {
        return known;
      }
    }
    Map<String, String> context = decode(read.apply(runSeq).orElse(null));
    synchronized (contexts) {
      contexts.put(runSeq, context);
    }
    return context;
  }

  /** A stored context as a map; empty for none, or (logged) for one that does not parse. */
  public static Map<String, String> decode(String json) {
    if (json == null) {
      return Map.of();
    }
    try {
      Map<String, String> map = JSON.readValue(json, MAP);
      return map == null ? Map.of() : Map.copyOf(map);
    } catch (JsonProcessingException | RuntimeException e) {
      LOG.warn("a run's stored caller context does not parse and is left out: {}", json, e);
      return Map.of();
    }
  }
}
