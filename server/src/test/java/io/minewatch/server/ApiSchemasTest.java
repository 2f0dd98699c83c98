package io.minewatch.server;

import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The schema check used on API v1 answers rejects answers that break the document. */
class ApiSchemasTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void answersThatBreakTheDocumentAreRejected() throws Exception {
        ApiSchemas.check("SiteList", JSON.readTree("{\"sites\":[]}"));
        for (String bad : new String[] {"{\"alerts\":[{\"id\":\"a\"}],\"next\":null}", "{\"alerts\":[]}",
                "{\"alerts\":[],\"next\":null,\"extra\":1}"}) {
            assertThrows(AssertionFailedError.class, () -> ApiSchemas.check("AlertPage", JSON.readTree(bad)), bad);
        }
        assertThrows(AssertionFailedError.class, () -> ApiSchemas.check("Camera", JSON.readTree(
                "{\"id\":\"c\",\"site\":\"s\",\"status\":\"sleeping\",\"transport\":\"tcp\","
                        + "\"last_frame_at\":null,\"detect_fps\":5,\"drops\":0,\"codec\":null,\"video\":\"v\","
                        + "\"snapshot\":\"s\"}")));
        assertThrows(AssertionFailedError.class, () -> ApiSchemas.check("Camera", JSON.readTree(
                "{\"id\":\"c\",\"site\":\"s\",\"status\":\"online\",\"transport\":\"tcp\","
                        + "\"last_frame_at\":\"yesterday\",\"detect_fps\":5,\"drops\":0,\"codec\":null,"
                        + "\"video\":\"v\",\"snapshot\":\"s\"}")), "a time that is not ISO-8601");
    }
}
