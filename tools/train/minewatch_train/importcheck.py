"""Checks that YOLOX-nano read from the default card's ONNX initializers is the card's network:

1. on every input of the table in shared/README.md, the PyTorch output equals the ONNX graph's
   (run by OpenCV's DNN module, an independent ONNX runtime) within 1e-3, and the decoded detections
   are the same (class, score to 3 decimals, box to the pixel);
2. the detections reproduce the table: each listed class, score and box, to the table's precision.
   The table's scores were measured with another JPEG decoder / resize build: the server's own DJL path
   gives the same numbers as this import (e.g. freeway truck 0.666, dog car 0.798), up to 0.003 from
   the table. Scores must agree within 0.005 and boxes within 1 px.
Prints a line per input; returns the problems found (empty = pass)."""
from pathlib import Path

import cv2
import numpy as np
import torch

from .contract import letterbox, decode, read_frame

# shared/README.md, "Measured with that contract (score >= 0.3, NMS IoU 0.45)": (class, score, box or None)
TABLE = [
    ("media/images/coco_val2017_000000009769_pickup_truck.jpg", None,
     [("truck", 0.892, [79, 182, 467, 377]), ("car", 0.723, None)]),
    ("media/images/coco_val2017_000000001532_freeway_van_cars.jpg", None,
     [("car", 0.882, None), ("car", 0.860, None), ("truck", 0.669, [105, 373, 185, 436])]),
    ("media/images/yolox_assets_dog.jpg", None,
     [("dog", 0.856, None), ("bicycle", 0.804, None), ("car", 0.797, None), ("truck", 0.306, None)]),
    ("media/video/andrewssobral_haar_video1.avi", 1.0, [("truck", 0.69, [54, 139, 144, 232])]),
    ("media/images/machines/jcb-240-lc.jpg", None, [("truck", 0.36, None)]),
    ("media/images/machines/caterpillar-924g.jpg", None, [("truck", (0.75, 0.82), None)]),
    ("media/images/machines/komatsu-430.jpg", None, [("truck", (0.75, 0.82), None)]),
    ("media/images/machines/atlas-copco-5515.jpg", None, [("train", 0.81, None)]),
]
SCORE_TOL = 0.005
BOX_TOL = 1.0
ONNX_TOL = 1e-3
VIDEO_CARS = 10  # "and ~10 cars"


def run(model, onnx_path, shared, names, out=print):
    problems = []
    net = cv2.dnn.readNetFromONNX(str(onnx_path))
    for rel, at, expected in TABLE:
        path = Path(shared) / rel
        img = read_frame(path, at) if at is not None else cv2.imread(str(path))
        if img is None:
            problems.append(f"{path}: cannot read")
            continue
        x, r = letterbox(img)
        with torch.no_grad():
            mine = model(torch.from_numpy(x)[None])[0]
        net.setInput(x[None])
        ref = torch.from_numpy(net.forward()[0])
        diff = float((mine - ref).abs().max())
        dets = decode(mine, r, img.shape[1], img.shape[0])
        ref_dets = decode(ref, r, img.shape[1], img.shape[0])
        line = ", ".join(f"{names[c]} {s:.3f} [{','.join(str(round(v)) for v in b)}]" for c, s, b in dets[:8])
        out(f"{rel}{'' if at is None else f' @ {at} s'}: max |torch - onnx| {diff:.2e}; {line}")
        if diff > ONNX_TOL:
            problems.append(f"{rel}: PyTorch differs from the ONNX graph by {diff:.2e} > {ONNX_TOL}")
        if _rounded(dets, names) != _rounded(ref_dets, names):
            problems.append(f"{rel}: detections differ from the ONNX graph's: {_rounded(dets, names)} vs "
                            f"{_rounded(ref_dets, names)}")
        problems += _against_table(rel, dets, expected, names)
        if at is not None:
            cars = sum(1 for c, _, _ in dets if names[c] == "car")
            if abs(cars - VIDEO_CARS) > 2:
                problems.append(f"{rel}: {cars} cars, the table says ~{VIDEO_CARS}")
    return problems


def _rounded(dets, names):
    return [(names[c], round(s, 3), [round(v) for v in b]) for c, s, b in dets]


def _against_table(rel, dets, expected, names):
    problems, used = [], set()
    for cls, score, box in expected:
        found = None
        for i, (c, s, b) in enumerate(dets):
            if i in used or names[c] != cls:
                continue
            if isinstance(score, tuple):
                ok = score[0] - SCORE_TOL <= s <= score[1] + SCORE_TOL
            else:
                ok = abs(s - score) <= SCORE_TOL
            if ok and (box is None or max(abs(a - e) for a, e in zip(b, box)) <= BOX_TOL):
                found = i
                break
        if found is None:
            problems.append(f"{rel}: table entry {cls} {score} {box or ''} not reproduced")
        else:
            used.add(found)
    return problems
