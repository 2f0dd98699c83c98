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

    /**
     * {@code alerts/<alert>/ack/<official>}: where one official acknowledges one alert. The official in
     * the topic is who sent it: the broker lets only that login publish there (embedded broker:
     * {@code BrokerSecurity}; Mosquitto: {@code topic write <prefix>/alerts/+/ack/<official>} in that
     * official's ACL block, as {@code scripts/mosquitto-auth} writes it).
     */
    public String ack(String alertId, String official) {
        return prefix + "/alerts/" + TopicNames.checkLevel("alert", alertId) + "/ack/"
                + TopicNames.checkLevel("official", official);
    }

    /** The filter the server subscribes to for acknowledgements: {@code alerts/+/ack/+}. */
    public String ackFilter() {
        return prefix + "/alerts/+/ack/+";
    }

    /**
     * The old ack topic, {@code alerts/+/ack}, which does not say who sent an ack: the server still
     * listens there only to refuse (and count) what arrives.
     */
    public String legacyAckFilter() {
        return prefix + "/alerts/+/ack";
    }

    /** Both filters the server subscribes to for acknowledgements. */
    public java.util.List<String> ackFilters() {
        return java.util.List.of(ackFilter(), legacyAckFilter());
    }

    /**
     * The alert and the sender of an ack topic.
     *
     * @param official who sent it (the topic's last level); null on the old topic without one
     */
    public record AckTopic(String alert, String official) {
    }

    /** {@code officials/<official>/#}: everything one official may read. */
    public String officialFilter(String official) {
        return prefix + "/officials/" + TopicNames.checkLevel("official", official) + "/#";
    }

    /** {@code alerts/+/ack/<official>}: where one official may publish acks. */
    public String ackFilter(String official) {
        return prefix + "/alerts/+/ack/" + TopicNames.checkLevel("official", official);
    }

    /** {@code #} under the prefix: the whole API. */
    public String all() {
        return prefix + "/#";
    }

    /**
     * What may be public ({@code mqtt.anonymous: read}): every tree under the prefix but the officials'
     * own topics.
     */
    public java.util.List<String> publicFilters() {
        return java.util.List.of(prefix + "/alerts/#", prefix + "/cameras/#", prefix + "/command/#",
                prefix + "/server/#", prefix + "/whistles/#");
    }

    /** {@code whistles/<department>}: matters outside a township's authority. */
    public String whistle(String department) {
        return prefix + "/whistles/" + TopicNames.checkLevel("department", department);
    }

    /** {@code cases/events}: every step of every case of the enforcement loop. */
    public String caseEvents() {
        return prefix + "/cases/events";
    }

    /** {@code departments/<department>/whistles}: the case loop's whistles to one department. */
    public String departmentWhistles(String department) {
        return prefix + "/departments/" + TopicNames.checkLevel("department", department) + "/whistles";
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

    /** {@code cameras/<camera>/status}: a camera's availability (retained). */
    public String cameraStatus(String camera) {
        return prefix + "/cameras/" + TopicNames.checkLevel("camera", camera) + "/status";
    }

    /** {@code flights/<flight>/progress}: a drone flight's processing state. */
    public String flightProgress(String flight) {
        return prefix + "/flights/" + TopicNames.checkLevel("flight", flight) + "/progress";
    }

    /** {@code server/alerts}: notices about the server itself ({@code storage_low}). */
    public String serverAlerts() {
        return prefix + "/server/alerts";
    }

    /** {@code server/status}: the server's connection (retained; {@code offline} is also the last will). */
    public String serverStatus() {
        return prefix + "/server/status";
    }

    /** The alert and sender of an ack topic (new or old form), or null when the topic is not one. */
    public AckTopic parseAck(String topic) {
        String head = prefix + "/alerts/";
        if (!topic.startsWith(head)) {
            return null;
        }
        String[] rest = topic.substring(head.length()).split("/", -1);
        if (rest.length < 2 || rest.length > 3 || rest[0].isEmpty() || !rest[1].equals("ack")) {
            return null;
        }
        if (rest.length == 2) {
            return new AckTopic(rest[0], null);
        }
        return rest[2].isEmpty() ? null : new AckTopic(rest[0], rest[2]);
    }
}
