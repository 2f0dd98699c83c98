/**
 * Live drone positions from DJI Cloud API OSD telemetry over MQTT ({@code thing/product/<sn>/osd}) and
 * the {@link io.minewatch.server.drones.OsdGeotagger} that places a live drone camera's detections with them.
 */
package io.minewatch.server.drones;
