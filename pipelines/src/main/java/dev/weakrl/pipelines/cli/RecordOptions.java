package dev.weakrl.pipelines.cli;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Map;

/**
 * Command-line options declared from a stage's options record: one {@code --name} per record
 * component, defaulting to the component's value in the defaults record, parsed back by type.
 */
final class RecordOptions {
  private RecordOptions() {}

  /** Declares every component of {@code defaults}; {@code help} gives each one's text. */
  static Args declare(Args args, Record defaults, Map<String, String> help) {
    for (RecordComponent c : defaults.getClass().getRecordComponents()) {
      String text = help.get(c.getName());
      if (text == null) {
        throw new IllegalStateException("no help text for option --" + c.getName());
      }
      args.option(c.getName(), String.valueOf(value(c, defaults)), text);
    }
    return args;
  }

  /** The record built from the parsed (or default) value of each option. */
  static <R extends Record> R parse(Args args, Class<R> type) {
    RecordComponent[] components = type.getRecordComponents();
    Object[] values = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      String name = components[i].getName();
      types[i] = components[i].getType();
      values[i] = types[i] == int.class ? args.getInt(name)
          : types[i] == long.class ? (long) args.getDouble(name)
          : types[i] == double.class ? args.getDouble(name)
          : types[i] == boolean.class ? args.getBoolean(name)
          : args.get(name);
    }
    try {
      Constructor<R> constructor = type.getDeclaredConstructor(types);
      return constructor.newInstance(values);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof IllegalArgumentException bad) {
        throw new Args.UsageException(bad.getMessage());
      }
      throw new IllegalStateException(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Object value(RecordComponent c, Record r) {
    try {
      return c.getAccessor().invoke(r);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
