package io.minewatch.server.cases;

import io.minewatch.alerts.cases.CaseDesk;
import io.minewatch.alerts.cases.CaseException;
import io.minewatch.alerts.cases.PhotoView;
import io.minewatch.server.http.BodyReceiver;
import io.minewatch.server.http.Call;
import io.minewatch.server.http.Refused;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The body of one photo upload, written to a file under the incoming folder as it arrives (on the body
 * pool, one piece at a time). Past the bound it is refused (413) and the file deleted; at its end the
 * desk takes the file into the case (201 with the photo's number, size, SHA-256 and type), or refuses
 * it (its CaseException's status) and the file is deleted.
 */
final class PhotoReceiver implements BodyReceiver {
    private static final Logger log = LoggerFactory.getLogger(PhotoReceiver.class);

    private final CaseDesk desk;
    private final String caseId;
    private final String contentType;
    private final String actor;
    private final Path file;
    private final long maxBytes;
    private final FileChannel out;
    private long written;

    PhotoReceiver(CaseDesk desk, String caseId, String contentType, String actor, Path file, long maxBytes)
            throws IOException {
        this.desk = desk;
        this.caseId = caseId;
        this.contentType = contentType;
        this.actor = actor;
        this.file = file;
        this.maxBytes = maxBytes;
        this.out = FileChannel.open(file, StandardOpenOption.WRITE);
    }

    @Override
    public void write(ByteBuf piece) throws IOException {
        int n = piece.readableBytes();
        if (written + n > maxBytes) {
            throw new Refused(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "a photo is at most " + maxBytes
                    + " bytes (cases.max_photo_mb)");
        }
        ByteBuffer[] buffers = piece.nioBuffers();
        long left = n;
        while (left > 0) {
            left -= out.write(buffers);
        }
        written += n;
    }

    @Override
    public void end(Call call) throws IOException {
        try {
            out.close();
            if (written == 0) {
                call.error(HttpResponseStatus.BAD_REQUEST, "the photo is empty: send the image as the body");
                return;
            }
            PhotoView p;
            try {
                p = desk.addPhoto(caseId, file, contentType, actor);
            } catch (CaseException e) {
                CaseErrors.refused(e).answer(call);
                return;
            }
            call.json(HttpResponseStatus.CREATED, CaseJson.photo(p), "Location",
                    "/api/v1/cases/" + caseId + "/photos/" + p.n());
        } finally {
            Files.deleteIfExists(file); // taken: moved away already; refused: not kept
        }
    }

    @Override
    public void abort() {
        try {
            out.close();
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("cases: an aborted photo upload of {} could not be deleted: {}", caseId, e.toString());
        }
    }
}
