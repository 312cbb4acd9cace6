package dev.weakrl.common.options;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Options records: records whose every component carries an {@link Option}. Their defaults, their
 * {@code --help} and their parsing all come from that one declaration, and copies with changed
 * values name each value ({@link #with}), so no call site passes a row of bare literals.
 */
public final class OptionRecords {
  private OptionRecords() {}

  /** One declared option: the component's name and type, its default as text, its help, its range. */
  public record Declared(String name, Class<?> type, String defaultValue, String help, double min, double max,
      boolean minExclusive) {
    /** The range as {@code --help} and errors write it ("in [0, 1]", "> 0", ">= 2"); empty when unbounded. */
    public String range() {
      boolean low = min != Double.NEGATIVE_INFINITY;
      boolean high = max != Double.POSITIVE_INFINITY;
      if (low && high) {
        return "in " + (minExclusive ? "(" : "[") + number(min) + ", " + number(max) + "]";
      }
      return low ? (minExclusive ? "> " : ">= ") + number(min) : high ? "<= " + number(max) : "";
    }

    void check(String option, Object value) {
      if (!(value instanceof Number n)) {
        return;
      }
      double v = n.doubleValue();
      boolean below = minExclusive ? !(v > min) : !(v >= min);
      if (below || v > max) {
        throw new IllegalArgumentException("option --" + option + " must be " + range() + ", got " + value);
      }
    }

    private static String number(double d) {
      return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
    }
  }

  public static List<Declared> declared(Class<? extends Record> type) {
    List<Declared> declared = new ArrayList<>();
    for (RecordComponent c : type.getRecordComponents()) {
      Option option = c.getAnnotation(Option.class);
      if (option == null) {
        throw new IllegalStateException(type.getName() + "." + c.getName() + " has no @Option");
      }
      declared.add(new Declared(c.getName(), c.getType(), option.defaultValue(), option.help(), option.min(),
          option.max(), option.minExclusive()));
    }
    return declared;
  }

  /** The record of every option's declared default. */
  public static <R extends Record> R defaults(Class<R> type) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (Declared d : declared(type)) {
      values.put(d.name(), d.defaultValue());
    }
    return construct(type, values, "");
  }

  /** {@code record} with some options changed, by name; see {@link #with(Record, Map, String)}. */
  public static <R extends Record> R with(R record, Map<String, ?> changes) {
    return with(record, changes, "");
  }

  /**
   * {@code record} with some options changed, by name. A value is its option's type (an integral
   * number for a double is fine) or text as on the command line. Errors name the option as
   * {@code --<prefix><name>} and what it expects.
   */
  @SuppressWarnings("unchecked")
  public static <R extends Record> R with(R record, Map<String, ?> changes, String prefix) {
    Class<R> type = (Class<R>) record.getClass();
    Map<String, Object> values = new LinkedHashMap<>();
    for (RecordComponent c : type.getRecordComponents()) {
      try {
        values.put(c.getName(), c.getAccessor().invoke(record));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    for (Map.Entry<String, ?> change : changes.entrySet()) {
      if (!values.containsKey(change.getKey())) {
        throw new IllegalArgumentException("unknown option --" + prefix + change.getKey()
            + Names.didYouMean(change.getKey(), values.keySet()).replace("--", "--" + prefix));
      }
      values.put(change.getKey(), change.getValue());
    }
    return construct(type, values, prefix);
  }

  /** {@code text} as a value of {@code type}; errors name {@code --option}. */
  public static Object parse(String option, Class<?> type, String text) {
    try {
      if (type == int.class) {
        return Integer.parseInt(text.trim().replace("_", ""));
      } else if (type == long.class) {
        return Long.parseLong(text.trim().replace("_", ""));
      } else if (type == double.class) {
        return Double.parseDouble(text.trim());
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("option --" + option + " expects " + (type == double.class ? "a number"
          : "an integer") + ", got '" + text + "'");
    }
    if (type == boolean.class) {
      if (!text.equals("true") && !text.equals("false")) {
        throw new IllegalArgumentException("option --" + option + " expects true or false, got '" + text + "'");
      }
      return Boolean.parseBoolean(text);
    }
    return text;
  }

  private static <R extends Record> R construct(Class<R> type, Map<String, Object> values, String prefix) {
    RecordComponent[] components = type.getRecordComponents();
    List<Declared> declared = declared(type);
    Class<?>[] types = new Class<?>[components.length];
    Object[] args = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
      String option = prefix + components[i].getName();
      args[i] = convert(option, types[i], values.get(components[i].getName()));
      declared.get(i).check(option, args[i]);
    }
    try {
      Constructor<R> constructor = type.getDeclaredConstructor(types);
      constructor.setAccessible(true);
      return constructor.newInstance(args);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof IllegalArgumentException bad) {
        throw bad;
      }
      throw new IllegalStateException(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Object convert(String option, Class<?> type, Object value) {
    if (value instanceof String text) {
      return parse(option, type, text);
    }
    if (type == double.class && value instanceof Number n) {
      return n.doubleValue();
    }
    if ((type == int.class || type == long.class) && (value instanceof Integer || value instanceof Long)) {
      long v = ((Number) value).longValue();
      if (type == int.class && v != (int) v) {
        throw new IllegalArgumentException("option --" + option + " expects an integer in int range, got " + v);
      }
      return type == int.class ? (Object) (int) v : (Object) v;
    }
    Class<?> boxed = type == boolean.class ? Boolean.class : type;
    if (!boxed.isInstance(value)) {
      throw new IllegalArgumentException("option --" + option + " expects " + describe(type) + ", got " + value);
    }
    return value;
  }

  /** What a type's values look like, for messages and {@code --help}. */
  public static String describe(Class<?> type) {
    return type == int.class || type == long.class ? "an integer" : type == double.class ? "a number"
        : type == boolean.class ? "true or false" : "text";
  }
}
