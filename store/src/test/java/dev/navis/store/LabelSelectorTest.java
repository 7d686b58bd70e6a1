package dev.navis.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.navis.store.LabelSelector.Operator;
import dev.navis.store.LabelSelector.Requirement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LabelSelectorTest {

  private static final Map<String, String> LABELS =
      Map.of("env", "prod", "app.kubernetes.io/name", "navis", "tier", "");

  @Test
  void readsEveryKindOfRequirement() {
    LabelSelector selector = LabelSelector.parse(
        "a=b, c==d,e!=f,g in (h, i),j notin(k),l,!m,example.com/n");

    assertThat(selector.requirements()).containsExactly(
        new Requirement("a", Operator.EQUALS, List.of("b")),
        new Requirement("c", Operator.EQUALS, List.of("d")),
        new Requirement("e", Operator.NOT_EQUALS, List.of("f")),
        new Requirement("g", Operator.IN, List.of("h", "i")),
        new Requirement("j", Operator.NOT_IN, List.of("k")),
        new Requirement("l", Operator.EXISTS, List.of()),
        new Requirement("m", Operator.NOT_EXISTS, List.of()),
        new Requirement("example.com/n", Operator.EXISTS, List.of()));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "env=prod                            | true",
      "env=dev                             | false",
      "env!=dev                            | true",
      "missing!=x                          | true",
      "env in (dev, prod)                  | true",
      "env notin (prod)                    | false",
      "missing notin (prod)                | true",
      "app.kubernetes.io/name              | true",
      "!env                                | false",
      "!missing                            | true",
      "tier=                               | true",
      "env=prod,!missing,tier              | true",
      "env=prod,missing                    | false",
  })
  void matchesLabelsAsKubernetesDoes(String selector, boolean matches) {
    assertThat(LabelSelector.parse(selector).matches(LABELS)).isEqualTo(matches);
  }

  @Test
  void anEmptySelectorMatchesEverything() {
    assertThat(LabelSelector.parse(null).matches(Map.of())).isTrue();
    assertThat(LabelSelector.parse("  ").requirements()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "env in prod      | expected \"(\" to open the set of values at column 8",
      "env in (a, b     | expected \",\" or \")\" in the set of values at column 13",
      "env in ()        | expected a value at column 9",
      "env > 3          | expected =, ==, !=, in or notin after \"env\" at column 5",
      "=b               | expected a label key at column 1",
      "env=prod,        | expected a label key at column 10",
      "-bad=x           | \"-bad\" is not a valid label key at column 1",
      "env=a b          | expected \",\" or the end at column 7",
      "env=bad-         | \"bad-\" is not a valid label value at column 5",
  })
  void explainsWhatIsWrongAndWhere(String selector, String problem) {
    assertThatThrownBy(() -> LabelSelector.parse(selector))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid label selector \"" + selector + "\": " + problem);
  }
}
