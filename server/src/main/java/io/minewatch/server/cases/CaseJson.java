package io.minewatch.server.cases;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minewatch.alerts.cases.CaseView;
import io.minewatch.alerts.cases.CatalogueView;
import io.minewatch.alerts.cases.OnSite;
import io.minewatch.alerts.cases.Outcome;
import io.minewatch.alerts.cases.PhotoView;
import io.minewatch.alerts.cases.Review;
import io.minewatch.alerts.cases.WhistleView;
import io.minewatch.config.DepartmentConfig;
import io.minewatch.config.DistrictConfig;
import io.minewatch.config.LatLon;
import io.minewatch.config.MatterConfig;
import io.minewatch.config.ReviewItem;
import io.minewatch.config.TeamConfig;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;

/**
 * The JSON of the case loop's views, as API v1 answers them: every component of {@link CaseView},
 * {@link WhistleView} and {@link PhotoView} in snake_case, times as ISO-8601 UTC strings (null when not
 * yet), {@code penalty_yuan} a number with two decimals, photos with their {@code url}.
 */
public final class CaseJson {
    /** Exact decimals: 1500.00 stays 1500.00 (the default factory would strip it to 1.5E+3). */
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private CaseJson() {
    }

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    /** A case with every part. */
    public static ObjectNode caseView(CaseView c) {
        ObjectNode o = NODES.objectNode();
        o.put("id", c.id()).put("source", c.source()).put("title", c.title()).put("note", c.note())
                .put("township", c.township()).put("district", c.district()).put("team", c.team())
                .put("lat", c.lat()).put("lon", c.lon()).put("level", c.level()).put("state", c.state());
        strings(o.putArray("alerts"), c.alerts());
        o.put("flight", c.flight()).put("finding", c.finding());
        time(o, "first_alert_at", c.firstAlertAt());
        o.put("opened_by", c.openedBy());
        time(o, "opened_at", c.openedAt());
        time(o, "dispatched_at", c.dispatchedAt());
        time(o, "on_site_deadline", c.onSiteDeadline());
        time(o, "on_site_at", c.onSiteAt());
        time(o, "closed_at", c.closedAt());
        time(o, "reviewed_at", c.reviewedAt());
        o.put("review_passed", c.reviewPassed()).put("reopened", c.reopened());
        ArrayNode matters = o.putArray("matters");
        for (CaseView.Matter m : c.matters()) {
            ObjectNode x = matters.addObject().put("code", m.code()).put("name", m.name()).put("handler", m.handler())
                    .put("level", m.level());
            time(x, "identified_at", m.identifiedAt());
            x.put("identified_by", m.identifiedBy());
            x.set("outcome", outcome(m.outcome()));
            x.put("outcome_by", m.outcomeBy());
            time(x, "outcome_at", m.outcomeAt());
        }
        ArrayNode whistles = o.putArray("whistles");
        c.whistles().forEach(w -> whistles.add(whistle(w)));
        ArrayNode onSite = o.putArray("on_site");
        for (CaseView.OnSiteRecord r : c.onSite()) {
            ObjectNode x = onSite.addObject().put("id", r.id()).put("recorded_by", r.recordedBy());
            time(x, "recorded_at", r.recordedAt());
            x.set("record", onSite(r.record()));
        }
        ArrayNode photos = o.putArray("photos");
        c.photos().forEach(p -> photos.add(photo(p)));
        ArrayNode reviews = o.putArray("reviews");
        for (CaseView.ReviewRecord r : c.reviews()) {
            ObjectNode x = reviews.addObject().put("id", r.id()).put("reviewer", r.reviewer());
            time(x, "at", r.at());
            x.put("score", r.score()).put("passed", r.passed());
            x.set("review", review(r.review()));
        }
        ArrayNode steps = o.putArray("steps");
        for (CaseView.Step s : c.steps()) {
            ObjectNode x = steps.addObject().put("id", s.id()).put("step", s.step()).put("actor", s.actor());
            time(x, "at", s.at());
            x.put("detail", s.detail());
        }
        return o;
    }

    /** A whistle, as its department sees it (its own matter only). */
    public static ObjectNode whistle(WhistleView w) {
        ObjectNode o = NODES.objectNode();
        o.put("id", w.id()).put("case_id", w.caseId()).put("case_title", w.caseTitle()).put("township", w.township())
                .put("code", w.code()).put("matter_name", w.matterName()).put("department", w.department())
                .put("level", w.level()).put("state", w.state());
        time(o, "issued_at", w.issuedAt());
        time(o, "ack_deadline", w.ackDeadline());
        time(o, "report_deadline", w.reportDeadline());
        o.put("escalations", w.escalations()).put("overdue", w.overdue());
        time(o, "acknowledged_at", w.acknowledgedAt());
        o.put("acknowledged_by", w.acknowledgedBy());
        time(o, "reported_at", w.reportedAt());
        o.put("reported_by", w.reportedBy());
        o.set("outcome", outcome(w.outcome()));
        return o;
    }

