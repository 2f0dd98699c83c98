"""AP@0.5 per class (all-point interpolated precision/recall curve, as PASCAL VOC 2010+ and COCO's
AP50) and recall at a score."""
import numpy as np


def _iou(a, b):
    ix = np.maximum(0, np.minimum(a[2], b[:, 2]) - np.maximum(a[0], b[:, 0]))
    iy = np.maximum(0, np.minimum(a[3], b[:, 3]) - np.maximum(a[1], b[:, 1]))
    inter = ix * iy
    return inter / ((a[2] - a[0]) * (a[3] - a[1]) + (b[:, 2] - b[:, 0]) * (b[:, 3] - b[:, 1]) - inter + 1e-9)


def average_precision(dets, gts, num_classes, iou=0.5, recall_score=0.5):
    """dets: per image list of (cls, score, box); gts: per image (boxes [n,4], classes [n]).
    -> {cls: (ap or None when the class has no box, recall at recall_score, n_gt)}."""
    out = {}
    for c in range(num_classes):
        n_gt = sum(int((g[1] == c).sum()) for g in gts)
        cand = [(s, i, np.array(b)) for i, d in enumerate(dets) for (k, s, b) in d if k == c]
        cand.sort(key=lambda t: -t[0])
        used = [np.zeros(int((g[1] == c).sum()), dtype=bool) for g in gts]
        tp = np.zeros(len(cand))
        for j, (s, i, b) in enumerate(cand):
            gb = gts[i][0][gts[i][1] == c]
            if len(gb):
                ious = _iou(b, gb)
                m = int(ious.argmax())
                if ious[m] >= iou and not used[i][m]:
                    used[i][m] = True
                    tp[j] = 1
        if n_gt == 0:
            out[c] = (None, None, 0)
            continue
        ctp = np.cumsum(tp)
        rec = ctp / n_gt
        prec = ctp / np.maximum(np.arange(1, len(cand) + 1), 1)
        mrec = np.concatenate([[0], rec, [1]])
        mpre = np.concatenate([[0], prec, [0]])
        for k in range(len(mpre) - 2, -1, -1):
            mpre[k] = max(mpre[k], mpre[k + 1])
        steps = np.where(mrec[1:] != mrec[:-1])[0]
        ap = float(np.sum((mrec[steps + 1] - mrec[steps]) * mpre[steps + 1]))
        above = sum(tp[j] for j, t in enumerate(cand) if t[0] >= recall_score)
        out[c] = (ap, float(above / n_gt), n_gt)
    return out


def mean_ap(per_class):
    aps = [v[0] for v in per_class.values() if v[0] is not None]
    return float(np.mean(aps)) if aps else 0.0
