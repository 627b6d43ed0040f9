package io.arus.transform.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExpressionEngineTest {
    private static final Instant START = Instant.parse("2026-03-04T05:06:07Z");
    private static final List<String> COLUMNS = List.of("id", "name", "price", "created", "note");
    private static final Object[] ROW = {7L, " Ada ", new BigDecimal("12.345"), LocalDateTime.of(2025, 2, 3, 4, 5),
            null};

    private final ExpressionEngine engine = new ExpressionEngine(START);

    private Object eval(String text) throws ExpressionException {
        return engine.compile(text, COLUMNS).evaluate(ROW);
    }

    @Test
    void readsColumnsAndOperators() throws Exception {
        assertThat(eval("id * 2 + 1")).isEqualTo(15L);
        assertThat(eval("id > 5 && name != null")).isEqualTo(true);
        assertThat(eval("note == null")).isEqualTo(true);
        assertThat(eval("price * 2")).isEqualTo(new BigDecimal("24.690"));
        assertThat(eval("'id=' + id")).isEqualTo("id=7");
        assertThat(eval("id > 3 ? 'big' : 'small'")).isEqualTo("big");
        assertThat(eval("is_null(note) ? 1 : coalesce(note, 'x')")).isEqualTo(1);
        assertThat(eval("id > 3 ? name : (coalesce(note, 'x'))")).isEqualTo(" Ada ");
        assertThat(eval("name =~ '.*d.*'")).isEqualTo(true);
    }

    @Test
    void stringFunctions() throws Exception {
        assertThat(eval("str:upper(name)")).isEqualTo(" ADA ");
        assertThat(eval("str:lower('AbC')")).isEqualTo("abc");
        assertThat(eval("str:trim(name)")).isEqualTo("Ada");
        assertThat(eval("str:length(str:trim(name))")).isEqualTo(3);
        assertThat(eval("str:substring('abcdef', 2, 3)")).isEqualTo("bcd");
        assertThat(eval("str:substring('abcdef', 4)")).isEqualTo("def");
        assertThat(eval("str:replace('a-b-c', '-', '+')")).isEqualTo("a+b+c");
        assertThat(eval("str:starts_with('abc', 'ab')")).isEqualTo(true);
        assertThat(eval("str:ends_with('abc', 'ab')")).isEqualTo(false);
        assertThat(eval("str:contains('abc', 'b')")).isEqualTo(true);
        assertThat(eval("str:concat(id, '-', note, '-', price)")).isEqualTo("7--12.345");
        assertThat(eval("str:lpad(id, 4, '0')")).isEqualTo("0007");
        assertThat(eval("str:rpad('ab', 4)")).isEqualTo("ab  ");
        assertThat(eval("str:upper(note)")).isNull();
    }

    @Test
    void mathFunctions() throws Exception {
        assertThat(eval("math:abs(-3)")).isEqualTo(3L);
        assertThat(eval("math:round(price, 2)")).isEqualTo(new BigDecimal("12.35"));
        assertThat(eval("math:round(2.5)")).isEqualTo(3.0);
        assertThat(eval("math:round(1234, -2)")).isEqualTo(1200L);
        assertThat(eval("math:floor(price)")).isEqualTo(new BigDecimal("12"));
        assertThat(eval("math:ceil(price)")).isEqualTo(new BigDecimal("13"));
        assertThat(eval("math:min(id, 3)")).isEqualTo(3);
        assertThat(eval("math:max(id, 3)")).isEqualTo(7L);
    }

    @Test
    void dateFunctions() throws Exception {
        assertThat(eval("date:now()")).isEqualTo(START);
        assertThat(eval("date:today()")).isEqualTo(LocalDate.of(2026, 3, 4));
        assertThat(eval("date:year(created)")).isEqualTo(2025);
        assertThat(eval("date:month(created)")).isEqualTo(2);
        assertThat(eval("date:day(date:now())")).isEqualTo(4);
        assertThat(eval("date:date_add(created, 1, 'days')")).isEqualTo(LocalDateTime.of(2025, 2, 4, 4, 5));
        assertThat(eval("date:date_add(date:now(), -1, 'hours')")).isEqualTo(Instant.parse("2026-03-04T04:06:07Z"));
        assertThat(eval("date:parse_date('03.02.2025', 'dd.MM.yyyy')")).isEqualTo(LocalDate.of(2025, 2, 3));
        assertThat(eval("date:parse_timestamp('2025-02-03 04:05', 'yyyy-MM-dd HH:mm')"))
                .isEqualTo(LocalDateTime.of(2025, 2, 3, 4, 5));
        assertThat(eval("date:format_date(created, 'yyyy-MM')")).isEqualTo("2025-02");
    }

    @Test
    void regexAndNullFunctions() throws Exception {
        assertThat(eval("re:matches('a1b', '[0-9]')")).isEqualTo(true);
        assertThat(eval("re:matches('ab', '^[0-9]+$')")).isEqualTo(false);
        assertThat(eval("re:extract('order 42 of 7', '(\\\\d+)')")).isEqualTo("42");
        assertThat(eval("re:extract('abc', 'x')")).isNull();
        assertThat(eval("re:replace('a1b22', '[0-9]+', '#')")).isEqualTo("a#b#");
        assertThat(eval("coalesce(note, name, 'x')")).isEqualTo(" Ada ");
        assertThat(eval("is_null(note)")).isEqualTo(true);
        assertThat(eval("is_empty('')")).isEqualTo(true);
        assertThat(eval("is_empty(name)")).isEqualTo(false);
    }

    @Test
    void compileErrorsHaveAPosition() throws Exception {
        assertThatThrownBy(() -> engine.compile("id +\n ( ", COLUMNS))
                .isInstanceOfSatisfying(ExpressionException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.column()).isPositive();
                    assertThat(e.getMessage()).startsWith("at 2:");
                });
        assertThatThrownBy(() -> engine.compile("id + nope", COLUMNS))
                .isInstanceOfSatisfying(ExpressionException.class, e -> {
                    assertThat(e.getMessage()).contains("unknown column 'nope'").contains("at 1:6");
                });
        assertThatThrownBy(() -> engine.compile(" ", COLUMNS)).hasMessageContaining("empty");
        assertThatThrownBy(() -> engine.compile("id + str:uper(name)", COLUMNS))
                .hasMessage("at 1:10: 'str:uper' is not a function; str: has [concat, contains, ends_with, length, "
                        + "lower, lpad, replace, rpad, starts_with, substring, trim, upper]");
        assertThatThrownBy(() -> engine.compile("\n sys:exit(0)", COLUMNS))
                .hasMessageStartingWith("at 2:2: 'sys:' is not a function namespace");
        assertThat(engine.compile("'str:uper(' + name", COLUMNS).evaluate(ROW)).isEqualTo("str:uper( Ada ");
    }

    @Test
    void typeErrorsFailOneRow() throws Exception {
        Expression expression = engine.compile("id + 1", COLUMNS);
        assertThatThrownBy(() -> expression.evaluate(new Object[] {null, null, null, null, null}))
                .isInstanceOf(ExpressionException.class);
        assertThat(expression.evaluate(ROW)).isEqualTo(8L);
        assertThatThrownBy(() -> eval("date:date_add(created, 1, 'fortnights')"))
                .hasMessageContaining("'fortnights' is not a unit");
        assertThatThrownBy(() -> eval("id / 0")).hasMessageContaining("division by zero");
    }

    @Test
    void listsTheColumnsItReads() throws Exception {
        assertThat(engine.compile("str:concat(name, id, name)", COLUMNS).columns()).containsExactly("name", "id");
        assertThat(engine.compile("'constant'", COLUMNS).columns()).isEmpty();
    }

    @Test
    void checksWithoutColumns() throws Exception {
        assertThat(engine.compile("str:upper(anything)", null).columns()).containsExactly("anything");
        assertThatThrownBy(() -> engine.compile("upper(", null)).isInstanceOf(ExpressionException.class);
    }
}
