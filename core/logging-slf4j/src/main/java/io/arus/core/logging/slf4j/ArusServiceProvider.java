package io.arus.core.logging.slf4j;

import io.arus.core.logging.LogSink;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J provider of the server: every SLF4J logger writes through the {@link LogSink}, and the sink takes each
 * thread's diagnostic context from SLF4J's MDC. Found by slf4j-api through the OSGi service loader mediator (this
 * bundle's {@code osgi.serviceloader} capability). A bundle of its own, apart from io.arus.core.logging, so that the
 * mediator's note about registering it already goes through the handler that bundle gave java.util.logging.
 */
public final class ArusServiceProvider implements SLF4JServiceProvider {
    /** The diagnostic context of every thread (MDC): runs put {@code run_id} and {@code pipeline_id} in it. */
    static final MDCAdapter MDC = new BasicMDCAdapter();

    static {
        LogSink.contextFrom(() -> {
            Map<String, String> context = MDC.getCopyOfContextMap();
            return context == null ? Map.of() : context;
        });
    }

    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final Map<String, Logger> loggers = new ConcurrentHashMap<>();
    private final ILoggerFactory factory = name -> loggers.computeIfAbsent(name, ArusLogger::new);

    @Override
    public ILoggerFactory getLoggerFactory() {
        return factory;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return MDC;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        // the sink configures itself; nothing to set up per provider
    }
}
