package dev.weakrl.datasets.domain;

import dev.weakrl.datasets.Problem;
import dev.weakrl.datasets.verify.Rational;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code arith}, the MATH analogue: integer expressions with {@code + - *} and parentheses;
 * difficulty L has L+1 operations. The thinking trace rewrites the expression one operation at a
 * time ({@code = 7*5-2}, {@code = 35-2}, {@code = 33}), one step per line or chained with
 * {@code =} on one line; lines that are not expressions are prose, not steps.
 *
 * <p>Step checker ({@link Trace#score}): each step is compared with the one written before it
 * (the first with the question's expression). It follows when it restates it (operands of
 * {@code +} and {@code *} may swap) or performs one operation whose operands are numbers, with
 * the right result. It has a slip or a gap when it writes sub-expressions of its predecessor as
 * numbers otherwise: a wrong result, or several operations at once. It is unrelated when it is
 * not its predecessor with sub-expressions written as numbers (another expression, or a number
 * turned into a different number), and then the answer is not derived. The answer must be the
 * value of the last step, which must be a number (else the derivation is unfinished: a gap).
 */
public final class ArithDomain implements Domain {
  private static final Pattern PROMPT = Pattern.compile("Compute: ([0-9+\\-*() ]+)");
  private static final String OPS = "+-*";

  @Override
  public String name() {
    return "arith";
  }

  @Override
  public Problem generate(Random random, int difficulty) {
    String expression = render(tree(random, difficulty + 1), 0, false);
    String question = "Compute: " + expression;
    return Problem.of("", name(), difficulty, question, solve(question).orElseThrow(), thinking(question));
  }

  @Override
  public Optional<String> solve(String question) {
    return expression(question).flatMap(Expr::evaluate).map(Rational::toString);
  }

  @Override
  public String thinking(String question) {
    Expr e = expression(question).orElseThrow(() -> notMine(question));
    List<String> steps = new ArrayList<>(List.of(render(e, 0, false)));
    while (e.operations() > 0) {
      e = reduceFirst(e);
      steps.add("= " + render(e, 0, false));
    }
    return Trace.thinking(steps, solve(question).orElseThrow());
  }

  @Override
  public double checkSteps(String output, Problem problem) {
    Expr previous = expression(problem.question()).orElseThrow(() -> notMine(problem.question()));
    int count = 0;
    boolean related = true;
    boolean flawless = true;
    for (String line : Trace.steps(output)) {
      for (Expr step : terms(line)) {
        count++;
        List<Reduction> reductions = new ArrayList<>();
        if (!reduces(previous, step, reductions)) {
          related = false;
        }
        boolean oneOperation = reductions.size() == 1 && reductions.get(0).from().operations() == 1
            && reductions.get(0).right();
        flawless &= reductions.isEmpty() || oneOperation;
        previous = step;
      }
    }
    flawless &= previous.operations() == 0; // else the derivation stops before a number
    Optional<Rational> boxed = Trace.answer(output).flatMap(Expr::parse).flatMap(Expr::evaluate);
    boolean derived = related && boxed.isPresent() && boxed.equals(previous.evaluate());
    return Trace.score(count > 0, derived, flawless);
  }

  /** A sub-expression of a step that the next step writes as a number. */
  private record Reduction(Expr from, Expr.Num to) {
    boolean right() {
      return from.evaluate().equals(Optional.of(to.value()));
    }
  }

  /**
   * The expressions of a step line ({@code = 7*5-2}, or a chain {@code a = b = c}); none when
   * some term is not an expression, so that prose is not a step.
   */
  private static List<Expr> terms(String line) {
    List<Expr> terms = new ArrayList<>();
    for (String term : line.split("=")) {
      if (!term.isBlank()) {
        Optional<Expr> e = Expr.parse(term.trim());
        if (e.isEmpty()) {
          return List.of();
        }
        terms.add(e.get());
      }
    }
    return terms;
  }

  /**
   * Whether {@code to} is {@code from} with some sub-expressions (each with an operation) written
   * as numbers, right or wrong, collected in {@code reductions}; operands of {@code +} and
   * {@code *} may swap. A number that turns into another number is not a reduction.
   */
  private static boolean reduces(Expr from, Expr to, List<Reduction> reductions) {
    from = signed(from);
    to = signed(to);
    if (from.equals(to)) {
      return true;
    }
    if (to.operations() > from.operations()) {
      return false; // a reduction never adds operations; this also keeps the swaps cheap
    }
    if (to instanceof Expr.Num n && from.operations() > 0) {
      reductions.add(new Reduction(from, n));
      return true;
    }
    if (from instanceof Expr.Neg f && to instanceof Expr.Neg t) {
      return reduces(f.inner(), t.inner(), reductions);
    }
    if (from instanceof Expr.Bin f && to instanceof Expr.Bin t && f.op() == t.op()) {
      List<Reduction> kept = new ArrayList<>();
      if (reduces(f.left(), t.left(), kept) && reduces(f.right(), t.right(), kept)) {
        reductions.addAll(kept);
        return true;
      }
      kept.clear();
      boolean commutes = f.op() == '+' || f.op() == '*';
      if (commutes && reduces(f.left(), t.right(), kept) && reduces(f.right(), t.left(), kept)) {
        reductions.addAll(kept);
        return true;
      }
    }
    return false;
  }

  /** {@code -5} parses as a negated number; as a step's result it is the number -5. */
  private static Expr signed(Expr e) {
    return e instanceof Expr.Neg n && signed(n.inner()) instanceof Expr.Num m
        ? new Expr.Num(m.value().negate()) : e;
  }

  @Override
  public String corpus(Random random, int chars) {
    StringBuilder text = new StringBuilder();
    while (text.length() < chars) {
      int a = random.nextInt(20);
      int b = random.nextInt(20);
      char op = OPS.charAt(random.nextInt(OPS.length()));
      Expr fact = new Expr.Bin(op, num(a), num(b));
      text.append(render(fact, 0, false)).append(" = ").append(fact.evaluate().orElseThrow());
      text.append(random.nextInt(8) == 0 ? ".\nMultiplication comes before addition and subtraction.\n" : "\n");
    }
    return text.toString();
  }

  private static Optional<Expr> expression(String question) {
    Matcher m = PROMPT.matcher(question.trim());
    return m.matches() ? Expr.parse(m.group(1)) : Optional.empty();
  }

  /** A random tree with {@code operations} binary operations over digits 1..9. */
  private static Expr tree(Random random, int operations) {
    if (operations == 0) {
      return num(1 + random.nextInt(9));
    }
    int left = random.nextInt(operations);
    char op = OPS.charAt(random.nextInt(OPS.length()));
    return new Expr.Bin(op, tree(random, left), tree(random, operations - 1 - left));
  }

  /** Performs the first operation (post-order) whose operands are both numbers. */
  private static Expr reduceFirst(Expr e) {
    if (e instanceof Expr.Bin b) {
      if (b.left().operations() > 0) {
        return new Expr.Bin(b.op(), reduceFirst(b.left()), b.right());
      }
      if (b.right().operations() > 0) {
        return new Expr.Bin(b.op(), b.left(), reduceFirst(b.right()));
      }
      return new Expr.Num(b.evaluate().orElseThrow());
    }
    return e;
  }

  private static int precedence(char op) {
    return op == '*' || op == '/' ? 2 : 1;
  }

  /** Minimal parentheses: a child binds looser than its parent, or is a non-associative right. */
  private static String render(Expr e, int parentPrecedence, boolean rightOfNonAssociative) {
    if (e instanceof Expr.Num n) {
      String s = n.value().toString();
      return s.startsWith("-") && parentPrecedence > 0 ? "(" + s + ")" : s;
    }
    if (e instanceof Expr.Neg n) {
      return "(-" + render(n.inner(), 3, false) + ")";
    }
    Expr.Bin b = (Expr.Bin) e;
    int p = precedence(b.op());
    String s = render(b.left(), p, false) + b.op() + render(b.right(), p, b.op() == '-' || b.op() == '/');
    boolean parens = p < parentPrecedence || (p == parentPrecedence && rightOfNonAssociative);
    return parens ? "(" + s + ")" : s;
  }

  private static Expr num(long n) {
    return new Expr.Num(Rational.of(n));
  }
}
