"""Reading the base card and writing the new one. Cards are read strictly by the server
(detect.infer.ModelCard): the training record (data, augmentation, validation AP) goes into
comments, every key is one the server knows."""
import hashlib
from pathlib import Path

# What a county's class names mean to the rules (detect.infer.Category); others: --category NAME=CAT.
DEFAULT_CATEGORIES = {
    "excavator": "excavator", "loader": "loader", "wheel_loader": "loader", "dump_truck": "dump_truck",
    "tipper": "dump_truck", "truck": "heavy_vehicle", "bus": "heavy_vehicle", "bulldozer": "heavy_vehicle",
    "crusher": "heavy_vehicle", "tanker": "heavy_vehicle", "crane": "heavy_vehicle",
    "sand_barge": "heavy_vehicle", "dredger": "heavy_vehicle", "barge": "heavy_vehicle", "boat": "heavy_vehicle",
    "car": "vehicle", "van": "vehicle", "pickup": "vehicle", "person": "person",
}
CATEGORIES = {"heavy_vehicle", "excavator", "loader", "dump_truck", "vehicle", "person"}


class CardError(Exception):
    pass


def read_base(card_dir):
    """The few keys training needs from a card: file, sha256, min_score, nms_iou, classes."""
    card = Path(card_dir) / "model.yaml"
    if not card.is_file():
        raise CardError(f"{card}: no model card")
    keys, classes, in_classes = {}, [], False
    for line in card.read_text().splitlines():
        s = line.split("#")[0].rstrip()
        if not s:
            continue
        if not s.startswith(" ") and ":" in s:
            k, v = s.split(":", 1)
            keys[k.strip()] = v.strip()
            in_classes = k.strip() == "classes"
        elif in_classes and s.strip().startswith("- "):
            classes.append(s.strip()[2:].strip().strip("'\""))
    try:
        onnx = (card.parent / keys["file"]).resolve()
        base = {"name": keys["name"], "onnx": onnx, "sha256": keys["sha256"],
                "min_score": float(keys["min_score"]), "nms_iou": float(keys["nms_iou"]), "classes": classes}
    except KeyError as e:
        raise CardError(f"{card}: key {e} missing")
    if not onnx.is_file():
        raise CardError(f"{onnx} named by {card} is missing: run scripts/fetch-models")
    if sha256(onnx) != base["sha256"]:
        raise CardError(f"{onnx} does not match the sha256 in {card}")
    return base


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 16), b""):
            h.update(chunk)
    return h.hexdigest()


def categories(names, overrides):
    out = {}
    for n in names:
        cat = overrides.get(n, DEFAULT_CATEGORIES.get(n))
        if cat is None:
            raise CardError(f"class '{n}' has no category: pass --category {n}=CATEGORY "
                            f"(one of {', '.join(sorted(CATEGORIES))})")
        if cat not in CATEGORIES:
            raise CardError(f"--category {n}={cat}: not one of {', '.join(sorted(CATEGORIES))}")
        out[n] = cat
    return out


def _q(name):
    return f"'{name}'" if not name.replace("_", "").replace("-", "").isalnum() else name


def write(card_dir, name, onnx_file, names, cats, min_score, nms_iou, license_, record, base):
    """models/<name>/model.yaml for the exported file; record: lines of the training record."""
    onnx_file = Path(onnx_file)
    lines = [
        f"# Model card written by scripts/train: YOLOX-nano fine-tuned from the {base['name']} card's weights",
        f"# (sha256 {base['sha256']}). Read strictly by io.minewatch.detect.infer.ModelCard;",
        "# the training record below is comments, so the server reads this card with no code change.",
        "#",
    ] + [f"# {l}" if l else "#" for l in record] + [
        f"name: {name}",
        f"file: {onnx_file.name}",
        f"sha256: {sha256(onnx_file)}",
        f"size_bytes: {onnx_file.stat().st_size}",
        "# Trained here: copy the .onnx next to this card (scripts/fetch-models cannot download it).",
        "sources: []",
        f"license: {license_}",
        "",
        "# The same contract as the base card: BGR, raw 0-255, top-left letterbox on 114 grey.",
        "input:",
        "  name: images",
        "  width: 416",
        "  height: 416",
        "  pixel_order: BGR",
        "  scale: 1.0",
        "  letterbox: top-left",
        "  pad_value: 114",
        "",
        f"# [1,3549,{5 + len(names)}] rows [tx,ty,tw,th,obj,cls0..cls{len(names) - 1}], obj and cls sigmoided; no NMS inside.",
        "output:",
        "  decoder: yolox",
        "  strides: [8, 16, 32]",
        "  scores: obj_x_cls",
        "",
        f"nms_iou: {nms_iou}",
        f"min_score: {min_score}",
        "",
        "# Class names in output order.",
        "classes:",
    ] + [f"  - {_q(n)}  # {i}" for i, n in enumerate(names)] + [
        "",
        "# What the rules call each class (scripts/train --category NAME=CATEGORY to change).",
        "categories:",
    ] + [f"  {_q(n)}: {cats[n]}" for n in names]
    card_dir = Path(card_dir)
    card_dir.mkdir(parents=True, exist_ok=True)
    (card_dir / "model.yaml").write_text("\n".join(lines) + "\n")
    return card_dir / "model.yaml"
