/**
 * The case loop's HTTP API v1 (issue 18): the authority catalogue, cases (intake, dispatch, on-site
 * record, photos, close, review) and the departments' whistles (list, acknowledge, report), over the
 * alerts module's {@link io.minewatch.alerts.cases.CaseDesk}. {@link CaseRoutes} adds them to the route
 * table; {@link CaseScope} holds who may see and do what; {@link CaseJson} maps the views to JSON and
 * {@link CaseRequests} the request bodies from it.
 */
package io.minewatch.server.cases;