    /** A photo: number, type, size, SHA-256, who and when, and the URL it is read back from. */
    public static ObjectNode photo(PhotoView p) {
        ObjectNode o = NODES.objectNode();
        o.put("case_id", p.caseId()).put("n", p.n()).put("content_type", p.contentType()).put("bytes", p.bytes())
                .put("sha256", p.sha256()).put("uploaded_by", p.uploadedBy());
        time(o, "uploaded_at", p.uploadedAt());
        o.put("url", "/api/v1/cases/" + p.caseId() + "/photos/" + p.n());
        return o;
    }

    /** The catalogue in force, shaped as the spec's {@code GET /api/v1/catalogue}. */
    public static ObjectNode catalogue(CatalogueView c) {
        ObjectNode o = NODES.objectNode();
        ArrayNode matters = o.putArray("matters");
        for (MatterConfig m : c.matters()) {
            ObjectNode x = matters.addObject().put("code", m.code()).put("name", m.name()).put("owner", m.owner())
                    .put("level", m.level());
            strings(x.putArray("rules"), m.rules());
        }
        ObjectNode townships = o.putObject("townships");
        new TreeMap<>(c.delegated()).forEach((id, codes) -> strings(townships.putArray(id), codes));
        ArrayNode districts = o.putArray("districts");
        for (DistrictConfig d : c.districts()) {
            ObjectNode x = districts.addObject().put("id", d.id()).put("name", d.name()).put("township", d.township());
            ArrayNode boundary = x.putArray("boundary");
            for (LatLon p : d.boundary()) {
                boundary.addArray().add(p.lat()).add(p.lon());
            }
            ArrayNode teams = x.putArray("teams");
            for (TeamConfig t : d.teams()) {
                strings(teams.addObject().put("id", t.id()).put("name", t.name()).putArray("members"), t.members());
            }
        }
        ArrayNode checklist = o.putArray("checklist");
        for (ReviewItem i : c.checklist()) {
            checklist.addObject().put("id", i.id()).put("text", i.text()).put("required", i.required());
        }
        ArrayNode departments = o.putArray("departments");
        for (DepartmentConfig d : c.departments()) {
            departments.addObject().put("id", d.id()).put("name", d.name());
        }
        return o;
    }

    static ObjectNode outcome(Outcome x) {
        if (x == null) {
            return null;
        }
        ObjectNode o = NODES.objectNode();
        o.put("code", x.code()).put("kind", x.kind()).put("notice_no", x.noticeNo());
        if (x.penaltyYuan() == null) {
            o.putNull("penalty_yuan");
        } else {
            o.put("penalty_yuan", yuan(x.penaltyYuan()));
        }
        return o.put("note", x.note());
    }

    /** Two decimals, as money is written (the desk refuses more than two). */
    static BigDecimal yuan(BigDecimal v) {
        return v.setScale(2, RoundingMode.HALF_UP);
    }

    private static ObjectNode onSite(OnSite r) {
        ObjectNode o = NODES.objectNode();
        o.put("notes", r.notes()).put("staff", r.staff()).put("vehicles_sent", r.vehiclesSent())
                .put("inspection", r.inspection()).put("joint_action", r.jointAction());
        strings(o.putArray("plates"), r.plates());
        strings(o.putArray("persons"), r.persons());
        ArrayNode matters = o.putArray("matters");
        for (OnSite.MatterPick m : r.matters()) {
            matters.addObject().put("code", m.code()).put("level", m.level());
        }
        return o;
    }

    private static ObjectNode review(Review r) {
        ObjectNode o = NODES.objectNode();
        ObjectNode checklist = o.putObject("checklist");
        new TreeMap<>(r.checklist()).forEach(checklist::put);
        return o.put("note", r.note());
    }

    private static void strings(ArrayNode into, List<String> values) {
        values.forEach(into::add);
    }

    private static void time(ObjectNode o, String name, Long millis) {
        if (millis == null) {
            o.putNull(name);
        } else {
            o.put(name, Instant.ofEpochMilli(millis).toString());
        }
    }

    /** An object {@code {name: [items]}}, e.g. the whistle list. */
    static ObjectNode list(String name, List<ObjectNode> items) {
        ObjectNode o = NODES.objectNode();
        ArrayNode a = o.putArray(name);
        items.forEach(a::add);
        return o;
    }
}
