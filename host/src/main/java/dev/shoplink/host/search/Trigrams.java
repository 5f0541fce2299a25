package dev.shoplink.host.search;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * A text as its character trigrams: every run of three consecutive {@code char}s, each at the position of its first
 * character, exactly as H2's {@code LIKE} compares them (no case folding, no word splitting, no Unicode normalization:
 * the search text is lower-cased when it is written and the term when it is asked). A text contains a term of three or
 * more characters exactly when it holds the term's trigrams at consecutive positions: a phrase of them is the
 * {@code LIKE '%term%'}.
 */
final class Trigrams extends Analyzer {
    /** Terms shorter than this have no trigram: the overview scans for them. */
    static final int LENGTH = 3;

    /** The trigrams of {@code term}, the one at offset i at index i; none when it is shorter than three characters. */
    static List<String> of(String term) {
        List<String> grams = new ArrayList<>();
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
