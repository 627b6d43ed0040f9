package io.arus.core.rest.internal;

import io.arus.core.store.LogFilter;
import io.arus.core.store.RunLogLine;
import io.arus.core.store.RunStore;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import javax.ws.rs.core.StreamingOutput;

/**
 * A run's log as a text file, one line per entry ({@code time LEVEL message}), read from the store page by page
 * so that a long log is never held whole.
 */
final class RunLogText {
    private static final int PAGE = 5_000;

    private RunLogText() {
    }

    static StreamingOutput of(RunStore runs, String runId, LogFilter filter) {
        return output -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
            int offset = 0;
            List<RunLogLine> page;
            do {
                page = runs.logs(runId, filter, PAGE, offset);
                for (RunLogLine line : page) {
                    writer.write(line.at().toString());
                    writer.write(' ');
                    writer.write(String.format("%-5s", line.level().toUpperCase(Locale.ROOT)));
                    writer.write(' ');
                    // a message spanning lines stays one entry of the file
                    writer.write(line.message().replace("\r\n", "\n").replace("\n", "\n    "));
                    writer.write('\n');
                }
                offset += page.size();
            } while (page.size() == PAGE);
            writer.flush();
        };
    }
}
