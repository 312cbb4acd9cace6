package dev.weakrl.pipelines.cli;

import dev.weakrl.common.options.Names;
import dev.weakrl.common.options.OptionRecords;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * The one command-line parser of {@code ./weakrl}: every command declares its options here (by
 * hand, from an options record, or from a Beam {@code PipelineOptions} interface), and every
 * command then takes {@code --name value} and {@code --name=value}, booleans as {@code --flag} or
 * {@code --flag=false}. An unknown option, an option given twice, a missing or mistyped value and a
 * stray argument are errors that name the option and what it expects, raised before any work.
 * {@code --help} prints the same declarations.
 */
public final class Args {
  /**
   * A declared option. {@code type} is {@code String}, {@code int}, {@code long}, {@code double} or
   * {@code boolean} (checked here), or {@code Object} for a Beam option of another type (Beam checks
   * it); {@code defaultValue} null means none; {@code listed} false keeps it out of {@code --help}.
   */
  public record Option(String name, Class<?> type, String defaultValue, String help, boolean listed) {}

  private final String usage;
  private final Map<String, Option> declared = new LinkedHashMap<>();
  private final Set<String> pipelineOptions = new LinkedHashSet<>();
  private final List<String> positionalNames = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final Map<String, String> values = new LinkedHashMap<>();
  private final List<String> positionals = new ArrayList<>();
  private final List<String> repeatedPipelineArgs = new ArrayList<>();
  private boolean help;

  /** {@code usage} is the synopsis line, e.g. {@code "./weakrl data inspect FILE"}. */
  public Args(String usage) {
    this.usage = usage;
  }

  public Args option(String name, String defaultValue, String help) {
    return declare(new Option(name, String.class, defaultValue, help, true));
  }

  public Args option(String name, Class<?> type, String defaultValue, String help) {
    return declare(new Option(name, type, defaultValue, help, true));
  }

  /** A boolean option, false unless given (as {@code --name} or {@code --name=true}). */
  public Args flag(String name, String help) {
    return declare(new Option(name, boolean.class, "false", help, true));
  }

  /** A positional argument; more positionals than declared are an error. */
  public Args positional(String name) {
    positionalNames.add(name);
    return this;
  }

  /** A paragraph printed at the end of {@code --help}. */
  public Args note(String text) {
    notes.add(text);
    return this;
  }

  /**
   * Every component of an options record, as {@code --<prefix><name>}; those in {@code unlisted}
   * are accepted but left out of {@code --help} (the caller rejects them with its reason).
   */
  public Args record(String prefix, Class<? extends Record> type, Set<String> unlisted) {
    for (OptionRecords.Declared d : OptionRecords.declared(type)) {
      String help = d.range().isEmpty() ? d.help() : d.help() + " (" + d.range() + ")";
      declare(new Option(prefix + d.name(), d.type(), d.defaultValue(), help, !unlisted.contains(d.name())));
    }
    return this;
  }

  /**
   * The properties of a Beam options interface, listed with their {@code @Description} and
   * {@code @Default}; every other registered Beam option ({@code --runner}, Dataflow's) is accepted
   * unlisted. Their values go to Beam through {@link #pipelineArgs()}.
   */
  public Args pipelineOptions(Class<? extends PipelineOptions> type) {
    PipelineOptionsFactory.register(type);
    List<Method> getters = new ArrayList<>(List.of(type.getMethods()));
    PipelineOptionsFactory.getRegisteredOptions().forEach(registered -> getters.addAll(List.of(registered.getMethods())));
    for (Method getter : getters) {
      String name = propertyName(getter);
      boolean weakrl = getter.getDeclaringClass().getPackageName().startsWith("dev.weakrl");
      boolean ours = weakrl && getter.getDeclaringClass().isAssignableFrom(type);
      // Other commands' options are not this one's, even when their interfaces are registered.
      if (name != null && !declared.containsKey(name) && (ours || !weakrl)) {
        Description description = getter.getAnnotation(Description.class);
        declare(new Option(name, checkedType(getter.getReturnType()), ours ? defaultOf(getter) : null,
            description == null ? "" : description.value(), ours));
        pipelineOptions.add(name);
      }
    }
    return note("Beam's own options (--runner, --project, --region, --tempLocation, ...) are accepted too.");
  }

  private Args declare(Option option) {
    if (declared.put(option.name(), option) != null) {
      throw new IllegalStateException("option --" + option.name() + " declared twice");
    }
    return this;
  }

