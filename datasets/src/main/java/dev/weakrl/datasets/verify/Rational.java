package dev.weakrl.datasets.verify;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;

/** An exact rational number in lowest terms with a positive denominator. */
public record Rational(BigInteger num, BigInteger den) implements Comparable<Rational>, Serializable {
  public static final Rational ZERO = of(0);

  public Rational {
    if (den.signum() == 0) {
      throw new ArithmeticException("division by zero");
    }
    if (den.signum() < 0) {
      num = num.negate();
      den = den.negate();
    }
    BigInteger g = num.gcd(den);
    if (!g.equals(BigInteger.ONE) && g.signum() != 0) {
      num = num.divide(g);
      den = den.divide(g);
    }
  }

  public static Rational of(long n) {
    return new Rational(BigInteger.valueOf(n), BigInteger.ONE);
  }

  public static Rational of(long n, long d) {
    return new Rational(BigInteger.valueOf(n), BigInteger.valueOf(d));
  }

  /** An exact decimal such as {@code -12.50} or {@code 3e-2}. */
  public static Rational parseDecimal(String text) {
    BigDecimal d = new BigDecimal(text);
    return d.scale() > 0
        ? new Rational(d.unscaledValue(), BigInteger.TEN.pow(d.scale()))
        : new Rational(d.toBigIntegerExact(), BigInteger.ONE);
  }

  public Rational add(Rational o) {
    return new Rational(num.multiply(o.den).add(o.num.multiply(den)), den.multiply(o.den));
  }

  public Rational subtract(Rational o) {
    return add(o.negate());
  }

  public Rational multiply(Rational o) {
    return new Rational(num.multiply(o.num), den.multiply(o.den));
  }

  public Rational divide(Rational o) {
    return new Rational(num.multiply(o.den), den.multiply(o.num));
  }

  public Rational negate() {
    return new Rational(num.negate(), den);
  }

  public boolean isInteger() {
    return den.equals(BigInteger.ONE);
  }

  @Override
  public int compareTo(Rational o) {
    return num.multiply(o.den).compareTo(o.num.multiply(den));
  }

  /** {@code 7}, {@code -5/2}: the form domains write in answers and steps. */
  @Override
  public String toString() {
    return isInteger() ? num.toString() : num + "/" + den;
  }
}
