"""YOLOX's training loss: SimOTA label assignment, IoU loss on boxes (1 - IoU^2), BCE on objectness
and on classes (class targets weighted by the matched box's IoU), as in Megvii's YOLOXHead."""
import torch
import torch.nn.functional as F

from .yolox import grids, INPUT_SIZE

_CENTER_RADIUS = 2.5


def _iou(a, b):
    """Pairwise IoU of cx,cy,w,h boxes a [G,4] and b [M,4] -> [G,M]."""
    a1, a2 = a[:, None, :2] - a[:, None, 2:] / 2, a[:, None, :2] + a[:, None, 2:] / 2
    b1, b2 = b[None, :, :2] - b[None, :, 2:] / 2, b[None, :, :2] + b[None, :, 2:] / 2
    wh = (torch.min(a2, b2) - torch.max(a1, b1)).clamp(min=0)
    inter = wh[..., 0] * wh[..., 1]
    return inter / (a[:, None, 2] * a[:, None, 3] + b[None, :, 2] * b[None, :, 3] - inter + 1e-9)


class YoloxLoss:
    def __init__(self, num_classes, size=INPUT_SIZE):
        self.num_classes = num_classes
        self.gx, self.gy, self.s = grids(size)

    def __call__(self, raw, targets):
        """raw [B,N,5+C] logits; targets: per image (boxes [n,4] x1y1x2y2 in input pixels, classes [n])."""
        gx, gy, s = self.gx, self.gy, self.s
        pred = torch.stack([(raw[..., 0] + gx) * s, (raw[..., 1] + gy) * s,
                            torch.exp(raw[..., 2].clamp(max=10)) * s, torch.exp(raw[..., 3].clamp(max=10)) * s], -1)
        obj_t = torch.zeros_like(raw[..., 4])
        fg_preds, fg_boxes, fg_cls_logits, fg_cls_t = [], [], [], []
        for b, (boxes, classes) in enumerate(targets):
            if len(boxes) == 0:
                continue
            gt = torch.cat([(boxes[:, :2] + boxes[:, 2:]) / 2, boxes[:, 2:] - boxes[:, :2]], 1)
            with torch.no_grad():
                matched, gt_idx = self._assign(pred[b], raw[b], gt, classes)
            if matched.sum() == 0:
                continue
            obj_t[b, matched] = 1.0
            p = pred[b, matched]
            g = gt[gt_idx]
            iou = _iou(g, p).diagonal().detach()
            fg_preds.append(p)
            fg_boxes.append(g)
            fg_cls_logits.append(raw[b, matched, 5:])
            fg_cls_t.append(F.one_hot(classes[gt_idx], self.num_classes).float() * iou[:, None])
        loss_obj = F.binary_cross_entropy_with_logits(raw[..., 4], obj_t, reduction="sum")
        if not fg_preds:
            n = 1.0
            return loss_obj / n, {"obj": loss_obj.item(), "iou": 0.0, "cls": 0.0, "fg": 0}
        p, g = torch.cat(fg_preds), torch.cat(fg_boxes)
        n = max(len(p), 1)
        iou = _iou(g, p).diagonal()
        loss_iou = (1 - iou ** 2).sum()
        loss_cls = F.binary_cross_entropy_with_logits(torch.cat(fg_cls_logits), torch.cat(fg_cls_t), reduction="sum")
        total = (5.0 * loss_iou + loss_obj + loss_cls) / n
        return total, {"obj": loss_obj.item() / n, "iou": loss_iou.item() / n, "cls": loss_cls.item() / n, "fg": n}

    def _assign(self, pred, raw, gt, classes):
        """SimOTA: anchors near each object compete by cost; each object takes its dynamic top-k."""
        gx, gy, s = self.gx, self.gy, self.s
        xc, yc = (gx + 0.5) * s, (gy + 0.5) * s
        x1, y1 = gt[:, 0:1] - gt[:, 2:3] / 2, gt[:, 1:2] - gt[:, 3:4] / 2
        x2, y2 = gt[:, 0:1] + gt[:, 2:3] / 2, gt[:, 1:2] + gt[:, 3:4] / 2
        in_box = (xc > x1) & (xc < x2) & (yc > y1) & (yc < y2)
        r = _CENTER_RADIUS * s
        in_ctr = ((xc - gt[:, 0:1]).abs() < r) & ((yc - gt[:, 1:2]).abs() < r)
        cand = (in_box | in_ctr).any(0)
        n_cand = int(cand.sum())
        N = pred.shape[0]
        if n_cand == 0:
            return torch.zeros(N, dtype=torch.bool), torch.zeros(0, dtype=torch.long)
        ious = _iou(gt, pred[cand])
        cls_prob = (raw[cand, 5:].sigmoid() * raw[cand, 4:5].sigmoid()).sqrt()
        onehot = F.one_hot(classes, self.num_classes).float()
        G = len(gt)
        cls_cost = F.binary_cross_entropy(cls_prob[None].expand(G, -1, -1).clamp(1e-6, 1 - 1e-6),
                                          onehot[:, None].expand(-1, n_cand, -1), reduction="none").sum(-1)
        cost = cls_cost + 3.0 * -torch.log(ious + 1e-8) + 1e5 * (~(in_box & in_ctr)[:, cand]).float()
        k = min(10, n_cand)
        dyn = torch.topk(ious, k, dim=1).values.sum(1).int().clamp(min=1)
        match = torch.zeros_like(cost, dtype=torch.bool)
        for g in range(G):
            idx = torch.topk(cost[g], int(dyn[g]), largest=False).indices
            match[g, idx] = True
        multi = match.sum(0) > 1
        if multi.any():
            best = cost[:, multi].argmin(0)
            match[:, multi] = False
            match[best, multi.nonzero().squeeze(1)] = True
        fg = match.any(0)
        gt_idx = match[:, fg].float().argmax(0)
        matched = torch.zeros(N, dtype=torch.bool)
        matched[cand.nonzero().squeeze(1)[fg]] = True
        return matched, gt_idx
