package io.arus.core.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.servlet.ReadListener;
import javax.servlet.ServletInputStream;
import javax.servlet.ServletOutputStream;
import javax.servlet.ServletRequest;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;

class BodyLimitTest {
    private final Map<String, Object> answer = new HashMap<>();
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final AtomicReference<ServletRequest> passedOn = new AtomicReference<>();

    private static HttpServletRequest request(String method, String uri, String contentType, long length, byte[] body) {
        ServletInputStream in = new ServletInputStream() {
            private final ByteArrayInputStream bytes = new ByteArrayInputStream(body);

            @Override
            public int read() {
                return bytes.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return bytes.read(b, off, len);
            }

            @Override
            public boolean isFinished() {
                return bytes.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
            }
        };
        return (HttpServletRequest) Proxy.newProxyInstance(BodyLimitTest.class.getClassLoader(), new Class<?>[] {HttpServletRequest.class},
                (proxy, m, args) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getRequestURI" -> uri;
                    case "getContentType" -> contentType;
                    case "getContentLengthLong" -> length;
                    case "getInputStream" -> in;
                    default -> null;
                });
    }

    private HttpServletResponse response() {
        ServletOutputStream out = new ServletOutputStream() {
            @Override
            public void write(int b) {
                written.write(b);
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
            }
        };
        return (HttpServletResponse) Proxy.newProxyInstance(BodyLimitTest.class.getClassLoader(), new Class<?>[] {HttpServletResponse.class},
                (proxy, m, args) -> {
                    switch (m.getName()) {
                        case "setStatus" -> answer.put("status", args[0]);
                        case "setHeader" -> answer.put((String) args[0], args[1]);
                        case "setContentType" -> answer.put("Content-Type", args[0]);
                        case "getOutputStream" -> {
                            return out;
                        }
                        default -> {
                        }
                    }
                    return null;
                });
    }

    private void filter(HttpServletRequest request) throws Exception {
        new BodyLimit().doFilter(request, response(), (req, res) -> passedOn.set(req));
    }

    @Test
    void refusesADeclaredLengthOverOneMbWithoutReadingIt() throws Exception {
        filter(request("POST", "/api/auth/login", "application/json", 19L * 1024 * 1024, new byte[0]));

        assertThat(passedOn.get()).isNull();
        assertThat(answer).containsEntry("status", 413).containsEntry("Connection", "close")
                .containsEntry("Content-Type", Problem.MEDIA_TYPE);
        JsonNode problem = JsonProvider.MAPPER.readTree(written.toByteArray());
        assertThat(problem.path("detail").asText()).isEqualTo("the request body is larger than 1 MB");
    }

    @Test
    void letsAPluginUploadUpToThePluginLimitThrough() throws Exception {
        filter(request("POST", "/api/plugins", "application/java-archive", 40L * 1024 * 1024, new byte[0]));

        assertThat(passedOn.get()).isNotNull();
        assertThat(answer).doesNotContainKey("status");
    }

    @Test
    void failsAnUndeclaredBodyWhenItIsReadPastTheLimit() throws Exception {
        filter(request("POST", "/api/pipelines", "application/json", -1, new byte[1024 * 1024 + 1]));

        ServletInputStream in = passedOn.get().getInputStream();
        assertThatThrownBy(in::readAllBytes).isInstanceOf(BodyLimit.TooLarge.class)
                .hasMessage("the request body is larger than 1 MB");
    }

    @Test
    void readsAnUndeclaredBodyUpToTheLimit() throws Exception {
        filter(request("POST", "/api/pipelines", "application/json", -1, new byte[1024 * 1024]));

        assertThat(passedOn.get().getInputStream().readAllBytes()).hasSize(1024 * 1024);
    }

    @Test
    void refusesACharsetTheJvmDoesNotKnowWith415() throws Exception {
        filter(request("POST", "/api/auth/login", "application/json; charset=bogus", 10, new byte[10]));

        assertThat(passedOn.get()).isNull();
        assertThat(answer).containsEntry("status", 415);
        assertThat(JsonProvider.MAPPER.readTree(written.toByteArray()).path("detail").asText()).contains("\"bogus\"");
    }

    @Test
    void findsTheCharsetParameter() {
        assertThat(BodyLimit.charset("application/json; charset=\"UTF-8\"")).isEqualTo("UTF-8");
        assertThat(BodyLimit.charset("application/json;CHARSET=latin1; x=y")).isEqualTo("latin1");
        assertThat(BodyLimit.charset("application/json")).isNull();
    }
}
