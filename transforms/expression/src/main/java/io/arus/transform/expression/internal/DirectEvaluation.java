package io.arus.transform.expression.internal;

import io.arus.api.record.RecordBatch;
import java.util.Map;
import org.apache.commons.jexl3.JexlArithmetic;
import org.apache.commons.jexl3.parser.ASTAddNode;
import org.apache.commons.jexl3.parser.ASTAndNode;
import org.apache.commons.jexl3.parser.ASTDivNode;
import org.apache.commons.jexl3.parser.ASTEQNode;
import org.apache.commons.jexl3.parser.ASTFalseNode;
import org.apache.commons.jexl3.parser.ASTGENode;
import org.apache.commons.jexl3.parser.ASTGTNode;
import org.apache.commons.jexl3.parser.ASTIdentifier;
import org.apache.commons.jexl3.parser.ASTJexlScript;
import org.apache.commons.jexl3.parser.ASTLENode;
import org.apache.commons.jexl3.parser.ASTLTNode;
import org.apache.commons.jexl3.parser.ASTModNode;
import org.apache.commons.jexl3.parser.ASTMulNode;
import org.apache.commons.jexl3.parser.ASTNENode;
import org.apache.commons.jexl3.parser.ASTNotNode;
import org.apache.commons.jexl3.parser.ASTNullLiteral;
import org.apache.commons.jexl3.parser.ASTNumberLiteral;
import org.apache.commons.jexl3.parser.ASTOrNode;
import org.apache.commons.jexl3.parser.ASTReference;
import org.apache.commons.jexl3.parser.ASTReferenceExpression;
import org.apache.commons.jexl3.parser.ASTStringLiteral;
import org.apache.commons.jexl3.parser.ASTSubNode;
import org.apache.commons.jexl3.parser.ASTTernaryNode;
import org.apache.commons.jexl3.parser.ASTTrueNode;
import org.apache.commons.jexl3.parser.JexlNode;

/**
 * The common expressions (columns, literals, arithmetic, comparisons, {@code &&}, {@code ||}, {@code !}, the
 * ternary operator and parentheses) evaluated straight on the row, without JEXL's interpreter: no thread-local
 * engine and interpreter swapped in and out per row, no context lookup by name. Every operator calls the same
 * sandboxed {@link JexlArithmetic} the interpreter calls, so the values are the interpreter's. Anything else (a
 * function, a property, a regex match) is not compiled here, and a value this path cannot give (any exception)
 * is left to the interpreter, which gives the same answer or the error with its position.
 */
public final class DirectEvaluation {
    /** One node, evaluated on a row. */
    @FunctionalInterface
    public interface Node {
        /**
         * @param row the row's values in column order
         * @return the node's value
         */
        Object evaluate(Object[] row);
    }

    /** Thrown (without a stack) to leave a row to the interpreter. */
    private static final RuntimeException NULL_OPERAND = new RuntimeException("null operand", null, false, false) {
    };

    /** Deeper expressions are left to the interpreter, which bounds its own depth. */
    private static final int MAX_DEPTH = 64;

    private final JexlArithmetic arithmetic;
    private final Map<String, Integer> positions;

    private DirectEvaluation(JexlArithmetic arithmetic, Map<String, Integer> positions) {
        this.arithmetic = arithmetic;
        this.positions = positions;
    }

    /**
     * @param script     the parsed expression
     * @param arithmetic the sandbox's arithmetic
     * @param positions  each column's position in the row
     * @return the expression as a tree of nodes, or {@code null} when it uses anything this path leaves to the
     *         interpreter
     */
    public static Node compile(ASTJexlScript script, JexlArithmetic arithmetic, Map<String, Integer> positions) {
        if (script.jjtGetNumChildren() != 1 || script.getPragmas() != null && !script.getPragmas().isEmpty()) {
            return null;
        }
        return new DirectEvaluation(arithmetic, Map.copyOf(positions)).node(script.jjtGetChild(0), 0);
    }

    private Node node(JexlNode node, int depth) {
        if (depth > MAX_DEPTH) {
            return null;
        }
        return compileNode(node, depth + 1);
    }

