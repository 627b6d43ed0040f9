package io.arus.core.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;

class JettyProblemsTest {
    @Test
    void aBadMessageIsAProblemDocumentThatClosesTheConnectionAndDoesNotEchoTheUri() throws Exception {
        HttpFields.Mutable fields = HttpFields.build();

        ByteBuffer body = new JettyProblems.ProblemErrorHandler().badMessageError(414, null, fields);

        JsonNode problem = JsonProvider.MAPPER.readTree(StandardCharsets.UTF_8.decode(body).toString());
        assertThat(fields.get(HttpHeader.CONTENT_TYPE)).isEqualTo(Problem.MEDIA_TYPE);
        assertThat(fields.get(HttpHeader.CONNECTION)).isEqualTo("close");
        assertThat(problem.path("status").asInt()).isEqualTo(414);
        assertThat(problem.path("title").asText()).isEqualTo("URI Too Long");
        assertThat(problem.path("instance").isNull()).isTrue();
    }

    @Test
    void saysWhatWentWrongInWordsWithoutJettysBarePhrase() throws Exception {
        JsonNode notFound = JsonProvider.MAPPER.readTree(JettyProblems.document(404, "Not Found"));
        JsonNode ambiguous = JsonProvider.MAPPER.readTree(JettyProblems.document(400, "Ambiguous URI empty segment"));
        JsonNode bad = JsonProvider.MAPPER.readTree(JettyProblems.document(400, null));

        assertThat(notFound.path("detail").asText()).isEqualTo("no such resource");
        assertThat(ambiguous.path("detail").asText()).isEqualTo("Ambiguous URI empty segment");
        assertThat(bad.path("detail").asText()).isEqualTo("the request could not be read: Bad Request");
        assertThat(JettyProblems.UNREADABLE).contains(400, 414, 431).doesNotContain(404, 405);
    }

    @Test
    void installsItsErrorHandlerOnTheServerAndGivesJettysBackWhenStopped() {
        Server server = new Server();
        JettyProblems problems = new JettyProblems();

        problems.createConnector(server);
        assertThat(server.getErrorHandler()).isInstanceOf(JettyProblems.ProblemErrorHandler.class);
        problems.deactivate();

        assertThat(server.getErrorHandler()).isNotInstanceOf(JettyProblems.ProblemErrorHandler.class);
    }
}
