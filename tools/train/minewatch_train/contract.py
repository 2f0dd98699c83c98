"""The default card's input/output contract (shared/README.md, detect.infer.Letterbox/YoloxDecoder):
BGR 0-255, bilinear resize to (int(W*r), int(H*r)), top-left on a 114 canvas; rows decoded as
cx=(tx+gx)*s ..., score = obj x best cls, per-class NMS."""
import cv2
import numpy as np
import torch
import torchvision

from .yolox import INPUT_SIZE, grids


def letterbox(bgr, size=INPUT_SIZE, pad=114):
    """(CHW float32 array, r) exactly as detect.infer.Letterbox."""
    h, w = bgr.shape[:2]
    r = min(size / h, size / w)
    nw, nh = max(1, min(size, int(w * r))), max(1, min(size, int(h * r)))
    canvas = np.full((size, size, 3), pad, dtype=np.uint8)
    canvas[:nh, :nw] = cv2.resize(bgr, (nw, nh), interpolation=cv2.INTER_LINEAR)
    return canvas.transpose(2, 0, 1).astype(np.float32), r


_GRID = None


def decode(out, r, img_w, img_h, min_score=0.3, nms_iou=0.45, size=INPUT_SIZE):
    """One image's output [rows, 5+C] (obj/cls sigmoided) -> list of (cls, score, [x1,y1,x2,y2]) in
    source pixels, sorted by score, after per-class NMS."""
    global _GRID
    if _GRID is None or _GRID[0].numel() != out.shape[0]:
        _GRID = grids(size)
    gx, gy, s = _GRID
    out = out.detach().float()
    cls_score, cls = out[:, 5:].max(dim=1)
    score = out[:, 4] * cls_score
    keep = score >= min_score
    if not keep.any():
        return []
    o, score, cls = out[keep], score[keep], cls[keep]
    cx = (o[:, 0] + gx[keep]) * s[keep]
    cy = (o[:, 1] + gy[keep]) * s[keep]
    bw = torch.exp(o[:, 2]) * s[keep]
    bh = torch.exp(o[:, 3]) * s[keep]
    boxes = torch.stack([((cx - bw / 2) / r).clamp(0, img_w), ((cy - bh / 2) / r).clamp(0, img_h),
                         ((cx + bw / 2) / r).clamp(0, img_w), ((cy + bh / 2) / r).clamp(0, img_h)], 1)
    idx = torchvision.ops.batched_nms(boxes, score, cls, nms_iou)
    return [(int(cls[i]), float(score[i]), [float(v) for v in boxes[i]]) for i in idx]


def detect(model, bgr, min_score=0.3, nms_iou=0.45):
    x, r = letterbox(bgr)
    with torch.no_grad():
        out = model(torch.from_numpy(x)[None])[0]
    return decode(out, r, bgr.shape[1], bgr.shape[0], min_score, nms_iou)


def read_frame(video, seconds):
    """The frame shown at `seconds` (index round(seconds x fps)) of a video, BGR."""
    cap = cv2.VideoCapture(str(video))
    fps = cap.get(cv2.CAP_PROP_FPS)
    index = int(round(seconds * fps))
    frame = None
    for _ in range(index + 1):
        ok, frame = cap.read()
        if not ok:
            raise ValueError(f"{video}: no frame at {seconds} s")
    cap.release()
    return frame
