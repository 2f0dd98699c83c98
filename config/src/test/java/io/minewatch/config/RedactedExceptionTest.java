package io.minewatch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** A redacted copy of an exception chain prints like the original, without its secrets. */
class RedactedExceptionTest {
    @Test
    void copiesTheChainWithMessagesMasked() {
        SQLException driver = new SQLException("connect jdbc:postgresql://h:1/x?password=chainsecret refused");
        RuntimeException flyway = new IllegalStateException("Unable to obtain connection from database "
                + "(jdbc:postgresql://h:1/x?password=chainsecret)", driver);
        RedactedException copy = RedactedException.of(flyway);

        assertEquals(IllegalStateException.class.getName(), copy.originalClass());
        assertEquals(IllegalStateException.class.getName()
                + ": Unable to obtain connection from database (jdbc:postgresql://h:1/x?password=****)", copy.toString());
        assertEquals(SQLException.class.getName(), ((RedactedException) copy.getCause()).originalClass());
        assertEquals(flyway.getStackTrace()[0], copy.getStackTrace()[0]);
        StringWriter printed = new StringWriter();
        copy.printStackTrace(new PrintWriter(printed));
        assertFalse(printed.toString().contains("chainsecret"), printed.toString());
        assertNull(RedactedException.of(null));
    }
}
