package dev.weakrl.datasets.domain;

import dev.weakrl.datasets.Problem;
import dev.weakrl.datasets.verify.MathVerifier;
import dev.weakrl.datasets.verify.Verdict;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code lock}, a GRAPH analogue worded as the public quantum-lock test sets: the shortest button
 * sequence from a start number to a target, where a button acts only while the light is in its
 * state and every press toggles the light. Pressing a button whose light state does not hold is
 * not a valid move (so the public files' shortest answers are shortest). Any shortest valid
 * sequence is correct when the label is one (see {@link #verify}). Generated prompts write
 * {@code ->} where the public files write a Unicode arrow; both are read. Difficulty L needs L+2
 * presses. A step is {@code C: 0*2=0, green}: the button, the operation done and the light after
 * the press; other lines are prose, not steps.
 *
 * <p>Step checker ({@link Trace#score}): the answer's presses are matched, in order, with the
 * written steps. A step follows when its input is the value the step before it wrote (the
 * first: the start), its button is the answer's next press and is active in the light the step
 * before left (the first: the start's), the written operation is that button's, done right, and
 * the light toggles; a wrong result or light is a slip, carried on to the next step. Presses of
 * the answer that no step writes are a gap when replaying them from the last written state
 * reaches the next step's input (or, after the last step, the target). A step whose input or
 * button fits no press of the answer is unrelated, and then the answer is not derived. The
 * derivation has a gap too when its last step's value is not the target (unfinished).
 */
public final class LockDomain implements Domain {
  private static final Pattern START = Pattern.compile("Start: (-?\\d+) \\((red|green)\\)");
  private static final Pattern TARGET = Pattern.compile("Target: (-?\\d+)");
  private static final Pattern BUTTON =
      Pattern.compile("(?m)^([A-Z]): (Add|Subtract|Multiply) (\\d+) \\(when (any|red|green)\\)$");
  private static final Pattern STEP = Pattern.compile(
      "([A-Z]):\\s*(-?\\d{1,15})\\s*([+*-])\\s*(\\d{1,15})\\s*=\\s*(-?\\d{1,15}),?\\s*(red|green)");
  private static final int LIMIT = 10_000; // values beyond this are never on a short path
  private static final String[] OPERATIONS = {"Add", "Subtract", "Multiply"};
  private static final String[] STATES = {"any", "any", "red", "green"};

  record Button(char name, String operation, long value, String when) {
    boolean activeIn(boolean red) {
      return when.equals("any") || when.equals(red ? "red" : "green");
    }

    long apply(long x) {
      return switch (operation) {
        case "Add" -> x + value;
        case "Subtract" -> x - value;
        default -> x * value;
      };
    }

    char symbol() {
      return operation.equals("Add") ? '+' : operation.equals("Subtract") ? '-' : '*';
    }
  }

  record Lock(long start, boolean red, long target, List<Button> buttons) {
    /** One shortest sequence by breadth-first search (buttons tried in order), or empty. */
    Optional<List<Button>> shortest(int maxPresses) {
      record State(long value, boolean red) {}
      Map<State, State> parent = new HashMap<>();
      Map<State, Button> via = new HashMap<>();
      State first = new State(start, red);
      ArrayDeque<State> queue = new ArrayDeque<>(List.of(first));
      Map<State, Integer> depth = new HashMap<>(Map.of(first, 0));
      while (!queue.isEmpty()) {
        State s = queue.poll();
        if (s.value() == target) {
          List<Button> path = new ArrayList<>();
          for (State at = s; !at.equals(first); at = parent.get(at)) {
            path.add(0, via.get(at));
          }
          return Optional.of(path);
        }
        if (depth.get(s) == maxPresses) {
          continue;
        }
        for (Button b : buttons) {
          long v = b.apply(s.value());
          State next = new State(v, !s.red());
          if (b.activeIn(s.red()) && Math.abs(v) <= LIMIT && !depth.containsKey(next)) {
            depth.put(next, depth.get(s) + 1);
            parent.put(next, s);
            via.put(next, b);
            queue.add(next);
          }
        }
      }
      return Optional.empty();
    }
  }

  @Override
  public String name() {
    return "lock";
  }

  @Override
  public Problem generate(Random random, int difficulty) {
    int presses = difficulty + 2;
    while (true) {
      List<Button> buttons = new ArrayList<>();
      for (int i = 0; i < (difficulty < 3 ? 3 : 4); i++) {
        String op = OPERATIONS[random.nextInt(OPERATIONS.length)];
        buttons.add(new Button((char) ('A' + i), op, op.equals("Multiply") ? 2 : 1 + random.nextInt(3),
            STATES[random.nextInt(STATES.length)]));
      }
      // walk randomly, then keep the target only if no shorter sequence reaches it
      long value = 0;
      boolean red = true;
      for (int i = 0; i < presses; i++) {
        boolean lightIsRed = red;
        List<Button> active = buttons.stream().filter(b -> b.activeIn(lightIsRed)).toList();
        if (active.isEmpty()) {
          break;
        }
        value = active.get(random.nextInt(active.size())).apply(value);
        red = !red;
      }
      Lock lock = new Lock(0, true, value, buttons);
      if (lock.shortest(presses).map(List::size).orElse(-1) == presses) {
        String question = prompt(lock);
        return Problem.of("", name(), difficulty, question, solve(question).orElseThrow(), thinking(question));
      }
    }
  }

  static String prompt(Lock lock) {
    StringBuilder s = new StringBuilder("""
        In front of you are some buttons, a light, and a number. The light will toggle between red \
        and green whenever you press a button. Each button performs a mathematical operation to the \
        number, but the operation may depend on the state of the light.
        You must press the shortest correct sequence of buttons to reach the target value. Your \
        answer should be a sequence of buttons separated by '->', for example: A -> B -> C

        """);
    s.append("Start: ").append(lock.start()).append(lock.red() ? " (red)" : " (green)").append('\n');
    s.append("Target: ").append(lock.target()).append("\nButtons:");
    for (Button b : lock.buttons()) {
      s.append(String.format("\n%s: %s %d (when %s)", b.name(), b.operation(), b.value(), b.when()));
    }
    return s.toString();
  }

  @Override
  public Optional<String> solve(String question) {
    return lock(question).flatMap(l -> l.shortest(64)).map(LockDomain::sequence);
  }

  @Override
  public String thinking(String question) {
    Lock lock = lock(question).orElseThrow(() -> notMine(question));
    List<Button> path = lock.shortest(64).orElseThrow(() -> notMine(question));
    List<String> steps = new ArrayList<>();
    long value = lock.start();
    boolean red = lock.red();
    for (Button b : path) {
      steps.add(step(b, value, red));
      value = b.apply(value);
      red = !red;
    }
    return Trace.thinking(steps, sequence(path));
  }

  /**
   * Correct when the presses reach the target and no sequence is shorter, provided the label is
   * such a sequence too (then any shortest one is correct). A label that is not (a noisy label)
   * accepts only itself, arrows and spaces aside, so that corrupted labels reward what they say.
   */
  @Override
  public Verdict verify(String answer, Problem problem) {
    Lock lock = lock(problem.question()).orElseThrow(() -> notMine(problem.question()));
    int shortest = lock.shortest(64).map(List::size).orElse(-1);
    List<String> labels = MathVerifier.alternatives(problem.groundTruth());
    boolean correct = labels.stream().anyMatch(l -> reachesInPresses(l, lock, shortest))
        ? reachesInPresses(answer, lock, shortest)
        : labels.stream().map(LockDomain::normalised).anyMatch(normalised(answer)::equals);
    return correct ? Verdict.CORRECT : Verdict.INCORRECT;
  }

  /** Whether {@code answer}'s presses are all valid moves and reach the target in {@code n}. */
  private static boolean reachesInPresses(String answer, Lock lock, int n) {
    Optional<List<Button>> presses = presses(answer, lock);
    if (presses.isEmpty() || presses.get().size() != n) {
      return false;
    }
    long value = lock.start();
    boolean red = lock.red();
    for (Button b : presses.get()) {
      if (!b.activeIn(red)) {
        return false;
      }
      value = b.apply(value);
      red = !red;
    }
    return value == lock.target();
  }

  private static String normalised(String sequence) {
    return sequence.replace("\u2192", "->").replaceAll("\\s+", "");
  }

  @Override
  public double checkSteps(String output, Problem problem) {
    Lock lock = lock(problem.question()).orElseThrow(() -> notMine(problem.question()));
    Optional<List<Button>> boxed = Trace.answer(output).flatMap(a -> presses(a, lock));
    List<Button> answer = boxed.orElse(List.of());
    boolean related = boxed.isPresent();
    boolean flawless = true;
    int count = 0;
    int next = 0; // the answer's presses up to here are accounted for by the steps
    long value = lock.start(); // the state the last written step claims
    boolean red = lock.red();
    for (String line : Trace.steps(output)) {
      Matcher m = STEP.matcher(line);
      if (!m.matches()) {
        continue; // prose
      }
      count++;
      char name = m.group(1).charAt(0);
      long from = Long.parseLong(m.group(2));
      // presses the steps leave out (a gap) are replayed from the answer up to this one
      int k = next;
      long v = value;
      boolean r = red;
      while (k < answer.size() && !(answer.get(k).name() == name && v == from)) {
        v = answer.get(k).apply(v);
        r = !r;
        k++;
      }
      if (!related || k == answer.size()) {
        related = false; // not a press of the answer from the state before it
        continue;
      }
      Button b = answer.get(k);
      flawless &= k == next && b.activeIn(r) && m.group(3).charAt(0) == b.symbol()
          && Long.parseLong(m.group(4)) == b.value() && Long.parseLong(m.group(5)) == b.apply(from)
          && m.group(6).equals(r ? "green" : "red");
      value = Long.parseLong(m.group(5)); // go on from the state the step claims
      red = m.group(6).equals("red");
      next = k + 1;
    }
    if (related && next < answer.size()) { // the last presses left out: they must reach the target
      flawless = false;
      for (Button b : answer.subList(next, answer.size())) {
        value = b.apply(value);
      }
      related = value == lock.target();
    }
    flawless &= value == lock.target(); // else the derivation stops short of the target
    return Trace.score(count > 0, related, flawless);
  }

  @Override
  public String corpus(Random random, int chars) {
    StringBuilder text = new StringBuilder();
    while (text.length() < chars) {
      String op = OPERATIONS[random.nextInt(OPERATIONS.length)];
      Button b = new Button((char) ('A' + random.nextInt(4)), op, 1 + random.nextInt(3), STATES[random.nextInt(STATES.length)]);
      long value = random.nextInt(21) - 10;
      boolean red = random.nextBoolean();
      text.append(String.format("%s: %s %d (when %s), light %s: ", b.name(), op, b.value(), b.when(), red ? "red" : "green"));
      text.append(b.activeIn(red) ? step(b, value, red) : "inactive, cannot press").append('\n');
      if (random.nextInt(6) == 0) {
        text.append("Every press toggles the light. A button works only when the light matches.\n");
      }
    }
    return text.toString();
  }

  /** The step line for pressing {@code b} at {@code from} with the light {@code red} or not. */
  private static String step(Button b, long from, boolean red) {
    return String.format("%s: %d%s%d=%d, %s",
        b.name(), from, b.symbol(), b.value(), b.apply(from), red ? "green" : "red");
  }

  private static String sequence(List<Button> path) {
    return String.join(" -> ", path.stream().map(b -> String.valueOf(b.name())).toList());
  }

  /** Button letters separated by arrows ({@code ->} or Unicode), commas or spaces. */
  private static Optional<List<Button>> presses(String answer, Lock lock) {
    List<Button> presses = new ArrayList<>();
    for (String token : answer.replace("\u2192", " ").replace("->", " ").replace(",", " ").trim().split("\\s+")) {
      Optional<Button> b = token.length() == 1 ? button(lock, token.charAt(0)) : Optional.empty();
      if (b.isEmpty()) {
        return Optional.empty();
      }
      presses.add(b.get());
    }
    return Optional.of(presses);
  }

  private static Optional<Button> button(Lock lock, char name) {
    return lock.buttons().stream().filter(b -> b.name() == name).findFirst();
  }

  static Optional<Lock> lock(String question) {
    Matcher start = START.matcher(question);
    Matcher target = TARGET.matcher(question);
    Matcher button = BUTTON.matcher(question);
    if (!question.contains("shortest correct sequence of buttons") || !start.find() || !target.find()) {
      return Optional.empty();
    }
    List<Button> buttons = new ArrayList<>();
    while (button.find()) {
      buttons.add(new Button(button.group(1).charAt(0), button.group(2), Long.parseLong(button.group(3)), button.group(4)));
    }
    return buttons.isEmpty() ? Optional.empty() : Optional.of(new Lock(
        Long.parseLong(start.group(1)), start.group(2).equals("red"), Long.parseLong(target.group(1)), buttons));
  }
}
