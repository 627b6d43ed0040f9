package io.arus.core.notify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConsoleLinksTest {
    @Test
    void theSettingWinsOverThePropertyWhichWinsOverTheBoundPort() {
        assertThat(ConsoleLinks.base(Optional.of("https://arus.example.com/"), "https://prop.example.com", "8080"))
                .isEqualTo("https://arus.example.com");
        assertThat(ConsoleLinks.base(Optional.of(" "), " https://prop.example.com/console ", 8080))
                .isEqualTo("https://prop.example.com/console");
        assertThat(ConsoleLinks.base(Optional.empty(), null, 41234)).isEqualTo("http://localhost:41234");
    }

    @Test
    void aRunLinkFollowsTheSettingAsAnAdminChangesIt() {
        MemorySettings settings = new MemorySettings();
        ConsoleLinks links = new ConsoleLinks(settings, "https://prop.example.com");

        assertThat(links.run("r-7")).isEqualTo("https://prop.example.com/#/runs/r-7");
        settings.put(ConsoleLinks.SETTING, "https://arus.example.com/");
        assertThat(links.run("r-7")).isEqualTo("https://arus.example.com/#/runs/r-7");
        assertThat(links.run(null)).isNull();
        assertThat(new ConsoleLinks(new MemorySettings(), (String) null).run("r-7")).as("no port bound, no link").isNull();
    }

    @Test
    void withoutAnyOfThemThereIsNoLink() {
        assertThat(ConsoleLinks.base(Optional.empty(), null, null)).isNull();
        assertThat(ConsoleLinks.base(Optional.empty(), "", "0")).as("not bound yet").isNull();
    }
}
