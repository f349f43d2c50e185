package org.labvault.dynamodb.expr;

import java.util.ArrayList;
import java.util.List;

/** Splits expression text into tokens; whitespace separates tokens and is dropped. */
final class Lexer {

  enum T {
    IDENT, NAME_REF, VALUE_REF, NUMBER,
    LPAREN, RPAREN, LBRACK, RBRACK, COMMA, DOT,
    EQ, NE, LT, LE, GT, GE, PLUS, MINUS,
    ILLEGAL, EOF
  }

  record Token(T type, String text, int start, int end) {
    boolean is(T t) {
      return type == t;
    }

    boolean isWord(String word) {
      return type == T.IDENT && text.equalsIgnoreCase(word);
    }
  }

  private Lexer() {}

  static List<Token> tokens(String text) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
        i++;
        continue;
      }
      int start = i;
      if (isIdentStart(c)) {
        while (i < n && isIdentPart(text.charAt(i))) {
          i++;
        }
        out.add(new Token(T.IDENT, text.substring(start, i), start, i));
      } else if (c >= '0' && c <= '9') {
        while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
          i++;
        }
        out.add(new Token(T.NUMBER, text.substring(start, i), start, i));
      } else if (c == '#' || c == ':') {
        i++;
        while (i < n && isIdentPart(text.charAt(i))) {
          i++;
        }
        T type = i == start + 1 ? T.ILLEGAL : c == '#' ? T.NAME_REF : T.VALUE_REF;
        out.add(new Token(type, text.substring(start, i), start, i));
      } else {
        T type;
        int len = 1;
        switch (c) {
          case '(' -> type = T.LPAREN;
          case ')' -> type = T.RPAREN;
          case '[' -> type = T.LBRACK;
          case ']' -> type = T.RBRACK;
          case ',' -> type = T.COMMA;
          case '.' -> type = T.DOT;
          case '=' -> type = T.EQ;
          case '+' -> type = T.PLUS;
          case '-' -> type = T.MINUS;
          case '<' -> {
            if (i + 1 < n && text.charAt(i + 1) == '=') {
              type = T.LE;
              len = 2;
            } else if (i + 1 < n && text.charAt(i + 1) == '>') {
              type = T.NE;
              len = 2;
            } else {
              type = T.LT;
            }
          }
          case '>' -> {
            if (i + 1 < n && text.charAt(i + 1) == '=') {
              type = T.GE;
              len = 2;
            } else {
              type = T.GT;
            }
          }
          default -> {
            type = T.ILLEGAL;
            len = Character.charCount(text.codePointAt(i));
          }
        }
        i += len;
        out.add(new Token(type, text.substring(start, i), start, i));
      }
    }
    out.add(new Token(T.EOF, "<EOF>", n, n));
    return out;
  }

  private static boolean isIdentStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  private static boolean isIdentPart(char c) {
    return isIdentStart(c) || (c >= '0' && c <= '9');
  }
}
