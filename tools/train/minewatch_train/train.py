"""scripts/train: fine-tunes the default card's YOLOX-nano on a YOLO- or COCO-format dataset, on the
CPU, and writes models/<name>/ (the ONNX file and a complete model card). See --help."""
import argparse
import json
import math
import os
import random
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import torch

from . import card as cards
from . import data as datasets
from . import importcheck
from .augment import Augment
from .contract import letterbox, decode
from .loss import YoloxLoss
from .metrics import average_precision, mean_ap
from .onnx_import import load_onnx
from .yolox import INPUT_SIZE, fast_pointwise

# detect.pipeline.DetectStage's CONFIRM_SCORE: a track becomes an event only once a sighting reaches it.
CONFIRM_SCORE = 0.5
ONNX_TOL = 1e-3
# Validation keeps detections down to this score for mAP (as COCO's and YOLOX's evaluators do).
VAL_SCORE = 0.01


def log(msg):
    print(f"train: {msg}", file=sys.stderr, flush=True)


def parse(argv):
    p = argparse.ArgumentParser(prog="scripts/train", description=__doc__)
    p.add_argument("--data", help="YOLO dataset folder or COCO .json file")
    p.add_argument("--name", help="the new card's name (models/<name>/)")
    p.add_argument("--out", default="models", help="folder the card directory goes in (default models)")
    p.add_argument("--base", default="models/yolox-nano", help="card whose weights to start from")
    p.add_argument("--shared", default=os.environ.get("MINEWATCH_SHARED", "../shared"),
                   help="shared data (the import check's images), default $MINEWATCH_SHARED or ../shared")
    p.add_argument("--epochs", type=int, default=30)
    p.add_argument("--batch", type=int, default=8)
    p.add_argument("--lr", type=float, default=1e-4, help="peak AdamW learning rate (fine-tuning: small)")
    p.add_argument("--patience", type=int, default=5, help="stop after this many epochs without a better val mAP")
    p.add_argument("--val-fraction", type=float, default=0.2, help="validation share when the data has no val/")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    p.add_argument("--iters-per-epoch", type=int, default=0, help="cap batches per epoch (0: one pass)")
    p.add_argument("--max-minutes", type=float, default=0,
                   help="stop training after this long (the best epoch so far is exported); 0: no limit")
    p.add_argument("--nadir", action="store_true", help="drone views from above: vertical flips, right-angle turns")
    p.add_argument("--degrees", type=float, default=10.0, help="random rotation, +- degrees")
    p.add_argument("--no-augment", action="store_true")
    p.add_argument("--min-score", type=float, default=None, help="card min_score (default: the base card's)")
    p.add_argument("--category", action="append", default=[], metavar="CLASS=CATEGORY")
    p.add_argument("--license", default="Apache-2.0",
                   help="licence of the new weights (default Apache-2.0, the base weights'; mind your data's)")
    p.add_argument("--report", help="also write the training record as JSON here")
    p.add_argument("--check-image", help="after export: write PyTorch's output on this image to --check-out")
    p.add_argument("--check-out", help="float32 little-endian [rows x (5+classes)] of --check-image")
    p.add_argument("--import-check-only", action="store_true", help="verify the weight import, then stop")
    p.add_argument("--skip-import-check", action="store_true", help="for a machine without the shared images")
    a = p.parse_args(argv)
    if not a.import_check_only and (not a.data or not a.name):
        p.error("--data and --name are required (or --import-check-only)")
    if a.name and not all(c.isalnum() or c in "._-" for c in a.name):
        p.error(f"--name {a.name}: letters, digits, '.', '_' and '-' only")
    if a.check_image and not a.check_out:
        p.error("--check-image needs --check-out")
    for kv in a.category:
        if "=" not in kv:
            p.error(f"--category {kv}: expected CLASS=CATEGORY")
    return a


def main(argv=None):
    a = parse(argv if argv is not None else sys.argv[1:])
    try:
        return run(a)
    except (datasets.DatasetError, cards.CardError, importcheck_error) as e:
        log(f"error: {e}")
        return 2


class importcheck_error(Exception):
    pass


