package dev.weakrl.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ArgsTest {
  static Args declared() {
    return new Args("./weakrl x FILE")
        .positional("FILE")
        .option("count", int.class, "8", "how many")
        .option("out", null, "where")
        .flag("verbose", "talk more");
  }

  @Test
  void readsPositionalsBothOptionSpellingsAndFlags() {
    Args a = declared().parse(new String[] {"in.parquet", "--count", "3", "--out=o.json", "--verbose"});
    assertEquals(List.of("in.parquet"), a.positionals());
    assertEquals(3, a.getInt("count"));
    assertEquals("o.json", a.get("out"));
    assertTrue(a.getBoolean("verbose"));
    assertFalse(a.helpRequested());
  }

  @Test
  void defaultsApplyAndMissingRequiredValuesAreNamed() {
    Args a = declared().parse(new String[] {});
    assertEquals(8, a.getInt("count"));
    assertFalse(a.getBoolean("verbose"));
    Args.UsageException e = assertThrows(Args.UsageException.class, () -> a.get("out"));
    assertTrue(e.getMessage().startsWith("option --out is required"), e.getMessage());
  }

  @Test
  void badInputGetsAnErrorNamingTheOption() {
    assertTrue(assertThrows(Args.UsageException.class, () -> declared().parse(new String[] {"--colour", "red"}))
        .getMessage().startsWith("unknown option --colour"));
    assertEquals("unknown option --cont; did you mean --count?",
        assertThrows(Args.UnknownOption.class, () -> declared().parse(new String[] {"--cont", "3"})).getMessage());
    assertTrue(assertThrows(Args.UsageException.class, () -> declared().parse(new String[] {"--out"}))
        .getMessage().startsWith("option --out needs a value"));
    assertEquals("option --count expects an integer, got 'many'", assertThrows(Args.UsageException.class,
        () -> declared().parse(new String[] {"--count", "many"})).getMessage());
    assertEquals("option --count given twice ('1' and '2')", assertThrows(Args.UsageException.class,
        () -> declared().parse(new String[] {"--count", "1", "--count=2"})).getMessage());
    assertTrue(assertThrows(Args.UsageException.class, () -> declared().parse(new String[] {"a", "b"}))
        .getMessage().startsWith("unexpected argument 'b'"));
    assertTrue(assertThrows(Args.UsageException.class, () -> declared().parse(new String[] {"--verbose=yes"}))
        .getMessage().contains("true or false"));
  }

  @Test
  void booleansTakeBareFlagsAndExplicitValues() {
    assertFalse(declared().parse(new String[] {"--verbose=false"}).getBoolean("verbose"));
    assertFalse(declared().parse(new String[] {"--verbose", "false"}).getBoolean("verbose"));
    Args a = declared().parse(new String[] {"--verbose", "in.parquet"});
    assertTrue(a.getBoolean("verbose"));
    assertEquals(List.of("in.parquet"), a.positionals());
  }

  record Settings(
      @dev.weakrl.common.options.Option(defaultValue = "0.5", help = "rate") double rate,
      @dev.weakrl.common.options.Option(defaultValue = "x", help = "set elsewhere") String name) {}

  @Test
  void optionsRecordsDeclareTheirComponentsUnderAPrefix() {
    Args a = new Args("x").record("s.", Settings.class, java.util.Set.of("name")).parse(new String[] {"--s.rate", "2"});
    assertEquals(java.util.Map.of("rate", "2"), a.given("s."));
    assertEquals("0.5", new Args("x").record("s.", Settings.class, java.util.Set.of()).get("s.rate"));
    assertTrue(a.helpText().contains("--s.rate") && !a.helpText().contains("--s.name"), a.helpText());
  }

  @Test
  void helpTextListsEveryOptionWithItsDefault() {
    String help = declared().parse(new String[] {"--help"}).helpText();
    assertTrue(help.contains("--count") && help.contains("(default: 8)") && help.contains("--verbose"), help);
  }
}
