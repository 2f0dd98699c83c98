package io.minewatch.alerts.outbox;

/** What the outbox publishes through: an MQTT connection that reconnects by itself. */
public interface Transport {

    /** Outcome of one publish, called once, on any thread. */
    interface Callback {
        void delivered();

        void failed(Throwable cause);
    }

    /** Whether the connection is up now. */
    boolean connected();

    /** A number that changes whenever a connection is lost: what was in flight before may be lost. */
    long epoch();

    /**
     * Hands one QoS 1 message to the connection; the callback runs on PUBACK or failure.
     *
     * @throws Exception if it cannot be handed over now (not connected, window full)
     */
    void publish(String topic, byte[] payload, boolean retained, Callback callback) throws Exception;

    /** Registers a hook run after every (re)connect, so the outbox wakes up at once. */
    void onConnect(Runnable hook);
}
