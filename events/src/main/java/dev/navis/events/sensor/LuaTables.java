package dev.navis.events.sensor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LoadState;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.compiler.LuaC;
import org.luaj.vm2.lib.Bit32Lib;
import org.luaj.vm2.lib.DebugLib;
import org.luaj.vm2.lib.PackageLib;
import org.luaj.vm2.lib.StringLib;
import org.luaj.vm2.lib.TableLib;
import org.luaj.vm2.lib.ZeroArgFunction;
import org.luaj.vm2.lib.jse.JseBaseLib;
import org.luaj.vm2.lib.jse.JseMathLib;
import org.luaj.vm2.lib.jse.JseOsLib;

/**
 * Runs a user's Lua script over JSON, the way Argo Events' transforms and script filters do.
 * JSON objects become tables with string keys, arrays become sequences (marked so that an
 * empty one comes back as {@code []}), {@code null} becomes nil (the key is absent). Back from
 * Lua, a table with a sequence part (or the {@code __is_array} metatable flag) is an array, any
 * other table an object; integral numbers are written as integers.
 *
 * <p>The script runs with the base, string, table, math and bit32 libraries and {@code os.time},
 * {@code os.date} and {@code os.clock}; nothing that reads or writes the host's files or runs
 * programs. It may run {@link #INSTRUCTION_LIMIT} instructions, so a loop that never ends fails
 * the script instead of blocking the sensor.
 */
final class LuaTables {

  static final int INSTRUCTION_LIMIT = 1_000_000;

  private static final int MAX_DEPTH = 64;

  private static final LuaValue ARRAY_FLAG = LuaValue.valueOf("__is_array");

  private LuaTables() {}

  /** Compiles {@code script}; a syntax error is a {@link LuaError} naming the line. */
  static Prototype compile(String script, String name) {
    try {
      return LuaC.instance.compile(
          new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)), name);
    } catch (IOException e) {
      throw new LuaError(e.getMessage());
    }
  }

  /**
   * Runs {@code script} in fresh globals with {@code data} as the global {@code global}; the
   * table it returns, as JSON. A script that fails is a {@link LuaError}; one that returns no
   * table an {@link IllegalArgumentException}.
   */
  static JsonNode run(Prototype script, String global, JsonNode data) {
    Globals globals = sandbox();
    globals.set(global, toLua(data, 0));
    LuaValue result = new LuaClosure(script, globals).call();
    if (!result.istable()) {
      throw new IllegalArgumentException("the script must return a table, found "
          + result.typename());
    }
    return toJson(result, 0);
  }

  /** Runs {@code script} as above; whether it returned {@code true} (and nothing else). */
  static boolean test(Prototype script, String global, JsonNode data) {
    Globals globals = sandbox();
    globals.set(global, toLua(data, 0));
    return new LuaClosure(script, globals).call() == LuaValue.TRUE;
  }

  private static Globals sandbox() {
    Globals globals = new Globals();
    globals.load(new JseBaseLib());
    globals.load(new PackageLib());
    globals.load(new Bit32Lib());
    globals.load(new TableLib());
    globals.load(new StringLib());
    globals.load(new JseMathLib());
    globals.load(new JseOsLib());
    LoadState.install(globals);
    LuaC.install(globals);

    LuaValue os = globals.get("os");
    LuaTable safeOs = new LuaTable();
    for (String name : new String[] {"time", "date", "clock", "difftime"}) {
      safeOs.set(name, os.get(name));
    }
    globals.set("os", safeOs);
    limitInstructions(globals);
    // Last: loading a library registers it in package.loaded.
    for (String name : new String[] {"dofile", "loadfile", "require", "package"}) {
      globals.set(name, LuaValue.NIL);
    }
    return globals;
  }

  /** A count hook that fails the script; the debug library is removed again afterwards. */
  private static void limitInstructions(Globals globals) {
    globals.load(new DebugLib());
    LuaValue hook = new ZeroArgFunction() {
      @Override
      public LuaValue call() {
        throw new LuaError("the script ran more than " + INSTRUCTION_LIMIT
            + " instructions");
      }
    };
    globals.get("debug").get("sethook").invoke(LuaValue.varargsOf(new LuaValue[] {
        hook, LuaValue.valueOf(""), LuaValue.valueOf(INSTRUCTION_LIMIT)}));
    globals.set("debug", LuaValue.NIL);
  }

  static LuaValue toLua(JsonNode node, int depth) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return LuaValue.NIL;
    }
    if (node.isObject()) {
      LuaTable table = new LuaTable();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        table.set(field.getKey(), toLua(field.getValue(), depth + 1));
      }
      return table;
    }
    if (node.isArray()) {
      LuaTable table = new LuaTable();
      for (int i = 0; i < node.size(); i++) {
        table.set(i + 1, toLua(node.get(i), depth + 1));
      }
      LuaTable meta = new LuaTable();
      meta.set(ARRAY_FLAG, LuaValue.TRUE);
      table.setmetatable(meta);
      return table;
    }
    if (node.isBoolean()) {
      return LuaValue.valueOf(node.booleanValue());
    }
    if (node.isInt()) {
      return LuaValue.valueOf(node.intValue());
    }
    if (node.isNumber()) {
      return LuaValue.valueOf(node.doubleValue());
    }
    return LuaValue.valueOf(node.asText());
  }

  static JsonNode toJson(LuaValue value, int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException("the result nests deeper than " + MAX_DEPTH
          + " tables (a table that contains itself?)");
    }
    JsonNodeFactory json = JsonNodeFactory.instance;
    return switch (value.type()) {
      case LuaValue.TNIL -> json.nullNode();
      case LuaValue.TBOOLEAN -> json.booleanNode(value.toboolean());
      case LuaValue.TNUMBER -> number(value);
      case LuaValue.TSTRING -> json.textNode(value.tojstring());
      case LuaValue.TTABLE -> table((LuaTable) value, depth);
      default -> throw new IllegalArgumentException("a " + value.typename()
          + " cannot be JSON data");
    };
  }

  private static JsonNode number(LuaValue value) {
    JsonNodeFactory json = JsonNodeFactory.instance;
    if (value.isinttype()) {
      return json.numberNode(value.toint());
    }
    double number = value.todouble();
    if (Double.isNaN(number) || Double.isInfinite(number)) {
      throw new IllegalArgumentException("the number " + number + " cannot be JSON data");
    }
    boolean integral = number == Math.rint(number) && Math.abs(number) < 0x1p53;
    return integral ? json.numberNode((long) number) : json.numberNode(number);
  }

  private static JsonNode table(LuaTable table, int depth) {
    LuaValue meta = table.getmetatable();
    boolean flagged = meta != null && meta.istable() && meta.get(ARRAY_FLAG).toboolean();
    int length = table.length();
    if (flagged || length > 0) {
      ArrayNode array = JsonNodeFactory.instance.arrayNode();
      for (int i = 1; i <= length; i++) {
        array.add(toJson(table.rawget(i), depth + 1));
      }
      return array;
    }
    ObjectNode object = JsonNodeFactory.instance.objectNode();
    LuaValue key = LuaValue.NIL;
    while (true) {
      Varargs next = table.next(key);
      key = next.arg1();
      if (key.isnil()) {
        return object;
      }
      object.set(key.tojstring(), toJson(next.arg(2), depth + 1));
    }
  }
}
