"""YOLOX-nano in PyTorch, the architecture of the default card's ONNX graph (Megvii YOLOX 0.1.1rc0,
depth 0.33, width 0.25, depthwise convolutions, SiLU, 416x416).

The ONNX export folded every BatchNorm into its convolution, so each convolution here carries a bias
and there is no BatchNorm: the imported weights are exactly the graph's, and fine-tuning trains that
folded network (small batches on a CPU gain nothing from BatchNorm statistics anyway).
"""
import torch
import torch.nn as nn

DEPTH = 0.33
WIDTH = 0.25
STRIDES = (8, 16, 32)
INPUT_SIZE = 416


class BaseConv(nn.Module):
    """Conv (BatchNorm folded in: bias) + SiLU; stored under .conv like YOLOX's so names read alike."""

    def __init__(self, cin, cout, k, stride, groups=1):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, k, stride, (k - 1) // 2, groups=groups, bias=True)
        self.act = nn.SiLU()

    def forward(self, x):
        return self.act(self.conv(x))


class DWConv(nn.Module):
    def __init__(self, cin, cout, k, stride=1):
        super().__init__()
        self.dconv = BaseConv(cin, cin, k, stride, groups=cin)
        self.pconv = BaseConv(cin, cout, 1, 1)

    def forward(self, x):
        return self.pconv(self.dconv(x))


class Bottleneck(nn.Module):
    def __init__(self, cin, cout, shortcut=True, expansion=0.5):
        super().__init__()
        hidden = int(cout * expansion)
        self.conv1 = BaseConv(cin, hidden, 1, 1)
        self.conv2 = DWConv(hidden, cout, 3, 1)
        self.use_add = shortcut and cin == cout

    def forward(self, x):
        y = self.conv2(self.conv1(x))
        return y + x if self.use_add else y


