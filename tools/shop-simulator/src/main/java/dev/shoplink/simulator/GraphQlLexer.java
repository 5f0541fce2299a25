package dev.shoplink.simulator;

/**
 * The characters of a GraphQL document as tokens: names, strings, numbers and punctuators, with whitespace, commas
 * and comments skipped (they are insignificant in GraphQL). Errors name the line and column where reading stopped.
 */
final class GraphQlLexer {
    private final String text;
    private int at;

    GraphQlLexer(String text) {
        this.text = text;
    }

    int position() {
        return at;
    }

    void seek(int position) {
        at = position;
    }

    boolean atEnd() {
        return at >= text.length();
    }

    char peek() {
        return at < text.length() ? text.charAt(at) : '\0';
    }

    /** Steps over the character {@link #peek} returned. */
    void skip() {
        at++;
    }

    boolean atNameStart() {
        return Character.isLetter(peek()) || peek() == '_';
    }

    String name() {
        skipIgnored();
        int start = at;
        while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')) {
            at++;
        }
        if (start == at) {
            throw syntax(at < text.length() ? "unexpected '" + text.charAt(at) + "'" : "unexpected end of document");
        }
        return text.substring(start, at);
    }

    void expect(char c) {
        skipIgnored();
        if (peek() != c) {
            throw syntax(at < text.length() ? "unexpected '" + text.charAt(at) + "', expecting '" + c + "'"
                    : "unexpected end of document, expecting '" + c + "'");
        }
        at++;
    }

    /** The characters of a number literal, starting at a digit or '-'. */
    String number() {
        int start = at;
        at++;
        while (at < text.length() && (Character.isDigit(peek()) || ".eE+-".indexOf(peek()) >= 0)) {
            at++;
        }
        return text.substring(start, at);
    }

    String string() {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (at < text.length()) {
            char c = text.charAt(at++);
            if (c == '"') {
                return out.toString();
            }
            if (c == '\\' && at < text.length()) {
                escape(out);
            } else {
                out.append(c);
            }
        }
        throw syntax("an unterminated string");
    }

    private void escape(StringBuilder out) {
        char e = text.charAt(at++);
        switch (e) {
            case 'n' -> out.append('\n');
            case 't' -> out.append('\t');
            case 'r' -> out.append('\r');
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'u' -> {
                if (at + 4 > text.length()) {
                    throw syntax("a broken \\u escape");
                }
                out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                at += 4;
            }
            default -> out.append(e);
        }
    }

    /** Whitespace, commas and comments are insignificant in GraphQL. */
    void skipIgnored() {
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c == '#') {
                while (at < text.length() && text.charAt(at) != '\n') {
                    at++;
                }
            } else if (Character.isWhitespace(c) || c == ',' || c == '\uFEFF') {
                at++;
            } else {
                return;
            }
        }
    }

    /** Skips to just after the operation's outermost selection set (strings respected). */
    void skipBalancedToEndOfOperation() {
        int depth = 0;
        boolean seenBrace = false;
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c == '"') {
                string();
                continue;
            }
            if (c == '#') {
                skipIgnored();
                continue;
            }
            at++;
            if (c == '{') {
                depth++;
                seenBrace = true;
            } else if (c == '}') {
                depth--;
                if (depth < 0) {
                    throw syntax("unexpected '}'");
                }
                if (depth == 0 && seenBrace) {
                    return;
                }
            }
        }
        throw syntax("unexpected end of document");
    }

    GraphQl.Error syntax(String what) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < Math.min(at, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new GraphQl.Error("syntax error, " + what + " at line " + line + ", column " + column, "SYNTAX_ERROR");
    }
}
