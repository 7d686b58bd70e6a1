package dev.navis.engine.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExprLangTest {

  private static final Map<String, String> VARS = Map.of(
      "inputs.parameters.foo", "3",
      "inputs.parameters.should-print", "true",
      "inputs.parameters.name", "Navis",
      "workflow.status", "Running",
      "workflow.parameters.json", "[{\"value\": \"true\"}]",
      "steps.step-1.status", "Succeeded",
      "lastRetry.exitCode", "2",
      "lastRetry.message", "pod deleted",
      "item", "{\"name\": \"a\", \"n\": 2}");

  private static String eval(String expression) {
    return Expressions.render(Expressions.evaluate(expression, VARS));
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', quoteCharacter = '`', value = {
      "1 + 2;3",
      "7 - 10;-3",
      "2 * 3.5;7",
      "7 / 2;3.5",
      "6 / 3;2",
      "7 % 3;1",
      "2 ** 10;1024",
      "-2 ** 2;-4",
      "1 + 2 * 3;7",
      "(1 + 2) * 3;9",
      "0.1 + 0.2;0.30000000000000004",
      "1_000 + 0x10;1016",
      "1e3;1000",
      "'a' + \"b\";ab",
      "'it\\'s';it's",
      "true && !false;true",
      "true and not false;true",
      "false || true;true",
      "false or false;false",
      "1 < 2 && 2 <= 2 && 3 > 2 && 3 >= 4;false",
      "1 == 1.0;true",
      "'a' != 'b';true",
      "'abc' < 'abd';true",
      "nil == nil;true",
      "1 == '1';false",
      "2 in [1, 2, 3];true",
      "4 not in [1, 2, 3];true",
      "'a' in {a: 1};true",
      "'hello' matches '^h.l+o$';true",
      "'hello' not matches 'x';true",
      "'hello' contains 'ell';true",
      "'hello' startsWith 'he';true",
      "'hello' endsWith 'lo';true",
      "1 > 0 ? 'yes' : 'no';yes",
      "false ? 1 : true ? 2 : 3;2",
      "nil ?? 'fallback';fallback",
      "'' ?? 'fallback';''",
      "[1, 'two', true, nil];[1,\"two\",true,null]",
      "{b: 1, 'a': [2]};{\"a\":[2],\"b\":1}",
      "[10, 20, 30][1];20",
      "[10, 20, 30][-1];30",
      "[10, 20, 30][1:];[20,30]",
      "[10, 20, 30][:2];[10,20]",
      "'hello'[1:3];el",
      "{a: {b: 'deep'}}.a.b;deep",
      "{a: {b: 'deep'}}['a']['b'];deep",
      "{a: 1}.missing == nil;true",
      "nil?.a;''",
      "1..3;[1,2,3]",
  })
  void evaluatesOperatorsAndLiterals(String expression, String expected) {
    assertThat(eval(expression)).isEqualTo(expected.equals("''") ? "" : expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', quoteCharacter = '`', value = {
      "filter([1, 2, 3], {# > 1});[2,3]",
      "filter([1, 2, 3], # > 1);[2,3]",
      "map([1, 2, 3], {# * 10});[10,20,30]",
      "map([1, 2], #index);[0,1]",
      "all([1, 2, 3], {# > 0});true",
      "any([1, 2, 3], {# > 2});true",
      "one([1, 2, 3], {# > 2});true",
      "none([1, 2, 3], {# > 5});true",
      "count([1, 2, 3], {# >= 2});2",
      "find([1, 2, 3], {# > 1});2",
      "findIndex([1, 2, 3], {# > 1});1",
      "filter([{n: 1}, {n: 5}], {.n > 2});[{\"n\":5}]",
      "map([{n: 1}, {n: 5}], .n);[1,5]",
      "reduce([1, 2, 3], #acc + #, 10);16",
      "sum([1, 2, 3]);6",
      "sortBy([3, 1, 2], #);[1,2,3]",
      "[1, 2, 3] | filter(# > 1) | map(# * 2);[4,6]",
      "len('héllo');5",
      "len([1, 2]);2",
      "len({a: 1});1",
      "abs(-3);3",
      "int('42') + 1;43",
      "int(3.9);3",
      "float('1.5') * 2;3",
      "string(42) + '!';42!",
      "string([1, 'a']);[1 a]",
      "upper('abc');ABC",
      "lower('ABC');abc",
      "trim('  x  ');x",
      "trim('xxhixx', 'x');hi",
      "split('a,b,,c', ',');[\"a\",\"b\",\"\",\"c\"]",
      "join(['a', 'b'], '-');a-b",
      "replace('aaa', 'a', 'b');bbb",
      "hasPrefix('hello', 'he');true",
      "indexOf('hello', 'l');2",
      "max(1, 5, 3);5",
      "min([4, 2, 8]);2",
      "mean([1, 2, 3, 4]);2.5",
      "first([7, 8]);7",
      "last([7, 8]);8",
      "keys({b: 1, a: 2});[\"a\",\"b\"]",
      "toJson({a: [1, 2.5, 'x']});{\"a\":[1,2.5,\"x\"]}",
      "fromJson('{\"a\": {\"b\": [1, 2]}}').a.b[1];2",
      "toBase64('hi');aGk=",
      "fromBase64('aGk=');hi",
      "duration('1h30m').Minutes();90",
      "duration('1500ms').Seconds();1.5",
      "date('2024-03-05').Year();2024",
      "date('2024-03-05T10:20:30Z').Format('02/01/2006 15:04');05/03/2024 10:20",
      "date('05.03.24', '02.01.06').Month();3",
      "(date('2024-03-05T10:00:00Z') - date('2024-03-05T09:58:30Z')).Seconds();90",
      "now() - duration('1h') < now();true",
      "now().Year() >= 2024;true",
  })
  void callsBuiltins(String expression, String expected) {
    assertThat(eval(expression)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', quoteCharacter = '`', value = {
      "asInt(inputs.parameters.foo) * 10;30",
      "asFloat('2.5') * 2;5",
      "inputs.parameters['should-print'] == 'true';true",
      "inputs.parameters[\"should-print\"] == 'true';true",
      "inputs.parameters.name;Navis",
      "workflow.status == \"Running\";true",
      "steps['step-1'].status == 'Succeeded';true",
      "jsonpath(workflow.parameters.json, '$[0].value') == 'true';true",
      "item.name + string(item.n);a2",
      "item.n * 2;4",
      "toJson(item);{\"n\":2,\"name\":\"a\"}",
      "asInt(lastRetry.exitCode) > 1 && lastRetry.message matches 'imminent|pod deleted';true",
      "tasks.producer.outputs.parameters.msg ?? 'expr-fallback';expr-fallback",
      "workflow.missing ?? 'none';none",
  })
  void readsArgoVariables(String expression, String expected) {
    assertThat(eval(expression)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', quoteCharacter = '`', value = {
      "sprig.trim('  x ');x",
      "sprig.upper('x');X",
      "sprig.lower('X');x",
      "sprig.replace('a', 'b', 'banana');bbnbnb",
      "sprig.default('dflt', '');dflt",
      "sprig.default('dflt', 'given');given",
      "sprig.empty('');true",
      "sprig.empty([1]);false",
      "sprig.contains('an', 'banana');true",
      "sprig.hasPrefix('ba', 'banana');true",
      "sprig.hasSuffix('na', 'banana');true",
      "sprig.quote('a', 1);\"a\" \"1\"",
      "sprig.squote('a');'a'",
      "sprig.split(',', 'a,b')._1;b",
      "sprig.splitList(',', 'a,b');[\"a\",\"b\"]",
      "sprig.join('+', [1, 2]);1+2",
      "sprig.toString(12);12",
      "sprig.atoi('12') + 1;13",
      "sprig.atoi('x');0",
      "sprig.int('7');7",
      "sprig.float64('1.5');1.5",
      "sprig.add(1, 2, 3.9);6",
      "sprig.sub(5, 7);-2",
      "sprig.mul(2, 3, 4);24",
      "sprig.div(7, 2);3",
      "sprig.mod(7, 2);1",
      "sprig.max(3, 9, 4);9",
      "sprig.min(3, 9, 4);3",
      "sprig.list(1, 'a');[1,\"a\"]",
      "sprig.dict('k', 'v', 'n', 1);{\"k\":\"v\",\"n\":1}",
      "sprig.b64enc('hello');aGVsbG8=",
      "sprig.b64dec('aGVsbG8=');hello",
      "sprig.date('2006-01-02', '2024-03-05T10:20:30Z');2024-03-05",
      "sprig.date('2006', sprig.now()) == string(now().Year());true",
      "sprig.toJson({a: 1});{\"a\":1}",
      "sprig.fromJson('{\"a\": 1}').a;1",
      "sprig.ternary('y', 'n', true);y",
      "sprig.title('hello world');Hello World",
      "sprig.regexMatch('^a.c$', 'abc');true",
  })
  void callsSprigFunctions(String expression, String expected) {
    assertThat(eval(expression)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', quoteCharacter = '`', value = {
      "1 +;invalid expression '1 +': unexpected end of expression at position 3",
      "(1 + 2;invalid expression '(1 + 2': expected ')' but found end of expression"
          + " at position 6",
      "'abc;invalid expression ''abc': unclosed string literal at position 0",
      "1 @ 2;invalid expression '1 @ 2': unexpected character '@' at position 2",
      "[1, 2;invalid expression '[1, 2': expected ']' but found end of expression"
          + " at position 5",
      "nope + 1;cannot evaluate 'nope + 1': unknown name nope",
      "1 + 'a';cannot evaluate '1 + 'a'': invalid operation: int 1 + string 'a'"
          + " (mismatched types)",
      "asInt('x');cannot evaluate 'asInt('x')': asInt(): 'x' is not an integer",
      "[1][5];cannot evaluate '[1][5]': index out of range: 5 (length 1)",
      "workflow.nothing.deeper;cannot evaluate 'workflow.nothing.deeper':"
          + " cannot fetch deeper from nil",
      "1 && true;cannot evaluate '1 && true': '&&' needs a bool, got int 1",
      "nosuch(1);cannot evaluate 'nosuch(1)': unknown function nosuch()",
      "sprig.nosuch(1);cannot evaluate 'sprig.nosuch(1)': unknown function sprig.nosuch()",
      "len(1, 2);cannot evaluate 'len(1, 2)': wrong number of arguments for len():"
          + " expected 1, got 2",
      "'a' matches '(';cannot evaluate ''a' matches '('': invalid regular expression"
          + " '(': Unclosed group",
      "jsonpath('{\"a\": 1}', '$.b');cannot evaluate 'jsonpath('{\"a\": 1}', '$.b')':"
          + " jsonpath '$.b': No results for path: $['b']",
      "fromJson('{');cannot evaluate 'fromJson('{')': invalid JSON '{':"
          + " Unexpected end-of-input: expected close marker for Object",
      "7 % 0;cannot evaluate '7 % 0': integer divide by zero",
      "#;cannot evaluate '#': # is only defined inside a closure",
  })
  void reportsWhatIsWrong(String expression, String message) {
    assertThatThrownBy(() -> Expressions.evaluate(expression, VARS))
        .isInstanceOf(ExpressionException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void jsonpathOfAMissingParameterIsNilNotAnError() {
    assertThat(Expressions.evaluate("jsonpath(workflow.parameters.missing, '$[0].value')",
        VARS)).isNull();
    assertThat(eval("jsonpath(workflow.parameters.missing, '$[0].value') == 'true'"))
        .isEqualTo("false");
  }

  @Test
  void readsRawStringsAndLetBindings() {
    assertThat(eval("`raw\\n` + 'x'")).isEqualTo("raw\\nx");
    assertThat(eval("let x = 2; let y = x + 1; x * y")).isEqualTo("6");
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "$.a[0:1];$.a[0:2]",
      "$.a[1:-1];$.a[1:]",
      "$.a[ :-2].b[2:3];$.a[:-1].b[2:4]",
      "$.a[*];$.a[*]",
      "$.a[?(@.x == 'a:b')];$.a[?(@.x == 'a:b')]",
  })
  void readsJsonPathSlicesWithInclusiveEndsAsArgo(String path, String jayway) {
    assertThat(ExprBuiltins.withInclusiveSliceEnds(path)).isEqualTo(jayway);
  }

  @Test
  void evaluatesConditions() {
    assertThat(Expressions.evaluateCondition("workflow.status == 'Running'", VARS)).isTrue();
    assertThat(Expressions.evaluateCondition("asInt(lastRetry.exitCode) > 2", VARS)).isFalse();
    assertThatThrownBy(() -> Expressions.evaluateCondition("workflow.status", VARS))
        .isInstanceOf(ExpressionException.class)
        .hasMessage("expected a boolean from expression 'workflow.status', got string"
            + " 'Running'");
  }

  @Test
  void returnsStructuredValues() {
    Object value = Expressions.evaluate("{a: [1, 2.5], b: nil}", VARS);

    assertThat(value).isInstanceOf(Map.class);
    Map<?, ?> map = (Map<?, ?>) value;
    assertThat(map.get("a")).isEqualTo(List.of(1L, 2.5));
    assertThat(map.containsKey("b")).isTrue();
    assertThat(map.get("b")).isNull();
  }
}
