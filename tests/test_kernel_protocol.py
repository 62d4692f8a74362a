"""The Plotter kernel over ZeroMQ: jupyter_kernel_test's protocol checks plus Plotter's own."""

from __future__ import annotations

import base64
import json
import struct

import jupyter_kernel_test
import pytest
from scene_schema import check_scene

pytestmark = pytest.mark.slow

SCENE = "application/vnd.plotter.v2+json"


def png_size(data: str) -> tuple[int, int]:
    """Width and height of a base64 PNG, read from its IHDR chunk."""
    raw = base64.b64decode(data)
    assert raw[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", raw[16:24])


class PlotterKernelTests(jupyter_kernel_test.KernelTests):
    """Protocol conformance of a real kernel process, filled in for every feature it has."""

    kernel_name = "plotter"
    language_name = "plotter"
    file_extension = ".plot"

    code_stderr = "y = sqrt(-1 - x^2)"  # undefined everywhere: a warning on stderr
    code_generate_error = "y = sn(x)"
    code_execute_result = [
        {"code": "1 + 2", "result": "3"},
        {"code": "2^3^2", "result": "512"},
        {"code": "-2^2", "result": "-4"},
        {"code": "√16 + |-2| + sin^2 0", "result": "6"},
        {"code": "pa = 3", "result": "pa = 3"},
    ]
    code_display_data = [
        {"code": "y = sin(x)", "mime": SCENE},
        {"code": "y = sin(x)", "mime": "text/plain"},
    ]
    """The picture first: PNG and SVG follow by ``update_display_data`` (see below)."""
    completion_samples = [
        {"text": "y = si", "matches": {"sin", "sinh", "sign"}},
        {"text": "y = lo", "matches": {"log", "log2", "log10"}},
    ]
    complete_code_samples = ["y = sin(x)", "a = 2", "(1, 2)"]
    incomplete_code_samples = ["y = sin(x", "(cos(t), sin(t)", "y = max(1, [2"]

    def setUp(self) -> None:
        # Completion and inspection publish busy/idle too: start each test on empty channels.
        self.flush_channels()

    # -- Plotter's own checks over the same kernel ------------------------------------------

    def test_kernel_info_language(self) -> None:
        self.kc.kernel_info()
        reply = self.kc.get_shell_msg(timeout=10)
        info = reply["content"]["language_info"]
        assert info["name"] == "plotter"
        assert info["mimetype"] == "text/x-plotter"
        assert info["codemirror_mode"] == "plotter"

    def test_display_data_shape(self) -> None:
        # Given a cell with a window and two curves, when it runs,
        reply, outputs = self.execute_helper("x in [-5, 5]\ny = sin(x)\ny = 1/x")
        # then one display_data carries the scene and a description, and its one update on
        # the same display id a 2x PNG, its CSS size, an SVG, the description and the scene.
        assert reply["content"]["status"] == "ok"
        displays = [m for m in outputs if m["msg_type"] == "display_data"]
        updates = [m for m in outputs if m["msg_type"] == "update_display_data"]
        assert len(displays) == len(updates) == 1
        assert set(displays[0]["content"]["data"]) == {SCENE, "text/plain"}
        content = updates[0]["content"]
        assert content["transient"] == displays[0]["content"]["transient"]
        assert content["data"][SCENE] == displays[0]["content"]["data"][SCENE]
        assert content["metadata"]["image/png"] == {"width": 600, "height": 400}
        assert png_size(content["data"]["image/png"]) == (1200, 800)
        assert "<svg" in content["data"]["image/svg+xml"]
        assert "sin(x)" in content["data"]["text/plain"]
        scene = content["data"][SCENE]
        check_scene(scene)
        assert scene["version"] == 2
        assert len(content["transient"]["display_id"]) >= 16
        assert scene["window"]["x"] == [-5, 5]
        assert [item["line"] for item in scene["items"]] == [1, 2]
        assert [item["label"] for item in scene["items"]] == ["y = sin(x)", "y = 1/x"]
        assert scene["items"][0]["color"] != scene["items"][1]["color"]
        # 1/x is split at its pole: no segment has points on both sides of x = 0.
        pieces = scene["items"][1]["segments"]
        assert len(pieces) >= 2
        for seg in pieces:
            xs = [p[0] for p in seg]
            assert min(xs) >= 0 or max(xs) <= 0
        json.dumps(scene, allow_nan=False)

    def test_errors_are_located_and_valid_lines_still_drawn(self) -> None:
        code = "y = sin(x)\ny = sn(x)\ny = 2 +* x"
        reply, outputs = self.execute_helper(code)
        content = reply["content"]
        assert content["status"] == "error"
        kinds = [m["msg_type"] for m in outputs]
        assert kinds.index("display_data") < kinds.index("error")
        scene = next(m for m in outputs if m["msg_type"] == "display_data")["content"]["data"][
            SCENE
        ]
        assert [item["label"] for item in scene["items"]] == ["y = sin(x)"]
        diags = content["diagnostics"]
        assert [d["range"]["start"]["line"] for d in diags] == [1, 2]
        first = diags[0]
        assert first["range"]["start"]["character"] == 4
        assert first["range"]["end"]["character"] == 6
        assert "sin" in first["message"]  # did you mean
        assert all(d["source"] == "plotter" and d["severity"] == 1 for d in diags)
        error = next(m for m in outputs if m["msg_type"] == "error")["content"]
        # nbformat allows only ename, evalue and traceback in a saved error output
        assert set(error) == {"ename", "evalue", "traceback"}
        assert error["ename"] == "NameError"
        assert "line 2" in error["evalue"].lower()
        text = "\n".join(error["traceback"])
        assert "y = sn(x)" in text and "^^" in text
        assert "Traceback" not in text and ".py" not in text

    def test_warning_goes_in_an_ok_reply(self) -> None:
        reply, _ = self.execute_helper("y = sqrt(-1 - x^2)\ny = x")
        content = reply["content"]
        assert content["status"] == "ok"
        assert [d["severity"] for d in content["diagnostics"]] == [2]
        assert content["diagnostics"][0]["range"]["start"]["line"] == 0

    def test_utf16_columns(self) -> None:
        reply, _ = self.execute_helper("y = 😀 + x")
        diag = reply["content"]["diagnostics"][0]
        assert diag["range"]["start"]["character"] == 4
        assert diag["range"]["end"]["character"] == 6  # one astral char is two UTF-16 units

    def test_definitions_persist_across_cells(self) -> None:
        reply, _ = self.execute_helper("f(x) = 3x^2 + 1\nk = 2")
        assert reply["content"]["status"] == "ok"
        reply, outputs = self.execute_helper("f(3) + k")
        results = [m for m in outputs if m["msg_type"] == "execute_result"]
        assert results[0]["content"]["data"]["text/plain"] == "30"

    def test_a_cell_of_parameters_prints_them(self) -> None:
        reply, outputs = self.execute_helper("p1 = 1\n# the slope\np2 = 2p1")
        assert reply["content"]["status"] == "ok"
        results = [m for m in outputs if m["msg_type"] == "execute_result"]
        assert results[0]["content"]["data"]["text/plain"] == "p1 = 1\np2 = 2"

    def test_inspect_builtin_and_user_name(self) -> None:
        self.kc.inspect("sqrt", 2)
        reply = self.get_non_kernel_info_reply(timeout=10)
        assert reply["content"]["found"]
        assert "sqrt" in reply["content"]["data"]["text/plain"]
        self.execute_helper("g(x, k) = k sin(x)")
        self.kc.inspect("g(1, 2)", 1)
        reply = self.get_non_kernel_info_reply(timeout=10)
        assert "k sin(x)" in reply["content"]["data"]["text/plain"]

    def test_completion_cursor_range(self) -> None:
        self.execute_helper("amplitude = 3")
        code = "y = amp sin(x)"
        self.kc.complete(code, 7)
        reply = self.get_non_kernel_info_reply(timeout=10)["content"]
        assert "amplitude" in reply["matches"]
        assert (reply["cursor_start"], reply["cursor_end"]) == (4, 7)
