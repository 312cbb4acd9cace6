package dev.weakrl.datasets.verify;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.matheclipse.core.basic.Config;
import org.matheclipse.core.eval.EvalEngine;
import org.matheclipse.core.eval.ExprEvaluator;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.form.tex.TeXParser;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;

/**
 * Symbolic equivalence of two scalar LaTeX expressions through Symja (matheclipse-core): each is
 * parsed by Symja's TeX parser, checked against a whitelist of arithmetic and elementary-function
 * heads (so nothing but arithmetic is ever evaluated: no symbol defined, no file or program touched,
 * no huge power or factorial), and {@code Simplify[a - b]} decides: 0 is CORRECT, a difference that
 * is a nonzero number at sample points is INCORRECT, anything else UNDECIDED.
 *
 * <p>Symja starts slowly (about 2 s for its symbol tables), so it starts lazily, once, on the first
 * comparison the exact path cannot decide, outside that comparison's {@link #TIME_LIMIT}. All work
 * runs on one daemon thread; a comparison that outlives the limit is stopped and UNDECIDED, and a
 * thread that does not stop is abandoned for a fresh one.
 */
final class Cas {
  /** Per comparison, as Math-Verify has one; far above the milliseconds a real answer takes. */
  static final Duration TIME_LIMIT = Duration.ofSeconds(2);
  /** Symja's one-time start (symbol tables, rule sets). */
  private static final Duration START_LIMIT = Duration.ofSeconds(120);
  /** LaTeX longer than this is not given to the parser. */
  private static final int MAX_LENGTH = 300;
  private static final int MAX_LEAVES = 150;
  private static final int MAX_EXPONENT = 1000;
  private static final int MAX_NUMBER_DIGITS = 40;
  private static final double TOLERANCE = 1e-10;
  /** Where free variables are sampled when Simplify leaves a difference: generic points. */
  private static final double[][] SAMPLES = {{0.5772, 1.3247, 2.6854}, {1.6180, 0.3183, 0.7071}};
  private static final Set<String> HEADS = Set.of("Plus", "Times", "Power", "Sqrt", "Surd", "CubeRoot",
      "Sin", "Cos", "Tan", "Cot", "Sec", "Csc", "ArcSin", "ArcCos", "ArcTan", "ArcCot", "Sinh", "Cosh",
      "Tanh", "Log", "Log10", "Log2", "Exp", "Abs", "Factorial", "Rational", "Complex",
      "DirectedInfinity", "Equal", "Less", "LessEqual", "Greater", "GreaterEqual");
  /** {@code \\cos 2x}: TeX's parser would read cos(2)·x; an argument without brackets gets them. */
  private static final java.util.regex.Pattern BARE_ARGUMENT = java.util.regex.Pattern.compile(
      "(\\\\(?:sin|cos|tan|sec|csc|cot|sinh|cosh|tanh|ln|log)(?:\\^\\{?\\d+\\}?)?)\\s*([0-9]*[a-zA-Z]|[0-9]+)");
  private static final Set<String> CONSTANTS = Set.of("Pi", "E", "I", "Infinity", "ComplexInfinity", "Degree");

  private static ExecutorService worker;
  private static boolean started;
  private static volatile EvalEngine running;
  private static long startMillis = -1;
  private static final java.util.concurrent.atomic.AtomicLong CALLS = new java.util.concurrent.atomic.AtomicLong();

  private Cas() {}

  /** Starts Symja now if it has not started (a benchmark measures this); its cost in ms. */
  static synchronized long start() {
    if (!started) {
      long t0 = System.nanoTime();
      // the first comparisons run interpreted: warm the parser and Simplify outside any limit
      call(() -> sameValue(engine(), parse("\\sec^2 y"), parse("\\tan^2 y+1")), START_LIMIT);
      startMillis = (System.nanoTime() - t0) / 1_000_000;
      started = true;
    }
    return startMillis;
  }

  /** Whether {@code a} and {@code b} (normalised LaTeX) denote the same value or relation. */
  static Verdict equivalent(String a, String b) {
    if (a.length() > MAX_LENGTH || b.length() > MAX_LENGTH) {
      return Verdict.UNDECIDED;
    }
    return submit(() -> {
      ExprEvaluator ev = engine();
      IExpr x = parse(a);
      IExpr y = parse(b);
      if (x == null || y == null || relation(x) != relation(y)) {
        return Verdict.UNDECIDED;
      }
      return relation(x) ? sameRelation(ev, x, y) : sameValue(ev, x, y);
    }).orElse(Verdict.UNDECIDED);
  }

