package dev.weakrl.pipelines.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Arguments of a tool subcommand: positionals plus declared {@code --flag value} or
 * {@code --flag=value} options. Undeclared flags and missing values are errors that name the flag.
 * Pipelines take Beam {@code PipelineOptions} instead.
 */
public final class Args {
  /** A declared option: its name without dashes, a default (null = none), and help text. */
  public record Option(String name, String defaultValue, String help) {}

  private final String usage;
  private final Map<String, Option> declared = new LinkedHashMap<>();
  private final Map<String, String> values = new LinkedHashMap<>();
  private final List<String> positionals = new ArrayList<>();
  private boolean help;

  /** {@code usage} is the synopsis line, e.g. {@code "./weakrl data inspect FILE"}. */
  public Args(String usage) {
    this.usage = usage;
  }

  public Args option(String name, String defaultValue, String help) {
    declared.put(name, new Option(name, defaultValue, help));
    return this;
  }

  /** A boolean option, false unless given (as {@code --name} or {@code --name=true}). */
  public Args flag(String name, String help) {
    return option(name, "false", help);
  }

  public Args parse(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--help") || a.equals("-h")) {
        help = true;
      } else if (a.startsWith("--")) {
        String body = a.substring(2);
        int eq = body.indexOf('=');
        String name = eq < 0 ? body : body.substring(0, eq);
        Option opt = declared.get(name);
        if (opt == null) {
          throw new UsageException("unknown option --" + name + "\n" + helpText());
        }
        if (eq >= 0) {
          values.put(name, body.substring(eq + 1));
        } else if (opt.defaultValue() != null && opt.defaultValue().equals("false")) {
          values.put(name, "true");
        } else if (i + 1 < args.length) {
          values.put(name, args[++i]);
        } else {
          throw new UsageException("option --" + name + " needs a value\n" + helpText());
        }
      } else {
        positionals.add(a);
      }
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
    Option opt = declared.get(name);
    if (opt == null) {
      throw new IllegalStateException("option --" + name + " was not declared");
    }
    String v = values.getOrDefault(name, opt.defaultValue());
    if (v == null) {
      throw new UsageException("option --" + name + " is required\n" + helpText());
    }
    return v;
  }

  public String getOrNull(String name) {
    return has(name) ? get(name) : declared.get(name).defaultValue();
  }

  public int getInt(String name) {
    String v = get(name);
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new UsageException("option --" + name + " must be an integer, got '" + v + "'");
    }
  }

  public double getDouble(String name) {
    String v = get(name);
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new UsageException("option --" + name + " must be a number, got '" + v + "'");
    }
  }

  public boolean getBoolean(String name) {
    String v = get(name);
    if (!v.equals("true") && !v.equals("false")) {
      throw new UsageException("option --" + name + " must be true or false, got '" + v + "'");
    }
    return Boolean.parseBoolean(v);
  }

  public String helpText() {
    StringBuilder sb = new StringBuilder("usage: ").append(usage).append('\n');
    for (Option o : declared.values()) {
      sb.append(String.format("  --%-18s %s", o.name(), o.help()));
      if (o.defaultValue() != null && !o.defaultValue().equals("false")) {
        sb.append(" (default: ").append(o.defaultValue()).append(')');
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  /** Bad command-line input: printed without a stack trace, exit status 2. */
  public static final class UsageException extends RuntimeException {
    public UsageException(String message) {
      super(message);
    }
  }
}
