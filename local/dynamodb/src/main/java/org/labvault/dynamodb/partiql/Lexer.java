package org.labvault.dynamodb.partiql;

import java.util.ArrayList;
import java.util.List;

/** Splits a PartiQL statement into tokens: words, "quoted identifiers", 'strings', numbers, ? and symbols. */
final class Lexer {

  enum Type { WORD, QUOTED, STRING, NUMBER, PARAM, SYMBOL, END }

  record Token(Type type, String text, int position) {

    boolean is(String symbolOrKeyword) {
      return (type == Type.SYMBOL || type == Type.WORD) && text.equalsIgnoreCase(symbolOrKeyword);
    }

    String describe() {
      return switch (type) {
        case END -> "end of statement";
        case STRING -> "'" + text + "'";
        case QUOTED -> "\"" + text + "\"";
        default -> text;
      };
    }
  }

  private static final String[] SYMBOLS = {"<<", ">>", "<>", "!=", "<=", ">=", "||", "*", ",", ".", "(", ")", "[", "]",
      "{", "}", ":", "=", "<", ">", "+", "-", "/", "%", ";"};

  private Lexer() {}

  static List<Token> tokens(String text) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
        continue;
      }
      if (c == '-' && i + 1 < n && text.charAt(i + 1) == '-') { // comment to the end of the line
        while (i < n && text.charAt(i) != '\n') {
          i++;
        }
        continue;
      }
      int start = i;
      if (c == '\'' || c == '"') {
        StringBuilder sb = new StringBuilder();
        i++;
        boolean closed = false;
        while (i < n) {
          char d = text.charAt(i);
          if (d == c) {
            if (i + 1 < n && text.charAt(i + 1) == c) {
              sb.append(c);
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          sb.append(d);
          i++;
        }
        if (!closed) {
          throw Parser.syntax("Unterminated " + (c == '\'' ? "string literal" : "quoted identifier") + " at position " + start);
        }
        out.add(new Token(c == '\'' ? Type.STRING : Type.QUOTED, sb.toString(), start));
        continue;
      }
      if (Character.isDigit(c) || c == '.' && i + 1 < n && Character.isDigit(text.charAt(i + 1))) {
        while (i < n && Character.isDigit(text.charAt(i))) {
          i++;
        }
        if (i < n && text.charAt(i) == '.') {
          i++;
          while (i < n && Character.isDigit(text.charAt(i))) {
            i++;
          }
        }
        if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
          int j = i + 1;
          if (j < n && (text.charAt(j) == '+' || text.charAt(j) == '-')) {
            j++;
          }
          if (j < n && Character.isDigit(text.charAt(j))) {
            i = j;
            while (i < n && Character.isDigit(text.charAt(i))) {
              i++;
            }
          }
        }
        out.add(new Token(Type.NUMBER, text.substring(start, i), start));
        continue;
      }
      if (Character.isLetter(c) || c == '_' || c == '$') {
        while (i < n && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_' || text.charAt(i) == '$')) {
          i++;
        }
        out.add(new Token(Type.WORD, text.substring(start, i), start));
        continue;
      }
      if (c == '?') {
        out.add(new Token(Type.PARAM, "?", start));
        i++;
        continue;
      }
      String symbol = null;
      for (String s : SYMBOLS) {
        if (text.startsWith(s, i)) {
          symbol = s;
          break;
        }
      }
      if (symbol == null) {
        throw Parser.syntax("Unexpected character '" + c + "' at position " + start);
      }
      out.add(new Token(Type.SYMBOL, symbol, start));
      i += symbol.length();
    }
    out.add(new Token(Type.END, "", n));
    return out;
  }
}
