package io.arus.transform.expression.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.jexl3.JexlBuilder;
import org.apache.commons.jexl3.JexlContext;
import org.apache.commons.jexl3.JexlInfo;
import org.apache.commons.jexl3.internal.Engine;
import org.apache.commons.jexl3.internal.Interpreter;
import org.apache.commons.jexl3.parser.ASTJexlScript;

/**
 * JEXL's engine with one addition: an expression evaluated row after row keeps one interpreter. Running a script
 * through JEXL's public API builds a new interpreter for each evaluation (its options, namespaces and operator
 * tables), which cost more than the evaluation of a short expression. Here the interpreter is made once per
 * expression and context; the context answers for the current row. Between evaluations the interpreter keeps no
 * state: {@link Interpreter#interpret} restores its frame pointer and closes its functors each time. The parse,
 * the features, the permissions and the arithmetic are JEXL's own, so an expression means the same either way.
 */
public final class RowEngine extends Engine {
    /** A parsed expression: its variables, and evaluations of it. */
    public final class Parsed {
        private final ASTJexlScript tree;

        private Parsed(ASTJexlScript tree) {
            this.tree = tree;
        }

        /** @return the variables the expression reads, each as its path ({@code a.b} is {@code [a, b]}) */
        public Set<List<String>> variables() {
            return getVariables(tree);
        }

        /**
         * @param context what the variables read; the caller changes what it answers between evaluations
         * @return an evaluation of the expression over that context, for one thread at a time
         */
        /**
         * @param positions each column's position in the row
         * @return the expression evaluated straight on rows, or {@code null} when it needs the interpreter
         */
        public DirectEvaluation.Node direct(Map<String, Integer> positions) {
            return DirectEvaluation.compile(tree, getArithmetic(), positions);
        }

        public Evaluation over(JexlContext context) {
            Interpreter interpreter = createInterpreter(context, null, evalOptions(tree, context));
            return () -> interpreter.interpret(tree);
        }
    }

    /** One expression over one context. */
    @FunctionalInterface
    public interface Evaluation {
        /** @return the expression's value for what the context answers now */
        Object evaluate();
    }

    /** @param builder the sandbox's settings: features, permissions, arithmetic, namespaces, strictness */
    public RowEngine(JexlBuilder builder) {
        super(builder);
    }

    /**
     * @param info where the text comes from, for positions in errors
     * @param text the expression
     * @return it parsed with the engine's script features
     * @throws org.apache.commons.jexl3.JexlException when it does not parse or uses a feature turned off
     */
    public Parsed parse(JexlInfo info, String text) {
        return new Parsed(parse(info, scriptFeatures, text, null));
    }
}
