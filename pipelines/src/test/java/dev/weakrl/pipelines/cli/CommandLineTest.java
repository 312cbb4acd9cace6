package dev.weakrl.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weakrl.pipelines.eval.EvalOptions;
import dev.weakrl.pipelines.grid.GridOptions;
import dev.weakrl.pipelines.recipe.RecipeOptions;
import dev.weakrl.pipelines.recipe.RecipePipeline;
import dev.weakrl.study.stages.RlvrStage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every command's options as a user types them: both syntaxes, stage options, and bad input. */
class CommandLineTest {
  @Test
  void everyCommandTakesItsFirstOptionInBothSyntaxes() {
    for (Command c : Cli.commands()) {
      Args declared = c.args();
      String help = declared.helpText();
      String option = help.lines().filter(l -> l.startsWith("  --")).findFirst()
          .map(l -> l.trim().split("\\s+")[0].substring(2)).orElseThrow(() -> new AssertionError(c.name() + ": " + help));
      String value = sampleValue(help, option);
      for (String[] argv : List.of(new String[] {"--" + option, value}, new String[] {"--" + option + "=" + value})) {
        Args parsed = c.args().parse(argv);
        // has(): the value was read from the command line, not fallen back to the default
        assertTrue(parsed.has(option), c.name() + " " + String.join(" ", argv));
        assertEquals(value, parsed.get(option), c.name() + " " + String.join(" ", argv));
      }
    }
  }

  /** A value of the option's kind: its default where it has one, else a word. */
  private static String sampleValue(String help, String option) {
    String line = help.lines().filter(l -> l.trim().startsWith("--" + option + " ")).findFirst().orElseThrow();
    int d = line.lastIndexOf("(default: ");
    String value = d < 0 ? "x" : line.substring(d + "(default: ".length(), line.length() - 1);
    return value.equals("\"\"") ? "x" : value;
  }

  @Test
  void theRecipeTakesEveryStageOptionUnderTheStageName() {
    PipelineCommand<RecipeOptions> recipe = PipelineCommand.recipe();
    RecipeOptions o = recipe.options(recipe.args().parse(new String[] {"--out", "runs", "--rlvr.lr", "3e-4",
        "--sft.steps=5", "--rlvr.divideByStd=false", "--cpt.replay", "0.5"}));
    RecipePipeline.Plan plan = RecipePipeline.Plan.of(o);
    assertEquals(3e-4, plan.rlvr().lr());
    assertEquals(5, plan.sft().steps());
    assertEquals(false, plan.rlvr().divideByStd());
    assertEquals(0.5, plan.cpt().replay());
    assertEquals(RlvrStage.Options.defaults().clip(), plan.rlvr().clip(), "options not given keep the stage's default");
    assertTrue(recipe.args().helpText().contains("--rlvr.clip"), "help lists the stage options");
    Args beam = recipe.args().parse(new String[] {"--runner", "DirectRunner", "--experiments=a", "--experiments=b"});
    assertEquals(List.of("--runner=DirectRunner", "--experiments=a", "--experiments=b"), beam.pipelineArgs(),
        "Beam's own options pass through, its list options repeated");
  }

  @Test
  void evalTakesItsSamplingOptionsByTheirNamesAndTheRecipeUnderEval() {
    PipelineCommand<EvalOptions> eval = PipelineCommand.eval();
    EvalOptions o = eval.options(eval.args().parse(new String[] {"--checkpoint", "c", "--k", "8", "--maxTokens=32"}));
    assertEquals(java.util.Map.of("k", "8", "maxTokens", "32"), o.getEvalOptions());
    PipelineCommand<RecipeOptions> recipe = PipelineCommand.recipe();
    RecipePipeline.Plan plan = RecipePipeline.Plan.of(recipe.options(recipe.args().parse(new String[] {"--eval.k", "8",
        "--domain", "units"})));
    assertEquals(8, plan.eval().k());
    assertEquals("units", plan.eval().domain(), "the recipe groups benchmarks against its training domain");
  }

  @Test
  void presetsApplyUnderTheCommandLine() {
    PipelineCommand<GridOptions> grid = PipelineCommand.grid();
    GridOptions o = grid.options(grid.args().parse(new String[] {"--spec", "g.json", "--preset", "paper",
        "--rlvr.steps", "7"}));
    RecipePipeline.Plan plan = RecipePipeline.Plan.of(o);
    assertEquals(64, plan.rlvr().prompts());
    assertEquals(7, plan.rlvr().steps());
    assertTrue(grid.args().helpText().contains("paper: --rlvr.prompts=64"), grid.args().helpText());
    PipelineCommand<RecipeOptions> recipe = PipelineCommand.recipe();
    RecipeOptions unknown = recipe.options(recipe.args().parse(new String[] {"--preset", "huge"}));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> RecipePipeline.Plan.of(unknown)).getMessage()
        .contains("no such preset"));
  }

  @Test
  void badInputFailsBeforeAnyWorkNamingTheOption() {
    assertUsageError(List.of("sft", "--reward", "noisy"), "unknown option --reward", "is an option of rlvr");
    assertUsageError(List.of("rlvr", "--lrr", "1e-4"), "did you mean --lr?");
    assertUsageError(List.of("sft", "--steps", "many"), "option --steps expects an integer, got 'many'");
    assertUsageError(List.of("sft", "--steps", "1", "--steps=2"), "option --steps given twice");
    assertUsageError(List.of("recipe", "--rlvr.lrr=1"), "did you mean --rlvr.lr?");
    assertUsageError(List.of("recipe", "--sft.domain", "units"), "--sft.domain: the recipe sets it");
    assertUsageError(List.of("recipe", "runs"), "unexpected argument 'runs'");
  }

  private static void assertUsageError(List<String> argv, String... expected) {
    CliTest.Run r = CliTest.capture(() -> Cli.run(argv.toArray(String[]::new)));
    assertEquals(2, r.status(), argv + ": " + r.err());
    for (String e : expected) {
      assertTrue(r.err().contains(e), argv + " printed: " + r.err());
    }
  }

  @Test
  void dataflowRunsNeedCloudStoragePathsBeforeAnyWork() {
    PipelineCommand<RecipeOptions> recipe = PipelineCommand.recipe();
    Args.UsageException noTemp = assertThrows(Args.UsageException.class, () -> recipe.options(recipe.args().parse(
        new String[] {"--runner=DataflowRunner", "--out=gs://b/runs"})));
    assertTrue(noTemp.getMessage().contains("--tempLocation on gs://, got none"), noTemp.getMessage());
    Args.UsageException localOut = assertThrows(Args.UsageException.class, () -> recipe.options(recipe.args().parse(
        new String[] {"--runner=DataflowRunner", "--tempLocation=gs://b/tmp", "--out=runs"})));
    assertTrue(localOut.getMessage().startsWith("--out runs: Dataflow workers cannot write")
        && localOut.getMessage().contains("--out=gs://BUCKET/runs"), localOut.getMessage());
    RecipeOptions cloud = recipe.options(recipe.args().parse(
        new String[] {"--runner=DataflowRunner", "--tempLocation=gs://b/tmp", "--out=gs://b/runs"}));
    assertEquals("gs://b/runs", cloud.getOut());
    assertEquals("runs", recipe.options(recipe.args().parse(new String[] {"--out=runs"})).getOut(),
        "the DirectRunner takes local paths");
  }
}
