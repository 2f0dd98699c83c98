"""Detection datasets: YOLO folders and COCO JSON, read into one shape.

YOLO:  DIR/classes.txt (one name a line, in class-id order; or data.yaml with `names:`),
       DIR/images/**.jpg|png and DIR/labels/<same relative path>.txt with lines
       `class cx cy w h` (fractions of the image). An image without a label file has no objects.
       If DIR/images/val exists, it is the validation split and DIR/images/train the training one.
COCO:  a JSON file (images, annotations with bbox [x,y,w,h] in pixels, categories); images are looked
       up relative to the JSON's folder, or to its images/ sub-folder.
Each sample is (image path, boxes float [n,4] x1 y1 x2 y2 pixels, classes int [n])."""
import json
import random
from pathlib import Path

import cv2
import numpy as np

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".bmp"}


class DatasetError(Exception):
    pass


class Dataset:
    def __init__(self, names, samples, source, val_samples=None):
        self.names = names
        self.samples = samples
        self.val_samples = val_samples
        self.source = source

    def split(self, val_fraction, seed):
        """(train, val) samples: the dataset's own val folder, else a seeded random share."""
        if self.val_samples is not None:
            return self.samples, self.val_samples
        s = sorted(self.samples, key=lambda t: str(t[0]))
        random.Random(seed).shuffle(s)
        n_val = max(1, int(round(len(s) * val_fraction)))
        if len(s) < 2:
            raise DatasetError(f"{self.source}: {len(s)} image(s); need at least 2 for a validation split")
        return s[n_val:], s[:n_val]


def load(path):
    path = Path(path)
    if path.is_file() and path.suffix == ".json":
        return _coco(path)
    if path.is_dir():
        return _yolo(path)
    raise DatasetError(f"{path}: not a YOLO dataset folder nor a COCO .json file")


def _names_yolo(root):
    txt = root / "classes.txt"
    if txt.is_file():
        names = [l.strip() for l in txt.read_text().splitlines() if l.strip()]
    elif (root / "data.yaml").is_file():
        names = _yaml_names(root / "data.yaml")
    else:
        raise DatasetError(f"{root}: no classes.txt (one class name a line) nor data.yaml with names:")
    if not names or len(set(names)) != len(names):
        raise DatasetError(f"{root}: class names must be present and unique, got {names}")
    return names


def _yaml_names(path):
    names, inside = [], False
    for line in path.read_text().splitlines():
        s = line.split("#")[0].rstrip()
        if s.startswith("names:"):
            rest = s[len("names:"):].strip()
            if rest.startswith("["):
                return [n.strip().strip("'\"") for n in rest.strip("[]").split(",") if n.strip()]
            inside = True
            continue
        if inside:
            t = s.strip()
            if t.startswith("- "):
                names.append(t[2:].strip().strip("'\""))
            elif ":" in t and t.split(":")[0].strip().isdigit():
                names.append(t.split(":", 1)[1].strip().strip("'\""))
            elif t:
                break
    return names


def _yolo_samples(root, images, names):
    out = []
    for img in sorted(p for p in images.rglob("*") if p.suffix.lower() in IMAGE_SUFFIXES):
        rel = img.relative_to(root / "images")
        lab = (root / "labels" / rel).with_suffix(".txt")
        boxes, classes = [], []
        if lab.is_file():
            shape = _size(img)
            for n, line in enumerate(lab.read_text().splitlines(), 1):
                if not line.strip():
                    continue
                parts = line.split()
                try:
                    c, cx, cy, w, h = int(parts[0]), *map(float, parts[1:5])
                except (ValueError, IndexError):
                    raise DatasetError(f"{lab}:{n}: expected 'class cx cy w h', got '{line.strip()}'")
                if not 0 <= c < len(names):
                    raise DatasetError(f"{lab}:{n}: class {c} is not one of the {len(names)} classes")
                if w <= 0 or h <= 0 or not (0 <= cx <= 1 and 0 <= cy <= 1):
                    raise DatasetError(f"{lab}:{n}: box out of range (fractions of the image expected)")
                W, H = shape
                boxes.append([(cx - w / 2) * W, (cy - h / 2) * H, (cx + w / 2) * W, (cy + h / 2) * H])
                classes.append(c)
        out.append((img, _arr(boxes), np.array(classes, dtype=np.int64)))
    return out


def _yolo(root):
    names = _names_yolo(root)
    images = root / "images"
    if not images.is_dir():
        raise DatasetError(f"{root}: no images/ folder")
    if (images / "val").is_dir():
        train = _yolo_samples(root, images / "train", names) if (images / "train").is_dir() else []
        return Dataset(names, train, root, _yolo_samples(root, images / "val", names))
    return Dataset(names, _yolo_samples(root, images, names), root)


def _coco(path):
    try:
        doc = json.loads(path.read_text())
        cats = sorted(doc["categories"], key=lambda c: c["id"])
        images = doc["images"]
        anns = doc.get("annotations", [])
    except (ValueError, KeyError, TypeError) as e:
        raise DatasetError(f"{path}: not COCO detection JSON ({e})")
    names = [c["name"] for c in cats]
    index = {c["id"]: i for i, c in enumerate(cats)}
    per = {im["id"]: ([], []) for im in images}
    for a in anns:
        if a.get("iscrowd", 0):
            continue
        if a["category_id"] not in index or a["image_id"] not in per:
            raise DatasetError(f"{path}: annotation {a.get('id')} names an unknown image or category")
        x, y, w, h = a["bbox"]
        per[a["image_id"]][0].append([x, y, x + w, y + h])
        per[a["image_id"]][1].append(index[a["category_id"]])
    samples = []
    for im in images:
        p = path.parent / im["file_name"]
        if not p.is_file():
            p = path.parent / "images" / im["file_name"]
        if not p.is_file():
            raise DatasetError(f"{path}: image {im['file_name']} not found beside it or under images/")
        b, c = per[im["id"]]
        samples.append((p, _arr(b), np.array(c, dtype=np.int64)))
    return Dataset(names, samples, path)


def _arr(boxes):
    return np.array(boxes, dtype=np.float32).reshape(-1, 4)


def _size(img):
    m = cv2.imread(str(img), cv2.IMREAD_UNCHANGED)
    if m is None:
        raise DatasetError(f"{img}: cannot read the image")
    return m.shape[1], m.shape[0]


def read_image(path):
    m = cv2.imread(str(path), cv2.IMREAD_COLOR)
    if m is None:
        raise DatasetError(f"{path}: cannot read the image")
    return m


def summary(names, samples):
    counts = [0] * len(names)
    for _, _, c in samples:
        for k in c:
            counts[int(k)] += 1
    return {"images": len(samples), "boxes": dict(zip(names, counts)),
            "empty_images": sum(1 for s in samples if len(s[2]) == 0)}
