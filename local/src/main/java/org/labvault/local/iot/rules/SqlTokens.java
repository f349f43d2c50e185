package org.labvault.local.iot.rules;

import java.util.ArrayList;
import java.util.List;

/** The tokens of an IoT SQL statement: words, 'strings', numbers and operators. */
final class SqlTokens {

  enum Kind { WORD, STRING, NUMBER, SYMBOL, END }

  record Token(Kind kind, String text, int at) {
    boolean is(String word) {
      return (kind == Kind.WORD || kind == Kind.SYMBOL) && text.equalsIgnoreCase(word);
    }

    @Override
    public String toString() {
      return kind == Kind.END ? "the end" : "'" + text + "'";
    }
  }

  private final List<Token> tokens;
  private int next;

  private SqlTokens(List<Token> tokens) {
    this.tokens = tokens;
  }

  /** @throws UnsupportedSqlException for a character that starts no token */
  static SqlTokens of(String sql) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (Character.isLetter(c) || c == '_') {
        int start = i;
        while (i < sql.length() && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
          i++;
        }
        out.add(new Token(Kind.WORD, sql.substring(start, i), start));
      } else if (Character.isDigit(c) || (c == '-' && i + 1 < sql.length() && Character.isDigit(sql.charAt(i + 1)))) {
        int start = i++;
        while (i < sql.length() && (Character.isDigit(sql.charAt(i)) || sql.charAt(i) == '.')) {
          i++;
        }
        out.add(new Token(Kind.NUMBER, sql.substring(start, i), start));
      } else if (c == '\'') {
        int start = i++;
        StringBuilder text = new StringBuilder();
        while (true) {
          if (i >= sql.length()) {
            throw new UnsupportedSqlException("the string literal at " + start + " is not closed");
          }
          char s = sql.charAt(i++);
          if (s == '\'') {
            if (i < sql.length() && sql.charAt(i) == '\'') { // '' is a quote inside the literal
              text.append('\'');
              i++;
              continue;
            }
            break;
          }
          text.append(s);
        }
        out.add(new Token(Kind.STRING, text.toString(), start));
      } else {
        String two = i + 1 < sql.length() ? sql.substring(i, i + 2) : "";
        if (two.equals("<>") || two.equals("!=") || two.equals("<=") || two.equals(">=")) {
          out.add(new Token(Kind.SYMBOL, two, i));
          i += 2;
        } else if ("*,().=<>".indexOf(c) >= 0) {
          out.add(new Token(Kind.SYMBOL, String.valueOf(c), i));
          i++;
        } else {
          throw new UnsupportedSqlException("'" + c + "' at " + i + " is not supported by the local stack");
        }
      }
    }
    out.add(new Token(Kind.END, "", sql.length()));
    return new SqlTokens(out);
  }

  Token peek() {
    return tokens.get(next);
  }

  Token peek(int ahead) {
    return tokens.get(Math.min(next + ahead, tokens.size() - 1));
  }

  Token take() {
    Token t = tokens.get(next);
    if (t.kind() != Kind.END) {
      next++;
    }
    return t;
  }

  boolean takeIf(String word) {
    if (peek().is(word)) {
      next++;
      return true;
    }
    return false;
  }

  Token expect(String word) {
    Token t = take();
    if (!t.is(word)) {
      throw new UnsupportedSqlException("expected " + word + " at " + t.at() + ", found " + t);
    }
    return t;
  }
}
