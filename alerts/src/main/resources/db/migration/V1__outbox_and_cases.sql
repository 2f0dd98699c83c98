-- One schema for SQLite and PostgreSQL: portable types only; ${binary} is BLOB or BYTEA.
-- Sequence numbers are assigned by the single server process that owns the database.

CREATE TABLE outbox (
    seq          BIGINT        PRIMARY KEY,
    msg_id       VARCHAR(64)   NOT NULL,
    kind         VARCHAR(24)   NOT NULL,
    topic        VARCHAR(1024) NOT NULL,
    payload      ${binary}     NOT NULL,
    retained     INTEGER       NOT NULL,
    alert_id     VARCHAR(64),
    created_at   BIGINT        NOT NULL,
    delivered_at BIGINT
);
CREATE INDEX outbox_pending ON outbox (seq) WHERE delivered_at IS NULL;

CREATE TABLE alert_case (
    id          VARCHAR(64) PRIMARY KEY,
    camera      VARCHAR(64) NOT NULL,
    site        VARCHAR(64) NOT NULL,
    rule        VARCHAR(64) NOT NULL,
    level       VARCHAR(16) NOT NULL,
    state       VARCHAR(16) NOT NULL,
    ended       INTEGER     NOT NULL,
    created_at  BIGINT      NOT NULL,
    updated_at  BIGINT      NOT NULL,
    deadline_at BIGINT,
    escalations INTEGER     NOT NULL,
    payload     TEXT        NOT NULL
);
CREATE INDEX alert_case_deadline ON alert_case (deadline_at) WHERE deadline_at IS NOT NULL;

CREATE TABLE alert_route (
    alert_id  VARCHAR(64) NOT NULL,
    official  VARCHAR(64) NOT NULL,
    reason    VARCHAR(16) NOT NULL,
    routed_at BIGINT      NOT NULL,
    PRIMARY KEY (alert_id, official)
);

CREATE TABLE alert_event (
    id       BIGINT       PRIMARY KEY,
    alert_id VARCHAR(64)  NOT NULL,
    kind     VARCHAR(24)  NOT NULL,
    actor    VARCHAR(64)  NOT NULL,
    at       BIGINT       NOT NULL,
    detail   TEXT
);
CREATE INDEX alert_event_alert ON alert_event (alert_id, id);
