package io.minewatch.alerts.cases;

import io.minewatch.config.CasesConfig;
import io.minewatch.config.DistrictConfig;
import io.minewatch.config.MatterConfig;
import io.minewatch.config.TeamConfig;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Dispatch to a team and the team's on-site records (matters identified, whistles issued). */
final class FieldSteps {
    private static final Set<String> DISPATCHABLE = Set.of(CaseRow.INTAKE, CaseRow.REOPENED);
    private static final Set<String> ON_SITE_FROM = Set.of(CaseRow.DISPATCHED, CaseRow.ON_SITE, CaseRow.REOPENED);
    private static final Pattern PLATE = Pattern.compile("[\\p{L}\\p{N}·-]{2,16}");
    private static final int MAX_PEOPLE = 10_000;

    private final CaseContext ctx;
    private final Whistles whistles;

    FieldSteps(CaseContext ctx, Whistles whistles) {
        this.ctx = ctx;
        this.whistles = whistles;
    }

    void dispatch(CaseTx tx, String caseId, String teamId, String actor) throws SQLException {
        CaseRow k = ctx.cases().require(tx.c, caseId);
        if (!DISPATCHABLE.contains(k.state())) {
            throw Checks.conflict("case " + caseId + " is " + k.state() + "; only an intake or reopened case is"
                    + " dispatched");
        }
        CasesConfig cfg = ctx.catalogue().cases();
        Map.Entry<DistrictConfig, TeamConfig> team;
        if (teamId != null) {
            team = cfg.team(teamId);
            if (team == null) {
                throw Checks.invalid("team: unknown team " + teamId);
            }
        } else {
            DistrictConfig d = k.lat() == null ? null : cfg.districtAt(k.lat(), k.lon());
            if (d == null || d.teams().isEmpty()) {
                throw Checks.invalid("team: the case lies in no district with a team; choose a team");
            }
            team = Map.entry(d, d.teams().get(0));
        }
        long deadline = tx.now + cfg.deadlines(k.level()).onSite().toMillis();
        ctx.cases().update(tx.c, caseId, tx.now, "state = ?, district = ?, team = ?, dispatched_at = ?,"
                + " on_site_deadline = ?", CaseRow.DISPATCHED, team.getKey().id(), team.getValue().id(), tx.now,
                deadline);
        tx.step(caseId, "case_dispatched", actor, null, null, "team " + team.getValue().id() + " of district "
                + team.getKey().id() + ", on site by " + Instant.ofEpochMilli(deadline));
    }

    void onSite(CaseTx tx, String caseId, OnSite r, String actor) throws SQLException {
        if (r == null) {
            throw Checks.invalid("on_site: missing");
        }
        CaseRow k = ctx.cases().require(tx.c, caseId);
        if (!ON_SITE_FROM.contains(k.state())) {
            throw Checks.conflict("case " + caseId + " is " + k.state() + "; on-site records follow a dispatch");
        }
        OnSite clean = check(r);
        List<OnSite.MatterPick> picks = clean.matters();
        for (OnSite.MatterPick p : picks) {
            ctx.catalogue().matter("matters", p.code());
            Checks.level("matters." + p.code() + ".level", p.level());
        }
        long id = ctx.parts().insertOnSite(tx.c, caseId, actor, tx.now, clean);
        if (k.onSiteAt() == null) {
            ctx.cases().update(tx.c, caseId, tx.now, "state = ?, on_site_at = ?", CaseRow.ON_SITE, tx.now);
        } else {
            ctx.cases().update(tx.c, caseId, tx.now, "state = ?", CaseRow.ON_SITE);
        }
        boolean late = k.onSiteDeadline() != null && tx.now > k.onSiteDeadline();
        tx.step(caseId, "case_on_site", actor, null, null, "record " + id + ": staff " + clean.staff()
                + ", vehicles " + clean.vehiclesSent() + ", plates " + String.join(",", clean.plates())
                + (late ? ", late" : ""));
        Set<String> have = new HashSet<>();
        ctx.parts().matters(tx.c, caseId, Map.of()).forEach(m -> have.add(m.code()));
        CasesConfig cfg = ctx.catalogue().cases();
        for (OnSite.MatterPick p : picks) {
            if (!have.add(p.code())) {
                continue;
            }
            MatterConfig m = cfg.matter(p.code());
            String handler = cfg.handler(k.township(), p.code());
            String level = p.level() != null ? p.level() : m.level();
            ctx.parts().insertMatter(tx.c, caseId, p.code(), handler, level, tx.now, actor);
            tx.step(caseId, "matter_identified", actor, null, p.code(), p.code() + " " + m.name() + ", handler "
                    + handler + ", level " + level);
            if (!MatterConfig.TOWNSHIP.equals(handler)) {
                whistles.issue(tx, caseId, m, handler, level, actor);
            }
        }
    }

    /** The record with plates normalised (upper case, trimmed) and every field bounded. */
    private static OnSite check(OnSite r) {
        Checks.text("notes", r.notes(), Checks.MAX_TEXT);
        if (r.staff() < 0 || r.staff() > MAX_PEOPLE) {
            throw Checks.invalid("staff: 0.." + MAX_PEOPLE);
        }
        if (r.vehiclesSent() < 0 || r.vehiclesSent() > MAX_PEOPLE) {
            throw Checks.invalid("vehicles_sent: 0.." + MAX_PEOPLE);
        }
        if (r.plates().size() > Checks.MAX_LIST || r.persons().size() > Checks.MAX_LIST
                || r.matters().size() > Checks.MAX_LIST) {
            throw Checks.invalid("plates/persons/matters: at most " + Checks.MAX_LIST + " each");
        }
        List<String> plates = new java.util.ArrayList<>();
        for (String p : r.plates()) {
            String plate = p == null ? "" : p.strip().replace(" ", "").toUpperCase(Locale.ROOT);
            if (!PLATE.matcher(plate).matches()) {
                throw Checks.invalid("plates: not a plate number: " + (p == null ? "null" : p.strip()));
            }
            if (!plates.contains(plate)) {
                plates.add(plate);
            }
        }
        for (String person : r.persons()) {
            if (person == null || person.isBlank()) {
                throw Checks.invalid("persons: empty entry");
            }
            Checks.text("persons", person, Checks.MAX_SHORT * 2);
        }
        for (OnSite.MatterPick p : r.matters()) {
            if (p == null || p.code() == null) {
                throw Checks.invalid("matters: a matter needs its code");
            }
        }
        return new OnSite(r.notes(), r.staff(), r.vehiclesSent(), r.inspection(), r.jointAction(), plates,
                r.persons().stream().map(String::strip).toList(), r.matters());
    }
}
