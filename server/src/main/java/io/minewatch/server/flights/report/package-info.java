/**
 * The flight report (issue 16 item 6): a {@link io.minewatch.server.flights.FlightView} as GeoJSON (RFC 7946)
 * and KML 2.2 for the drone team's GIS, and as an evidence zip with the snapshots and a SHA-256 manifest, like an
 * alert's evidence; and the routes of API v1 that serve them ({@link FlightReportApi}).
 */
package io.minewatch.server.flights.report;
