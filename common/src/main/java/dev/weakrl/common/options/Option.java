package dev.weakrl.common.options;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a component of an options record as a command-line option: its default (as the
 * command line would write it) and its help text. The one declaration that the record's defaults,
 * the parser and {@code --help} all read ({@link OptionRecords}). A numeric option may declare its
 * range ({@code min}, {@code max}, inclusive unless {@code minExclusive}); it is checked whenever a
 * record is built, so a bad value is refused before any work, naming the option.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Option {
  String defaultValue();

  String help();

  double min() default Double.NEGATIVE_INFINITY;

  double max() default Double.POSITIVE_INFINITY;

  /** {@code min} itself is out of range ({@code > min}, e.g. a learning rate). */
  boolean minExclusive() default false;
}
