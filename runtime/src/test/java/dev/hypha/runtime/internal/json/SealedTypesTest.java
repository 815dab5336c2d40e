package dev.hypha.runtime.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hypha.runtime.spi.TypeRef;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A branch on a sealed output reads the value back as the sealed type, so the codec must write
 * which subtype a value is without the user annotating anything; nested sealed types, sealed
 * fields, lists and {@code Optional}s of them included, on Hypha's mapper and on a user's.
 */
class SealedTypesTest {
  sealed interface Decision permits Approved, Rejected, Escalation {}

  record Approved(int amount) implements Decision {}

  record Rejected(String reason) implements Decision {}

  sealed interface Escalation extends Decision permits ToManager, ToBoard {}

  record ToManager(String manager) implements Escalation {}

  record ToBoard() implements Escalation {}

  record Case(String id, Decision decision) {}

  private static final TypeRef<Decision> DECISION = TypeRef.of(Decision.class);

  @Test
  void everySubtypeReadsBackAsTheSealedTypeOnBothMappers() throws Exception {
    for (JsonCodec codec : List.of(new JsonCodec(), new JsonCodec(new ObjectMapper()))) {
      for (Decision decision :
          List.of(new Approved(3), new Rejected("late"), new ToManager("ann"), new ToBoard())) {
        String json = codec.write(decision);
        assertThat(codec.read(json, DECISION)).isEqualTo(decision);
        assertThat(codec.read(json, TypeRef.of(decision.getClass()))).isEqualTo(decision);
      }
    }
  }

  @Test
  void theJsonNamesTheSubtype() throws Exception {
    assertThat(new JsonCodec().write(new Approved(3)))
        .isEqualTo("{\"@type\":\"Approved\",\"amount\":3}");
  }

  @Test
  void sealedFieldsListsAndOptionalsReadBack() throws Exception {
    JsonCodec codec = new JsonCodec();
    Case withField = new Case("c1", new ToManager("bo"));
    assertThat(codec.read(codec.write(withField), TypeRef.of(Case.class))).isEqualTo(withField);
    List<Decision> list = List.of(new Approved(1), new ToBoard());
    TypeRef<List<Decision>> listType = new TypeRef<>() {};
    assertThat(codec.read(codec.write(list, listType), listType)).isEqualTo(list);
    Optional<Decision> present = Optional.of(new Rejected("no"));
    TypeRef<Optional<Decision>> optionalType = new TypeRef<>() {};
    assertThat(codec.read(codec.write(present, optionalType), optionalType)).isEqualTo(present);
  }

  @Test
  void aConcreteSubtypeReadsJsonWithoutTheTypeProperty() throws Exception {
    // As written before sealed types carried it, or as a client sends it for a record input.
    for (JsonCodec codec : List.of(new JsonCodec(), new JsonCodec(new ObjectMapper()))) {
      assertThat(codec.read("{\"amount\":3}", TypeRef.of(Approved.class)))
          .isEqualTo(new Approved(3));
    }
  }

  /** Sealed because a constant has a body; its JSON stays the constant's name. */
  enum Mode {
    FAST {
      @Override
      int speed() {
        return 2;
      }
    },
    SLOW;

    int speed() {
      return 1;
    }
  }

  @Test
  void enumsWithConstantBodiesAreWrittenAsTheirNames() throws Exception {
    for (JsonCodec codec : List.of(new JsonCodec(), new JsonCodec(new ObjectMapper()))) {
      assertThat(codec.write(Mode.FAST, TypeRef.of(Mode.class))).isEqualTo("\"FAST\"");
      assertThat(codec.read("\"FAST\"", TypeRef.of(Mode.class))).isEqualTo(Mode.FAST);
    }
  }

  @Test
  void theJdksOwnSealedTypesAreLeftAlone() throws Exception {
    JsonCodec codec = new JsonCodec(new ObjectMapper());
    assertThat(codec.write("text")).isEqualTo("\"text\"");
    assertThat(codec.write(42L)).isEqualTo("42");
  }
}
