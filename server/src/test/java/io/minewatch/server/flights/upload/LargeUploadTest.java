package io.minewatch.server.flights.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 2 GiB upload in one PATCH, generated on the fly (no source file), streamed through the real server
 * to disk: the file is the bytes sent (CRC-32C of both), and the heap stays flat. The heap is measured
 * as what survives a full collection (before, the most during the upload, after): a server that
 * gathered the body in memory would hold gigabytes (and fail under the test's 2 GiB heap). The
 * direct memory of Netty's buffers is reported too.
 */
class LargeUploadTest {
    static final long SIZE = Long.getLong("upload.test.bytes", 2L << 30);
    private static final int BLOCK = 1 << 20;
    @TempDir
    Path dir;

    @Test
    void twoGigabytesStreamToDiskWithTheHeapFlat() throws Exception {
        try (UploadSite site = new UploadSite(dir, new UploadLimits(3L << 30, 2))) {
            UploadSite.User ana = site.signIn("ana");
            String path = site.created(ana, SIZE, "big.mp4");
            long before = retainedHeap();
            long directBefore = direct();
            AtomicLong peak = new AtomicLong(before);
            AtomicLong directPeak = new AtomicLong(directBefore);
            AtomicBoolean done = new AtomicBoolean();
            Thread sampler = new Thread(() -> {
                while (!done.get()) {
                    peak.accumulateAndGet(retainedHeap(), Math::max);
                    directPeak.accumulateAndGet(direct(), Math::max);
                    try {
                        Thread.sleep(250);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-sampler");
            sampler.start();
            byte[] base = new byte[BLOCK];
            new SplittableRandom(42).nextBytes(base);
            CRC32C sent = new CRC32C();
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            String answer;
            try (Socket s = site.connect()) {
                OutputStream out = s.getOutputStream();
                UploadSite.write(out, UploadSite.patchHead(ana, path, 0, "Content-Length: " + SIZE));
                byte[] block = base.clone();
                for (long off = 0; off < SIZE; off += BLOCK) {
                    stamp(block, off / BLOCK);
                    int n = (int) Math.min(BLOCK, SIZE - off);
                    sent.update(block, 0, n);
                    out.write(block, 0, n);
                }
                out.flush();
                InputStream in = s.getInputStream();
                answer = UploadSite.readResponse(in);
            } finally {
                done.set(true);
                sampler.join();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
            long after = retainedHeap();
            long directAfter = direct();
            assertTrue(answer.startsWith("HTTP/1.1 204"), answer);
            Path data = dir.resolve("uploads").resolve(UploadSite.id(path) + ".bin");
            assertEquals(SIZE, Files.size(data));
            assertEquals(sent.getValue(), crc(data), "the file holds exactly the bytes sent");
            System.out.printf("large upload: %d MiB in %.1f s (%.0f MiB/s, %.1f s of CPU, client and server); heap after full GC: before %d MiB,"
                    + " peak %d MiB, after %d MiB; direct buffers: before %d MiB, peak %d MiB, after %d MiB%n",
                    SIZE >> 20, seconds, (SIZE >> 20) / seconds, cpu, before >> 20, peak.get() >> 20, after >> 20,
                    directBefore >> 20, directPeak.get() >> 20, directAfter >> 20);
            assertTrue(peak.get() - before < 64L << 20, "heap grew by " + ((peak.get() - before) >> 20) + " MiB");
            assertTrue(after - before < 32L << 20, "heap kept " + ((after - before) >> 20) + " MiB");
            assertTrue(directPeak.get() - directBefore < 64L << 20, "direct memory grew by "
                    + ((directPeak.get() - directBefore) >> 20) + " MiB");
        }
    }

    /** Makes each block different (its index every 4 KiB), so that a block written twice or out of order shows. */
    private static void stamp(byte[] block, long index) {
        ByteBuffer b = ByteBuffer.wrap(block);
        for (int at = 0; at + 8 <= block.length; at += 4096) {
            b.putLong(at, index * 0x9E3779B97F4A7C15L + at);
        }
    }

    private static long crc(Path file) throws Exception {
        CRC32C crc = new CRC32C();
        ByteBuffer buf = ByteBuffer.allocateDirect(BLOCK);
        try (FileChannel ch = FileChannel.open(file)) {
            while (ch.read(buf) > 0) {
                buf.flip();
                crc.update(buf);
                buf.clear();
            }
        }
        return crc.getValue();
    }

    /** Heap in use after a full collection: what is actually held. */
    private static long retainedHeap() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long direct() {
        return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(b -> b.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum()
                + Math.max(0, io.netty.util.internal.PlatformDependent.usedDirectMemory());
    }
}
