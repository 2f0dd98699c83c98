package io.minewatch.ingest.rtp;

/**
 * One compressed picture (all its NAL units) in Annex-B form, each NAL behind a 4-byte start code.
 *
 * <p>The bytes are owned memory, copied out of Netty's buffers once when the access unit was put
 * together; nobody modifies them afterwards, so any number of readers may share one instance.
 *
 * @param codec         H.264 or H.265
 * @param data          Annex-B bytes; key frames start with their parameter sets
 * @param rtpTimestamp  the RTP timestamp extended to 64 bits (no wrap-around), in clock-rate units
 * @param ptsMicros     presentation time from the first access unit of this connection, in microseconds
 * @param wallMicros    wall-clock capture time in microseconds since the epoch (RTCP sender report
 *                      when the camera sent one, arrival time otherwise)
 * @param keyFrame      whether the picture is a key frame (IDR / IRAP) a decoder can start at
 * @param epoch         counts connections of this camera; a new epoch means timestamps start over
 */
public record AccessUnit(VideoCodec codec, byte[] data, long rtpTimestamp, long ptsMicros, long wallMicros,
                         boolean keyFrame, int epoch) {

    /** Size of the picture's bytes. */
    public int size() {
        return data.length;
    }

    @Override
    public String toString() {
        return "AccessUnit[" + codec + ", " + data.length + " bytes, pts " + ptsMicros + " us"
                + (keyFrame ? ", key" : "") + ", epoch " + epoch + "]";
    }
}
