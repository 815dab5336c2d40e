package dev.hypha.processor.graph;

import java.util.Locale;
import java.util.Optional;

/**
 * Suggests the name a user probably meant: the candidate at the smallest edit distance, if that
 * distance is small for the length of the name (one edit for short names, a third of the length for
 * longer ones), ignoring case. Ties go to the candidate listed first.
 */
public final class NearestName {
  private NearestName() {}

  /** The candidate closest to {@code name}, if any is close enough to be a likely typo. */
  public static Optional<String> find(String name, Iterable<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int distance = distance(name.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
      if (!candidate.equals(name) && distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best != null && bestDistance <= threshold(name, best)
        ? Optional.of(best)
        : Optional.empty();
  }

  /** The Levenshtein distance: insertions, deletions and substitutions, each costing one. */
  public static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  private static int threshold(String name, String candidate) {
    return Math.max(1, Math.min(name.length(), candidate.length()) / 3);
  }
}
