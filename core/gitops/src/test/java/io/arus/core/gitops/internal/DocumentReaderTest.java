package io.arus.core.gitops.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arus.core.gitops.InvalidDocumentException;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class DocumentReaderTest {
    @Test
    void readsTheFourSectionsByNameAndRemembersWhereEachFieldWasWritten() throws Exception {
        DocumentReader.Read read = DocumentReader.read(null, Documents.EXAMPLE);

        assertThat(read.state().of(Kind.SOURCE)).containsOnlyKeys("shop-db");
        assertThat(read.state().of(Kind.PIPELINE)).containsOnlyKeys("orders", "order-totals");
        assertThat(read.places().of("pipelines[orders].streams[0].cursor_field").line()).isEqualTo(29);
        assertThat(read.places().of("pipelines[orders].streams[0].no_such_field").line()).isEqualTo(28);
        assertThat(read.places().of("sources[shop-db]").line()).isEqualTo(2);
    }

    @Test
    void anEmptyDocumentIsAnEmptyState() throws Exception {
        assertThat(DocumentReader.read(null, "").state().of(Kind.PIPELINE)).isEmpty();
        assertThat(DocumentReader.read(null, "pipelines:\n").state().of(Kind.PIPELINE)).isEmpty();
    }

    @Test
    void refusesBadYamlWithLineAndColumn() {
        assertThatThrownBy(() -> DocumentReader.read(null, "pipelines:\n  - name: a\n    streams: [x\n"))
                .isInstanceOfSatisfying(InvalidDocumentException.class, e -> {
                    assertThat(e.line()).isGreaterThanOrEqualTo(3);
                    assertThat(e.getMessage()).contains("not valid YAML");
                });
    }

    @Test
    void refusesAnUnknownSectionAnObjectWithoutNameAndANameGivenTwice() {
        assertThatThrownBy(() -> DocumentReader.read(null, "jobs: []\n"))
                .isInstanceOfSatisfying(InvalidDocumentException.class, e -> {
                    assertThat(e.field()).isEqualTo("jobs");
                    assertThat(e.line()).isEqualTo(1);
                });
        assertThatThrownBy(() -> DocumentReader.read(null, "sources:\n  - type: postgresql\n"))
                .isInstanceOfSatisfying(InvalidDocumentException.class,
                        e -> assertThat(e.field()).isEqualTo("sources[0].name"));
        assertThatThrownBy(() -> DocumentReader.read(null, "sources:\n  - name: a\n  - name: a\n"))
                .isInstanceOfSatisfying(InvalidDocumentException.class, e -> {
                    assertThat(e.field()).isEqualTo("sources[a].name");
                    assertThat(e.line()).isEqualTo(3);
                });
        assertThatThrownBy(() -> DocumentReader.read(null, "sources:\n  - name: a\n    name: b\n"))
                .isInstanceOf(InvalidDocumentException.class).hasMessageContaining("line");
    }

    @Test
    void refusesADocumentOverOneMegabyte() {
        assertThatThrownBy(() -> DocumentReader.read(null, "#" + "x".repeat(DocumentReader.MAX_CHARS)))
                .isInstanceOf(InvalidDocumentException.class).hasMessageContaining("1 MB");
    }

    @Test
    void filesOfAFolderAreOneStateAndANameInTwoFilesIsRefusedNamingTheFile() throws Exception {
        TreeMap<String, String> files = new TreeMap<>();
        files.put("a.yaml", "sources:\n  - name: s1\n    type: postgresql\n");
        files.put("b.yaml", "sources:\n  - name: s2\n    type: postgresql\n");
        assertThat(DocumentReader.readAll(files).state().of(Kind.SOURCE)).containsOnlyKeys("s1", "s2");
        assertThat(DocumentReader.readAll(files).places().of("sources[s2].type").file()).isEqualTo("b.yaml");

        files.put("c.yaml", "\nsources:\n  - name: s1\n    type: postgresql\n");
        assertThatThrownBy(() -> DocumentReader.readAll(files))
                .isInstanceOfSatisfying(InvalidDocumentException.class, e -> {
                    assertThat(e.violations().get(0).file()).isEqualTo("c.yaml");
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.getMessage()).contains("a.yaml");
                });
    }
}
