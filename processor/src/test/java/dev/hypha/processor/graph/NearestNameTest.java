package dev.hypha.processor.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NearestNameTest {
  private static final List<String> TASKS = List.of("load", "charge", "reserve", "ship");

  @Test
  void missingLetterSuggestsTheTask() {
    assertThat(NearestName.find("lod", TASKS)).contains("load");
  }

  @Test
  void swappedLettersSuggestTheTask() {
    assertThat(NearestName.find("chrage", TASKS)).contains("charge");
  }

  @Test
  void caseDifferenceSuggestsTheTask() {
    assertThat(NearestName.find("Reserve", TASKS)).contains("reserve");
  }

  @Test
  void unrelatedNameSuggestsNothing() {
    assertThat(NearestName.find("warehouse", TASKS)).isEmpty();
    assertThat(NearestName.find("x", TASKS)).isEmpty();
  }

  @Test
  void tieGoesToTheCandidateListedFirst() {
    assertThat(NearestName.find("ab", List.of("ax", "xb"))).contains("ax");
  }

  @Test
  void exactNameIsNotItsOwnSuggestion() {
    assertThat(NearestName.find("load", List.of("load"))).isEmpty();
  }

  @Test
  void distanceCountsInsertionsDeletionsAndSubstitutions() {
    assertThat(NearestName.distance("kitten", "sitting")).isEqualTo(3);
    assertThat(NearestName.distance("", "abc")).isEqualTo(3);
    assertThat(NearestName.distance("same", "same")).isZero();
  }
}