class SPPBottleneck(nn.Module):
    def __init__(self, cin, cout, kernels=(5, 9, 13)):
        super().__init__()
        hidden = cin // 2
        self.conv1 = BaseConv(cin, hidden, 1, 1)
        self.m = nn.ModuleList([nn.MaxPool2d(k, 1, k // 2) for k in kernels])
        self.conv2 = BaseConv(hidden * (len(kernels) + 1), cout, 1, 1)

    def forward(self, x):
        x = self.conv1(x)
        x = torch.cat([x] + [m(x) for m in self.m], dim=1)
        return self.conv2(x)


class CSPLayer(nn.Module):
    def __init__(self, cin, cout, n=1, shortcut=True, expansion=0.5):
        super().__init__()
        hidden = int(cout * expansion)
        self.conv1 = BaseConv(cin, hidden, 1, 1)
        self.conv2 = BaseConv(cin, hidden, 1, 1)
        self.conv3 = BaseConv(2 * hidden, cout, 1, 1)
        self.m = nn.Sequential(*[Bottleneck(hidden, hidden, shortcut, 1.0) for _ in range(n)])

    def forward(self, x):
        x1 = self.conv1(x)
        x2 = self.conv2(x)
        return self.conv3(torch.cat((self.m(x1), x2), dim=1))


class Focus(nn.Module):
    def __init__(self, cin, cout, k=1, stride=1):
        super().__init__()
        self.conv = BaseConv(cin * 4, cout, k, stride)

    def forward(self, x):
        tl = x[..., ::2, ::2]
        tr = x[..., ::2, 1::2]
        bl = x[..., 1::2, ::2]
        br = x[..., 1::2, 1::2]
        return self.conv(torch.cat((tl, bl, tr, br), dim=1))


class CSPDarknet(nn.Module):
    def __init__(self, dep_mul=DEPTH, wid_mul=WIDTH):
        super().__init__()
        bc = int(wid_mul * 64)
        bd = max(round(dep_mul * 3), 1)
        self.stem = Focus(3, bc, k=3)
        self.dark2 = nn.Sequential(DWConv(bc, bc * 2, 3, 2), CSPLayer(bc * 2, bc * 2, n=bd))
        self.dark3 = nn.Sequential(DWConv(bc * 2, bc * 4, 3, 2), CSPLayer(bc * 4, bc * 4, n=bd * 3))
        self.dark4 = nn.Sequential(DWConv(bc * 4, bc * 8, 3, 2), CSPLayer(bc * 8, bc * 8, n=bd * 3))
        self.dark5 = nn.Sequential(DWConv(bc * 8, bc * 16, 3, 2), SPPBottleneck(bc * 16, bc * 16),
                                   CSPLayer(bc * 16, bc * 16, n=bd, shortcut=False))

    def forward(self, x):
        x = self.dark2(self.stem(x))
        d3 = self.dark3(x)
        d4 = self.dark4(d3)
        d5 = self.dark5(d4)
        return d3, d4, d5


class YOLOPAFPN(nn.Module):
    def __init__(self, depth=DEPTH, width=WIDTH, in_channels=(256, 512, 1024)):
        super().__init__()
        c0, c1, c2 = (int(c * width) for c in in_channels)
        n = round(3 * depth)
        self.backbone = CSPDarknet(depth, width)
        self.upsample = nn.Upsample(scale_factor=2, mode="nearest")
        self.lateral_conv0 = BaseConv(c2, c1, 1, 1)
        self.C3_p4 = CSPLayer(2 * c1, c1, n, False)
        self.reduce_conv1 = BaseConv(c1, c0, 1, 1)
        self.C3_p3 = CSPLayer(2 * c0, c0, n, False)
        self.bu_conv2 = DWConv(c0, c0, 3, 2)
        self.C3_n3 = CSPLayer(2 * c0, c1, n, False)
        self.bu_conv1 = DWConv(c1, c1, 3, 2)
        self.C3_n4 = CSPLayer(2 * c1, c2, n, False)

    def forward(self, x):
        x2, x1, x0 = self.backbone(x)
        fpn_out0 = self.lateral_conv0(x0)
        f_out0 = self.C3_p4(torch.cat([self.upsample(fpn_out0), x1], 1))
        fpn_out1 = self.reduce_conv1(f_out0)
        pan_out2 = self.C3_p3(torch.cat([self.upsample(fpn_out1), x2], 1))
        pan_out1 = self.C3_n3(torch.cat([self.bu_conv2(pan_out2), fpn_out1], 1))
        pan_out0 = self.C3_n4(torch.cat([self.bu_conv1(pan_out1), fpn_out0], 1))
        return pan_out2, pan_out1, pan_out0


class YOLOXHead(nn.Module):
    def __init__(self, num_classes, width=WIDTH, in_channels=(256, 512, 1024)):
        super().__init__()
        self.num_classes = num_classes
        hid = int(256 * width)
        self.stems = nn.ModuleList()
        self.cls_convs = nn.ModuleList()
        self.reg_convs = nn.ModuleList()
        self.cls_preds = nn.ModuleList()
        self.reg_preds = nn.ModuleList()
        self.obj_preds = nn.ModuleList()
        for c in in_channels:
            self.stems.append(BaseConv(int(c * width), hid, 1, 1))
            self.cls_convs.append(nn.Sequential(DWConv(hid, hid, 3, 1), DWConv(hid, hid, 3, 1)))
            self.reg_convs.append(nn.Sequential(DWConv(hid, hid, 3, 1), DWConv(hid, hid, 3, 1)))
            self.cls_preds.append(nn.Conv2d(hid, num_classes, 1))
            self.reg_preds.append(nn.Conv2d(hid, 4, 1))
            self.obj_preds.append(nn.Conv2d(hid, 1, 1))

    def forward(self, feats):
        """Raw logits per level, [B, H*W, 5+C] rows [tx,ty,tw,th,obj,cls...] (nothing sigmoided)."""
        outs = []
        for k, x in enumerate(feats):
            x = self.stems[k](x)
            cls_out = self.cls_preds[k](self.cls_convs[k](x))
            reg_feat = self.reg_convs[k](x)
            out = torch.cat([self.reg_preds[k](reg_feat), self.obj_preds[k](reg_feat), cls_out], 1)
            outs.append(out.flatten(start_dim=2))
        return torch.cat(outs, dim=2).permute(0, 2, 1)


class YoloxNano(nn.Module):
    """forward(x) with x float [B,3,416,416] BGR 0-255 -> the card's output contract [B,3549,5+C]:
    tx,ty,tw,th raw, obj and cls sigmoided (what the ONNX graph gives). raw(x) gives logits for the loss."""

    def __init__(self, num_classes=80):
        super().__init__()
        self.backbone = YOLOPAFPN()
        self.head = YOLOXHead(num_classes)
        self.input_div = 1.0

    def raw(self, x):
        if self.input_div != 1.0:
            x = x / self.input_div
        return self.head(self.backbone(x))

    def set_input_div(self, div):
        """Divides the input by div inside the model and multiplies the first convolution's weights to
        match (the output stays the same). Training runs at 255: on raw 0-255 pixels the stem's
        gradients are ~255 times too large and its weights ~255 times too small, and one SGD step
        wrecks it; the export goes back to 1, so the graph takes raw pixels as the card says."""
        with torch.no_grad():
            self.backbone.backbone.stem.conv.conv.weight.mul_(div / self.input_div)
        self.input_div = div
        return self

    def forward(self, x):
        out = self.raw(x)
        return torch.cat([out[..., :4], out[..., 4:].sigmoid()], dim=-1)

    def replace_classes(self, num_classes, keep=None):
        """New class prediction layers for num_classes; keep[i] = index of an old class whose weights
        start new class i (e.g. truck from COCO truck), or None for a fresh layer."""
        for k, old in enumerate(self.head.cls_preds):
            new = nn.Conv2d(old.in_channels, num_classes, 1)
            with torch.no_grad():
                nn.init.normal_(new.weight, std=0.01)
                new.bias.fill_(-4.6)  # prior 0.01, as YOLOX initialises its class biases
                for i, src in enumerate(keep or []):
                    if src is not None:
                        new.weight[i] = old.weight[src]
                        new.bias[i] = old.bias[src]
            self.head.cls_preds[k] = new
        self.head.num_classes = num_classes


def fast_pointwise(model, on=True):
    """Gives every 1x1 convolution a dilation of 2 (on) or back 1 (off). A 1x1 kernel has a single tap,
    so the result is the same; but PyTorch 1.13 sends an undilated 1x1 convolution on one thread to its
    slow reference path (Debian's build has generic BLAS: 5 s a 416x416 forward here) and a dilated one
    to oneDNN (0.2 s). Training and validation run with it on; the export turns it off (a plain graph)."""
    d = (2, 2) if on else (1, 1)
    for m in model.modules():
        if isinstance(m, nn.Conv2d) and m.kernel_size == (1, 1):
            m.dilation = d
    return model


def grids(size=INPUT_SIZE, strides=STRIDES):
    """(gx, gy, stride) of every output row, in the row order of the output."""
    gx, gy, st = [], [], []
    for s in strides:
        n = size // s
        yv, xv = torch.meshgrid(torch.arange(n), torch.arange(n), indexing="ij")
        gx.append(xv.reshape(-1))
        gy.append(yv.reshape(-1))
        st.append(torch.full((n * n,), s))
    return torch.cat(gx).float(), torch.cat(gy).float(), torch.cat(st).float()
