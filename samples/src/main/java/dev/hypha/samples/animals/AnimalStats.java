package dev.hypha.samples.animals;

import dev.hypha.annotations.DependsOn;
import dev.hypha.annotations.Flow;
import dev.hypha.annotations.Input;
import dev.hypha.annotations.Task;
import dev.hypha.runtime.TaskContext;
import dev.hypha.samples.animals.Herds.Herd;
import dev.hypha.samples.animals.Herds.Measurement;
import dev.hypha.samples.animals.Herds.Stored;
import dev.hypha.samples.animals.Herds.Summary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/**
 * The blumycelium example as a Hypha flow: measure a herd, store the measurements, compute their
 * mean, minimum and maximum, and print them. Every task has its own queue, so each can be hosted by
 * a worker process of its own (see {@code samples/animals.sh}, which starts six, kills one and
 * starts a replacement while a client starts the runs).
 *
 * <p>{@code store} saves the measurements to {@code <animals.dir>/<idempotency key>.csv} (the
 * system property {@value #DIRECTORY_PROPERTY}, by default {@code animals} in the working
 * directory). The key is the same for every attempt of the task in a run, so an attempt repeated
 * after its worker died finds the file of the earlier one and keeps it: one file per run, whatever
 * the number of attempts.
 */
@Flow
public class AnimalStats {
  public static final String MEASURE = "animals-measure";
  public static final String STORE = "animals-store";
  public static final String MEAN = "animals-mean";
  public static final String MIN = "animals-min";
  public static final String MAX = "animals-max";
  public static final String PRINT = "animals-print";
  public static final List<String> QUEUES = List.of(MEASURE, STORE, MEAN, MIN, MAX, PRINT);

  /** The system property naming the directory {@code store} writes to. */
  public static final String DIRECTORY_PROPERTY = "animals.dir";

  @Task(queue = MEASURE)
  public List<Measurement> measure(@Input Herd herd) throws InterruptedException {
    // Weighing takes a while: long enough for a worker to be killed in the middle of it.
    Thread.sleep(100 + herd.size() * 10L);
    return Herds.weigh(herd);
  }

  @Task(queue = STORE)
  @DependsOn("measure")
  public Stored store(List<Measurement> measure, TaskContext context) throws IOException {
    Path directory = Path.of(System.getProperty(DIRECTORY_PROPERTY, "animals"));
    Files.createDirectories(directory);
    Path file = directory.resolve(context.idempotencyKey().replace('/', '_') + ".csv");
    if (!Files.exists(file)) {
      StringBuilder csv = new StringBuilder("animal,weight_kg\n");
      for (Measurement measurement : measure) {
        csv.append(measurement.animal()).append(',').append(measurement.weightKg()).append('\n');
      }
      // Written aside, then moved into place in one step: the file is whole or absent.
      Path partial = Files.createTempFile(directory, "partial-", ".csv");
      Files.writeString(partial, csv, StandardCharsets.UTF_8);
      Files.move(
          partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
    return new Stored(file.toAbsolutePath().toString(), measure);
  }

  @Task(queue = MEAN)
  @DependsOn("store")
  public double mean(Stored store) {
    double sum = 0;
    for (Measurement measurement : store.measurements()) {
      sum += measurement.weightKg();
    }
    return sum / store.measurements().size();
  }

  @Task(queue = MIN)
  @DependsOn("store")
  public double min(Stored store) {
    return store.measurements().stream().mapToDouble(Measurement::weightKg).min().orElseThrow();
  }

  @Task(queue = MAX)
  @DependsOn("store")
  public double max(Stored store) {
    return store.measurements().stream().mapToDouble(Measurement::weightKg).max().orElseThrow();
  }

  @Task(queue = PRINT)
  @DependsOn({"mean", "min", "max"})
  public Summary print(@Input Herd herd, double mean, double min, double max, TaskContext context) {
    Summary summary = new Summary(herd.id(), herd.species(), herd.size(), mean, min, max);
    System.out.println(summary.line() + String.format(Locale.ROOT, " [run %s]", context.runId()));
    return summary;
  }
}
