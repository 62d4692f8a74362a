"""Write the Python kernel's programs for the drawing conformance cases into a JSON fixture.

Run: ``python scripts/gen_draw_programs.py``. For every case source of
``language/cases/drawing.json`` and ``plot_kinds.json`` it stores the program the
Python language writes, the problems the language itself reports (before drawing),
and, for plot-kind facts with a ``residual``, the program of ``residual = 0``. The TS
drawing conformance spec (``labextension/src/core/draw/conformance.spec.ts``) draws
these programs when the TS parser cannot give them.
"""

from __future__ import annotations

import json
from pathlib import Path

from plotter_kernel.budget import Budget
from plotter_kernel.session import Session

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "language" / "cases"
OUT = ROOT / "labextension" / "src" / "core" / "draw" / "programs.fixture.json"


def compiled(source: str) -> dict:
    """The program and the language's own problems for one cell in a fresh session."""
    plan, problems = Session().run(source, Budget(30.0))
    return {
        "program": plan.program,
        "problems": [
            {"code": p.code, "ename": p.ename, "line": p.span.line, "severity": p.severity}
            for p in problems
        ],
    }


def main() -> None:
    sources: dict[str, dict] = {}
    residuals: dict[str, dict] = {}
    for name in ("drawing", "plot_kinds"):
        for case in json.loads((CASES / f"{name}.json").read_text("utf-8"))["cases"]:
            sources.setdefault(case["source"], compiled(case["source"]))
            for fact in case.get("items", []):
                if "residual" in fact and fact["residual"] not in residuals:
                    program = compiled(f"{fact['residual']} = 0")["program"]
                    residuals[fact["residual"]] = program["statements"][0]["exprs"]
    OUT.write_text(
        json.dumps({"sources": sources, "residuals": residuals}, indent=1, sort_keys=True) + "\n",
        "utf-8",
    )
    print(f"wrote {len(sources)} programs and {len(residuals)} residuals to {OUT}")


if __name__ == "__main__":
    main()
