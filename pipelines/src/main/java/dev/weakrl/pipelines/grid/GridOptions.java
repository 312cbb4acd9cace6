package dev.weakrl.pipelines.grid;

import dev.weakrl.pipelines.recipe.RecipeOptions;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.Validation;

/**
 * Options of {@code ./weakrl grid}: the recipe's options (stage settings every cell shares, the
 * evaluation) plus the spec file that names the axes.
 */
public interface GridOptions extends RecipeOptions {
  @Description("Grid spec (JSON): base, cpt, sft, weak and seeds axes; see examples/grid.json")
  @Validation.Required
  String getSpec();

  void setSpec(String value);
}
