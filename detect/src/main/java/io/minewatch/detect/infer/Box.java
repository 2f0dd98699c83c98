package io.minewatch.detect.infer;

/** An axis-aligned box in source-frame pixels: (x1, y1) top-left, (x2, y2) bottom-right. */
public record Box(float x1, float y1, float x2, float y2) {

    public float width() {
        return Math.max(0f, x2 - x1);
    }

    public float height() {
        return Math.max(0f, y2 - y1);
    }

    public float area() {
        return width() * height();
    }

    public float centerX() {
        return (x1 + x2) / 2f;
    }

    public float centerY() {
        return (y1 + y2) / 2f;
    }

    /** Intersection over union with another box; 0 when they do not overlap. */
    public float iou(Box o) {
        float iw = Math.min(x2, o.x2) - Math.max(x1, o.x1);
        float ih = Math.min(y2, o.y2) - Math.max(y1, o.y1);
        if (iw <= 0 || ih <= 0) {
            return 0f;
        }
        float inter = iw * ih;
        float union = area() + o.area() - inter;
        return union <= 0 ? 0f : inter / union;
    }

    /** This box moved by (dx, dy). */
    public Box shift(float dx, float dy) {
        return new Box(x1 + dx, y1 + dy, x2 + dx, y2 + dy);
    }
}