def run(a):
    torch.set_num_threads(max(1, a.threads))
    random.seed(a.seed)
    np.random.seed(a.seed)
    torch.manual_seed(a.seed)
    base = cards.read_base(a.base)
    ds = None
    if not a.import_check_only:  # bad data is refused before minutes of checking and training
        ds = datasets.load(a.data)
        train_s, val_s = ds.split(a.val_fraction, a.seed)
        if not train_s:
            raise datasets.DatasetError(f"{a.data}: no training images")
        cats = cards.categories(ds.names, dict(kv.split("=", 1) for kv in a.category))
    model = load_onnx(base["onnx"])
    log(f"imported {base['onnx']} ({sum(p.numel() for p in model.parameters())} weights)")
    if not a.skip_import_check:
        shared = Path(a.shared)
        if not (shared / "media").is_dir():
            raise importcheck_error(f"shared data not found at {shared} (set MINEWATCH_SHARED, or --skip-import-check)")
        problems = importcheck.run(model, base["onnx"], shared, base["classes"], out=lambda s: log("import check: " + s))
        if problems:
            raise importcheck_error("the imported weights do not reproduce the default card's table:\n  "
                                    + "\n  ".join(problems))
        log("import check: passed (PyTorch = ONNX graph; shared/README.md table reproduced)")
    if a.import_check_only:
        return 0
    names = ds.names
    min_score = a.min_score if a.min_score is not None else base["min_score"]
    nms_iou = base["nms_iou"]
    # New class i starts from the base class of the same name, else from "truck" (what the COCO model
    # calls machinery), else fresh.
    fallback = base["classes"].index("truck") if "truck" in base["classes"] else None
    keep = [base["classes"].index(n) if n in base["classes"] else fallback for n in names]
    model.replace_classes(len(names), keep)
    summary_train, summary_val = datasets.summary(names, train_s), datasets.summary(names, val_s)
    log(f"data: {ds.source}: train {summary_train}, val {summary_val}")

    t0 = time.time()
    fast_pointwise(model, True)
    model.set_input_div(255.0)
    best, history, stopped = train(model, names, train_s, val_s, a, min_score, nms_iou)
    wall = time.time() - t0
    model.load_state_dict(best["state"])
    fast_pointwise(model, False)
    model.set_input_div(1.0)
    model.eval()

    card_dir = Path(a.out) / a.name
    card_dir.mkdir(parents=True, exist_ok=True)
    onnx_path = card_dir / f"{a.name}.onnx"
    export(model, onnx_path, len(names))
    check_img = a.check_image or (str(val_s[0][0]) if val_s else None)
    diff = onnx_diff(model, onnx_path, check_img) if check_img else None
    if diff is not None and diff > ONNX_TOL:
        raise importcheck_error(f"{onnx_path}: ONNX output differs from PyTorch by {diff:.2e} > {ONNX_TOL}")
    if a.check_image:
        dump(model, a.check_image, a.check_out)

    per, per_card = best["per_class"]["all"], best["per_class"]["card"]
    record = [
        f"Trained {datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC')} with scripts/train (seed {a.seed},"
        f" {a.threads} CPU thread(s), {wall / 60:.1f} min wall).",
        f"Data: {ds.source} ({'COCO' if str(ds.source).endswith('.json') else 'YOLO'}); "
        f"validation: {'its val/ folder' if ds.val_samples is not None else f'{a.val_fraction:.0%} of the images, seeded'}.",
        f"  train: {summary_train['images']} images ({summary_train['empty_images']} without objects), boxes "
        + ", ".join(f"{k} {v}" for k, v in summary_train['boxes'].items()),
        f"  val:   {summary_val['images']} images ({summary_val['empty_images']} without objects), boxes "
        + ", ".join(f"{k} {v}" for k, v in summary_val['boxes'].items()),
        "Augmentation: " + ("none" if a.no_augment else
                            f"scale 0.6-1.4, shift +-15 %, rotation +-{a.degrees:g} deg, horizontal flip 0.5"
                            + (", vertical flip 0.5, right-angle turns (nadir)" if a.nadir else "")
                            + ", HSV jitter (h 0.015, s 0.5, v 0.35), Gaussian blur 0.2"),
        f"Schedule: AdamW, lr {a.lr:g} (warm-up, cosine), input scaled 1/255 inside while training, batch {a.batch}, up to {a.epochs} epochs,"
        f" early stop after {a.patience} without a better val mAP; ran {len(history)}, kept epoch {best['epoch']}"
        + (f"; {stopped}." if stopped else "."),
        f"Validation mAP@0.5 {best['map']:.3f} (detections from score {VAL_SCORE}, NMS {nms_iou});"
        f" {best['per_class']['card_map']:.3f} from min_score {min_score}, as the server decodes:",
    ] + [f"  {names[c]}: AP@0.5 {v[0]:.3f} ({per_card[c][0]:.3f} from min_score), recall at the confirm"
         f" score {CONFIRM_SCORE} {v[1]:.3f} ({v[2]} boxes)" if v[0] is not None
         else f"  {names[c]}: no validation boxes" for c, v in per.items()] + [
        f"ONNX export vs PyTorch on a validation frame: max |diff| {diff:.2e}" if diff is not None else "",
    ]
    card_file = cards.write(card_dir, a.name, onnx_path, names, cats, min_score, nms_iou, a.license, record, base)
    log(f"wrote {card_file} and {onnx_path}")
    result = {"card": str(card_file), "onnx": str(onnx_path), "wall_s": wall, "epochs_run": len(history),
              "best_epoch": best["epoch"], "val_map50": best["map"], "onnx_max_diff": diff, "stopped": stopped,
              "val_map50_at_min_score": best["per_class"]["card_map"],
              "per_class": {names[c]: {"ap50": v[0], "ap50_at_min_score": per_card[c][0], "recall_at_confirm": v[1],
                                       "boxes": v[2]} for c, v in per.items()},
              "history": history, "train": summary_train, "val": summary_val,
              "images_per_epoch": len(train_s) if not a.iters_per_epoch else min(len(train_s), a.iters_per_epoch * a.batch)}
    if a.report:
        Path(a.report).write_text(json.dumps(result, indent=2))
    print(json.dumps({k: result[k] for k in ("card", "wall_s", "epochs_run", "best_epoch", "val_map50")}))
    return 0


