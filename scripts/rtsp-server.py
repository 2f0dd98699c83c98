#!/usr/bin/python3
"""Serves video files as live RTSP cameras, by stream copy (no re-encoding), with GStreamer.

Usage: scripts/rtsp-server.py [--port N] [--user U --password P] [--once] MOUNT=FILE[:h264|h265] ...

Each MOUNT is a path (rtsp://host:port/MOUNT) that behaves like a camera: one shared pipeline per
mount, started by the first client, looping the file for ever (unless --once) with segment seeks sent
straight to the demuxer so that RTP timestamps keep rising across loops. PLAY's Range is ignored
(the media cannot be rewound), so a second client's PLAY from 0 does not rewind the camera for everyone. PLAY requests
are serialised with the loop's seeks (a PLAY during a seek can trip a GStreamer assertion).

Prints "READY <port>" on stdout once listening (port 0 picks a free port). Run it with Debian's
/usr/bin/python3 (python3-gi, gir1.2-gst-rtsp-server-1.0, gstreamer1.0-plugins-{base,good,bad}).
"""
import argparse
import os
import sys
import threading

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtsp", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtsp, GstRtspServer  # noqa: E402

Gst.init(None)
SEEK_LOCK = threading.Lock()


# Mounts that are not files: what a camera might send that minewatch cannot use.
TEST_SOURCES = {
    "@mjpeg": "( videotestsrc is-live=true ! video/x-raw,format=I420,width=320,height=240,framerate=5/1 ! jpegenc "
              "! rtpjpegpay name=pay0 pt=26 )",
    "@audio": "( audiotestsrc is-live=true ! audioconvert ! audio/x-raw,rate=8000,channels=1 "
              "! rtpL16pay name=pay0 pt=97 )",
}


class LoopingFactory(GstRtspServer.RTSPMediaFactory):
    """A shared media of one file: qtdemux -> parser -> RTP payloader, looped by segment seeks."""

    def __init__(self, path, codec, loop):
        super().__init__()
        self.path = path
        self.codec = codec
        self.loop = loop
        self.set_shared(True)
        # Keep serving after the last client leaves, like a camera that never stops.
        self.set_eos_shutdown(False)
        self.connect("media-configure", self.on_media_configure)

    def do_create_element(self, url):
        pay = "rtph265pay" if self.codec == "h265" else "rtph264pay"
        parse = "h265parse" if self.codec == "h265" else "h264parse"
        desc = ("( filesrc location=\"%s\" ! qtdemux name=demux demux.video_0 ! queue ! %s "
                "! %s name=pay0 pt=96 config-interval=1 )" % (self.path, parse, pay))
        return Gst.parse_launch(desc)

    def on_media_configure(self, factory, media):
        bin_ = media.get_element()
        demux = bin_.get_by_name("demux")
        if self.loop:
            demux.connect("pad-added", on_pad_added)


def on_pad_added(demux, pad):
    pad.add_probe(Gst.PadProbeType.EVENT_DOWNSTREAM, on_demux_event, demux)
    # Runs in the demuxer's streaming thread before its first buffer: a non-flushing segment seek to
    # 0 changes nothing that was sent, and makes the end of the file a SEGMENT_DONE instead of EOS.
    demux.seek(1.0, Gst.Format.TIME, Gst.SeekFlags.SEGMENT, Gst.SeekType.SET, 0, Gst.SeekType.NONE, -1)


def on_demux_event(pad, info, demux):
    event = info.get_event()
    if event is not None and event.type == Gst.EventType.SEGMENT_DONE:
        GLib.idle_add(loop_seek, demux)
        return Gst.PadProbeReturn.DROP
    return Gst.PadProbeReturn.OK


def loop_seek(demux):
    with SEEK_LOCK:
        demux.seek(1.0, Gst.Format.TIME, Gst.SeekFlags.SEGMENT,
                   Gst.SeekType.SET, 0, Gst.SeekType.NONE, -1)
    return False


def on_pre_play(client, ctx):
    # A camera cannot be rewound: drop the Range so that the server never seeks the shared media
    # (a second client's "npt=0-" would otherwise restart it for everyone). Waits for a loop seek
    # in progress, so seeks and PLAYs never overlap.
    with SEEK_LOCK:
        ctx.request.remove_header(GstRtsp.RTSPHeaderField.RANGE, -1)
    return GstRtsp.RTSPStatusCode.OK


def on_client(server, client):
    client.connect("pre-play-request", on_pre_play)


def main():
    p = argparse.ArgumentParser(description="Serve video files as looping RTSP cameras (stream copy).")
    p.add_argument("--port", type=int, default=8554)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--user")
    p.add_argument("--password")
    p.add_argument("--once", action="store_true", help="play each file once instead of looping")
    p.add_argument("mounts", nargs="+", metavar="MOUNT=FILE[:h264|h265]",
                   help="or MOUNT=@mjpeg (a live test pattern as Motion JPEG: a codec minewatch does not take) "
                        "or MOUNT=@audio (a tone, no video track): for the camera probe's errors")
    a = p.parse_args()

    server = GstRtspServer.RTSPServer()
    server.set_address(a.host)
    server.set_service(str(a.port))
    mounts = server.get_mount_points()
    for spec in a.mounts:
        name, _, rest = spec.partition("=")
        if rest in TEST_SOURCES:
            factory = GstRtspServer.RTSPMediaFactory()
            factory.set_launch(TEST_SOURCES[rest])
            factory.set_shared(True)
            if a.user:
                factory.add_role_from_structure(Gst.Structure.new_from_string(
                    "user, media.factory.access=(boolean)true, media.factory.construct=(boolean)true"))
            mounts.add_factory("/" + name.strip("/"), factory)
            continue
        path, codec = rest, "h264"
        if rest.endswith(":h265") or rest.endswith(":h264"):
            path, codec = rest[:-5], rest[-4:]
        if not name or not os.path.isfile(path):
            sys.exit("rtsp-server: bad mount %r (expected NAME=EXISTING_FILE)" % spec)
        factory = LoopingFactory(os.path.abspath(path), codec, not a.once)
        if a.user:
            factory.add_role_from_structure(Gst.Structure.new_from_string(
                "user, media.factory.access=(boolean)true, media.factory.construct=(boolean)true"))
        mounts.add_factory("/" + name.strip("/"), factory)
    if a.user:
        auth = GstRtspServer.RTSPAuth()
        token = GstRtspServer.RTSPToken()
        token.set_string("media.factory.role", "user")
        auth.add_digest(a.user, a.password or "", token)
        auth.add_basic(GstRtspServer.RTSPAuth.make_basic(a.user, a.password or ""), token)
        auth.set_supported_methods(GstRtsp.RTSPAuthMethod.DIGEST)
        server.set_auth(auth)
    server.connect("client-connected", on_client)
    if server.attach(None) == 0:
        sys.exit("rtsp-server: cannot listen on %s:%d" % (a.host, a.port))
    print("READY %d" % server.get_bound_port(), flush=True)
    GLib.MainLoop().run()


if __name__ == "__main__":
    main()
