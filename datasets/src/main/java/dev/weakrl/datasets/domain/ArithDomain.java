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
 * time ({@code = 7*5-2}, {@code = 35-2}, {@code = 33}); a step is valid when it keeps the value
 * and performs exactly one operation.
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
    Rational truth = previous.evaluate().orElseThrow();
    List<String> steps = Trace.steps(output);
    boolean allValid = true;
    Expr last = null;
    for (int i = 0; i < steps.size(); i++) {
      String line = steps.get(i).startsWith("=") ? steps.get(i).substring(1) : steps.get(i);
      Optional<Expr> step = Expr.parse(line);
      if (step.isEmpty() || step.get().evaluate().isEmpty()) {
        allValid = false;
        continue;
      }
      boolean keepsValue = step.get().evaluate().get().equals(truth);
      boolean restatesQuestion = i == 0 && step.get().operations() == previous.operations();
      boolean oneOperation = step.get().operations() == previous.operations() - 1;
      allValid &= keepsValue && (restatesQuestion || oneOperation);
      previous = step.get();
      last = step.get();
    }
    boolean complete = last != null && last.operations() == 0;
    Optional<Rational> boxed = Trace.answer(output).flatMap(Expr::parse).flatMap(Expr::evaluate);
    boolean follows = last != null && boxed.isPresent() && boxed.equals(last.evaluate());
    return Trace.score(!steps.isEmpty(), follows, allValid && complete);
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
