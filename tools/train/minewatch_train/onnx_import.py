"""Reads the default card's ONNX initializers into YoloxNano.

The graph's convolutions carry numeric initializer names (BatchNorm folded in at export), so they are
matched by position: the graph's Conv nodes in graph order against this model's convolutions in the
order a forward pass runs them, and every shape must agree. Any difference in architecture stops the
import with the first mismatching layer named."""
import onnx
import torch
from onnx import numpy_helper

from .yolox import YoloxNano, INPUT_SIZE


class ImportError_(Exception):
    pass


def _execution_order(model):
    order = []
    hooks = [m.register_forward_hook(lambda mod, i, o, name=name: order.append((name, mod)))
             for name, m in model.named_modules() if isinstance(m, torch.nn.Conv2d)]
    with torch.no_grad():
        model(torch.zeros(1, 3, INPUT_SIZE, INPUT_SIZE))
    for h in hooks:
        h.remove()
    return order


def load_onnx(path, num_classes=None):
    """A YoloxNano holding the ONNX file's weights. The class count comes from the graph's output."""
    graph = onnx.load(str(path)).graph
    inits = {i.name: numpy_helper.to_array(i) for i in graph.initializer}
    convs = [n for n in graph.node if n.op_type == "Conv"]
    out_dim = graph.output[0].type.tensor_type.shape.dim[-1].dim_value
    classes = num_classes or out_dim - 5
    model = YoloxNano(classes).eval()
    order = _execution_order(model)
    if len(order) != len(convs):
        raise ImportError_(f"{path}: {len(convs)} convolutions in the graph, {len(order)} in YOLOX-nano")
    for (name, mod), node in zip(order, convs):
        attrs = {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}
        w = inits.get(node.input[1])
        b = inits.get(node.input[2]) if len(node.input) > 2 else None
        if w is None or b is None:
            raise ImportError_(f"{path}: Conv {node.output[0]} has no constant weight/bias")
        if tuple(w.shape) != tuple(mod.weight.shape) or attrs.get("group", 1) != mod.groups \
                or list(attrs.get("strides", [1, 1])) != list(mod.stride):
            raise ImportError_(f"{path}: Conv {node.output[0]} (weight {tuple(w.shape)}, group "
                               f"{attrs.get('group', 1)}) does not fit {name} {tuple(mod.weight.shape)}")
        with torch.no_grad():
            mod.weight.copy_(torch.from_numpy(w.copy()))
            mod.bias.copy_(torch.from_numpy(b.copy()))
    return model
