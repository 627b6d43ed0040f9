package io.arus.core.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.lang.annotation.Annotation;
import javax.ws.rs.QueryParam;
import javax.ws.rs.ext.ParamConverter;
import org.junit.jupiter.api.Test;

class NumberParametersTest {
    private static final QueryParam LIMIT = new QueryParam() {
        @Override
        public String value() {
            return "limit";
        }

        @Override
        public Class<? extends Annotation> annotationType() {
            return QueryParam.class;
        }
    };

    @Test
    void parsesWholeNumbers() {
        ParamConverter<Integer> ints = new NumberParameters().getConverter(int.class, int.class, new Annotation[] {LIMIT});
        ParamConverter<Long> longs = new NumberParameters().getConverter(Long.class, Long.class, new Annotation[] {LIMIT});

        assertThat(ints.fromString("50")).isEqualTo(50);
        assertThat(longs.fromString("-7")).isEqualTo(-7L);
    }

    @Test
    void refusesAnUnparsableNumberWithA400NamingTheParameter() {
        ParamConverter<Integer> ints = new NumberParameters().getConverter(int.class, int.class, new Annotation[] {LIMIT});

        Problem problem = ProblemMapper.toProblem(catchThrowable(() -> ints.fromString("abc")), "/api/audit");

        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.errors()).containsExactly(new Problem.FieldError("limit", "must be a whole number"));
    }

    @Test
    void leavesOtherTypesToTheRuntime() {
        assertThat(new NumberParameters().getConverter(String.class, String.class, new Annotation[0])).isNull();
    }
}
