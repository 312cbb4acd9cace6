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
        .option("count", "8", "how many")
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
    assertTrue(assertThrows(Args.UsageException.class, () -> declared().parse(new String[] {"--out"}))
        .getMessage().startsWith("option --out needs a value"));
    Args a = declared().parse(new String[] {"--count", "many"});
    assertEquals("option --count must be an integer, got 'many'",
        assertThrows(Args.UsageException.class, () -> a.getInt("count")).getMessage());
  }

  @Test
  void helpTextListsEveryOptionWithItsDefault() {
    String help = declared().parse(new String[] {"--help"}).helpText();
    assertTrue(help.contains("--count") && help.contains("(default: 8)") && help.contains("--verbose"), help);
  }
}