class _Images:
    """Decoded images, kept in memory up to a budget (a few hundred frames fit)."""

    def __init__(self, budget=2 << 30):
        self.cache, self.used, self.budget = {}, 0, budget

    def get(self, path):
        m = self.cache.get(path)
        if m is None:
            m = datasets.read_image(path)
            if self.used + m.nbytes <= self.budget:
                self.cache[path] = m
                self.used += m.nbytes
        return m


def batch_tensors(samples, images, aug):
    xs, targets = [], []
    for path, boxes, classes in samples:
        img = images.get(path)
        if aug is not None:
            img, boxes, classes = aug(img, boxes, classes)
        x, r = letterbox(img)
        xs.append(torch.from_numpy(x))
        targets.append((torch.from_numpy(np.asarray(boxes, dtype=np.float32) * r).reshape(-1, 4),
                        torch.from_numpy(np.asarray(classes, dtype=np.int64))))
    return torch.stack(xs), targets


def evaluate(model, samples, images, num_classes, min_score, nms_iou):
    """(mAP@0.5, per class) from detections down to VAL_SCORE (the usual way: it ranks a model that is
    still unsure, which early stopping needs), and the same at the card's min_score (what the server
    and scripts/evaluate --images see)."""
    model.eval()
    dets, gts = [], []
    with torch.no_grad():
        for path, boxes, classes in samples:
            img = images.get(path)
            x, r = letterbox(img)
            out = model(torch.from_numpy(x)[None])[0]
            dets.append(decode(out, r, img.shape[1], img.shape[0], VAL_SCORE, nms_iou))
            gts.append((boxes, classes))
    per = average_precision(dets, gts, num_classes, recall_score=CONFIRM_SCORE)
    kept = [[d for d in ds if d[1] >= min_score] for ds in dets]
    per_card = average_precision(kept, gts, num_classes, recall_score=CONFIRM_SCORE)
    return mean_ap(per), {"all": per, "card": per_card, "card_map": mean_ap(per_card)}


