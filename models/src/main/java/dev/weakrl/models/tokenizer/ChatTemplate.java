package dev.weakrl.models.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.el.JinjavaInterpreterResolver;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import com.hubspot.jinjava.objects.date.StrftimeFormatter;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import jinjava.javax.el.CompositeELResolver;

/**
 * A Hugging Face chat template: the Jinja program ({@code chat_template} in {@code tokenizer_config.json})
 * that turns a conversation into a model's prompt text. Rendered by Jinjava, a real Jinja engine, set up as
 * transformers' {@code apply_chat_template} sets up Jinja: {@code trim_blocks} and {@code lstrip_blocks}, loop
 * controls, one trailing newline of the template dropped, {@code raise_exception(message)} and
 * {@code strftime_now(format)} as globals, and {@code tojson} spaced as Python's {@code json.dumps}
 * ({@link ToJsonFilter}). Variables: {@code messages} (each with {@code role} and {@code content}),
 * {@code add_generation_prompt}, {@code bos_token} and {@code eos_token} (undefined where the tokenizer has none),
 * then the caller's, as {@code apply_chat_template}'s keyword arguments (Qwen3's {@code enable_thinking}).
 *
 * <p>Where Jinjava departs from Jinja or lacks what chat templates use, weakrl adds it: Python's string methods
 * ({@link PythonMethods}); trim_blocks, lstrip_blocks and the reversing slice {@code [::-1]} by rewriting the source
 * line for line ({@link JinjaSource}); Jinjava's opt-in fixes towards Jinja (filters bind tighter than {@code +},
 * whitespace control on expressions); nested interpretation off, so a message holding {@code {{ }}} is text. Known
 * differences left: {@code {{ true }}} prints {@code true} and {@code {{ none }}} nothing (Jinja: {@code True},
 * {@code None}). Immutable and thread-safe.
 */
public final class ChatTemplate {
  private static final Jinjava ENGINE = engine();

  private final String name;
  private final String template;
  /** The template as Jinjava is given it ({@link JinjaSource}), line for line. */
  private final String jinjava;
  private final String bosToken;
  private final String eosToken;

  private ChatTemplate(String name, String template, String bosToken, String eosToken) {
    this.name = name;
    this.template = template;
    this.jinjava = JinjaSource.forJinjava(template);
    this.bosToken = bosToken;
    this.eosToken = eosToken;
  }

  /**
   * @param name what the template is called in errors (its file, or the model)
   * @param template the Jinja source
   * @param bosToken the BOS spelling, or null where the tokenizer has none
   * @param eosToken the EOS spelling, or null where the tokenizer has none
   */
  public static ChatTemplate of(String name, String template, String bosToken, String eosToken) {
    return new ChatTemplate(name, template, bosToken, eosToken);
  }

  /**
   * The template a {@code tokenizer_config.json} declares, if any: {@code chat_template} is a string, or a list of
   * {@code {"name", "template"}} of which the one named {@code default} is used, as {@code apply_chat_template} does
   * when given no name. {@code bos_token} and {@code eos_token} are strings or {@code {"content": ...}}.
   *
   * @param source the file, named in errors
   */
  public static Optional<ChatTemplate> fromTokenizerConfig(JsonNode config, String source) {
    JsonNode templates = config.path("chat_template");
    if (templates.isMissingNode() || templates.isNull()) {
      return Optional.empty();
    }
    String template;
    if (templates.isTextual()) {
      template = templates.asText();
    } else if (templates.isArray()) {
      List<String> names = new ArrayList<>();
      templates.forEach(t -> names.add(t.path("name").asText()));
      JsonNode chosen = null;
      for (JsonNode t : templates) {
        chosen = t.path("name").asText().equals("default") ? t : chosen;
      }
      if (chosen == null || !chosen.path("template").isTextual()) {
        throw new IllegalArgumentException(source + ": chat_template lists the templates " + names
            + " but none named 'default' with a 'template' string");
      }
      template = chosen.path("template").asText();
    } else {
      throw new IllegalArgumentException(source + ": chat_template must be a string or a list of named templates, got "
          + templates.getNodeType());
    }
    return Optional.of(of(source, template, spelling(config.path("bos_token")), spelling(config.path("eos_token"))));
  }

  private static String spelling(JsonNode token) {
    JsonNode text = token.isObject() ? token.path("content") : token;
    return text.isTextual() ? text.asText() : null;
  }

