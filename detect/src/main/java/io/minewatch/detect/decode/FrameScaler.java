package io.minewatch.detect.decode;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Converts a decoded picture to BGR at the detect size in one swscale pass, so frames that are not
 * picked for detection are never converted. Not thread-safe: one per source.
 */
final class FrameScaler implements AutoCloseable {
    private final int width;
    private final int height;
    private SwsContext context;
    private final PointerPointer<?> dstData = new PointerPointer<>(1);
    private final IntPointer dstStride = new IntPointer(1);

    /** A width or height of 0 follows the source (keeping its aspect when the other is given). */
    FrameScaler(int width, int height) {
        this.width = width;
        this.height = height;
    }

    /** Returns a new BGR Mat the caller owns. */
    Mat toBgr(AVFrame picture) {
        int srcW = picture.width();
        int srcH = picture.height();
        int dstW = width > 0 ? width : height > 0 ? even(srcW * (double) height / srcH) : srcW;
        int dstH = height > 0 ? height : width > 0 ? even(srcH * (double) width / srcW) : srcH;
        context = sws_getCachedContext(context, srcW, srcH, picture.format(), dstW, dstH,
                AV_PIX_FMT_BGR24, SWS_BILINEAR, null, null, (DoublePointer) null);
        if (context == null) {
            throw new IllegalStateException("swscale cannot convert pixel format " + picture.format()
                    + " at " + srcW + "x" + srcH);
        }
        Mat bgr = new Mat(dstH, dstW, CV_8UC3);
        dstData.put(0, bgr.data());
        dstStride.put(0, (int) bgr.step());
        sws_scale(context, picture.data(), picture.linesize(), 0, srcH, dstData, dstStride);
        return bgr;
    }

    private static int even(double v) {
        return Math.max(2, (int) Math.round(v / 2) * 2);
    }

    @Override
    public void close() {
        if (context != null) {
            sws_freeContext(context);
            context = null;
        }
        dstData.close();
        dstStride.close();
    }
}
