package dev.hypha.samples.animals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** The herds of the animal census, what a measurement of them gives, and the values it records. */
public final class Herds {
  private static final List<String> SPECIES = List.of("goat", "sheep", "llama", "pig", "alpaca");
  private static final List<Double> TYPICAL_KG = List.of(60.0, 75.0, 150.0, 110.0, 65.0);

  private Herds() {}

  /** A herd to measure; {@code seed} makes its measurement the same every time it is taken. */
  public record Herd(int id, String species, int size, long seed) {}

  /** One animal's weight. */
  public record Measurement(String animal, double weightKg) {}

  /** Measurements as saved: where, and what. */
  public record Stored(String location, List<Measurement> measurements) {}

  /** What the census reports for a herd. */
  public record Summary(
      int herd, String species, int animals, double meanKg, double minKg, double maxKg) {
    public String line() {
      return String.format(
          java.util.Locale.ROOT,
          "herd %2d (%d %s): mean %.2f kg, min %.1f kg, max %.1f kg",
          herd,
          animals,
          species,
          meanKg,
          minKg,
          maxKg);
    }
  }

  /** The {@code count} herds of the census: the same every time. */
  public static List<Herd> census(int count) {
    List<Herd> herds = new ArrayList<>();
    for (int id = 1; id <= count; id++) {
      herds.add(new Herd(id, SPECIES.get(id % SPECIES.size()), 3 + (id * 7) % 12, 1_000L + id));
    }
    return herds;
  }

  /** Weighs every animal of {@code herd}, to 0.1 kg; the same herd always weighs the same. */
  public static List<Measurement> weigh(Herd herd) {
    int index = SPECIES.indexOf(herd.species());
    double typical = index < 0 ? 50.0 : TYPICAL_KG.get(index);
    Random scale = new Random(herd.seed());
    List<Measurement> measurements = new ArrayList<>();
    for (int i = 1; i <= herd.size(); i++) {
      double weight = typical * (0.7 + 0.6 * scale.nextDouble());
      measurements.add(new Measurement(herd.species() + "-" + i, Math.round(weight * 10) / 10.0));
    }
    return measurements;
  }
}
