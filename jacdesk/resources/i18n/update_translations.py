"""Regenerate jacdesk_zh_CN.ts from the sources and compile jacdesk_zh_CN.qm.

    python3 jacdesk/resources/i18n/update_translations.py          # lupdate + lrelease
    python3 jacdesk/resources/i18n/update_translations.py --check  # fail if anything is
                                                                   # untranslated or stale

``pyside6-lupdate`` scans every ``*.py`` under ``jacdesk/app`` and ``jacdesk/core`` for ``self.tr("…")``,
``translate("Context", "…")``, ``QCoreApplication.translate("Context", "…")`` and
``QT_TRANSLATE_NOOP("Context", "…")`` (core's Qt-free marker, ``jacdesk.core.texts``); new texts arrive as ``type="unfinished"`` and vanished
ones are dropped (``-no-obsolete``). Translate the new entries in the .ts (Qt Linguist, or any
editor: fill ``<translation>`` and remove ``type="unfinished"``), then run this script again:
``pyside6-lrelease`` must report 0 unfinished. The .qm is committed, so the app needs no Qt
tools at run time. Lesson texts live in ``jacdesk/resources/lessons`` and are not in the .ts.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
PACKAGE = HERE.parent.parent  # jacdesk/
SOURCES = (PACKAGE / "app", PACKAGE / "core")
TS = HERE / "jacdesk_zh_CN.ts"
QM = HERE / "jacdesk_zh_CN.qm"


def tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        sys.exit(f"{name} not found: install PySide6 (it ships the Qt Linguist tools)")
    return found


def sources() -> list[str]:
    return sorted(
        str(p) for root in SOURCES for p in root.rglob("*.py") if "__pycache__" not in p.parts
    )


def lupdate(ts: Path) -> None:
    subprocess.run(
        [
            tool("pyside6-lupdate"),
            *sources(),
            "-no-obsolete",
            "-locations",
            "none",
            "-target-language",
            "zh_CN",
            "-ts",
            str(ts),
        ],
        check=True,
    )


def lrelease(ts: Path, qm: Path) -> str:
    done = subprocess.run(
        [tool("pyside6-lrelease"), str(ts), "-qm", str(qm)],
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout + done.stderr


def unfinished(report: str) -> int:
    """Texts without a finished translation in lrelease's report: "(F finished and U
    unfinished)" plus "Ignored N untranslated source text(s)" (-1 when it says neither)."""
    found = re.search(r"(\d+) unfinished", report)
    if found is None:
        return -1
    ignored = re.search(r"Ignored (\d+) untranslated", report)
    return int(found.group(1)) + (int(ignored.group(1)) if ignored else 0)


def check() -> int:
    """0 when the committed .ts holds every source text, translated, and compiles cleanly."""
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / TS.name
        shutil.copy(TS, fresh)
        lupdate(fresh)
        report = lrelease(fresh, Path(tmp) / QM.name)
    print(report.strip())
    if unfinished(report) != 0:
        print("untranslated or new texts: run update_translations.py and translate them")
        return 1
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="change nothing; fail if stale")
    if parser.parse_args().check:
        return check()
    lupdate(TS)
    report = lrelease(TS, QM)
    print(report.strip())
    return 0 if unfinished(report) == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
