package dev.weakrl.models.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weakrl.common.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Jinja as Hugging Face chat templates use it. Expected strings follow the templates' semantics under
 * transformers' Jinja set-up (trim_blocks, lstrip_blocks); each was also checked against Python's Jinja 3.1.
 */
class ChatTemplateTest {
  static final List<ChatMessage> SYSTEM_USER = List.of(new ChatMessage("system", "  Be brief.  "),
      new ChatMessage("user", "Hi "), new ChatMessage("ipython", "ignored"), new ChatMessage("assistant", "Hello"),
      new ChatMessage("user", "2+3?"));

  static ChatTemplate llama3Style() throws IOException {
    try (InputStream in = ChatTemplateTest.class.getResourceAsStream("/chat-templates/llama3-style.jinja")) {
      return ChatTemplate.of("llama3-style.jinja", new String(in.readAllBytes(), StandardCharsets.UTF_8),
          "<|begin_of_text|>", "<|eot_id|>");
    }
  }

  static String render(String template, Map<String, ?> variables) {
    return ChatTemplate.of("test", template, "<s>", "</s>").render(List.of(ChatMessage.user("q")), false, variables);
  }

  @Test
  void llama3StyleTemplateRendersTurnsWithBosTrimAndLoopControls() throws IOException {
    assertEquals("<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nToday Date: 02 Dec 2026\n\n"
            + "Be brief.<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|>"
            + "<|start_header_id|>assistant<|end_header_id|>\n\nHello<|eot_id|>"
            + "<|start_header_id|>user<|end_header_id|>\n\n2+3?<|eot_id|>"
            + "<|start_header_id|>assistant<|end_header_id|>\n\n",
        llama3Style().render(SYSTEM_USER, true, Map.of("date_string", "02 Dec 2026")));
    List<ChatMessage> threeTurns = List.of(ChatMessage.user("Hi"), new ChatMessage("assistant", "Yo"),
        ChatMessage.user("again"));
    assertEquals("<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nToday Date: 02 Dec 2026\n\n"
            + "<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|>"
            + "<|start_header_id|>assistant<|end_header_id|>\n\nYo<|eot_id|>",
        llama3Style().render(threeTurns, false, Map.of("date_string", "02 Dec 2026", "max_turns", 2)),
        "break after max_turns");
  }

  @Test
  void toolsReachThePromptAsPythonIndentedJson() throws IOException {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("a", 1);
    parameters.put("b", java.util.Arrays.asList(true, null, "é\n"));
    Map<String, Object> tool = new LinkedHashMap<>();
    tool.put("name", "add");
    tool.put("parameters", parameters);
    assertEquals("<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nToday Date: 02 Dec 2026\n\n"
            + "You may call these functions:\n\n{\n    \"name\": \"add\",\n    \"parameters\": {\n        \"a\": 1,\n"
            + "        \"b\": [\n            true,\n            null,\n            \"é\\n\"\n        ]\n    }\n}\n\n"
            + "<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|>",
        llama3Style().render(List.of(ChatMessage.user("Hi")), false,
            Map.of("date_string", "02 Dec 2026", "tools", List.of(tool))));
    assertEquals("{\"name\": \"add\", \"parameters\": {\"a\": 1, \"b\": [true, null, \"é\\n\"]}} []",
        render("{{ tool | tojson }} {{ [] | tojson(indent=2) }}", Map.of("tool", tool)));
  }

