package dev.weakrl.datasets.domain;

import dev.weakrl.datasets.Problem;
import dev.weakrl.datasets.verify.Rational;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.BinaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code units}, the SCIENCE analogue: apply a formula (speed, density, work, kinetic energy,
 * power) to two quantities given in mixed units, answering exactly in a requested unit.
 * Difficulty L converts min(L-1, 3) of the three quantities out of SI. Steps convert each input
 * to SI ({@code d = 3 km = 3000 m}), apply the formula ({@code v = d/t = 3000/1200 = 5/2 m/s})
 * and convert the result ({@code v = 5/2 m/s = 9 km/h}); lines that do not start with one of
 * the formula's quantities are prose, not steps.
 *
 * <p>Step checker ({@link Trace#score}): each number written for a quantity (in the unit written,
 * else SI) is compared with the one before it: the previous number on its line, else the
 * quantity's value as last written (at first, the given value), or, for the result not yet
 * computed, the formula applied to the inputs as last written (a wrong input carries). It
 * follows when it is equal in SI, in a unit of the quantity's dimension; otherwise it is a slip
 * (a wrong conversion or calculation), except that a plain number restated in the same unit with
 * another value ({@code d = 5 km} when given 3 km) contradicts it: unrelated, and then the
 * answer is not derived. A symbolic term must be the formula. There is a gap when the formula
 * uses an input given in another unit before a line converts it to SI, or when the last value is
 * not in the asked unit. The answer (in the asked unit unless it names one) must be the final
 * line's result, as written or converted, and that line must be about the asked quantity.
 */
public final class UnitsDomain implements Domain {
  private record Unit(String name, String dimension, Rational factor) {}

  private record Formula(String result, String expression, String a, String dimA, String b,
      String dimB, String dimResult, BinaryOperator<Rational> apply) {}

  private static final Map<String, Unit> UNITS = new LinkedHashMap<>();
  private static final Map<String, String> SI = new HashMap<>();

  static {
    unit("length", "m", 1, 1); unit("length", "km", 1000, 1); unit("length", "cm", 1, 100);
    unit("time", "s", 1, 1); unit("time", "min", 60, 1); unit("time", "h", 3600, 1);
    unit("mass", "kg", 1, 1); unit("mass", "g", 1, 1000);
    unit("volume", "m^3", 1, 1); unit("volume", "L", 1, 1000); unit("volume", "cm^3", 1, 1_000_000);
    unit("force", "N", 1, 1);
    unit("energy", "J", 1, 1); unit("energy", "kJ", 1000, 1);
    unit("speed", "m/s", 1, 1); unit("speed", "km/h", 5, 18);
    unit("density", "kg/m^3", 1, 1); unit("density", "g/cm^3", 1000, 1);
    unit("power", "W", 1, 1); unit("power", "kW", 1000, 1);
  }

  private static final Rational HALF = Rational.of(1, 2);
  private static final List<Formula> FORMULAS = List.of(
      new Formula("v", "d/t", "d", "length", "t", "time", "speed", Rational::divide),
      new Formula("rho", "m/V", "m", "mass", "V", "volume", "density", Rational::divide),
      new Formula("W", "F*s", "F", "force", "s", "length", "energy", Rational::multiply),
      new Formula("E", "m*v*v/2", "m", "mass", "v", "speed", "energy",
          (m, v) -> m.multiply(v).multiply(v).multiply(HALF)),
      new Formula("P", "E/t", "E", "energy", "t", "time", "power", Rational::divide));

  private static final Pattern PROMPT = Pattern.compile(
      "Given (\\w+) = (\\d+) (\\S+) and (\\w+) = (\\d+) (\\S+), find (\\w+) = (\\S+) in (\\S+)\\.");

  private static void unit(String dimension, String name, long num, long den) {
    UNITS.put(name, new Unit(name, dimension, Rational.of(num, den)));
    SI.putIfAbsent(dimension, name);
  }

  @Override
  public String name() {
    return "units";
  }

  @Override
  public Problem generate(Random random, int difficulty) {
    Formula f = FORMULAS.get(random.nextInt(FORMULAS.size()));
    int nonSi = Math.min(difficulty - 1, 3);
    List<Boolean> convert = new ArrayList<>(List.of(false, false, false));
    for (int placed = 0; placed < nonSi; ) {
      int i = random.nextInt(3);
      if (!convert.get(i)) {
        convert.set(i, true);
        placed++;
      }
    }
    String unitA = pick(random, f.dimA(), convert.get(0));
    String unitB = pick(random, f.dimB(), convert.get(1));
    String unitOut = pick(random, f.dimResult(), convert.get(2));
    int a = 1 + random.nextInt(4 * difficulty + 5);
    int b = 1 + random.nextInt(4 * difficulty + 5);
    String question = String.format("Given %s = %d %s and %s = %d %s, find %s = %s in %s.",
        f.a(), a, unitA, f.b(), b, unitB, f.result(), f.expression(), unitOut);
    return Problem.of("", name(), difficulty, question, solve(question).orElseThrow(), thinking(question));
  }

  /** A non-SI unit of the dimension when asked and one exists, else the SI unit. */
  private static String pick(Random random, String dimension, boolean nonSi) {
    List<String> others = UNITS.values().stream()
        .filter(u -> u.dimension().equals(dimension) && !u.name().equals(SI.get(dimension)))
        .map(Unit::name).toList();
    return nonSi && !others.isEmpty() ? others.get(random.nextInt(others.size())) : SI.get(dimension);
  }

  /** A parsed prompt: the formula, each quantity's SI value and the answer unit. */
  private record Task(Formula formula, Map<String, Rational> si, Map<String, String> given, Unit out) {
    Rational answer() {
      return si.get(formula.result()).divide(out.factor());
    }
  }

  private static Optional<Task> task(String question) {
    Matcher m = PROMPT.matcher(question.trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    Optional<Formula> formula = FORMULAS.stream()
        .filter(f -> f.result().equals(m.group(7)) && f.expression().equals(m.group(8))
            && f.a().equals(m.group(1)) && f.b().equals(m.group(4)))
        .findFirst();
    Unit ua = UNITS.get(m.group(3));
    Unit ub = UNITS.get(m.group(6));
    Unit out = UNITS.get(m.group(9));
    if (formula.isEmpty() || ua == null || ub == null || out == null
        || !ua.dimension().equals(formula.get().dimA()) || !ub.dimension().equals(formula.get().dimB())
        || !out.dimension().equals(formula.get().dimResult())) {
      return Optional.empty();
    }
    Formula f = formula.get();
    Rational a = Rational.parseDecimal(m.group(2)).multiply(ua.factor());
    Rational b = Rational.parseDecimal(m.group(5)).multiply(ub.factor());
    Map<String, Rational> si = new LinkedHashMap<>();
    si.put(f.a(), a);
    si.put(f.b(), b);
    si.put(f.result(), f.apply().apply(a, b));
    Map<String, String> given = Map.of(f.a(), m.group(2) + " " + ua.name(), f.b(), m.group(5) + " " + ub.name());
    return Optional.of(new Task(f, si, given, out));
  }

  @Override
  public Optional<String> solve(String question) {
    return task(question).map(t -> t.answer().toString());
  }

  @Override
  public String thinking(String question) {
    Task t = task(question).orElseThrow(() -> notMine(question));
    Formula f = t.formula();
    List<String> steps = new ArrayList<>();
    for (String q : List.of(f.a(), f.b())) {
      String si = SI.get(q.equals(f.a()) ? f.dimA() : f.dimB());
      String given = t.given().get(q);
      steps.add(given.endsWith(" " + si) ? q + " = " + given
          : q + " = " + given + " = " + t.si().get(q) + " " + si);
    }
    String substituted = f.expression().replace(f.a(), operand(t.si().get(f.a())))
        .replace(f.b(), operand(t.si().get(f.b())));
    String siResult = SI.get(f.dimResult());
    steps.add(String.format("%s = %s = %s = %s %s", f.result(), f.expression(), substituted,
        t.si().get(f.result()), siResult));
    if (!t.out().name().equals(siResult)) {
      steps.add(String.format("%s = %s %s = %s %s", f.result(), t.si().get(f.result()), siResult,
          t.answer(), t.out().name()));
    }
    return Trace.thinking(steps, t.answer().toString());
  }

  /** A value inside a formula: fractions in parentheses so that {@code d/t} stays right. */
  private static String operand(Rational value) {
    return value.isInteger() ? value.toString() : "(" + value + ")";
  }

  @Override
  public double checkSteps(String output, Problem problem) {
    Task t = task(problem.question()).orElseThrow(() -> notMine(problem.question()));
    Formula f = t.formula();
    Map<String, Unit> siOf = Map.of(f.a(), siUnit(f.dimA()), f.b(), siUnit(f.dimB()),
        f.result(), siUnit(f.dimResult()));
    Map<String, Term> last = new HashMap<>(); // each quantity as last written: first the given
    for (String q : List.of(f.a(), f.b())) {
      last.put(q, term(t.given().get(q), siOf.get(q)).orElseThrow());
    }
    int count = 0;
    boolean related = true;
    boolean flawless = true;
    String finalQuantity = null;
    Term result = null;
    for (String line : Trace.steps(output)) {
      String[] terms = line.split("=");
      String q = terms[0].trim();
      if (terms.length < 2 || !siOf.containsKey(q)) {
        continue; // prose
      }
      count++;
      Term before = last.get(q); // null: the result, still to be computed by the formula
      for (int i = 1; i < terms.length; i++) {
        String text = terms[i].trim();
        Optional<Term> term = term(text, siOf.get(q));
        if (term.isEmpty()) { // the formula written symbolically
          flawless &= q.equals(f.result()) && text.replace(" ", "").equals(f.expression());
          continue;
        }
        Term now = term.get();
        Optional<Rational> expected = before != null ? Optional.of(before.si())
            : applied(f, last.get(f.a()).si(), last.get(f.b()).si());
        if (before == null) { // an input given in another unit must be converted before use
          flawless &= last.get(f.a()).inSi() && last.get(f.b()).inSi();
        }
        boolean same = expected.equals(Optional.of(now.si()));
        flawless &= same && now.unit().dimension().equals(siOf.get(q).dimension());
        // a plain number restated in its own unit with another value contradicts it
        related &= same || before == null || !before.literal() || !before.unit().equals(now.unit());
        before = now;
        last.put(q, now);
        finalQuantity = q;
        result = now;
      }
    }
    flawless &= result != null && result.unit().equals(t.out()); // else not yet in the asked unit
    Optional<Term> boxed = Trace.answer(output).flatMap(a -> term(a, t.out()));
    boolean derived = related && f.result().equals(finalQuantity) && boxed.isPresent()
        && (boxed.get().number().equals(result.number()) || boxed.get().si().equals(result.si()));
    return Trace.score(count > 0, derived, flawless);
  }

  /**
   * A number in a step or answer: its value as written, its unit ({@code orElse} when none is
   * written) and whether it is a plain number rather than a calculation.
   */
  private record Term(Rational number, Unit unit, boolean literal) {
    Rational si() {
      return number.multiply(unit.factor());
    }

    boolean inSi() {
      return unit.name().equals(SI.get(unit.dimension()));
    }
  }

  /** {@code 3000/1200}, {@code 5/2 m/s}: empty when the text is not a number and a unit. */
  private static Optional<Term> term(String text, Unit orElse) {
    Unit unit = unitSuffix(text);
    String number =
        unit == null ? text : text.substring(0, text.length() - unit.name().length()).trim();
    Optional<Expr> e = Expr.parse(number);
    Optional<Rational> value = e.flatMap(Expr::evaluate);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    boolean literal =
        e.get().operations() == 0 || number.replace(" ", "").equals(value.get().toString());
    return Optional.of(new Term(value.get(), unit == null ? orElse : unit, literal));
  }

  /** The formula on SI values; empty when a written input of 0 divides. */
  private static Optional<Rational> applied(Formula f, Rational a, Rational b) {
    try {
      return Optional.of(f.apply().apply(a, b));
    } catch (ArithmeticException e) {
      return Optional.empty();
    }
  }

  private static Unit siUnit(String dimension) {
    return UNITS.get(SI.get(dimension));
  }

  /** The unit a term ends with (the longest match), or null. */
  private static Unit unitSuffix(String term) {
    Unit best = null;
    for (Unit u : UNITS.values()) {
      if (term.endsWith(" " + u.name()) && (best == null || u.name().length() > best.name().length())) {
        best = u;
      }
    }
    return best;
  }

  @Override
  public String corpus(Random random, int chars) {
    StringBuilder text = new StringBuilder();
    List<Unit> units = List.copyOf(UNITS.values());
    while (text.length() < chars) {
      Unit u = units.get(random.nextInt(units.size()));
      int n = 1 + random.nextInt(20);
      String si = SI.get(u.dimension());
      text.append(String.format("%d %s = %s %s (%s)\n", n, u.name(), Rational.of(n).multiply(u.factor()), si, u.dimension()));
      if (random.nextInt(5) == 0) {
        Formula f = FORMULAS.get(random.nextInt(FORMULAS.size()));
        text.append(String.format("%s = %s: %s from %s and %s\n", f.result(), f.expression(), f.dimResult(), f.dimA(), f.dimB()));
      }
    }
    return text.toString();
  }
}
