package io.minewatch.server.flights.upload;

import io.minewatch.server.http.BodyReceiver;
import io.minewatch.server.http.Call;
import io.minewatch.server.http.Refused;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The body of one tus PATCH, appended to its upload's data file as it arrives. The upload's offset
 * follows each write, so a cut connection leaves every byte written usable for the resumption. A body
 * running past the upload's length is refused (413) and this PATCH's bytes are taken back.
 */
final class PatchWriter implements BodyReceiver {
    private static final Logger log = LoggerFactory.getLogger(PatchWriter.class);

    private final Upload upload;
    private final FileChannel file;
    private final long start;
    private long position;
    private boolean overflowed;

    /** Opens the data file at the upload's offset; the upload is locked by the caller and unlocked here. */
    PatchWriter(Upload upload) throws IOException {
        this.upload = upload;
        this.start = upload.offset();
        this.position = start;
        this.file = FileChannel.open(upload.data(), StandardOpenOption.WRITE);
        file.position(start);
    }

    @Override
    public void write(ByteBuf piece) throws IOException {
        int n = piece.readableBytes();
        if (position + n > upload.length()) {
            overflowed = true;
            throw new Refused(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "body runs past Upload-Length ("
                    + upload.length() + " bytes): nothing of this PATCH was kept", Tus.RESUMABLE, Tus.VERSION);
        }
        ByteBuffer[] buffers = piece.nioBuffers();
        long left = n;
        while (left > 0) {
            left -= file.write(buffers);
        }
        position += n;
        upload.offset(position);
    }

    @Override
    public void end(Call call) throws IOException {
        try {
            file.close();
        } finally {
            upload.unlock();
        }
        call.empty(HttpResponseStatus.NO_CONTENT, Tus.UPLOAD_OFFSET, Long.toString(position),
                Tus.RESUMABLE, Tus.VERSION);
    }

    @Override
    public void abort() {
        try {
            long keep = overflowed ? start : position;
            file.truncate(keep);
            upload.offset(keep);
            file.close();
        } catch (IOException e) {
            log.warn("uploads: {} could not be closed after an aborted PATCH: {}", upload.id(), e.toString());
        } finally {
            upload.unlock();
        }
    }
}
