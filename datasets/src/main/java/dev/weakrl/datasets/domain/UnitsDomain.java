package dev.weakrl.datasets.domain;

import dev.weakrl.datasets.Problem;
import dev.weakrl.datasets.verify.Rational;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.BinaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code units}, the SCIENCE analogue: apply a formula (speed, density, work, kinetic energy,
 * power) to two quantities given in mixed units, answering exactly in a requested unit.
 * Difficulty L converts min(L-1, 3) of the three quantities out of SI. Steps convert each input
 * to SI ({@code d = 3 km = 3000 m}), apply the formula ({@code v = d/t = 3000/1200 = 5/2 m/s})
 * and convert the result; every number written for a quantity must equal its true value.
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
    List<String> steps = Trace.steps(output);
    boolean allValid = true;
    Set<String> covered = new HashSet<>();
    Optional<Rational> lastNumber = Optional.empty();
    for (String line : steps) {
      String[] terms = line.split("=");
      String quantity = terms[0].trim();
      Rational truth = t.si().get(quantity);
      if (truth == null || terms.length < 2) {
        allValid = false;
        continue;
      }
      covered.add(quantity);
      for (int i = 1; i < terms.length; i++) {
        String term = terms[i].trim();
        Unit unit = unitSuffix(term);
        String number = unit == null ? term : term.substring(0, term.length() - unit.name().length()).trim();
        if (number.matches(".*[A-Za-z].*")) {
          continue; // the formula written symbolically
        }
        Optional<Rational> value = Expr.parse(number).flatMap(Expr::evaluate);
        Rational factor = unit == null ? Rational.of(1) : unit.factor();
        allValid &= value.isPresent() && value.get().multiply(factor).equals(truth);
        lastNumber = value;
      }
    }
    allValid &= covered.containsAll(t.si().keySet());
    Optional<Rational> boxed = Trace.answer(output).flatMap(Expr::parse).flatMap(Expr::evaluate);
    boolean follows = boxed.isPresent() && boxed.equals(lastNumber);
    return Trace.score(!steps.isEmpty(), follows, allValid && boxed.equals(Optional.of(t.answer())));
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
