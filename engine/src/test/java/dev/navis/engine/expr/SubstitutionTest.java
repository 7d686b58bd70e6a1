package dev.navis.engine.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.navis.engine.expr.Expressions.Unresolved;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SubstitutionTest {

  private static final Map<String, String> VARS = Map.of(
      "workflow.name", "wf-1",
      "inputs.parameters.x", "hello",
      "inputs.parameters.x-y", "dash",
      "steps.flip-coin.outputs.result", "heads");

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "echo {{workflow.name}}|echo wf-1",
      "{{ inputs.parameters.x }} world|hello world",
      "{{inputs.parameters.x-y}}{{inputs.parameters.x}}|dashhello",
      "{{steps.flip-coin.outputs.result}} == heads|heads == heads",
      "no tags at all|no tags at all",
      "a lone {{ without end|a lone {{ without end",
      "{{unknown.thing}} stays|{{unknown.thing}} stays",
      "{{ unknown }} keeps its spaces|{{ unknown }} keeps its spaces",
  })
  void replacesSimpleTagsAndKeepsUnknownOnes(String text, String expected) {
    assertThat(Expressions.substitute(text, VARS, Unresolved.KEEP)).isEqualTo(expected);
  }

  @Test
  void returnsTheSameInstanceWhenThereIsNoTag() {
    String text = "plain text";

    assertThat(Expressions.substitute(text, VARS, Unresolved.FAIL)).isSameAs(text);
  }

  @Test
  void failsNamingTheUnknownTag() {
    assertThatThrownBy(() -> Expressions.substitute(
        "x {{ inputs.parameters.nope }}", VARS, Unresolved.FAIL))
        .isInstanceOf(ExpressionException.class)
        .hasMessage("failed to resolve {{inputs.parameters.nope}}");
  }

  @Test
  void doesNotResubstituteReplacedValues() {
    Map<String, String> vars = Map.of("a", "{{b}}", "b", "no");

    assertThat(Expressions.substitute("{{a}}", vars, Unresolved.FAIL)).isEqualTo("{{b}}");
  }

  @Test
  void leavesNullAlone() {
    assertThat(Expressions.substitute(null, VARS, Unresolved.FAIL)).isNull();
  }
}
