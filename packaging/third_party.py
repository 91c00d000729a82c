"""Third-party notices for the bundle: each shipped distribution's licence files and a summary.

The bundle carries Qt (through PySide6, LGPL-3.0), PyTorch (BSD-3-Clause, with the licences of
its own third-party code), sympy, mpmath, numpy, pyqtgraph, PyOpenGL and others. Their licences
ask that the notices travel with the binaries: :func:`collect` copies each distribution's own
licence files from its installed metadata into ``licenses/<name>/`` and writes
``THIRD_PARTY_NOTICES.txt`` beside them. Used by ``jacdesk.spec`` at build time and by
``check_bundle.py``; run by hand with ``python3 packaging/third_party.py OUTDIR``.
"""

from __future__ import annotations

import shutil
import sys
from importlib import metadata
from pathlib import Path

#: The distributions the bundle ships that have licence terms to carry, in the order shown.
SHIPPED = (
    "PySide6-Essentials",
    "shiboken6",
    "torch",
    "sympy",
    "mpmath",
    "numpy",
    "pyqtgraph",
    "PyOpenGL",
    "grandalf",
    "ziamath",
    "ziafont",
    "latex2mathml",
    "filelock",
    "fsspec",
    "Jinja2",
    "MarkupSafe",
    "networkx",
    "typing_extensions",
)
NOTICES = "THIRD_PARTY_NOTICES.txt"
#: Licence texts kept in this repository for distributions whose wheels carry none (PySide6's
#: and shiboken6's wheels name LGPL-3.0 but ship no text; the LGPL incorporates the GPL-3.0).
OWN_TEXTS = {
    "PySide6-Essentials": ("LGPL-3.0.txt", "GPL-3.0.txt"),
    "shiboken6": ("LGPL-3.0.txt", "GPL-3.0.txt"),
}
HERE = Path(__file__).resolve().parent
QT_NOTE = """\
Qt and PySide6 are used under the GNU Lesser General Public License v3 (LGPL-3.0-only).
This bundle links them dynamically: the Qt and PySide6 shared libraries are separate files in
_internal/PySide6/ and may be replaced by compatible builds of your own. Their source code is
available from https://code.qt.io and https://download.qt.io/official_releases/QtForPython/.
"""


def _licence_files(dist: metadata.Distribution) -> list[Path]:
    files = []
    for entry in dist.files or ():
        parts = [p.lower() for p in entry.parts]
        name = parts[-1]
        in_meta = parts[0].endswith(".dist-info")
        if in_meta and (
            "licenses" in parts or name.startswith(("license", "licence", "copying", "notice"))
        ):
            files.append(Path(str(dist.locate_file(entry))))
    return [f for f in files if f.is_file()]


def _expression(dist: metadata.Distribution) -> str:
    meta = dist.metadata
    expr = meta.get("License-Expression") or ""
    if not expr:
        lic = (meta.get("License") or "").strip()
        expr = lic if lic and "\n" not in lic and len(lic) < 80 else ""
    if not expr:
        classifiers = [c for c in meta.get_all("Classifier") or () if c.startswith("License ::")]
        expr = "; ".join(c.rsplit("::", 1)[-1].strip() for c in classifiers)
    return expr or "see its licence files"


def collect(out: Path, names: tuple[str, ...] = SHIPPED) -> list[str]:
    """Write the notices and licence files of the installed ``names`` under ``out``.

    Returns the names found (distributions that are not installed are skipped: the bundle
    only ships what is installed).
    """
    out.mkdir(parents=True, exist_ok=True)
    lines = [
        "jacdesk bundles the following third-party software. Each one's licence files are in",
        "licenses/<name>/ next to this file.",
        "",
    ]
    found = []
    for name in names:
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        found.append(name)
        target = out / "licenses" / name
        target.mkdir(parents=True, exist_ok=True)
        copied = []
        for src in _licence_files(dist):
            rel = src.name
            if "licenses" in src.parts:  # keep a distribution's licenses/ sub-folders apart
                rel = str(Path(*src.parts[src.parts.index("licenses") + 1 :]))
            dest = target / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dest)
            copied.append(rel)
        for text in OWN_TEXTS.get(name, ()):
            shutil.copyfile(HERE / "licenses" / text, target / text)
            copied.append(text)
        url = dist.metadata.get("Home-page") or ""
        lines.append(f"{name} {dist.version}: {_expression(dist)}" + (f" ({url})" if url else ""))
        lines.append(f"    files: {', '.join(sorted(copied)[:8]) or 'none shipped in its wheel'}")
    lines += ["", QT_NOTE]
    (out / NOTICES).write_text("\n".join(lines), encoding="utf-8")
    return found


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: python3 packaging/third_party.py OUTDIR")
    print("\n".join(collect(Path(sys.argv[1]))))
