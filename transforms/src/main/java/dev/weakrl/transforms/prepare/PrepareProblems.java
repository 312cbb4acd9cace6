package dev.weakrl.transforms.prepare;

import dev.weakrl.datasets.Problem;
import dev.weakrl.datasets.weak.WeakVariant;
import dev.weakrl.models.tokenizer.CharTokenizer;
import dev.weakrl.models.tokenizer.Tokenizer;
import dev.weakrl.study.prepare.TokenCounts;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * Problems into training sets: token counts added to each problem (in parallel), then every
 * weak-supervision variant built from the whole set (one variant per work item, since scarce
 * and noisy choose among all problems). Outputs (variant name, problem).
 */
public final class PrepareProblems extends PTransform<PCollection<Problem>, PCollection<KV<String, Problem>>> {
  private final List<WeakVariant> variants;
  private final int scarceBatch;
  private final long seed;

  public PrepareProblems(List<WeakVariant> variants, int scarceBatch, long seed) {
    this.variants = List.copyOf(variants);
    this.scarceBatch = scarceBatch;
    this.seed = seed;
  }

  @Override
  public PCollection<KV<String, Problem>> expand(PCollection<Problem> problems) {
    PCollectionView<List<Problem>> all = problems
        .apply("CountTokens", ParDo.of(new CountTokens())).setCoder(ProblemCoder.of())
        .apply("AllProblems", View.asList());
    return problems.getPipeline()
        .apply("Variants", Create.of(variants).withCoder(SerializableCoder.of(WeakVariant.class)))
        .apply("BuildVariants", ParDo.of(new BuildVariant(all, scarceBatch, seed)).withSideInputs(all))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), ProblemCoder.of()));
  }

  /** The embedded models' character tokenizer: what the recipe trains on these problems. */
  static final class CountTokens extends DoFn<Problem, Problem> {
    private transient Tokenizer tokenizer;

    @Setup
    public void setup() {
      tokenizer = CharTokenizer.standard();
    }

    @ProcessElement
    public void process(@Element Problem problem, OutputReceiver<Problem> out) {
      out.output(TokenCounts.annotate(tokenizer, problem));
    }
  }

  static final class BuildVariant extends DoFn<WeakVariant, KV<String, Problem>> {
    private final PCollectionView<List<Problem>> all;
    private final int scarceBatch;
    private final long seed;

    BuildVariant(PCollectionView<List<Problem>> all, int scarceBatch, long seed) {
      this.all = all;
      this.scarceBatch = scarceBatch;
      this.seed = seed;
    }

    @ProcessElement
    public void process(@Element WeakVariant variant, ProcessContext c) {
      // A side input's order is the runner's: sort so that a seed always picks the same problems.
      List<Problem> problems = new ArrayList<>(c.sideInput(all));
      if (problems.isEmpty()) {
        return; // every row rejected: the stage's completion step fails naming the rejects
      }
      problems.sort(Comparator.comparing(Problem::id));
      for (Problem p : variant.build(problems, scarceBatch, seed)) {
        c.output(KV.of(variant.name(), p));
      }
    }
  }
}
