package io.minewatch.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The schema check must be able to fail: a helper that passed every payload would let every payload
 * test pass. Uses a probe schema of the kit's own tests (the real ones ship with alerts).
 */
class PayloadSchemasTest {
    private static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aValidPayloadPasses() {
        byte[] ok = json("{\"schema\":\"minewatch.probe/1\",\"msg_id\":\"m-1\",\"at\":\"2026-11-30T09:00:00Z\"}");
        assertNull(PayloadSchemas.problem("t", ok));
        assertEquals("m-1", PayloadSchemas.validate(ok).get("msg_id").asText());
    }

    @Test
    void everyKindOfBadPayloadIsNamed() {
        assertTrue(PayloadSchemas.problem("t", json("not json")).contains("not JSON"));
        assertTrue(PayloadSchemas.problem("t", json("{\"msg_id\":\"m\"}")).contains("no minewatch schema field"));
        assertTrue(PayloadSchemas.problem("t", json("{\"schema\":\"minewatch.probe/1\",\"at\":\"2026-11-30T09:00:00Z\"}"))
                .contains("no msg_id"));
        // format assertions are on: a malformed date-time fails
        assertNotNull(PayloadSchemas.problem("t", json("{\"schema\":\"minewatch.probe/1\",\"msg_id\":\"m\",\"at\":\"yesterday\"}")));
        assertTrue(PayloadSchemas.problem("t", json("{\"schema\":\"minewatch.nothing/1\",\"msg_id\":\"m\"}"))
                .contains("no JSON Schema file /schemas/nothing.schema.json"));
        assertThrows(AssertionError.class, () -> PayloadSchemas.validate(
                json("{\"schema\":\"minewatch.probe/1\",\"msg_id\":\"m\",\"at\":\"yesterday\"}")));
    }

    @Test
    void freePortsAreDistinct() {
        int[] p = FreePorts.freePorts(3);
        assertTrue(p[0] != p[1] && p[1] != p[2] && p[0] != p[2]);
        assertTrue(FreePorts.topicPrefix().matches("mwtest-[0-9a-f]{8}/v1"));
    }
}
