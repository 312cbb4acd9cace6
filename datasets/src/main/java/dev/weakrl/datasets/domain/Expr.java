package dev.weakrl.datasets.domain;

import dev.weakrl.datasets.verify.Rational;
import java.util.Optional;

/**
 * An arithmetic expression over exact rationals: numbers, {@code + - * /}, parentheses, unary
 * minus. Parsed by recursive descent (never executed as code); domains use it to check the steps
 * a model writes.
 */
public sealed interface Expr {
  record Num(Rational value) implements Expr {}

  record Neg(Expr inner) implements Expr {}

  record Bin(char op, Expr left, Expr right) implements Expr {}

  /** The exact value; empty on division by zero. */
  default Optional<Rational> evaluate() {
    try {
      return Optional.of(eval(this));
    } catch (ArithmeticException e) {
      return Optional.empty();
    }
  }

  /** Binary operations still to perform: each reduction step removes exactly one. */
  default int operations() {
    if (this instanceof Bin b) {
      return 1 + b.left().operations() + b.right().operations();
    }
    return this instanceof Neg n ? n.inner().operations() : 0;
  }

  private static Rational eval(Expr e) {
    if (e instanceof Num n) {
      return n.value();
    }
    if (e instanceof Neg n) {
      return eval(n.inner()).negate();
    }
    Bin b = (Bin) e;
    Rational l = eval(b.left());
    Rational r = eval(b.right());
    return switch (b.op()) {
      case '+' -> l.add(r);
      case '-' -> l.subtract(r);
      case '*' -> l.multiply(r);
      default -> l.divide(r);
    };
  }

  /** Parses {@code text} (spaces ignored); empty if it is not a well-formed expression. */
  static Optional<Expr> parse(String text) {
    Parser p = new Parser(text.replace(" ", ""));
    try {
      Expr e = p.sum();
      return p.pos == p.s.length() ? Optional.of(e) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** sum := product (('+'|'-') product)*; product := unary (('*'|'/') unary)*. */
  final class Parser {
    private final String s;
    private int pos;

    private Parser(String s) {
      this.s = s;
    }

    private Expr sum() {
      Expr e = product();
      while (peek() == '+' || peek() == '-') {
        char op = s.charAt(pos++);
        e = new Bin(op, e, product());
      }
      return e;
    }

    private Expr product() {
      Expr e = unary();
      while (peek() == '*' || peek() == '/') {
        char op = s.charAt(pos++);
        e = new Bin(op, e, unary());
      }
      return e;
    }

    private Expr unary() {
      if (peek() == '-') {
        pos++;
        return new Neg(unary());
      }
      if (peek() == '(') {
        pos++;
        Expr e = sum();
        if (peek() != ')') {
          throw new IllegalArgumentException("unclosed parenthesis");
        }
        pos++;
        return e;
      }
      int start = pos;
      while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '.')) {
        pos++;
      }
      if (start == pos) {
        throw new IllegalArgumentException("number expected at " + start);
      }
      try {
        return new Num(Rational.parseDecimal(s.substring(start, pos)));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad number", e);
      }
    }

    private char peek() {
      return pos < s.length() ? s.charAt(pos) : '\0';
    }
  }
}
