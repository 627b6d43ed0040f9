"""Arus python step runner.

Started by Arus as ``python3 -u runner.py``, one process per step, stream and run. Frames on stdin and stdout are a
4-byte big-endian length followed by UTF-8 JSON. The first request is ``{"code", "types"}``: the step's source and
the input column types; the answer is ``{"ok": true}`` or ``{"error": traceback}``. Each later request is
``{"rows": [...]}`` and is answered ``{"rows": [...]}`` or ``{"error": traceback}``. The user's code sees decimals as
Decimal, dates and times as datetime values, bytes as bytes and UUIDs as UUID; what it prints goes to stderr.
"""
import base64
import datetime
import decimal
import json
import os
import struct
import sys
import traceback
import uuid

SCALAR_DECODERS = {
    "date": datetime.date.fromisoformat,
    "time": datetime.time.fromisoformat,
    "timestamp": datetime.datetime.fromisoformat,
    "timestamptz": datetime.datetime.fromisoformat,
    "bytes": base64.b64decode,
    "uuid": uuid.UUID,
}


def decoder(type_name):
    """Returns a function turning a JSON value of the Arus type into a Python value, or None when none is needed."""
    if type_name.startswith("array<"):
        inner = decoder(type_name[6:-1])
        if inner is None:
            return None
        return lambda values: [None if v is None else inner(v) for v in values]
    if type_name.startswith("decimal"):
        return decimal.Decimal
    return SCALAR_DECODERS.get(type_name)


def encode(value):
    """JSON form of the values json cannot write itself."""
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, (set, tuple, frozenset)):
        return list(value)
    raise TypeError("a value of type %s cannot be sent back to Arus: %r" % (type(value).__name__, value))


class Frames:
    """Reads and writes length-prefixed JSON frames."""

    def __init__(self, source, sink):
        self.source = source
        self.sink = sink

    def read(self):
        header = self.source.read(4)
        if len(header) < 4:
            return None
        (length,) = struct.unpack(">I", header)
        data = self.source.read(length)
        if len(data) < length:
            return None
        return json.loads(data)

    def write(self, message):
        data = json.dumps(message, default=encode, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        self.sink.write(struct.pack(">I", len(data)))
        self.sink.write(data)
        self.sink.flush()


def take_stdio():
    """Keeps stdin and stdout for the frames; the user's code reads nothing and its prints go to stderr."""
    source = os.fdopen(os.dup(0), "rb")
    sink = os.fdopen(os.dup(1), "wb")
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    return Frames(source, sink)


def load(frames, hello):
    """Runs the step's code and answers the handshake; returns transform() or None."""
    try:
        namespace = {"__name__": "arus_step"}
        exec(compile(hello["code"], "<step>", "exec"), namespace)
        function = namespace.get("transform")
        if not callable(function):
            frames.write({"error": "the code defines no function transform(rows)"})
            return None
    except BaseException:
        frames.write({"error": traceback.format_exc()})
        return None
    frames.write({"ok": True})
    return function


def transform_batch(function, decoders, rows):
    """Decodes the rows, calls transform(rows) and checks its answer."""
    for row in rows:
        for name, decode in decoders:
            value = row.get(name)
            if value is not None:
                row[name] = decode(value)
    result = function(rows)
    if not isinstance(result, list):
        raise TypeError("transform(rows) must return a list of dicts, not %s" % type(result).__name__)
    for i, row in enumerate(result):
        if not isinstance(row, dict):
            raise TypeError("transform(rows) returned a value of type %s at index %d; each row must be a dict"
                            % (type(row).__name__, i))
    return result


def main():
    frames = take_stdio()
    hello = frames.read()
    if hello is None:
        return 0
    function = load(frames, hello)
    if function is None:
        return 1
    decoders = [(name, d) for name, d in ((n, decoder(t)) for n, t in hello["types"].items()) if d is not None]
    while True:
        request = frames.read()
        if request is None:
            return 0
        try:
            answer = {"rows": transform_batch(function, decoders, request["rows"])}
            frames.write(answer)
        except BaseException:
            frames.write({"error": traceback.format_exc()})


if __name__ == "__main__":
    sys.exit(main())
