package io.arus.core.gitops.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import java.io.UncheckedIOException;

/**
 * Writes a state as a document, deterministically: sections in {@link Kind} order (empty ones left out), objects
 * sorted by name, each object's keys in the order its {@link Canonical} form has them. Strings are quoted only when
 * YAML would read them as something else (a number, a boolean, null), so the document reads back to the same values.
 */
public final class DocumentWriter {
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .stringQuotingChecker(new NumberLikeQuoted())
            .build());

    /**
     * Jackson's checker quotes booleans, null and decimal numbers; YAML 1.1 also reads {@code 0x1F}, {@code 1_000},
     * {@code 1:20}, {@code .inf} as numbers, so every string that starts like a number is quoted too.
     */
    private static final class NumberLikeQuoted extends StringQuotingChecker.Default {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean needToQuoteValue(String value) {
            return super.needToQuoteValue(value) || value.matches("[-+]?\\.?[0-9.].*") || value.startsWith(".");
        }
    }

    private DocumentWriter() {
    }

    /** @return the document; an empty state is {@code {}} */
    public static String write(State state) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        for (Kind kind : Kind.ALL) {
            if (state.of(kind).isEmpty()) {
                continue;
            }
            ArrayNode list = root.putArray(kind.section());
            state.of(kind).values().forEach(list::add);
        }
        try {
            return YAML.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
