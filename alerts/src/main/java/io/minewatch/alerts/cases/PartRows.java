package io.minewatch.alerts.cases;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minewatch.alerts.AlertJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The parts of a case: {@code case_on_site}, {@code case_photo}, {@code case_matter}, {@code case_review}. */
final class PartRows {
    private static final ObjectMapper JSON = AlertJson.mapper();

    private final Sequences ids;

    PartRows(Sequences ids) {
        this.ids = ids;
    }

    long insertOnSite(Connection c, String caseId, String by, long at, OnSite r) throws SQLException {
        long id = ids.next(c, "case_on_site");
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO case_on_site (id, case_id, recorded_by,"
                + " recorded_at, notes, staff, vehicles_sent, inspection, joint_action, plates, persons)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            Sql.bind(ps, id, caseId, by, at, r.notes(), r.staff(), r.vehiclesSent(), r.inspection(), r.jointAction(),
                    json(r.plates()), json(r.persons())).executeUpdate();
        }
        return id;
    }

    List<CaseView.OnSiteRecord> onSite(Connection c, String caseId) throws SQLException {
        List<CaseView.OnSiteRecord> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, recorded_by, recorded_at, notes, staff,"
                + " vehicles_sent, inspection, joint_action, plates, persons FROM case_on_site WHERE case_id = ?"
                + " ORDER BY id")) {
            ps.setString(1, caseId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    OnSite r = new OnSite(rs.getString("notes"), rs.getInt("staff"), rs.getInt("vehicles_sent"),
                            rs.getInt("inspection") != 0, rs.getInt("joint_action") != 0,
                            list(rs.getString("plates")), list(rs.getString("persons")), List.of());
                    out.add(new CaseView.OnSiteRecord(rs.getLong("id"), rs.getString("recorded_by"),
                            rs.getLong("recorded_at"), r));
                }
            }
        }
        return out;
    }

    int nextPhoto(Connection c, String caseId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT MAX(n) FROM case_photo WHERE case_id = ?")) {
            ps.setString(1, caseId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1) + 1;
            }
        }
    }

    void insertPhoto(Connection c, PhotoView p, String file) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO case_photo (case_id, n, file, sha256, bytes,"
                + " uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            Sql.bind(ps, p.caseId(), p.n(), file, p.sha256(), p.bytes(), p.uploadedBy(), p.uploadedAt())
                    .executeUpdate();
        }
    }

    /** The photos with their files (relative to storage). */
    Map<PhotoView, String> photos(Connection c, String caseId, Integer n) throws SQLException {
        Map<PhotoView, String> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT n, file, sha256, bytes, uploaded_by, uploaded_at"
                + " FROM case_photo WHERE case_id = ?" + (n == null ? "" : " AND n = ?") + " ORDER BY n")) {
            ps.setString(1, caseId);
            if (n != null) {
                ps.setInt(2, n);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String file = rs.getString("file");
                    String type = file.endsWith(".png") ? "image/png" : "image/jpeg";
                    out.put(new PhotoView(caseId, rs.getInt("n"), type, rs.getLong("bytes"), rs.getString("sha256"),
                            rs.getString("uploaded_by"), rs.getLong("uploaded_at")), file);
                }
            }
        }
        return out;
    }

    void insertMatter(Connection c, String caseId, String code, String handler, String level, long at, String by)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO case_matter (case_id, code, handler, level,"
                + " identified_at, identified_by) VALUES (?, ?, ?, ?, ?, ?)")) {
            Sql.bind(ps, caseId, code, handler, level, at, by).executeUpdate();
        }
    }

    void setOutcome(Connection c, String caseId, Outcome o, String by, long at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE case_matter SET outcome = ?, notice_no = ?,"
                + " penalty_fen = ?, outcome_note = ?, outcome_by = ?, outcome_at = ? WHERE case_id = ? AND code = ?")) {
            Sql.bind(ps, o.kind(), o.noticeNo(), Sql.fen(o.penaltyYuan()), o.note(), by, at, caseId, o.code())
                    .executeUpdate();
        }
    }

    /** The matters of a case, names from {@code names} (code to name; the code when unknown). */
    List<CaseView.Matter> matters(Connection c, String caseId, Map<String, String> names) throws SQLException {
        List<CaseView.Matter> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT code, handler, level, identified_at, identified_by,"
                + " outcome, notice_no, penalty_fen, outcome_note, outcome_by, outcome_at FROM case_matter"
                + " WHERE case_id = ? ORDER BY identified_at, code")) {
            ps.setString(1, caseId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String code = rs.getString("code");
                    String kind = rs.getString("outcome");
                    Outcome o = kind == null ? null : new Outcome(code, kind, rs.getString("notice_no"),
                            Sql.yuan(Sql.getLong(rs, "penalty_fen")), rs.getString("outcome_note"));
                    out.add(new CaseView.Matter(code, names.getOrDefault(code, code), rs.getString("handler"),
                            rs.getString("level"), rs.getLong("identified_at"), rs.getString("identified_by"), o,
                            rs.getString("outcome_by"), Sql.getLong(rs, "outcome_at")));
                }
            }
        }
        return out;
    }

    long insertReview(Connection c, String caseId, String reviewer, long at, int score, boolean passed, Review r)
            throws SQLException {
        long id = ids.next(c, "case_review");
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO case_review (id, case_id, reviewer, at, score,"
                + " passed, checklist, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            Sql.bind(ps, id, caseId, reviewer, at, score, passed, json(new java.util.TreeMap<>(r.checklist())),
                    r.note()).executeUpdate();
        }
        return id;
    }

    List<CaseView.ReviewRecord> reviews(Connection c, String caseId) throws SQLException {
        List<CaseView.ReviewRecord> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, reviewer, at, score, passed, checklist, note"
                + " FROM case_review WHERE case_id = ? ORDER BY id")) {
            ps.setString(1, caseId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Boolean> checklist = read(rs.getString("checklist"), new TypeReference<>() { });
                    out.add(new CaseView.ReviewRecord(rs.getLong("id"), rs.getString("reviewer"), rs.getLong("at"),
                            rs.getInt("score"), rs.getInt("passed") != 0, new Review(checklist,
                            rs.getString("note"))));
                }
            }
        }
        return out;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private static List<String> list(String json) {
        return read(json, new TypeReference<List<String>>() { });
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt JSON column", e);
        }
    }
}
