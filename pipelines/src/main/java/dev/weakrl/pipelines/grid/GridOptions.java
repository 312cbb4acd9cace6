package dev.weakrl.pipelines.grid;

import dev.weakrl.pipelines.recipe.RecipeOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/**
 * Options of {@code ./weakrl grid} and {@code ./weakrl study}: the recipe's options (stage settings
 * every cell shares, the evaluation) plus the spec file that names the axes.
 */
public interface GridOptions extends RecipeOptions {
  @Description("Spec (JSON): the base, cpt, sft (or arms), weak and seeds axes, the benchmarks and the claims'"
      + " thresholds; see examples/grid.json. Required by grid; study's default is the embedded study,"
      + " examples/study.json")
  @Default.String("")
  String getSpec();

  void setSpec(String value);
}
