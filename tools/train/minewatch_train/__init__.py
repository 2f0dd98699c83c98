"""minewatch's training tool: fine-tunes the default YOLOX-nano card on a county's labelled frames
(scripts/train), exports ONNX and writes a model card the server loads unchanged.

Runs on Debian's python3-torch / python3-torchvision / python3-onnx / python3-opencv, CPU only."""
