package io.minewatch.alerts.schema;

import io.minewatch.alerts.mqtt.TopicNames;

/** Every topic of the MQTT API, under one prefix (default {@code minewatch/v1}). */
public record Topics(String prefix) {

    public Topics {
        TopicNames.checkPrefix(prefix);
    }

    /** {@code alerts/<site>/<camera>}: the command centre's feed of new, update and end. */
    public String alert(String site, String camera) {
        return prefix + "/alerts/" + TopicNames.checkLevel("site", site) + "/" + TopicNames.checkLevel("camera", camera);
    }

    /** {@code alerts/<site>/<camera>/snapshot}: the snapshot JPEG of an alert (optional). */
    public String snapshot(String site, String camera) {
        return alert(site, camera) + "/snapshot";
    }

    /** {@code officials/<official>/alerts}: what is routed to one official. */
    public String official(String official) {
        return prefix + "/officials/" + TopicNames.checkLevel("official", official) + "/alerts";
    }

    /** {@code alerts/<alert>/ack}: inbound acknowledgements of one alert. */
    public String ack(String alertId) {
        return prefix + "/alerts/" + TopicNames.checkLevel("alert", alertId) + "/ack";
    }

    /** The filter the server subscribes to for acknowledgements. */
    public String ackFilter() {
        return prefix + "/alerts/+/ack";
    }

    /** {@code whistles/<department>}: matters outside a township's authority. */
    public String whistle(String department) {
        return prefix + "/whistles/" + TopicNames.checkLevel("department", department);
    }

    /** {@code command/escalations}: alerts escalated for want of an acknowledgement. */
    public String escalations() {
        return prefix + "/command/escalations";
    }

    /** {@code command/events}: every state change of every alert (the case trail). */
    public String events() {
        return prefix + "/command/events";
    }

    /** {@code server/stats}: periodic counters. */
    public String stats() {
        return prefix + "/server/stats";
    }

    /** The alert id in an ack topic, or null when the topic is not one. */
    public String alertOfAck(String topic) {
        String head = prefix + "/alerts/";
        if (!topic.startsWith(head) || !topic.endsWith("/ack")) {
            return null;
        }
        String id = topic.substring(head.length(), topic.length() - "/ack".length());
        return id.isEmpty() || id.contains("/") ? null : id;
    }
}
