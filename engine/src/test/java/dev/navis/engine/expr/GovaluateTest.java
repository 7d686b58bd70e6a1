package dev.navis.engine.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GovaluateTest {

  @ParameterizedTest
  @CsvSource(delimiter = ';', quoteCharacter = '`', value = {
      "heads == heads;true",
      "tails == heads;false",
      "Failed != Succeeded;true",
      "Succeeded == Succeeded;true",
      "true;true",
      "false;false",
      "true == true;true",
      "false == true;false",
      "YES == YES;true",
      "5 < 10;true",
      "10 < 9;false",
      "10 == 10.0;true",
      "2 >= 2 && 3 <= 4;true",
      "1 != 1 && 1 != 2;false",
      "3 != 1 && 3 != 2;true",
      "1 == 2 || 2 == 2;true",
      "!(1 == 2);true",
      "!false;true",
      "heads =~ hea;true",
      "tails =~ hea;false",
      "tails !~ hea;true",
      "heads =~ '^h.*s$';true",
      "'hello world' == \"hello world\";true",
      "'a' < 'b';true",
      "b in (a, b, c);true",
      "d in (a, b, c);false",
      "2 in (1, 2);true",
      "1 + 2 * 3 == 7;true",
      "(1 + 2) * 3 == 9;true",
      "-1 < 0;true",
      "10 % 3 == 1;true",
      "my-value == my-value;true",
      "5-3 == 2;true",
      "'' == '';true",
      "'5' == 5;false",
  })
  void evaluatesConditions(String condition, boolean expected) {
    assertThat(Expressions.evaluateWhen(condition)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', quoteCharacter = '`', value = {
      "heads;invalid when 'heads': expected a boolean, got string 'heads'",
      "1 + 1;invalid when '1 + 1': expected a boolean, got float 2",
      "(1 == 1;invalid when '(1 == 1': missing ')' for the '(' at position 0 at position 7",
      "1 ==;invalid when '1 ==': unexpected end, a value is missing at position 4",
      "a b;invalid when 'a b': unexpected 'b' at position 2",
      "heads && true;invalid when 'heads && true': '&&' needs booleans, got string 'heads'"
          + " at position 6",
      "a < 1;invalid when 'a < 1': cannot compare string 'a' < float 1 at position 2",
      "'abc == abc;invalid when ''abc == abc': unclosed quote ' at position 0",
      "a = b;invalid when 'a = b': unexpected character '=' (hint: wrap the value in quotes)"
          + " at position 2",
      "a =~ '(';invalid when 'a =~ '('': bad regular expression '(' (Unclosed group)"
          + " at position 2",
      "a in b;invalid when 'a in b': 'in' needs a list such as (a, b) on its right,"
          + " got string 'b' at position 2",
  })
  void reportsWhatIsWrong(String condition, String message) {
    assertThatThrownBy(() -> Expressions.evaluateWhen(condition))
        .isInstanceOf(ExpressionException.class)
        .hasMessage(message);
  }
}
