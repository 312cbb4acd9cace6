package dev.weakrl.models.tokenizer;

import java.beans.FeatureDescriptor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELException;
import jinjava.javax.el.ELResolver;

/**
 * The Python methods that chat templates call on strings ({@code content.strip('\n')},
 * {@code content.startswith('<tool_response>')}, {@code content.split('</think>')}, …), for Jinjava, which calls
 * Java's methods ({@code startsWith}, no {@code strip(chars)}). Also {@code x.__reversed__()}, what
 * {@link ChatTemplate} rewrites Python's {@code x[::-1]} to: the string or list reversed. Every other call falls
 * through to Jinjava's own resolvers. Python's semantics: {@code strip()} with no characters strips whitespace,
 * {@code split()} with no separator splits on runs of whitespace, {@code startswith} takes a string or a tuple.
 */
final class PythonMethods extends ELResolver {
  static final String REVERSED = "__reversed__";

  @Override
  public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
    Object[] args = params == null ? new Object[0] : params;
    Optional<Object> result = Optional.empty();
    if (base instanceof String text && method != null) {
      result = stringMethod(text, method.toString(), args);
    } else if (base instanceof List<?> list && REVERSED.equals(method)) {
      List<Object> reversed = new ArrayList<>(list);
      Collections.reverse(reversed);
      result = Optional.of(reversed);
    }
    result.ifPresent(r -> context.setPropertyResolved(true));
    return result.orElse(null);
  }

  private static Optional<Object> stringMethod(String text, String method, Object[] args) {
    return Optional.ofNullable(switch (method) {
      case "strip" -> strip(text, chars(method, args), true, true);
      case "lstrip" -> strip(text, chars(method, args), true, false);
      case "rstrip" -> strip(text, chars(method, args), false, true);
      case "startswith" -> affixes(method, args).stream().anyMatch(text::startsWith);
      case "endswith" -> affixes(method, args).stream().anyMatch(text::endsWith);
      case "split" -> split(text, args);
      case "upper" -> text.toUpperCase(Locale.ROOT);
      case "lower" -> text.toLowerCase(Locale.ROOT);
      case "join" -> join(text, args);
      case REVERSED -> new StringBuilder(text).reverse().toString();
      default -> null;
    });
  }

  /** {@code strip}'s optional argument: the characters to strip, null for whitespace. */
  private static String chars(String method, Object[] args) {
    arity(method, args, 0, 1);
    return args.length == 0 || args[0] == null ? null : args[0].toString();
  }

  private static String strip(String text, String chars, boolean left, boolean right) {
    int start = 0;
    int end = text.length();
    while (left && start < end && strippable(text.charAt(start), chars)) {
      start++;
    }
    while (right && end > start && strippable(text.charAt(end - 1), chars)) {
      end--;
    }
    return text.substring(start, end);
  }

  private static boolean strippable(char c, String chars) {
    return chars == null ? isSpace(c) : chars.indexOf(c) >= 0;
  }

  /** Python's {@code str.isspace} for one character: Java's whitespace plus the no-break spaces. */
  private static boolean isSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c);
  }

  /** {@code startswith}'s argument: one string or a tuple of them. */
  private static List<String> affixes(String method, Object[] args) {
    arity(method, args, 1, 1);
    if (args[0] instanceof Iterable<?> tuple) {
      return StreamSupport.stream(tuple.spliterator(), false).map(Objects::toString).toList();
    }
    return List.of(Objects.toString(args[0]));
  }

  /** Python's {@code str.split(sep=None, maxsplit=-1)}. */
  private static List<String> split(String text, Object[] args) {
    arity("split", args, 0, 2);
    String sep = args.length == 0 || args[0] == null ? null : args[0].toString();
    int maxSplit = args.length < 2 ? -1 : ((Number) args[1]).intValue();
    List<String> parts = new ArrayList<>();
    if (sep == null) { // runs of whitespace, none at the ends
      int i = 0;
      while (true) {
        while (i < text.length() && isSpace(text.charAt(i))) {
          i++;
        }
        if (i == text.length()) {
          return parts;
        }
        if (parts.size() == maxSplit) {
          parts.add(text.substring(i));
          return parts;
        }
        int j = i;
        while (j < text.length() && !isSpace(text.charAt(j))) {
          j++;
        }
        parts.add(text.substring(i, j));
        i = j;
      }
    }
    if (sep.isEmpty()) {
      throw new ELException("str.split: empty separator");
    }
    int from = 0;
    for (int at = text.indexOf(sep); at >= 0 && parts.size() != maxSplit; at = text.indexOf(sep, from)) {
      parts.add(text.substring(from, at));
      from = at + sep.length();
    }
    parts.add(text.substring(from));
    return parts;
  }

  private static String join(String separator, Object[] args) {
    arity("join", args, 1, 1);
    if (!(args[0] instanceof Iterable<?> items)) {
      throw new ELException("str.join takes a sequence, got " + args[0]);
    }
    return StreamSupport.stream(items.spliterator(), false).map(Objects::toString)
        .collect(Collectors.joining(separator));
  }

  /** Jinjava turns an IllegalArgumentException from a call into a silent null; an ELException is a template error. */
  private static void arity(String method, Object[] args, int min, int max) {
    if (args.length < min || args.length > max) {
      throw new ELException("str." + method + " takes " + (min == max ? "" + min : min + " to " + max)
          + " arguments, got " + args.length);
    }
  }

  // Properties are left to Jinjava's resolvers: this one only answers method calls.

  @Override
  public Object getValue(ELContext context, Object base, Object property) {
    return null;
  }

  @Override
  public Class<?> getType(ELContext context, Object base, Object property) {
    return null;
  }

  @Override
  public void setValue(ELContext context, Object base, Object property, Object value) {}

  @Override
  public boolean isReadOnly(ELContext context, Object base, Object property) {
    return true;
  }

  @Override
  public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
    return null;
  }

  @Override
  public Class<?> getCommonPropertyType(ELContext context, Object base) {
    return null;
  }
}
