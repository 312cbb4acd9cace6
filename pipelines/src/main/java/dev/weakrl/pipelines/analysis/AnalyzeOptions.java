package dev.weakrl.pipelines.analysis;

import dev.weakrl.pipelines.WeakrlOptions;
import dev.weakrl.study.analysis.ProbeSettings;
import dev.weakrl.study.analysis.Saturation;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/** Options of {@code ./weakrl analyze}. */
public interface AnalyzeOptions extends WeakrlOptions {
  @Description("Run directory to analyse (an --out of the stages and eval); overrides --out")
  @Default.String("")
  String getRun();

  void setRun(String value);

  @Description("Saturation threshold: t_sat is the first step <= T_eff with reward >= epsilon * max reward")
  @Default.Double(Saturation.DEFAULT_EPSILON)
  double getEpsilon();

  void setEpsilon(double value);

  @Description("Steps at the end excluded from the t_sat search: T_eff = T - tail (T = the last step)")
  @Default.Long(Saturation.DEFAULT_TAIL)
  long getTail();

  void setTail(long value);

  @Description("Regime 'rapid' when t_sat is below this step, else 'gradual'")
  @Default.Long(Saturation.DEFAULT_RAPID_BELOW)
  long getRapidBelow();

  void setRapidBelow(long value);

  @Description("Trailing moving-average window of the reward before t_sat is found (a step's mean reward is noisy); "
      + "1 = no smoothing")
  @Default.Integer(Saturation.DEFAULT_SMOOTH)
  int getSmooth();

  void setSmooth(int value);

  @Description("Evaluation summary column read as the benchmark metric M (avg_at_k, greedy_accuracy, pass_at_1, ...)")
  @Default.String("avg_at_k")
  String getMetric();

  void setMetric(String value);

  @Description("Training prompts sampled per probed checkpoint (faithfulness and diversity)")
  @Default.Integer(ProbeSettings.DEFAULT_PROMPTS)
  int getProbePrompts();

  void setProbePrompts(int value);

  @Description("Responses per prompt at each probed checkpoint (K)")
  @Default.Integer(ProbeSettings.DEFAULT_ROLLOUTS)
  int getProbeRollouts();

  void setProbeRollouts(int value);

  @Description("Checkpoints probed besides the pre-RL model (always probed): 'final' and/or RL step numbers, "
      + "comma-separated; empty for the pre-RL model only")
  @Default.String("final")
  String getProbeCheckpoints();

  void setProbeCheckpoints(String value);

  @Description("The n of distinct-n")
  @Default.Integer(ProbeSettings.DEFAULT_DISTINCT_N)
  int getDistinctN();

  void setDistinctN(int value);

  @Description("Seed of the probe's prompt choice and sampling")
  @Default.Long(0)
  long getProbeSeed();

  void setProbeSeed(long value);

  @Description("LLM judge: base URL of an OpenAI-compatible API (POST <url>/chat/completions); empty = the "
      + "procedural domains' step checkers and step signatures")
  @Default.String("")
  String getJudgeUrl();

  void setJudgeUrl(String value);

  @Description("LLM judge: model name")
  @Default.String("")
  String getJudgeModel();

  void setJudgeModel(String value);

  @Description("LLM judge: environment variable holding the API key (never logged; unset = no key sent)")
  @Default.String("OPENAI_API_KEY")
  String getJudgeKeyEnv();

  void setJudgeKeyEnv(String value);

  @Description("LLM judge: seconds per request before it times out (and is retried)")
  @Default.Integer(60)
  int getJudgeTimeoutSeconds();

  void setJudgeTimeoutSeconds(int value);

  @Description("LLM judge: attempts per request (timeouts, connection errors, HTTP 429 and 5xx are retried)")
  @Default.Integer(4)
  int getJudgeAttempts();

  void setJudgeAttempts(int value);

  @Description("LLM judge: reply cache directory; empty = <run>/analysis/judge-cache")
  @Default.String("")
  String getJudgeCache();

  void setJudgeCache(String value);
}
