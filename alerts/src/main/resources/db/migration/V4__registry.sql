-- The run-time registry (issue 15): sites, cameras and officials an admin adds in the console, on top of
-- the YAML. One row per entry: its fields as JSON (a cameras[] / sites[] / officials[] item of the YAML,
-- zones, schedules and rules inside a camera's detection), and its credentials sealed apart (AES-GCM,
-- base64): never in body. position keeps the order they were added in.
CREATE TABLE registry_entry (
    kind VARCHAR(16) NOT NULL,
    id VARCHAR(64) NOT NULL,
    body TEXT NOT NULL,
    sealed TEXT,
    position BIGINT NOT NULL,
    updated_at VARCHAR(40) NOT NULL,
    updated_by VARCHAR(128) NOT NULL,
    PRIMARY KEY (kind, id)
);