  public Args parse(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--help") || arg.equals("-h")) {
        help = true;
        continue;
      }
      if (!arg.startsWith("--")) {
        if (positionals.size() >= positionalNames.size()) {
          throw new UsageException("unexpected argument '" + arg + "'" + (positionalNames.isEmpty()
              ? " (this command takes options only)" : "") + "\n" + helpText());
        }
        positionals.add(arg);
        continue;
      }
      String body = arg.substring(2);
      int eq = body.indexOf('=');
      String name = eq < 0 ? body : body.substring(0, eq);
      Option option = declared.get(name);
      if (option == null) {
        throw new UnknownOption(name, "unknown option --" + name
            + Names.didYouMean(name, listedNames()));
      }
      String value;
      if (eq >= 0) {
        value = body.substring(eq + 1);
      } else if (option.type() == boolean.class) {
        value = i + 1 < args.length && (args[i + 1].equals("true") || args[i + 1].equals("false")) ? args[++i] : "true";
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new UsageException("option --" + name + " needs a value (" + describe(option.type()) + ")");
      }
      if (values.containsKey(name) && option.type() == Object.class) {
        repeatedPipelineArgs.add("--" + name + "=" + value); // Beam's list options may repeat
        continue;
      }
      if (values.containsKey(name)) {
        throw new UsageException("option --" + name + " given twice ('" + values.get(name) + "' and '" + value + "')");
      }
      if (option.type() != String.class && option.type() != Object.class) {
        try {
          OptionRecords.parse(name, option.type(), value);
        } catch (IllegalArgumentException e) {
          throw new UsageException(e.getMessage());
        }
      }
      values.put(name, value);
    }
    return this;
  }

  public boolean helpRequested() {
    return help;
  }

  public List<String> positionals() {
    return positionals;
  }

  /** The positional at {@code index}, or a usage error naming {@code what}. */
  public String positional(int index, String what) {
    if (index >= positionals.size()) {
      throw new UsageException("missing " + what + "\n" + helpText());
    }
    return positionals.get(index);
  }

  public boolean has(String name) {
    return values.containsKey(name);
  }

  /** The value given, else the default; a usage error if neither exists. */
  public String get(String name) {
    Option option = declared.get(name);
    if (option == null) {
      throw new IllegalStateException("option --" + name + " was not declared");
    }
    String v = values.getOrDefault(name, option.defaultValue());
    if (v == null) {
      throw new UsageException("option --" + name + " is required\n" + helpText());
    }
    return v;
  }

  public String getOrNull(String name) {
    return has(name) ? get(name) : declared.get(name).defaultValue();
  }

  public int getInt(String name) {
    return (int) typed(name, int.class);
  }

  public double getDouble(String name) {
    return (double) typed(name, double.class);
  }

  public boolean getBoolean(String name) {
    return (boolean) typed(name, boolean.class);
  }

  private Object typed(String name, Class<?> type) {
    try {
      return OptionRecords.parse(name, type, get(name));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /** The options given whose names start with {@code prefix}, by name without it, in order. */
  public Map<String, String> given(String prefix) {
    Map<String, String> given = new LinkedHashMap<>();
    values.forEach((name, value) -> {
      if (name.startsWith(prefix) && !pipelineOptions.contains(name)) {
        given.put(name.substring(prefix.length()), value);
      }
    });
    return given;
  }

  /** The Beam options given, as Beam's {@code --name=value}. */
  public List<String> pipelineArgs() {
    List<String> args = new ArrayList<>();
    values.forEach((name, value) -> {
      if (pipelineOptions.contains(name)) {
        args.add("--" + name + "=" + value);
      }
    });
    args.addAll(repeatedPipelineArgs);
    return args;
  }

  public boolean declares(String name) {
    return declared.containsKey(name) && declared.get(name).listed();
  }

  public String helpText() {
    StringBuilder sb = new StringBuilder("usage: ").append(usage).append('\n');
    for (Option o : declared.values()) {
      if (!o.listed()) {
        continue;
      }
      sb.append(String.format("  --%-22s %s", o.name(), o.help()));
      if (o.defaultValue() != null && !(o.type() == boolean.class && o.defaultValue().equals("false"))) {
        sb.append(" (default: ").append(o.defaultValue().isEmpty() ? "\"\"" : o.defaultValue()).append(')');
      }
      sb.append('\n');
    }
    notes.forEach(n -> sb.append('\n').append(n).append('\n'));
    return sb.toString();
  }

  private List<String> listedNames() {
    return declared.values().stream().filter(Option::listed).map(Option::name).toList();
  }

  private static String describe(Class<?> type) {
    return type == Object.class ? "a value" : OptionRecords.describe(type);
  }

  /** {@code getFoo()} / {@code isFoo()} → {@code foo}; null for a method that is no property getter. */
  private static String propertyName(Method m) {
    if (m.getParameterCount() != 0 || m.isDefault() || java.lang.reflect.Modifier.isStatic(m.getModifiers())) {
      return null;
    }
    String n = m.getName();
    String bare = n.startsWith("get") && n.length() > 3 ? n.substring(3)
        : n.startsWith("is") && n.length() > 2 && m.getReturnType() == boolean.class ? n.substring(2) : null;
    if (bare == null || n.equals("getClass")) {
      return null;
    }
    return Character.toLowerCase(bare.charAt(0)) + bare.substring(1);
  }

  private static Class<?> checkedType(Class<?> type) {
    return type == int.class || type == Integer.class ? int.class
        : type == long.class || type == Long.class ? long.class
        : type == double.class || type == Double.class ? double.class
        : type == boolean.class || type == Boolean.class ? boolean.class
        : type == String.class ? String.class : Object.class;
  }

  private static String defaultOf(Method getter) {
    if (getter.getAnnotation(Default.String.class) != null) {
      return getter.getAnnotation(Default.String.class).value();
    } else if (getter.getAnnotation(Default.Integer.class) != null) {
      return String.valueOf(getter.getAnnotation(Default.Integer.class).value());
    } else if (getter.getAnnotation(Default.Long.class) != null) {
      return String.valueOf(getter.getAnnotation(Default.Long.class).value());
    } else if (getter.getAnnotation(Default.Double.class) != null) {
      return String.valueOf(getter.getAnnotation(Default.Double.class).value());
    } else if (getter.getAnnotation(Default.Boolean.class) != null) {
      return String.valueOf(getter.getAnnotation(Default.Boolean.class).value());
    }
    return null;
  }

  /** Bad command-line input: printed without a stack trace, exit status 2. */
  public static class UsageException extends RuntimeException {
    public UsageException(String message) {
      super(message);
    }
  }

  /** An option no declaration names: {@link Cli} adds which commands do have it. */
  public static final class UnknownOption extends UsageException {
    private final String option;

    UnknownOption(String option, String message) {
      super(message);
      this.option = option;
    }

    public String option() {
      return option;
    }
  }
}
