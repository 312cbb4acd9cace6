package dev.weakrl.models.tokenizer;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;
import java.util.Iterator;
import java.util.Map;

/**
 * The {@code tojson} filter as transformers defines it for chat templates: Python's {@code json.dumps(x,
 * ensure_ascii=False, indent=indent)}. Jinjava's own writes compact JSON ({@code {"a":1}}) where Python spaces it
 * ({@code {"a": 1}}), and tool schemas reach the prompt through it. With {@code indent}, one item per line and
 * {@code ","} between; empty containers stay {@code {}} and {@code []}.
 */
final class ToJsonFilter implements Filter {
  @Override
  public String getName() {
    return "tojson";
  }

  @Override
  public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
    if (args.length > 1 || kwargs.keySet().stream().anyMatch(k -> !k.equals("indent"))) {
      throw new IllegalArgumentException("tojson takes only indent, got " + args.length + " positional and "
          + kwargs.keySet());
    }
    Object indent = args.length == 1 ? args[0] : kwargs.get("indent");
    StringBuilder out = new StringBuilder();
    write(var, indent == null ? -1 : ((Number) indent).intValue(), 0, out);
    return out.toString();
  }

  @Override
  public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
    return filter(var, interpreter, args, Map.of());
  }

  private static void write(Object value, int indent, int depth, StringBuilder out) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof Boolean || value instanceof Long || value instanceof Integer) {
      out.append(value);
    } else if (value instanceof Number n) {
      double d = n.doubleValue();
      // Python writes a float with an integral value as 1.0; Java's toString agrees where neither uses an exponent
      out.append(d == Math.rint(d) && Math.abs(d) < 1e16 ? (long) d + ".0" : Double.toString(d));
    } else if (value instanceof CharSequence s) {
      string(s.toString(), out);
    } else if (value instanceof Map<?, ?> map) {
      container('{', '}', map.entrySet().iterator(), indent, depth, out);
    } else if (value instanceof Iterable<?> items) {
      container('[', ']', items.iterator(), indent, depth, out);
    } else {
      throw new IllegalArgumentException("tojson: a " + value.getClass().getSimpleName() + " is not JSON");
    }
  }

  private static void container(char open, char close, Iterator<?> items, int indent, int depth, StringBuilder out) {
    out.append(open);
    if (!items.hasNext()) {
      out.append(close);
      return;
    }
    for (boolean first = true; items.hasNext(); first = false) {
      out.append(first ? "" : indent < 0 ? ", " : ",");
      newline(indent, depth + 1, out);
      Object item = items.next();
      if (item instanceof Map.Entry<?, ?> entry) {
        string(String.valueOf(entry.getKey()), out);
        out.append(": ");
        item = entry.getValue();
      }
      write(item, indent, depth + 1, out);
    }
    newline(indent, depth, out);
    out.append(close);
  }

  private static void newline(int indent, int depth, StringBuilder out) {
    if (indent >= 0) {
      out.append('\n').append(" ".repeat(indent * depth));
    }
  }

  /** A JSON string as Python writes it with ensure_ascii=False: only quotes, backslashes and controls escaped. */
  private static void string(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
      }
    }
    out.append('"');
  }
}
