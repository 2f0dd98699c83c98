-- Analysts' verdicts on alerts (issue 15): every verdict kept (who, when, what), the latest one also on
-- alert_case.verdict so that the alert list filters by it with the same index it pages by.
CREATE TABLE alert_verdict (
    id        BIGINT       PRIMARY KEY,
    alert_id  VARCHAR(64)  NOT NULL,
    verdict   VARCHAR(16)  NOT NULL,
    reason    VARCHAR(16),
    category  VARCHAR(64),
    box_norm  VARCHAR(128),
    note      TEXT,
    actor     VARCHAR(64)  NOT NULL,
    at        BIGINT       NOT NULL
);
CREATE INDEX alert_verdict_alert ON alert_verdict (alert_id, id);
ALTER TABLE alert_case ADD COLUMN verdict VARCHAR(16);
CREATE INDEX alert_case_camera_created ON alert_case (camera, created_at);
