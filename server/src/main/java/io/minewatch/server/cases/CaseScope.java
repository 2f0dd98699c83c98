package io.minewatch.server.cases;

import io.minewatch.alerts.cases.CaseDesk;
import io.minewatch.alerts.cases.CaseView;
import io.minewatch.alerts.cases.WhistleView;
import io.minewatch.server.auth.Caller;
import io.minewatch.server.http.Access;
import io.minewatch.server.http.Refused;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import java.util.function.Function;

/**
 * Who may see and do what in the case loop (SPEC18, "HTTP API v1"). The roles of a route are its
 * {@link Access} (a wrong role: 403); within a route an official sees only the cases of their teams and a
 * department user only its department's whistles — anything else answers 404, as an unknown id does,
 * so that neither learns what exists elsewhere.
 */
final class CaseScope {
    /** Read the catalogue: every role. */
    static final Access CATALOGUE = Access.roles(Caller.ADMIN, Caller.COMMAND, Caller.OFFICIAL, Caller.REVIEWER,
            Caller.ANALYST, Caller.DEPARTMENT);
    /** Replace the imported catalogue. */
    static final Access CATALOGUE_ADMIN = Access.roles(Caller.ADMIN);
    /** Read cases (officials: their teams' only). */
    static final Access READ = Access.roles(Caller.ADMIN, Caller.COMMAND, Caller.OFFICIAL, Caller.REVIEWER,
            Caller.ANALYST);
    /** Open a case (officials: by hand). */
    static final Access OPEN = Access.roles(Caller.ADMIN, Caller.COMMAND, Caller.OFFICIAL);
    /** Dispatch a case to a team: the command centre. */
    static final Access DISPATCH = Access.roles(Caller.ADMIN, Caller.COMMAND);
    /** On-site record, photos, close: the command centre, and officials of the case's team. */
    static final Access TEAM = Access.roles(Caller.ADMIN, Caller.COMMAND, Caller.OFFICIAL);
    /** Review a closed case: the legal office. */
    static final Access REVIEW = Access.roles(Caller.REVIEWER);
    /** List whistles (a department: its own only). */
    static final Access WHISTLES = Access.roles(Caller.ADMIN, Caller.COMMAND, Caller.REVIEWER, Caller.ANALYST,
            Caller.DEPARTMENT);
    /** Acknowledge and report a whistle: the department it was whistled to. */
    static final Access ANSWER = Access.roles(Caller.DEPARTMENT);

    private final CaseDesk desk;
    private final Function<String, List<String>> teamsOf;

    /** @param teamsOf an official's id to the ids of the teams they are a member of */
    CaseScope(CaseDesk desk, Function<String, List<String>> teamsOf) {
        this.desk = desk;
        this.teamsOf = teamsOf;
    }

    /** The teams whose cases an official sees; null for the roles that see every case. */
    List<String> teams(Caller caller) {
        return caller.official() ? List.copyOf(teamsOf.apply(caller.id())) : null;
    }

    /** Whether the caller sees this case. */
    boolean sees(Caller caller, CaseView c) {
        if (caller.inDepartment()) {
            return false;
        }
        List<String> teams = teams(caller);
        return teams == null || c.team() != null && teams.contains(c.team());
    }

    /** The case, if the caller sees it; else 404, as for an unknown case. */
    CaseView visibleCase(Caller caller, String id) {
        return desk.find(id).filter(c -> sees(caller, c)).orElseThrow(CaseScope::noCase);
    }

    /** The whistle, if the caller answers for its department; else 404, as for an unknown whistle. */
    WhistleView ownWhistle(Caller caller, String id) {
        return desk.whistle(id).filter(w -> caller.inDepartment() && caller.department().equals(w.department()))
                .orElseThrow(() -> new Refused(HttpResponseStatus.NOT_FOUND, "no such whistle"));
    }

    static Refused noCase() {
        return new Refused(HttpResponseStatus.NOT_FOUND, "no such case");
    }
}
