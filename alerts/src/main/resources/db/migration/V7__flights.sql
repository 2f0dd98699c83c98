-- Drone flights (issue 16): one row per uploaded flight, its processing state and where a restart resumes
-- (done_s: video seconds whose frames are all judged); alerts gain their ground position and flight.
CREATE TABLE flight (
    id           VARCHAR(64)   PRIMARY KEY,
    name         VARCHAR(256)  NOT NULL,
    site         VARCHAR(64),
    drone_model  VARCHAR(64),
    state        VARCHAR(16)   NOT NULL,
    progress     DOUBLE PRECISION NOT NULL,
    done_s       DOUBLE PRECISION NOT NULL,
    frames       BIGINT        NOT NULL,
    duration_s   DOUBLE PRECISION NOT NULL,
    video        VARCHAR(1024) NOT NULL,
    telemetry    VARCHAR(1024),
    uploaded_by  VARCHAR(64)   NOT NULL,
    error        TEXT,
    created_at   BIGINT        NOT NULL,
    started_at   BIGINT,
    finished_at  BIGINT
);
CREATE INDEX flight_created ON flight (created_at, id);
ALTER TABLE alert_case ADD COLUMN lat DOUBLE PRECISION;
ALTER TABLE alert_case ADD COLUMN lon DOUBLE PRECISION;
ALTER TABLE alert_case ADD COLUMN accuracy_m DOUBLE PRECISION;
ALTER TABLE alert_case ADD COLUMN geo_source VARCHAR(16);
ALTER TABLE alert_case ADD COLUMN flight VARCHAR(64);
CREATE INDEX alert_case_flight ON alert_case (flight, created_at);
