package io.minewatch.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every user-visible string of the console is in both message catalogues: the two files have the
 * same keys and no empty message; every key the markup (data-i18n*) and the scripts (t('...')) use
 * exists; the keys scripts build from a value (t(`level.${level}`)) exist for every value the API
 * defines; and no page carries visible literal text or a literal placeholder, title, alt or label.
 */
class MessageCataloguesTest {
    private static final Path WEB = Paths.get("src", "main", "resources", "web");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern MARKUP_KEY = Pattern.compile("data-i18n(?:-placeholder|-title|-aria-label)?=\"([^\"]*)\"");
    private static final Pattern SCRIPT_KEY = Pattern.compile("\\bt\\('([^']+)'");
    private static final Pattern BUILT_KEY = Pattern.compile("\\bt\\(`([a-z_]+)\\.\\$\\{");
    /** The values the scripts turn into keys, by prefix: the API's enumerations and the pages' states. */
    private static final Map<String, List<String>> BUILT = Map.ofEntries(
            Map.entry("zone", List.of("pit", "road", "stockpile", "riverbank", "mask")),
            Map.entry("rule", List.of("heavy_vehicle_in_zone", "dwell", "haul_trips", "ground_change")),
            Map.entry("level", List.of("quick", "tough", "emergency")),
            Map.entry("state", List.of("open", "acknowledged", "closed")),
            Map.entry("action", List.of("ack", "on_my_way", "false_alarm", "resolved")),
            Map.entry("role", List.of("admin", "command", "analyst", "official", "department", "reviewer")),
            Map.entry("case_state", List.of("intake", "dispatched", "on_site", "closed", "reviewed", "reopened")),
            Map.entry("case_source", List.of("alert", "flight", "hotline", "patrol")),
            Map.entry("outcome", List.of("notice", "penalty", "rectified", "referred", "dismissed")),
            Map.entry("whistle_state", List.of("issued", "acknowledged", "reported")),
            Map.entry("case_step", List.of("case_opened", "case_dispatched", "case_on_site", "case_photo",
                    "matter_identified", "whistle_issued", "whistle_acknowledged", "whistle_reported",
                    "whistle_escalated", "case_closed", "case_reviewed", "case_reopened")),
            Map.entry("camera", List.of("online", "offline", "unknown")),
            Map.entry("live", List.of("connecting", "live", "down")),
            Map.entry("video", List.of("connecting", "playing", "fallback", "error", "ended")));

    private static Set<String> keys(String lang) throws IOException {
        JsonNode node = JSON.readTree(WEB.resolve("i18n").resolve(lang + ".json").toFile());
        Set<String> keys = new TreeSet<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            assertTrue(e.getValue().isTextual() && !e.getValue().asText().isBlank(), lang + ": empty message " + e.getKey());
            keys.add(e.getKey());
        }
        return keys;
    }

    private static List<Path> files(String ext) throws IOException {
        try (Stream<Path> walk = Files.walk(WEB)) {
            return walk.filter(p -> p.toString().endsWith(ext)).sorted().toList();
        }
    }

    @Test
    void bothLanguagesHaveTheSameKeys() throws IOException {
        Set<String> zh = keys("zh-CN");
        Set<String> en = keys("en");
        Set<String> onlyZh = new TreeSet<>(zh);
        onlyZh.removeAll(en);
        Set<String> onlyEn = new TreeSet<>(en);
        onlyEn.removeAll(zh);
        assertEquals(Set.of(), onlyZh, "in zh-CN.json only");
        assertEquals(Set.of(), onlyEn, "in en.json only");
        assertTrue(zh.size() > 50, "catalogue size " + zh.size());
    }

    @Test
    void everyKeyUsedExists() throws IOException {
        Set<String> known = keys("zh-CN");
        List<String> missing = new ArrayList<>();
        int used = 0;
        for (Path html : files(".html")) {
            Matcher m = MARKUP_KEY.matcher(Files.readString(html));
            while (m.find()) {
                used++;
                if (!known.contains(m.group(1))) {
                    missing.add(html.getFileName() + ": " + m.group(1));
                }
            }
        }
        Set<String> prefixes = new TreeSet<>();
        for (Path js : files(".js")) {
            String text = Files.readString(js);
            Matcher m = SCRIPT_KEY.matcher(text);
            while (m.find()) {
                used++;
                if (!known.contains(m.group(1))) {
                    missing.add(js.getFileName() + ": " + m.group(1));
                }
            }
            Matcher b = BUILT_KEY.matcher(text);
            while (b.find()) {
                prefixes.add(b.group(1));
            }
        }
        for (String prefix : prefixes) {
            assertTrue(BUILT.containsKey(prefix), "a key built from a value with an unlisted prefix: " + prefix);
            for (String value : BUILT.get(prefix)) {
                if (!known.contains(prefix + "." + value)) {
                    missing.add("built: " + prefix + "." + value);
                }
            }
        }
        assertEquals(List.of(), missing);
        assertTrue(used > 80, "keys used " + used);
        assertEquals(BUILT.keySet(), prefixes, "every built-key prefix is checked");
    }

    @Test
    void noVisibleLiteralTextInTheMarkup() throws IOException {
        for (Path html : files(".html")) {
            String raw = Files.readString(html);
            Matcher script = Pattern.compile("(?is)<script\\b([^>]*)>(.*?)</script>").matcher(raw);
            while (script.find()) {
                assertTrue(script.group(1).contains("src=\"/assets/") && script.group(2).isBlank(),
                        html + ": inline script (the policy allows only the page's own files)");
            }
            String text = raw
                    .replaceAll("(?s)<!--.*?-->", "")
                    .replaceAll("(?is)<script\\b.*?</script>", "<script></script>")
                    .replaceAll("(?is)<style\\b.*?</style>", "<style></style>")
                    .replaceAll("(?i)<!doctype[^>]*>", "");
            Matcher node = Pattern.compile(">([^<]*)<").matcher(text);
            while (node.find()) {
                assertTrue(node.group(1).isBlank(), html + ": literal text '" + node.group(1).strip() + "'");
            }
            Matcher attr = Pattern.compile("\\s(placeholder|title|aria-label|alt|value)=\"([^\"]*)\"").matcher(text);
            while (attr.find()) {
                boolean optionValue = attr.group(1).equals("value") && attr.group(2).matches("[a-z_]*");
                assertTrue(attr.group(2).isEmpty() || optionValue,
                        html + ": literal " + attr.group(1) + "=\"" + attr.group(2) + "\"");
            }
            assertFalse(text.contains(" style="), html + ": inline styles are blocked by the policy");
        }
    }
}