  /** The numeric value of a constant expression, or empty. */
  static OptionalDouble value(String a) {
    if (a.length() > MAX_LENGTH) {
      return OptionalDouble.empty();
    }
    Optional<Double> v = submit(() -> {
      ExprEvaluator ev = engine();
      IExpr x = parse(a);
      if (x == null || relation(x) || !variables(x).isEmpty()) {
        return null;
      }
      double d = ev.eval(F.N(x)).evalf();
      return Double.isFinite(d) ? d : null;
    });
    return v.isPresent() ? OptionalDouble.of(v.get()) : OptionalDouble.empty();
  }

  /** Comparisons and evaluations asked of the CAS so far (the benchmark tells the paths apart). */
  static long calls() {
    return CALLS.get();
  }

  private static <T> Optional<T> submit(Callable<T> task) {
    CALLS.incrementAndGet();
    synchronized (Cas.class) {
      start();
      return call(task, TIME_LIMIT);
    }
  }

  /** Runs {@code task} on the worker within {@code limit}; empty on time-out or any failure. */
  private static synchronized <T> Optional<T> call(Callable<T> task, Duration limit) {
    if (worker == null) {
      worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "weakrl-cas");
        t.setDaemon(true);
        return t;
      });
    }
    Future<T> f = worker.submit(task);
    try {
      return Optional.ofNullable(f.get(limit.toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      stop(f);
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop(f);
      return Optional.empty();
    } catch (Exception | StackOverflowError e) { // a parse or evaluation failure: cannot compare
      return Optional.empty();
    }
  }

  /** Asks Symja to stop; if the thread is still busy shortly after, leaves it for a new one. */
  private static void stop(Future<?> f) {
    EvalEngine e = running;
    if (e != null) {
      e.stopRequest();
    }
    f.cancel(true);
    Future<?> probe = worker.submit(() -> { });
    try {
      probe.get(200, TimeUnit.MILLISECONDS);
    } catch (Exception stuck) {
      worker.shutdownNow();
      worker = null;
      started = false; // the next thread starts Symja's engine outside a comparison's limit
    }
  }

  private static final ThreadLocal<ExprEvaluator> EVALUATOR = ThreadLocal.withInitial(() -> {
    // Symja logs through log4j-api; without a backend it prints its evaluation messages
    // ("Infinite expression 0^(-1)") to stderr on every comparison that meets one
    quietLogging("log4j2.loggerContextFactory", "org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
    quietLogging("org.apache.logging.log4j.simplelog.level", "OFF");
    quietLogging("org.apache.logging.log4j.simplelog.StatusLogger.level", "OFF");
    Config.FILESYSTEM_ENABLED = false;
    Config.MAX_BIT_LENGTH = 20_000;
    Config.MAX_POLYNOMIAL_DEGREE = 100;
    Config.MAX_AST_SIZE = 10_000;
    F.initSymbols();
    EvalEngine engine = new EvalEngine(false);
    // The engine also prints messages ("Power: Infinite expression 1/0 encountered.") to its own
    // streams, past log4j: a verdict needs none of them, and they landed in the recipe's summary.
    PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
    engine.setOutPrintStream(discard);
    engine.setErrorPrintStream(discard);
    engine.setRecursionLimit(256);
    engine.setIterationLimit(10_000);
    EvalEngine.set(engine);
    return new ExprEvaluator(engine, true, (short) 20);
  });

  private static void quietLogging(String property, String value) {
    if (System.getProperty(property) == null) {
      System.setProperty(property, value);
    }
  }

  private static ExprEvaluator engine() {
    ExprEvaluator ev = EVALUATOR.get();
    ev.getEvalEngine().setStopRequested(false);
    running = ev.getEvalEngine();
    return ev;
  }

  /** The parsed expression, or null when it fails to parse or leaves the whitelist. */
  private static IExpr parse(String tex) {
    IExpr x = new TeXParser().parse(BARE_ARGUMENT.matcher(tex).replaceAll("$1($2)"));
    return x != null && x.isPresent() && x.leafCount() <= MAX_LEAVES && allowed(x) ? x : null;
  }

  private static boolean allowed(IExpr x) {
    if (x.isNumber()) {
      return x.toString().length() <= MAX_NUMBER_DIGITS;
    }
    if (x.isSymbol()) {
      String name = name(x);
      return (name.length() == 1 && Character.isLetter(name.charAt(0))) || CONSTANTS.contains(name);
    }
    if (!x.isAST() || !x.head().isSymbol() || !HEADS.contains(name(x.head()))) {
      return false;
    }
    IAST ast = (IAST) x;
    String head = name(x.head());
    if ((head.equals("Power") || head.equals("Factorial")) && !small(ast.get(ast.size() - 1))) {
      return false; // 10^{10^{10}} or 1000000!: no exact evaluation ends in time
    }
    for (int i = 1; i < ast.size(); i++) {
      if (!allowed(ast.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** An exponent or factorial argument small enough to evaluate exactly. */
  private static boolean small(IExpr x) {
    if (x.isInteger()) {
      return x.toString().length() <= 4 && Math.abs(Long.parseLong(x.toString())) <= MAX_EXPONENT;
    }
    return !x.isAST("Power") && x.leafCount() <= 20; // x^{y^z} towers are not compared
  }

  /** A symbol's name as Symja prints it ({@code Power}, {@code x}); its internal name is lower case. */
  private static String name(IExpr symbol) {
    return symbol.toString();
  }

  private static boolean relation(IExpr x) {
    return x.isAST() && x.head().isSymbol() && Set.of("Equal", "Less", "LessEqual", "Greater",
        "GreaterEqual").contains(name(x.head()));
  }

  /** Same kind after turning {@code >} into {@code <}, and equal sides; equations also as a - b. */
  private static Verdict sameRelation(ExprEvaluator ev, IExpr x, IExpr y) {
    IAST a = flip((IAST) x);
    IAST b = flip((IAST) y);
    if (a.size() != 3 || b.size() != 3) {
      return Verdict.UNDECIDED;
    }
    String head = name(a.head());
    boolean sameKind = head.equals(name(b.head()));
    if (sameKind && sameValue(ev, a.get(1), b.get(1)) == Verdict.CORRECT
        && sameValue(ev, a.get(2), b.get(2)) == Verdict.CORRECT) {
      return Verdict.CORRECT;
    }
    if (sameKind && head.equals("Equal")) { // y = 2x + 1 and 2x - y + 1 = 0
      IExpr da = F.Subtract(a.get(1), a.get(2));
      IExpr db = F.Subtract(b.get(1), b.get(2));
      if (sameValue(ev, da, db) == Verdict.CORRECT || sameValue(ev, da, F.Negate(db)) == Verdict.CORRECT) {
        return Verdict.CORRECT;
      }
    }
    return Verdict.UNDECIDED; // 2x < 10 and x < 5: equivalent relations this does not prove
  }

  private static IAST flip(IAST r) {
    String head = name(r.head());
    if (r.size() != 3) {
      return r;
    }
    return switch (head) {
      case "Greater" -> F.Less(r.get(2), r.get(1));
      case "GreaterEqual" -> F.LessEqual(r.get(2), r.get(1));
      default -> r;
    };
  }

  private static Verdict sameValue(ExprEvaluator ev, IExpr x, IExpr y) {
    IExpr d = ev.eval(F.Simplify(F.Subtract(x, y)));
    if (d.isZero()) {
      return Verdict.CORRECT;
    }
    Set<IExpr> vars = variables(F.List(x, y));
    boolean differs = false;
    for (double[] point : SAMPLES) {
      IExpr n = ev.eval(F.N(at(d, vars, point)));
      IExpr size = ev.eval(F.N(F.Abs(at(x, vars, point))));
      if (!n.isNumber() || !size.isNumber()) {
        return Verdict.UNDECIDED;
      }
      differs |= ev.eval(F.Abs(n)).evalf() > TOLERANCE * (1 + size.evalf());
    }
    return differs ? Verdict.INCORRECT : Verdict.UNDECIDED; // equal at points but not proven
  }

  /** {@code e} with its variables set to the point's coordinates. */
  private static IExpr at(IExpr e, Set<IExpr> vars, double[] point) {
    if (vars.isEmpty()) {
      return e;
    }
    IExpr[] rules = new IExpr[vars.size()];
    int k = 0;
    for (IExpr v : vars) {
      rules[k] = F.Rule(v, F.num(point[k % point.length] + k / point.length));
      k++;
    }
    IExpr replaced = e.replaceAll(F.List(rules));
    return replaced.isPresent() ? replaced : e;
  }

  /** The free one-letter variables of an expression. */
  private static Set<IExpr> variables(IExpr x) {
    Set<IExpr> vars = new LinkedHashSet<>();
    collect(x, vars);
    return vars;
  }

  private static void collect(IExpr x, Set<IExpr> vars) {
    if (x.isSymbol()) {
      if (!CONSTANTS.contains(name(x)) && !x.isBuiltInSymbol()) {
        vars.add(x);
      }
    } else if (x.isAST()) {
      IAST ast = (IAST) x;
      for (int i = 1; i < ast.size(); i++) {
        collect(ast.get(i), vars);
      }
    }
  }
}
