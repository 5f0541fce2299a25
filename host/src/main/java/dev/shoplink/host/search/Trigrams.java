package dev.shoplink.host.search;

import java.io.IOException;
import java.io.Reader;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * A text as its character trigrams: every run of three consecutive {@code char}s, exactly as H2's {@code LIKE}
 * compares them (no case folding, no word splitting, no Unicode normalization: the search text is lower-cased when it
 * is written and the term when it is asked). A text that contains the term contains every trigram of the term, so the
 * documents holding all of them are a superset of the LIKE's answer; the database removes the rest.
 */
final class Trigrams extends Analyzer {
    /** Terms shorter than this have no trigram: the overview scans for them. */
    static final int LENGTH = 3;

    /** The distinct trigrams of {@code term}, in their order; none when it is shorter than three characters. */
    static Set<String> of(String term) {
        Set<String> grams = new LinkedHashSet<>();
        for (int i = 0; i + LENGTH <= term.length(); i++) {
            grams.add(term.substring(i, i + LENGTH));
        }
        return grams;
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        return new TokenStreamComponents(new Grams());
    }

    /** The trigrams of the whole field value, one token each (the text is at most 4,000 characters). */
    private static final class Grams extends Tokenizer {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final StringBuilder text = new StringBuilder();
        private final char[] buffer = new char[1024];
        private boolean read;
        private int at;

        @Override
        public boolean incrementToken() throws IOException {
            clearAttributes();
            if (!read) {
                readAll(input);
                read = true;
                at = 0;
            }
            if (at + LENGTH > text.length()) {
                return false;
            }
            term.setEmpty().append(text, at, at + LENGTH);
            at++;
            return true;
        }

        private void readAll(Reader in) throws IOException {
            text.setLength(0);
            for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
                text.append(buffer, 0, n);
            }
        }

        @Override
        public void reset() throws IOException {
            super.reset();
            read = false;
        }
    }
}
