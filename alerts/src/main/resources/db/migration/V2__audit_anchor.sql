-- The audit log's head (sequence number and hash of its newest entry), updated with each append,
-- so that verify-evidence finds a log cut short or rewritten (see DatabaseAnchor). One row.
CREATE TABLE audit_anchor (
    id         INTEGER     PRIMARY KEY,
    seq        BIGINT      NOT NULL,
    hash       VARCHAR(64) NOT NULL,
    updated_at BIGINT      NOT NULL
);
INSERT INTO audit_anchor (id, seq, hash, updated_at) VALUES (1, 0, '', 0);
