/**
 * Read models behind HTTP API v1: the alert list (filters, keyset pagination, scoped to an official),
 * an alert's detail (summary, latest payload, history, routes), the sites with their open alerts and
 * the stored snapshot of an alert. Plain services returning JSON trees in the API's shape; the HTTP
 * routes call them off the event loop. Same SQL on SQLite and PostgreSQL.
 */
package io.minewatch.alerts.query;