  /**
   * The prompt text for {@code messages}.
   *
   * @param addGenerationPrompt end with the opening of the assistant's turn, as for generation
   * @param variables further template variables, which may override {@code bos_token} and {@code eos_token}
   * @throws IllegalArgumentException when the template fails or calls {@code raise_exception}, naming the template,
   *     the line and its source
   */
  public String render(List<ChatMessage> messages, boolean addGenerationPrompt, Map<String, ?> variables) {
    if (variables.containsKey("messages") || variables.containsKey("add_generation_prompt")) {
      throw new IllegalArgumentException(name + ": messages and add_generation_prompt are arguments, not variables");
    }
    Map<String, Object> bindings = new HashMap<>();
    if (bosToken != null) {
      bindings.put("bos_token", bosToken);
    }
    if (eosToken != null) {
      bindings.put("eos_token", eosToken);
    }
    bindings.putAll(variables);
    List<Map<String, Object>> conversation = new ArrayList<>();
    for (ChatMessage m : messages) {
      Map<String, Object> message = new LinkedHashMap<>();
      message.put("role", m.role());
      message.put("content", m.content());
      conversation.add(message);
    }
    bindings.put("messages", conversation);
    bindings.put("add_generation_prompt", addGenerationPrompt);
    RenderResult result = ENGINE.renderForResult(jinjava, bindings);
    for (TemplateError error : result.getErrors()) {
      if (error.getSeverity() == TemplateError.ErrorType.FATAL) {
        throw failure(error);
      }
    }
    return result.getOutput();
  }

  private IllegalArgumentException failure(TemplateError error) {
    String what = raisedMessage(error.getException()).map(m -> "raise_exception('" + m + "')")
        .orElse(error.getMessage());
    String[] lines = template.split("\r\n|\r|\n", -1);
    int line = error.getLineno();
    String where = line >= 1 && line <= lines.length ? " at line " + line + ": " + lines[line - 1].strip() : "";
    return new IllegalArgumentException(name + ": chat template failed" + where + ": " + what, error.getException());
  }

  private static Optional<String> raisedMessage(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof RaisedByTemplate raised) {
        return Optional.of(raised.getMessage());
      }
    }
    return Optional.empty();
  }

  private static Jinjava engine() {
    CompositeELResolver resolver = new CompositeELResolver();
    resolver.add(new PythonMethods());
    resolver.add(JinjavaInterpreterResolver.DEFAULT_RESOLVER_READ_ONLY);
    // Jinjava's opt-in fixes of its legacy behaviour that make it read as Jinja does (not
    // whitespaceRequiredWithinTokens: it would stop {%- and {{- from opening tags)
    LegacyOverrides jinja = LegacyOverrides.newBuilder()
        .withUseNaturalOperatorPrecedence(true) // a + b | trim filters b
        .withParseWhitespaceControlStrictly(true) // {{ -1 }} is minus one, not a trim
        .withUseTrimmingForNotesAndExpressions(true) // {{ x -}} trims what follows
        .withUsePyishObjectMapper(true) // {{ [1, 'a'] }} prints as Python does
        .withEvaluateMapKeys(true)
        .withIterateOverMapKeys(true)
        .withKeepNullableLoopValues(true)
        .build();
    Jinjava jinjava = new Jinjava(JinjavaConfig.newBuilder()
        .withLegacyOverrides(jinja)
        .withNestedInterpretationEnabled(false)
        .withElResolver(resolver)
        .build());
    jinjava.getGlobalContext().registerFunction(
        new ELFunctionDefinition("", "raise_exception", ChatTemplate.class, "raiseException", String.class));
    jinjava.getGlobalContext().registerFunction(
        new ELFunctionDefinition("", "strftime_now", ChatTemplate.class, "strftimeNow", String.class));
    jinjava.getGlobalContext().registerFilter(new ToJsonFilter());
    return jinjava;
  }

  /** The template's {@code raise_exception(message)}: it ends the rendering with {@code message}. */
  private static Object raiseException(String message) {
    throw new RaisedByTemplate(message);
  }

  /** The template's {@code strftime_now(format)}: the local time now in Python's strftime format (C locale). */
  private static String strftimeNow(String format) {
    return StrftimeFormatter.format(ZonedDateTime.now(), format, Locale.ENGLISH);
  }

  private static final class RaisedByTemplate extends RuntimeException {
    RaisedByTemplate(String message) {
      super(message);
    }
  }

  @Override
  public String toString() {
    return "ChatTemplate(" + name + ")";
  }
}
