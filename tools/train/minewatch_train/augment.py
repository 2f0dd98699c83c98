"""Augmentation for road/pit cameras and drones: scale and shift, horizontal flip (and vertical
flips and right-angle turns for nadir drone views), small rotations, colour (HSV) jitter, blur.
Works on a BGR image and its [n,4] pixel boxes; boxes leaving the frame are clipped, and dropped
when less than a third of them is left."""
import math

import cv2
import numpy as np


class Augment:
    def __init__(self, rng, scale=(0.6, 1.4), degrees=10.0, flip=0.5, nadir=False, hsv=(0.015, 0.5, 0.35),
                 blur=0.2):
        self.rng = rng
        self.scale = scale
        self.degrees = degrees
        self.flip = flip
        self.nadir = nadir
        self.hsv = hsv
        self.blur = blur

    def __call__(self, img, boxes, classes):
        r = self.rng
        h, w = img.shape[:2]
        angle = r.uniform(-self.degrees, self.degrees)
        if self.nadir:
            angle += 90 * r.randint(0, 3)   # seen from straight above, any heading is as likely
        s = r.uniform(*self.scale)
        M = cv2.getRotationMatrix2D((w / 2, h / 2), angle, s)
        M[0, 2] += r.uniform(-0.15, 0.15) * w
        M[1, 2] += r.uniform(-0.15, 0.15) * h
        img = cv2.warpAffine(img, M, (w, h), borderValue=(114, 114, 114))
        boxes = _warp_boxes(boxes, M, w, h)
        if r.random() < self.flip:
            img = img[:, ::-1]
            boxes = boxes.copy()
            boxes[:, [0, 2]] = w - boxes[:, [2, 0]]
        if self.nadir and r.random() < self.flip:
            img = img[::-1]
            boxes = boxes.copy()
            boxes[:, [1, 3]] = h - boxes[:, [3, 1]]
        img = np.ascontiguousarray(img)
        img = _hsv(img, r, *self.hsv)
        if r.random() < self.blur:
            k = r.choice([3, 5])
            img = cv2.GaussianBlur(img, (k, k), 0)
        if len(boxes):
            areas = (boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1])
            keep = (areas > 4) & (boxes[:, 2] - boxes[:, 0] > 2) & (boxes[:, 3] - boxes[:, 1] > 2)
            boxes, classes = boxes[keep], classes[keep]
        return img, boxes, classes


def _warp_boxes(boxes, M, w, h):
    if not len(boxes):
        return boxes
    n = len(boxes)
    pts = np.ones((n * 4, 3), dtype=np.float32)
    pts[:, :2] = boxes[:, [0, 1, 2, 3, 0, 3, 2, 1]].reshape(n * 4, 2)
    xy = (pts @ M.T).reshape(n, 8)
    x, y = xy[:, [0, 2, 4, 6]], xy[:, [1, 3, 5, 7]]
    out = np.stack([x.min(1), y.min(1), x.max(1), y.max(1)], 1)
    full = out.copy()
    out[:, [0, 2]] = out[:, [0, 2]].clip(0, w)
    out[:, [1, 3]] = out[:, [1, 3]].clip(0, h)
    visible = ((out[:, 2] - out[:, 0]) * (out[:, 3] - out[:, 1])) / np.maximum(
        (full[:, 2] - full[:, 0]) * (full[:, 3] - full[:, 1]), 1e-6)
    out[visible < 1 / 3] = 0  # mostly outside the frame: dropped below
    return out.astype(np.float32)


def _hsv(img, rng, hgain, sgain, vgain):
    gains = np.array([rng.uniform(-1, 1) * g + 1 for g in (hgain, sgain, vgain)])
    hue, sat, val = cv2.split(cv2.cvtColor(img, cv2.COLOR_BGR2HSV))
    x = np.arange(0, 256, dtype=np.float32)
    lut_h = ((x * gains[0]) % 180).astype(np.uint8)
    lut_s = np.clip(x * gains[1], 0, 255).astype(np.uint8)
    lut_v = np.clip(x * gains[2], 0, 255).astype(np.uint8)
    hsv = cv2.merge((cv2.LUT(hue, lut_h), cv2.LUT(sat, lut_s), cv2.LUT(val, lut_v)))
    return cv2.cvtColor(hsv, cv2.COLOR_HSV2BGR)
