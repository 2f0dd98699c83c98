/**
 * The alerts database: one JDBC connection (SQLite by default, PostgreSQL by URL), one schema kept by
 * Flyway migrations ({@code db/migration}), the outbox rows and the alert cases with their audit trail.
 */
package io.minewatch.alerts.store;
