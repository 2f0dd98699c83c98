-- API v1 reads (issue 13): the alert list pages by (created_at desc, id desc), an official's view joins
-- alert_route by official, the map counts the unclosed alerts per site.
CREATE INDEX alert_case_created ON alert_case (created_at, id);
CREATE INDEX alert_case_site_state ON alert_case (site, state);
CREATE INDEX alert_route_official ON alert_route (official, alert_id);
