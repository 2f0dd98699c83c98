-- The county's enforcement loop (issue 18). Times are epoch milliseconds; money in fen (1/100 yuan).
-- The catalogue imported at run time (the YAML/CSV bootstrap is read at start; an import replaces both tables).
CREATE TABLE catalogue_matter (
    code       VARCHAR(64)  PRIMARY KEY,
    name       VARCHAR(256) NOT NULL,
    owner      VARCHAR(64)  NOT NULL,
    level      VARCHAR(16)  NOT NULL,
    rules      TEXT         NOT NULL,
    position   INTEGER      NOT NULL
);
CREATE TABLE catalogue_delegated (
    township   VARCHAR(64)  NOT NULL,
    code       VARCHAR(64)  NOT NULL,
    PRIMARY KEY (township, code)
);

-- One case: intake (source), dispatch (district, team, on-site deadline), on site, close, review.
-- state: intake, dispatched, on_site, closed, reviewed (review passed), reopened (review failed).
CREATE TABLE case_file (
    id               VARCHAR(64)  PRIMARY KEY,
    source           VARCHAR(16)  NOT NULL,
    title            VARCHAR(512) NOT NULL,
    note             TEXT,
    township         VARCHAR(64)  NOT NULL,
    district         VARCHAR(64),
    team             VARCHAR(64),
    lat              DOUBLE PRECISION,
    lon              DOUBLE PRECISION,
    level            VARCHAR(16)  NOT NULL,
    state            VARCHAR(16)  NOT NULL,
    flight           VARCHAR(64),
    finding          VARCHAR(64),
    first_alert_at   BIGINT,
    opened_by        VARCHAR(64)  NOT NULL,
    opened_at        BIGINT       NOT NULL,
    dispatched_at    BIGINT,
    on_site_deadline BIGINT,
    on_site_at       BIGINT,
    closed_at        BIGINT,
    reviewed_at      BIGINT,
    review_passed    INTEGER,
    reopened         INTEGER      NOT NULL,
    updated_at       BIGINT       NOT NULL
);
CREATE INDEX case_file_opened ON case_file (opened_at, id);
CREATE INDEX case_file_team ON case_file (team, state);

-- The alerts a case was opened from (an alert belongs to one case at most).
CREATE TABLE case_alert (
    case_id    VARCHAR(64)  NOT NULL,
    alert_id   VARCHAR(64)  NOT NULL PRIMARY KEY
);
CREATE INDEX case_alert_case ON case_alert (case_id);

-- Each on-site record of the team (a reopened case may have several). plates, persons: JSON arrays.
CREATE TABLE case_on_site (
    id            BIGINT       PRIMARY KEY,
    case_id       VARCHAR(64)  NOT NULL,
    recorded_by   VARCHAR(64)  NOT NULL,
    recorded_at   BIGINT       NOT NULL,
    notes         TEXT,
    staff         INTEGER      NOT NULL,
    vehicles_sent INTEGER      NOT NULL,
    inspection    INTEGER      NOT NULL,
    joint_action  INTEGER      NOT NULL,
    plates        TEXT         NOT NULL,
    persons       TEXT         NOT NULL
);
CREATE INDEX case_on_site_case ON case_on_site (case_id, id);
CREATE INDEX case_on_site_at ON case_on_site (recorded_at);

-- Photos of the on-site step, stored under storage/cases/<case>/ with their SHA-256.
CREATE TABLE case_photo (
    case_id     VARCHAR(64)   NOT NULL,
    n           INTEGER       NOT NULL,
    file        VARCHAR(1024) NOT NULL,
    sha256      CHAR(64)      NOT NULL,
    bytes       BIGINT        NOT NULL,
    uploaded_by VARCHAR(64)   NOT NULL,
    uploaded_at BIGINT        NOT NULL,
    PRIMARY KEY (case_id, n)
);

-- The matters identified in a case; handler 'township' or a department id; outcome: notice, penalty,
-- rectified, referred, dismissed (from the close, or from the department's report of its whistle).
CREATE TABLE case_matter (
    case_id       VARCHAR(64)  NOT NULL,
    code          VARCHAR(64)  NOT NULL,
    handler       VARCHAR(64)  NOT NULL,
    level         VARCHAR(16)  NOT NULL,
    identified_at BIGINT       NOT NULL,
    identified_by VARCHAR(64)  NOT NULL,
    outcome       VARCHAR(16),
    notice_no     VARCHAR(64),
    penalty_fen   BIGINT,
    outcome_note  TEXT,
    outcome_by    VARCHAR(64),
    outcome_at    BIGINT,
    PRIMARY KEY (case_id, code)
);

-- A matter outside the township's list, whistled to its department. state: issued, acknowledged,
-- reported. due_at: the deadline the desk watches (acknowledgement, then report); null once reported.
CREATE TABLE case_whistle (
    id              VARCHAR(64)  PRIMARY KEY,
    case_id         VARCHAR(64)  NOT NULL,
    code            VARCHAR(64)  NOT NULL,
    department      VARCHAR(64)  NOT NULL,
    level           VARCHAR(16)  NOT NULL,
    state           VARCHAR(16)  NOT NULL,
    issued_at       BIGINT       NOT NULL,
    ack_deadline    BIGINT       NOT NULL,
    report_deadline BIGINT       NOT NULL,
    due_at          BIGINT,
    escalations     INTEGER      NOT NULL,
    acknowledged_at BIGINT,
    acknowledged_by VARCHAR(64),
    reported_at     BIGINT,
    reported_by     VARCHAR(64),
    outcome         VARCHAR(16),
    notice_no       VARCHAR(64),
    penalty_fen     BIGINT,
    report_note     TEXT
);
CREATE INDEX case_whistle_due ON case_whistle (due_at) WHERE due_at IS NOT NULL;
CREATE INDEX case_whistle_department ON case_whistle (department, issued_at);
CREATE INDEX case_whistle_case ON case_whistle (case_id);

-- Reviews by the legal office: checklist (JSON object point -> true/false), score 0-100.
CREATE TABLE case_review (
    id        BIGINT       PRIMARY KEY,
    case_id   VARCHAR(64)  NOT NULL,
    reviewer  VARCHAR(64)  NOT NULL,
    at        BIGINT       NOT NULL,
    score     INTEGER      NOT NULL,
    passed    INTEGER      NOT NULL,
    checklist TEXT         NOT NULL,
    note      TEXT
);
CREATE INDEX case_review_case ON case_review (case_id, id);
CREATE INDEX case_review_at ON case_review (at);

-- Every step of every case, in order (also written to the hash-chained audit log).
CREATE TABLE case_step (
    id       BIGINT       PRIMARY KEY,
    case_id  VARCHAR(64)  NOT NULL,
    step     VARCHAR(32)  NOT NULL,
    actor    VARCHAR(64)  NOT NULL,
    at       BIGINT       NOT NULL,
    detail   TEXT
);
CREATE INDEX case_step_case ON case_step (case_id, id);
