package io.minewatch.server.flights.upload;

/**
 * The bounds on uploads.
 *
 * @param maxBytes       largest upload, bytes ({@code flights.max_upload_gb}); a larger {@code Upload-Length}
 *                       is refused with 413 and nothing is created
 * @param maxOpenPerUser unfinished (not yet submitted or deleted) uploads one user may hold; so the disk
 *                       held by uploads is at most users x this x {@code maxBytes}
 */
public record UploadLimits(long maxBytes, int maxOpenPerUser) {
    /** Unfinished uploads per user unless said otherwise: a video and its SRT, twice. */
    public static final int DEFAULT_OPEN_PER_USER = 4;

    public UploadLimits {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("upload limit must be at least 1 byte, was " + maxBytes);
        }
        if (maxOpenPerUser < 1 || maxOpenPerUser > 1000) {
            throw new IllegalArgumentException("open uploads per user must be 1..1000, was " + maxOpenPerUser);
        }
    }

    /** {@code gigabytes} GB (10^9 bytes) each, {@value #DEFAULT_OPEN_PER_USER} open per user. */
    public static UploadLimits ofGigabytes(double gigabytes) {
        return new UploadLimits(Math.round(gigabytes * 1e9), DEFAULT_OPEN_PER_USER);
    }
}
