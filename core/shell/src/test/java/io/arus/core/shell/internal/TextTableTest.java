package io.arus.core.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TextTableTest {
    @Test
    void alignsColumnsToTheWidestCell() {
        String text = new TextTable("TYPE", "NAME").row("generator", "Generator").row("pg", null).toString();

        assertThat(text).isEqualTo("""
                TYPE       NAME
                ---------  ---------
                generator  Generator
                pg
                """);
    }

    @Test
    void refusesARowWithTheWrongNumberOfCells() {
        assertThatThrownBy(() -> new TextTable("A", "B").row("only one")).isInstanceOf(IllegalArgumentException.class);
    }
}