    private Node compileNode(JexlNode node, int depth) {
        if (node instanceof ASTReference || node instanceof ASTReferenceExpression) {
            return node.jjtGetNumChildren() == 1 ? node(node.jjtGetChild(0), depth) : null;
        }
        if (node instanceof ASTIdentifier identifier) {
            return column(identifier);
        }
        if (node instanceof ASTNumberLiteral number) {
            Object value = number.getLiteral();
            return row -> value;
        }
        if (node instanceof ASTStringLiteral text) {
            String value = text.getLiteral();
            return row -> value;
        }
        if (node instanceof ASTTrueNode) {
            return row -> Boolean.TRUE;
        }
        if (node instanceof ASTFalseNode) {
            return row -> Boolean.FALSE;
        }
        if (node instanceof ASTNullLiteral) {
            return row -> null;
        }
        if (node instanceof ASTNotNode) {
            Node operand = node.jjtGetNumChildren() == 1 ? node(node.jjtGetChild(0), depth) : null;
            return operand == null ? null : row -> arithmetic.not(operand.evaluate(row));
        }
        if (node instanceof ASTAndNode || node instanceof ASTOrNode) {
            return logical(node, node instanceof ASTOrNode, depth);
        }
        if (node instanceof ASTTernaryNode) {
            return ternary(node, depth);
        }
        return binary(node, depth);
    }

    private Node column(ASTIdentifier identifier) {
        if (identifier.getSymbol() >= 0 || identifier.jjtGetNumChildren() != 0) {
            return null;
        }
        Integer at = positions.get(identifier.getName());
        if (at == null) {
            return null;
        }
        int i = at;
        return row -> {
            Object value = i < row.length ? row[i] : null;
            return value == RecordBatch.ABSENT ? null : value;
        };
    }

    /** {@code a && b && ...} and {@code a || b || ...}: the last value looked at, as the interpreter answers. */
    private Node logical(JexlNode node, boolean stopOnTrue, int depth) {
        int count = node.jjtGetNumChildren();
        Node[] operands = new Node[count];
        for (int i = 0; i < count; i++) {
            operands[i] = node(node.jjtGetChild(i), depth);
            if (operands[i] == null) {
                return null;
            }
        }
        return row -> {
            Object value = null;
            for (Node operand : operands) {
                value = operand.evaluate(row);
                if (arithmetic.toBoolean(value) == stopOnTrue) {
                    break;
                }
            }
            return value;
        };
    }

    /** {@code a ? b : c}; the two-operand form {@code a ?: b} is left to the interpreter. */
    private Node ternary(JexlNode node, int depth) {
        if (node.jjtGetNumChildren() != 3) {
            return null;
        }
        Node test = node(node.jjtGetChild(0), depth);
        Node then = node(node.jjtGetChild(1), depth);
        Node otherwise = node(node.jjtGetChild(2), depth);
        if (test == null || then == null || otherwise == null) {
            return null;
        }
        return row -> arithmetic.testPredicate(test.evaluate(row)) ? then.evaluate(row) : otherwise.evaluate(row);
    }

    private Node binary(JexlNode node, int depth) {
        if (node.jjtGetNumChildren() != 2) {
            return null;
        }
        Operator operator = operator(node);
        if (operator == null) {
            return null;
        }
        Node left = node(node.jjtGetChild(0), depth);
        Node right = node(node.jjtGetChild(1), depth);
        if (left == null || right == null) {
            return null;
        }
        if (node instanceof ASTEQNode || node instanceof ASTNENode) {
            return row -> operator.apply(left.evaluate(row), right.evaluate(row));
        }
        // the interpreter refuses a null operand of arithmetic and of an ordering (strict): it says so
        return row -> {
            Object l = left.evaluate(row);
            Object r = right.evaluate(row);
            if (l == null || r == null) {
                throw NULL_OPERAND;
            }
            return operator.apply(l, r);
        };
    }

    @FunctionalInterface
    private interface Operator {
        Object apply(Object left, Object right);
    }

    private Operator operator(JexlNode node) {
        JexlArithmetic a = arithmetic;
        if (node instanceof ASTAddNode) {
            return a::add;
        }
        if (node instanceof ASTSubNode) {
            return a::subtract;
        }
        if (node instanceof ASTMulNode) {
            return a::multiply;
        }
        if (node instanceof ASTDivNode) {
            return a::divide;
        }
        if (node instanceof ASTModNode) {
            return a::mod;
        }
        if (node instanceof ASTEQNode) {
            return (l, r) -> a.equals(l, r);
        }
        if (node instanceof ASTNENode) {
            return (l, r) -> !a.equals(l, r);
        }
        if (node instanceof ASTLTNode) {
            return (l, r) -> a.lessThan(l, r);
        }
        if (node instanceof ASTLENode) {
            return (l, r) -> a.lessThanOrEqual(l, r);
        }
        if (node instanceof ASTGTNode) {
            return (l, r) -> a.greaterThan(l, r);
        }
        if (node instanceof ASTGENode) {
            return (l, r) -> a.greaterThanOrEqual(l, r);
        }
        return null;
    }
}
