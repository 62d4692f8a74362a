"""The NumPy-only SVG writer (``render/svg.py``): its picture, and that it is the twin of svg.ts."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from plotter_kernel.budget import Budget
from plotter_kernel.cell import run_cell
from plotter_kernel.lang.session import Session
from plotter_kernel.limits import Limits
from plotter_kernel.render.svg import layout, n, scene_to_svg

ROOT = Path(__file__).resolve().parent.parent
LABEXTENSION = ROOT / "labextension"
NS = "{http://www.w3.org/2000/svg}"
CASES = json.loads((ROOT / "language" / "cases" / "drawing.json").read_text("utf-8"))["cases"]
EXTRA = {
    "every kind": "y = sin(x)\n(1, 2), (3, -1)\ny < x/4\nx^2 + y^2 = 9",
    "histogram": "L = [1, 2, 2, 3, 3, 3, 7]\nhistogram(L, 1)",
    "pi window": "y = sin(x)\nx in [-2pi, 2pi]",
    "many rows": "\n".join(f"y = x + {k}" for k in range(30)),
    "far from the origin": "y = x^2\nx in [100, 110]",
}


def scene_of(source: str) -> dict:
    outcome = run_cell(Session(Limits()), source, Budget(30))
    assert outcome.scene is not None
    return outcome.scene


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def polylines(d: str) -> list[list[tuple[float, float]]]:
    """The polylines of a path written as ``M x yL x y...`` (closed ones end in ``Z``)."""
    out = []
    for part in d.split("M")[1:]:
        pairs = part.rstrip("Z").split("L")
        out.append([tuple(float(v) for v in pair.split(" ")) for pair in pairs])
    return out


@pytest.fixture(scope="module")
def mixed() -> dict:
    return scene_of(EXTRA["every kind"])


def test_a_valid_document_of_the_view_size_described_for_screen_readers(mixed: dict) -> None:
    root = parse(scene_to_svg(mixed))
    assert root.tag == f"{NS}svg"
    assert (root.get("width"), root.get("height")) == ("600", "400")
    assert root.get("viewBox") == "0 0 600 400"
    assert root.get("role") == "img"
    assert root.get("aria-label") == mixed["description"]
    title = root.find(f"{NS}title")
    assert title is not None and title.text == mixed["description"]
    text = scene_to_svg(mixed)
    assert "href" not in text and "@import" not in text and "<script" not in text


def test_curves_are_paths_through_the_scene_segments(mixed: dict) -> None:
    root = parse(scene_to_svg(mixed, legend=False))
    box = layout(mixed)
    (x0, x1), (y0, y1) = mixed["view"]["x"], mixed["view"]["y"]
    sx, sy = box.width / (x1 - x0), box.height / (y1 - y0)
    for item in mixed["items"]:
        if item["kind"] != "curve":
            continue
        [path] = [
            p
            for p in root.iter(f"{NS}path")
            if p.get("stroke") == item["color"] and p.get("stroke-width") == "2.7"
        ]
        drawn = polylines(path.get("d", ""))
        segments = [s for s in item["segments"] if len(s) > 1]
        assert len(drawn) == len(segments)
        for line, seg in zip(drawn, segments, strict=True):
            assert len(line) == len(seg)
            for (px, py), (x, y) in zip(line, seg, strict=True):
                assert px == pytest.approx(box.left + (x - x0) * sx, abs=0.006)
                assert py == pytest.approx(box.top + (y1 - y) * sy, abs=0.006)


def test_points_and_regions_are_drawn(mixed: dict) -> None:
    root = parse(scene_to_svg(mixed, legend=False))
    points = [i for i in mixed["items"] if i["kind"] == "point"]
    circles = list(root.iter(f"{NS}circle"))
    assert len(circles) == len(points) == 2
    assert {c.get("fill") for c in circles} == {p["color"] for p in points}
    [region] = [i for i in mixed["items"] if i["kind"] == "region"]
    fills = [p for p in root.iter(f"{NS}path") if p.get("fill-opacity") == "0.25"]
    assert [p.get("fill") for p in fills] == [region["color"]]
    rings = [r for r in region["polygons"] if len(r) > 1]
    assert fills[0].get("d", "").count("Z") == len(rings)
    # y < x/4 is strict: its boundary is dashed.
    [edge] = [p for p in root.iter(f"{NS}path") if p.get("stroke-width") == "2.1"]
    assert edge.get("stroke-dasharray") == "5.3 4"


def test_a_point_outside_the_view_is_not_drawn() -> None:
    scene = scene_of("(1, 1), (50, 1)\nx in [-5, 5]\ny in [-5, 5]")
    root = parse(scene_to_svg(scene, legend=False))
    assert len(list(root.iter(f"{NS}circle"))) == 1


def test_tick_labels_are_written_with_a_halo(mixed: dict) -> None:
    root = parse(scene_to_svg(mixed, legend=False))
    box = layout(mixed)
    [group] = [g for g in root.iter(f"{NS}g") if g.get("paint-order") == "stroke"]
    texts = [t.text for t in group.iter(f"{NS}text")]
    assert texts == [t for _, t in box.x_ticks + box.y_ticks if t]
    assert "\u22125" in texts and "5" in texts and "0" not in texts


def test_a_window_set_in_pi_is_labelled_in_pi() -> None:
    svg = scene_to_svg(scene_of(EXTRA["pi window"]))
    assert ">π<" in svg and ">−2π<" in svg


def test_the_legend_lists_each_statement_and_escapes_labels() -> None:
    scene = scene_of(EXTRA["every kind"])
    svg = scene_to_svg(scene)
    root = parse(svg)
    [legend] = [g for g in root.iter(f"{NS}g") if g.find(f"{NS}rect") is not None]
    texts = [t.text for t in legend.iter(f"{NS}text")]
    assert texts == ["y = sin(x)", "(1, 2), (3, -1)", "y < x/4", "x^2 + y^2 = 9"]
    assert ">y &lt; x/4<" in svg
    assert 'rx="3"' in svg and 'rx="3"' not in scene_to_svg(scene, legend=False)
    many = scene_to_svg(scene_of(EXTRA["many rows"]))
    assert "… and " in many and " more<" in many


def test_numbers_are_written_as_javascript_writes_them() -> None:
    assert [n(v) for v in (0.125, -0.125, 2.375, 1.005, -0.001, 10.0, 3.5, 1e-9)] == [
        "0.13",
        "-0.13",
        "2.38",
        "1",  # 1.005 is a little less than 1.005 in binary, as toFixed sees it
        "0",
        "10",
        "3.5",
        "0",
    ]


def test_writing_never_imports_matplotlib() -> None:
    # Given a fresh Python that runs cells of every kind with PNG left out of the formats
    code = (
        "import sys\n"
        "from plotter_kernel.cell import Setup, execute\n"
        "from plotter_kernel.lang.session import Session\n"
        "from plotter_kernel.limits import Limits\n"
        "from plotter_kernel.protocol import SCENE_MIME\n"
        "from plotter_kernel.replay import Outputs\n"
        "setup = Setup(Limits(), formats=('image/svg+xml', 'text/plain', SCENE_MIME))\n"
        "session, outputs = Session(Limits()), Outputs()\n"
        f"for k, code in enumerate({list(EXTRA.values())!r}):\n"
        "    done = execute(session, code, outputs, setup, count=k + 1)\n"
        "    [(kind, content)] = [m for m in done.messages if m[0] == 'display_data']\n"
        "    assert 'image/svg+xml' in content['data'], code\n"
        "    assert 'image/png' not in content['data'], code\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'matplotlib'))\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    # Then every output has its SVG, and Matplotlib was never loaded
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


@pytest.fixture(scope="module")
def ts_svg(tmp_path_factory: pytest.TempPathFactory):
    """``sceneToSvg`` of svg.ts, compiled to CommonJS and run by node on a list of scenes."""
    tsc = LABEXTENSION / "node_modules" / ".bin" / "tsc"
    if shutil.which("node") is None or not tsc.exists():
        pytest.skip("node and the labextension's TypeScript compiler are needed")
    out = tmp_path_factory.mktemp("tsb")
    subprocess.run(
        [
            str(tsc),
            *("--outDir", str(out), "--rootDir", "src", "--module", "commonjs"),
            *("--target", "es2020", "--moduleResolution", "node", "--strict"),
            *("--skipLibCheck", "--esModuleInterop", "--resolveJsonModule"),
            "src/core/render/svg.ts",
        ],
        cwd=LABEXTENSION,
        check=True,
        capture_output=True,
    )
    script = (
        f"const {{ sceneToSvg }} = require({json.dumps(str(out / 'core/render/svg.js'))});"
        "let s = ''; process.stdin.on('data', d => (s += d));"
        "process.stdin.on('end', () => process.stdout.write("
        "JSON.stringify(JSON.parse(s).map(x => sceneToSvg(x)))));"
    )

    def run(scenes: list[dict]) -> list[str]:
        done = subprocess.run(
            ["node", "-e", script],
            input=json.dumps(scenes, allow_nan=False),
            capture_output=True,
            text=True,
            check=True,
        )
        return json.loads(done.stdout)

    return run


def elements(svg: str) -> list[str]:
    """The document's elements, one per item, for a readable first difference."""
    return svg.replace("><", ">\n<").split("\n")


@pytest.mark.slow
def test_the_python_svg_is_the_typescript_svg(ts_svg) -> None:
    # Given every drawing case's scene and a few more (histogram, pi window, many legend
    # rows, escaped labels, axes off the origin)
    sources = {c["name"]: c["source"] for c in CASES} | EXTRA
    named = []
    for name, source in sources.items():
        outcome = run_cell(Session(Limits()), source, Budget(30))
        if outcome.scene is not None:
            named.append((name, json.loads(json.dumps(outcome.scene, allow_nan=False))))
    assert len(named) > 50
    # When both writers draw them
    theirs = ts_svg([scene for _, scene in named])
    # Then the pictures are the same, element by element
    for (name, scene), ts in zip(named, theirs, strict=True):
        mine = scene_to_svg(scene)
        if mine != ts:
            diff = next(
                (a, b)
                for a, b in zip(elements(mine) + [""], elements(ts) + [""], strict=False)
                if a != b
            )
            pytest.fail(f"{name}: Python {diff[0][:300]!r} but TypeScript {diff[1][:300]!r}")
