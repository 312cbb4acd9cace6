package dev.weakrl.study.stages;

import ai.djl.ndarray.NDManager;
import dev.weakrl.common.Storage;
import dev.weakrl.datasets.Problem;
import dev.weakrl.datasets.domain.Domain;
import dev.weakrl.datasets.domain.Domains;
import dev.weakrl.datasets.verify.Answers;
import dev.weakrl.models.checkpoint.Checkpoint;
import dev.weakrl.models.generate.Generation;
import dev.weakrl.models.generate.Generator;
import dev.weakrl.models.generate.SamplingParams;
import dev.weakrl.models.nn.Llama;
import dev.weakrl.models.nn.LlamaConfig;
import dev.weakrl.models.tokenizer.CharTokenizer;
import dev.weakrl.models.tokenizer.ChatFormat;
import dev.weakrl.models.tokenizer.Tokenizer;
import dev.weakrl.models.tokenizer.Tokenizers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The embedded default model and the helpers the stages share: loading, saving, greedy accuracy. */
public final class Embedded {
  /** The model directory inside a training stage's directory. */
  public static final String MODEL = "model";

  private Embedded() {}

  /** The embedded default's tokenizer, which a pre-trained base starts with. */
  public static Tokenizer tokenizer() {
    return CharTokenizer.standard();
  }

  /** The tokenizer of the model in stage directory {@code stageDir}: what every later stage trains it with. */
  public static Tokenizer tokenizer(String stageDir) {
    return Tokenizers.load(Storage.resolve(stageDir, MODEL));
  }

  public static LlamaConfig config() {
    return LlamaConfig.tiny(tokenizer().vocabSize());
  }

  /** The checkpoint in {@code <stageDir>/model}. */
  public static Llama load(String stageDir, NDManager manager) {
    return Checkpoint.load(Storage.resolve(stageDir, MODEL), manager).model(manager);
  }

  public static void save(String stageDir, Llama model, Tokenizer tokenizer, String stage) {
    Checkpoint.save(Storage.resolve(stageDir, MODEL), model.config(), tokenizer, model.parameters(),
        dev.weakrl.common.Json.object().put("stage", stage));
  }

  /** Greedy decoding of each problem's prompt; 1 per response whose last box verifies, else 0. */
  public static double[] greedyCorrect(Llama model, Tokenizer tokenizer, Domain domain, List<Problem> problems,
      int maxNewTokens) {
    List<int[]> prompts = new ArrayList<>();
    problems.forEach(p -> prompts.add(ProblemPrompts.of(tokenizer, p)));
    List<Generation> out = Generator.generate(model, prompts, SamplingParams.greedy(maxNewTokens, tokenizer.stopIds()));
    double[] correct = new double[problems.size()];
    for (int i = 0; i < correct.length; i++) {
      Problem p = problems.get(i);
      correct[i] = Domains.grade(p, Answers.lastBoxed(ChatFormat.decode(tokenizer, out.get(i).tokens())).orElse(""))
          .reward();
    }
    return correct;
  }

  /**
   * The boxed answers of {@code samples} responses per problem at temperature 1, by problem id
   * (responses without a box are left out): what the model itself tends to answer.
   */
  public static Map<String, List<String>> sampledAnswers(Llama model, Tokenizer tokenizer, List<Problem> problems,
      int samples, int maxNewTokens, long seed) {
    List<int[]> prompts = new ArrayList<>();
    problems.forEach(p -> java.util.Collections.nCopies(samples, ProblemPrompts.of(tokenizer, p)).forEach(prompts::add));
    List<Generation> out = Generator.generate(model, prompts, SamplingParams.sample(1.0, maxNewTokens, seed, tokenizer.stopIds()));
    Map<String, List<String>> answers = new java.util.LinkedHashMap<>();
    for (int i = 0; i < out.size(); i++) {
      String id = problems.get(i / samples).id();
      List<String> list = answers.computeIfAbsent(id, k -> new ArrayList<>());
      Answers.lastBoxed(ChatFormat.decode(tokenizer, out.get(i).tokens())).ifPresent(list::add);
    }
    return answers;
  }

  public static double mean(double[] x) {
    return java.util.Arrays.stream(x).average().orElse(0);
  }
}
