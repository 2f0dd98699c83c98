package io.minewatch.alerts.dispatch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minewatch.alerts.escalation.CaseStore;
import io.minewatch.alerts.store.Database;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/**
 * What the evidence side asks of the alert cases: whether an alert's clip must be kept, and the alert
 * with its full history as JSON for an export.
 */
public final class CaseFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database db;
    private final CaseStore cases;

    public CaseFiles(Database db, CaseStore cases) {
        this.db = db;
        this.cases = cases;
    }

    /**
     * True while the alert is open (not closed, or not yet ended) or was escalated: its clip is
     * evidence in a live matter and retention must leave it.
     */
    public boolean keepsEvidence(String alertId) {
        CaseStore.Case k = db.tx(c -> cases.find(c, alertId));
        return k != null && (!CaseStore.CLOSED.equals(k.state()) || !k.ended() || k.escalations() > 0);
    }

    /** The alert as last published, with every state change (time, actor, detail); empty if unknown. */
    public Optional<String> caseJson(String alertId) {
        CaseStore.Case k = db.tx(c -> cases.find(c, alertId));
        if (k == null) {
            return Optional.empty();
        }
        var events = db.tx(c -> cases.events(c, alertId));
        ObjectNode n = JSON.createObjectNode();
        n.put("id", k.id());
        n.put("camera", k.camera());
        n.put("site", k.site());
        n.put("rule", k.rule());
        n.put("level", k.level());
        n.put("state", k.state());
        n.put("ended", k.ended());
        n.put("escalations", k.escalations());
        try {
            n.set("alert", k.payload() == null ? JSON.nullNode() : JSON.readTree(k.payload()));
        } catch (IOException e) {
            n.put("alert", k.payload());
        }
        ArrayNode history = n.putArray("history");
        for (CaseStore.Event e : events) {
            ObjectNode h = history.addObject();
            h.put("time", Instant.ofEpochMilli(e.at()).toString());
            h.put("kind", e.kind());
            h.put("actor", e.actor());
            h.put("detail", e.detail());
        }
        return Optional.of(n.toPrettyString());
    }
}