def train(model, names, train_s, val_s, a, min_score, nms_iou):
    rng = random.Random(a.seed)
    images = _Images()
    aug = None if a.no_augment else Augment(rng, degrees=a.degrees, nadir=a.nadir)
    loss_fn = YoloxLoss(len(names))
    decay, no_decay = [], []
    for n, p in model.named_parameters():
        (no_decay if n.endswith(".bias") else decay).append(p)
    # AdamW, not YOLOX's SGD: with BatchNorm folded into the convolutions the layers' gradient scales
    # differ by orders of magnitude, and SGD steps that suit one layer wreck another (seen here: two
    # SGD steps at lr 0.002 took the val mAP from 0.05 to 0).
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": 5e-4}, {"params": no_decay, "weight_decay": 0}],
                            lr=a.lr)
    per_epoch = math.ceil(len(train_s) / a.batch)
    if a.iters_per_epoch:
        per_epoch = min(per_epoch, a.iters_per_epoch)
    total = per_epoch * a.epochs
    warmup = min(total // 2, max(per_epoch, 20))
    m0, per0 = evaluate(model, val_s, images, len(names), min_score, nms_iou)
    log(f"epoch 0 (the base weights, classes by name): val mAP@0.5 {m0:.3f}; at min_score {per0['card_map']:.3f}")
    best = {"epoch": 0, "map": m0, "per_class": per0, "state": {k: v.clone() for k, v in model.state_dict().items()}}
    history, step, stale, stopped = [], 0, 0, None
    t_start = time.time()
    for epoch in range(1, a.epochs + 1):
        if a.max_minutes and time.time() - t_start > a.max_minutes * 60:
            stopped = f"stopped by --max-minutes {a.max_minutes:g} before epoch {epoch}"
            log(stopped)
            break
        t = time.time()
        model.train()
        order = list(train_s)
        rng.shuffle(order)
        losses = []
        for i in range(per_epoch):
            chunk = order[i * a.batch:(i + 1) * a.batch] or rng.sample(order, min(a.batch, len(order)))
            x, targets = batch_tensors(chunk, images, aug)
            lr = a.lr * (step + 1) / warmup if step < warmup else \
                a.lr * 0.5 * (1 + math.cos(math.pi * (step - warmup) / max(1, total - warmup)))
            for g in opt.param_groups:
                g["lr"] = lr
            loss, parts = loss_fn(model.raw(x), targets)
            opt.zero_grad()
            loss.backward()
            opt.step()
            losses.append(loss.item())
            step += 1
            if i % 10 == 9:
                log(f"epoch {epoch} batch {i + 1}/{per_epoch}: loss {np.mean(losses[-10:]):.3f} "
                    f"({(time.time() - t) / (i + 1):.1f} s a batch)")
            if a.max_minutes and time.time() - t_start > a.max_minutes * 60:
                stopped = f"stopped by --max-minutes {a.max_minutes:g} in epoch {epoch} after {i + 1} batches"
                log(stopped)
                break
        m, per = evaluate(model, val_s, images, len(names), min_score, nms_iou)
        secs = time.time() - t
        history.append({"epoch": epoch, "loss": float(np.mean(losses)), "val_map50": m,
                        "val_map50_at_min_score": per["card_map"], "seconds": secs})
        log(f"epoch {epoch}/{a.epochs}: loss {np.mean(losses):.3f}, val mAP@0.5 {m:.3f}"
            + "".join(f", {names[c]} {v[0]:.3f}" for c, v in per["all"].items() if v[0] is not None)
            + f"; at min_score {per['card_map']:.3f} ({secs:.0f} s)")
        if stopped:
            if m > best["map"]:
                best = {"epoch": epoch, "map": m, "per_class": per,
                        "state": {k: v.clone() for k, v in model.state_dict().items()}}
            break
        if m > best["map"] or best["epoch"] == 0 and m >= best["map"]:
            best = {"epoch": epoch, "map": m, "per_class": per,
                    "state": {k: v.clone() for k, v in model.state_dict().items()}}
            stale = 0
        else:
            stale += 1
            if stale >= a.patience:
                log(f"early stop: {stale} epochs without a better val mAP (best epoch {best['epoch']})")
                break
    return best, history, stopped


def export(model, path, num_classes):
    model.eval()
    tmp = Path(str(path) + ".tmp")
    torch.onnx.export(model, torch.zeros(1, 3, INPUT_SIZE, INPUT_SIZE), str(tmp), opset_version=11,
                      input_names=["images"], output_names=["output"], do_constant_folding=True)
    os.replace(tmp, path)


def onnx_diff(model, onnx_path, image):
    """Max |ONNX - PyTorch| on one image, the ONNX run by OpenCV's DNN module."""
    import cv2
    img = datasets.read_image(image)
    x, _ = letterbox(img)
    net = cv2.dnn.readNetFromONNX(str(onnx_path))
    net.setInput(x[None])
    ref = net.forward()
    with torch.no_grad():
        mine = model(torch.from_numpy(x)[None]).numpy()
    return float(np.abs(ref - mine).max())


def dump(model, image, out):
    img = datasets.read_image(image)
    x, _ = letterbox(img)
    with torch.no_grad():
        y = model(torch.from_numpy(x)[None])[0].numpy().astype("<f4")
    Path(out).write_bytes(y.tobytes())