  @Test
  void raiseExceptionFailsTheRenderNamingItsMessageAndLine() throws IOException {
    ChatTemplate template = llama3Style();
    List<ChatMessage> twoUsers = List.of(ChatMessage.user("Hi"), ChatMessage.user("again"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> template.render(twoUsers, true, Map.of("date_string", "02 Dec 2026")));
    assertTrue(e.getMessage().contains("Conversation roles must alternate user/assistant/user/assistant/...")
        && e.getMessage().contains("llama3-style.jinja") && e.getMessage().contains("line 33"), e.getMessage());
  }

  @Test
  void aTemplateThatFailsNamesItsLine() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> render("first line\n{{ messages[0].content.no_such_method() }}", Map.of()));
    assertTrue(e.getMessage().contains("line 2: {{ messages[0].content.no_such_method() }}"), e.getMessage());
  }

  @Test
  void strftimeNowIsTheLocalDateInPythonsFormat() {
    String before = LocalDate.now().format(DateTimeFormatter.ofPattern("dd MMM yyyy", Locale.ENGLISH));
    String rendered = render("{{ strftime_now('%d %b %Y') }}", Map.of());
    String after = LocalDate.now().format(DateTimeFormatter.ofPattern("dd MMM yyyy", Locale.ENGLISH));
    assertTrue(rendered.equals(before) || rendered.equals(after), rendered);
  }

  @Test
  void pythonStringMethodsAndTheReversingSlice() {
    assertEquals("a|b c|b c|T|T|F|x/y/z|a//b|a/b,c|cba|3,2,1|[::-1]|a, b|ABab",
        render("{{ '\\n\\na|b c\\n'.strip('\\n') }}|{{ '  b c '.strip() }}|"
            + "{% if 'ab'.startswith(('x', 'a')) %}T{% endif %}|{% if 'ab'.endswith('b') %}T{% endif %}|"
            + "{% if not 'ab'.startswith('b') %}F{% endif %}|"
            + "{{ ' x  y\\tz '.split() | join('/') }}|{{ 'a,,b'.split(',') | join('/') }}|"
            + "{{ 'a,b,c'.split(',', 1) | join('/') }}|{{ 'abc'[::-1] }}|{{ [1, 2, 3][::-1] | join(',') }}|"
            + "{{ '[::-1]' }}|{{ ', '.join(['a', 'b']) }}|{{ 'Ab'.upper() }}{{ 'Ab'.lower() }}", Map.of()));
    assertEquals("plan", render("{{ '<think>\\nplan\\n</think>\\n\\nHi'.split('</think>')[0].rstrip('\\n')"
        + ".split('<think>')[-1].lstrip('\\n') }}", Map.of()));
  }

  @Test
  void jinjaDefaultsHold() {
    assertEquals("A", render("A\n", Map.of()), "one trailing newline of the template is dropped");
    assertEquals("{{ 1 + 1 }}", ChatTemplate.of("test", "{{ messages[0].content }}", null, null)
        .render(List.of(ChatMessage.user("{{ 1 + 1 }}")), false, Map.of()), "message text is not interpreted");
    assertEquals("  x\ny", render("{% if true %}\n  x\n{% endif %}\n{%- if true %}\ny{% endif %}", Map.of()),
        "trim_blocks drops the newline after a block tag");
    assertEquals("x  y|y|  y", render("x  {% if true %}y{% endif %}|\n  {% if true %}y{% endif %}|"
        + "\n  {%+ if true %}y{% endif %}", Map.of()).replace("\n", ""), "lstrip_blocks only from a line's start");
    assertEquals("1", render("{% set ns = namespace(n=[1, 2] | length - 1) %}{{ ns.n }}", Map.of()),
        "a keyword argument's whole expression is its value");
    assertEquals("undefined", ChatTemplate.of("test", "{{ 'defined' if bos_token is defined else 'undefined' }}",
        null, null).render(List.of(), false, Map.of()), "a tokenizer without BOS leaves bos_token undefined");
    assertEquals("3", render("{% set ns = namespace(n=0) %}{% for i in range(5) %}{% if i == 3 %}{% break %}"
        + "{% endif %}{% set ns.n = ns.n + 1 %}{% endfor %}{{ ns.n }}", Map.of()));
  }

  @Test
  void tokenizerConfigTemplatesAreAStringOrNamedWithADefault() {
    JsonNode listed = Json.parse("""
        {"bos_token": {"content": "<s>", "lstrip": false}, "eos_token": "</s>",
         "chat_template": [{"name": "tool_use", "template": "T"}, {"name": "default", "template": "D{{ bos_token }}"}]}
        """, "tokenizer_config.json");
    assertEquals("D<s>", ChatTemplate.fromTokenizerConfig(listed, "tokenizer_config.json").orElseThrow()
        .render(List.of(), false, Map.of()));
    JsonNode noDefault = Json.parse("{\"chat_template\": [{\"name\": \"tool_use\", \"template\": \"T\"}]}", "c.json");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ChatTemplate.fromTokenizerConfig(noDefault, "c.json"));
    assertTrue(e.getMessage().contains("c.json") && e.getMessage().contains("[tool_use]"), e.getMessage());
    assertTrue(ChatTemplate.fromTokenizerConfig(Json.parse("{}", "c.json"), "c.json").isEmpty());
  }

  @Test
  void theEmbeddedTemplateIsTheQuestionAnswerFormat() {
    ChatTemplate embedded = CharTokenizer.standard().chatTemplate().orElseThrow();
    assertEquals("<bos>Q: 2+3?\nA: ", embedded.render(List.of(ChatMessage.user("2+3?")), true, Map.of()));
    assertEquals("<bos>Q: 2+3?\n", embedded.render(List.of(ChatMessage.user("2+3?")), false, Map.of()));
    assertEquals("Q: 2+3?\nA: ", ChatFormat.promptText("2+3?"));
    assertEquals("<bos>Be brief.\nQ: 2+3?\nA: ",
        embedded.render(List.of(new ChatMessage("system", "Be brief."), ChatMessage.user("2+3?")), true, Map.of()));
    for (List<ChatMessage> refused : List.of(List.of(ChatMessage.user("a"), ChatMessage.user("b")),
        List.of(ChatMessage.user("q"), new ChatMessage("assistant", "a")), List.of(new ChatMessage("system", "s")))) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> embedded.render(refused, true, Map.of()), refused.toString());
      assertTrue(e.getMessage().contains("takes system messages, then one user message"), e.getMessage());
    }
  }
}
