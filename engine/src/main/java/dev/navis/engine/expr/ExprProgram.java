package dev.navis.engine.expr;

/** A parsed expr-lang expression, ready to run against an environment. */
final class ExprProgram {

  private ExprProgram() {}

  static ExprProgram compile(String expression) {
    throw new ExpressionException("expr-lang is not supported yet: '" + expression + "'");
  }

  Object run(ExprEnvironment env) {
    throw new ExpressionException("expr-lang is not supported yet");
  }
}
