package io.minewatch.alerts.cases;

/** One on-site photo: its number in the case, size, SHA-256, who and when. */
public record PhotoView(String caseId, int n, String contentType, long bytes, String sha256, String uploadedBy,
                        long uploadedAt) {
}
