-- What the detector saw (issue 15): each alert's track, bounded per alert (TrackBook.MAX_POINTS_PER_ALERT).
-- alert_track: one row per alert with a track (detect-frame size, points kept, points cut by the bound);
-- alert_track_point: the points, box normalised to [0, 1], times in microseconds (capture clock, stream offset,
-- and the access unit's RTP time with its connection epoch, -1 when none: what maps a point onto its clip exactly).
CREATE TABLE alert_track (
    alert_id VARCHAR(64) PRIMARY KEY,
    camera   VARCHAR(64) NOT NULL,
    frame_w  INTEGER     NOT NULL,
    frame_h  INTEGER     NOT NULL,
    points   INTEGER     NOT NULL,
    cut      INTEGER     NOT NULL
);

CREATE TABLE alert_track_point (
    alert_id         VARCHAR(64)      NOT NULL,
    seq              INTEGER          NOT NULL,
    object_id        BIGINT           NOT NULL,
    captured_us      BIGINT           NOT NULL,
    stream_offset_us BIGINT           NOT NULL,
    label            VARCHAR(64)      NOT NULL,
    score            DOUBLE PRECISION NOT NULL,
    x1               DOUBLE PRECISION NOT NULL,
    y1               DOUBLE PRECISION NOT NULL,
    x2               DOUBLE PRECISION NOT NULL,
    y2               DOUBLE PRECISION NOT NULL,
    source_pts_us    BIGINT           NOT NULL,
    epoch            INTEGER          NOT NULL,
    PRIMARY KEY (alert_id, seq)
);
