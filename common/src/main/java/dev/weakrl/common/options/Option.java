package dev.weakrl.common.options;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a component of an options record as a command-line option: its default (as the
 * command line would write it) and its help text. The one declaration that the record's defaults,
 * the parser and {@code --help} all read ({@link OptionRecords}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Option {
  String defaultValue();

  String help();
}
