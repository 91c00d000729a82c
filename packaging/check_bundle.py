"""Start the built bundle and check it: ``python3 packaging/check_bundle.py [BUNDLE_DIR]``.

BUNDLE_DIR defaults to ``dist/jacdesk`` (what ``packaging/build_bundle.py`` makes). Checks:

1. the bundle holds both executables and every data file of ``jacdesk/resources``;
2. ``jacdesk-cli jacobian`` on the tutorial's example gives J = [[2, 2], [3, 16]],
   vᵀJ = [5, 18], det J = 26 and the symbolic J [[2*x1, 2], [3, 8*x2]] — the symbolic part
   comes from the sympy "spawn" child, so this proves that child starts in the frozen app;
3. (Linux) ``jacdesk --install-desktop``, into a scratch folder, writes a menu entry that
   starts this bundle and installs its icons;
4. the ``jacdesk`` window starts offscreen (and on the real display when there is one) with
   ``JACDESK_BUNDLE_PROBE`` set: its self-test (``bundle_probe.py``) waits until a table shows
   J = [[2, 2], [3, 16]] and the sympy child runs, notes whether PyOpenGL and pyqtgraph.opengl
   load, and closes the window (``JACDESK_QUIT_AFTER_MS`` is the backstop); the window must exit
   0, write no error to stderr or the crash log and (Linux) leave no process behind.

Every run is isolated: a temporary folder for settings, data, logs and the working directory, and
no PYTHONPATH, so nothing outside the bundle can be imported. Prints PASS/FAIL per check and a
summary; exits 1 on any failure, 2 when there is no bundle.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_BUNDLE = ROOT / "dist" / "jacdesk"
EXE_SUFFIX = ".exe" if sys.platform == "win32" else ""
EXAMPLE = ["-e", "x1**2 + 2*x2", "-e", "3*x1 + 4*x2**2", "--var", "x1=1", "--var", "x2=2"]
# (what, arguments after "jacobian", expected JSON fields)
CLI_CASES = [
    (
        "tutorial example",
        EXAMPLE,
        {
            "jacobian": [[2.0, 2.0], [3.0, 16.0]],
            "vjp": [5.0, 18.0],
            "determinant": 26.0,
            "jacobian_symbolic": [["2*x1", "2"], ["3", "8*x2"]],
            "symbolic_status": "ok",
        },
    ),
    (
        "trace(X.T @ A @ X) with Hessian",
        [
            "-e",
            "trace(X.T @ A @ X)",
            "--var",
            "X=[[1,2],[3,4]]",
            "--const",
            "A=[[1,0],[0,2]]",
            "--hessian",
        ],
        {"gradients": {"X": [[2.0, 4.0], [12.0, 16.0]]}, "symbolic_status": "ok"},
    ),
]
ERROR_MARKS = ("Traceback", "unexpected error", "could not start", "internal error", "Error:")


class Report:
    def __init__(self) -> None:
        self.results: list[tuple[bool, str]] = []

    def check(self, ok: bool, what: str) -> bool:
        self.results.append((ok, what))
        print(f"{'PASS' if ok else 'FAIL'}  {what}", flush=True)
        return ok

    def summary(self) -> int:
        failed = [what for ok, what in self.results if not ok]
        total = len(self.results)
        if failed:
            print(f"check_bundle: FAIL ({len(failed)} of {total} checks failed)")
            return 1
        print(f"check_bundle: PASS ({total} checks)")
        return 0


def isolated_env(scratch: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "JACDESK_"))}
    env.update(
        JACDESK_DATA_DIR=str(scratch / "data"),
        JACDESK_LOG_DIR=str(scratch / "log"),
        JACDESK_NO_RESTORE="1",
        JACDESK_DIALOG_AUTOCLOSE_MS="2000",  # an error dialog must not hang the check
        XDG_CONFIG_HOME=str(scratch / "config"),  # QSettings: leave the user's settings alone
        XDG_DATA_HOME=str(scratch / "share"),
        XDG_CACHE_HOME=str(scratch / "cache"),
        LC_ALL="C.UTF-8",  # English messages, whatever this machine's language
        LANGUAGE="en",
    )
    env.update(extra)
    return env


SIZE_GOAL_MIB = 400


def folder_mib(path: Path) -> float:
    """MiB in the regular files under ``path``; links (jacdesk-cli) count once, as their target."""
    files = [p for p in path.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files) / 2**20


def tail(text: str, lines: int = 15) -> str:
    return "\n".join("        " + ln for ln in text.strip().splitlines()[-lines:])


def check_layout(report: Report, bundle: Path) -> None:
    for name in ("jacdesk", "jacdesk-cli"):
        exe = bundle / (name + EXE_SUFFIX)
        report.check(exe.is_file() and os.access(exe, os.X_OK), f"executable {exe.name} present")
    internal = bundle / "_internal"
    source = ROOT / "jacdesk" / "resources"
    wanted = [
        p.relative_to(ROOT)
        for p in sorted(source.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts and p.suffix not in (".py", ".pyc")
    ]
    missing = [str(rel) for rel in wanted if not (internal / rel).is_file()]
    report.check(
        not missing,
        f"{len(wanted)} data files of jacdesk/resources bundled"
        + (f"; missing (rebuild?): {', '.join(missing[:5])}" if missing else ""),
    )

    notices = internal / "third_party" / "THIRD_PARTY_NOTICES.txt"
    text = notices.read_text(encoding="utf-8") if notices.is_file() else ""
    names = ("PySide6-Essentials", "torch", "sympy", "pyqtgraph", "numpy")
    report.check(
        all(f"{n} " in text for n in names)
        and (
            internal / "third_party" / "licenses" / "PySide6-Essentials" / "LGPL-3.0.txt"
        ).is_file(),
        "third-party notices bundled (Qt LGPL-3.0 text, PyTorch, sympy, pyqtgraph, numpy)",
    )


def check_cli(report: Report, bundle: Path, scratch: Path) -> None:
    exe = bundle / ("jacdesk-cli" + EXE_SUFFIX)
    for what, args, want in CLI_CASES:
        cmd = [str(exe), "jacobian", *args, "--format", "json"]
        label = f"cli, {what}:"
        t0 = time.perf_counter()
        try:
            run = subprocess.run(
                cmd,
                cwd=scratch,
                env=isolated_env(scratch),
                capture_output=True,
                text=True,
                timeout=180,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            report.check(False, f"{label} runs: {exc}")
            continue
        elapsed = time.perf_counter() - t0
        if not report.check(run.returncode == 0, f"{label} exits 0 ({elapsed:.1f} s)"):
            print(tail(run.stdout + run.stderr))
            continue
        try:
            got = json.loads(run.stdout)
        except ValueError:
            report.check(False, f"{label} prints JSON")
            print(tail(run.stdout))
            continue
        for key, value in want.items():
            report.check(got.get(key) == value, f"{label} {key} = {got.get(key)!r}")
        checked = got.get("check") or {}
        report.check(checked.get("ok") is True, f"{label} autograd/symbolic/FD agree")
        said = f":\n{tail(run.stderr)}" if run.stderr.strip() else ""
        report.check(not said, f"{label} nothing on stderr{said}")


def check_desktop(report: Report, bundle: Path, scratch: Path) -> None:
    """Linux: ``jacdesk --install-desktop`` (into the scratch XDG folders) points at the bundle."""
    exe = bundle / "jacdesk"
    label = "desktop entry:"
    try:
        run = subprocess.run(
            [str(exe), "--install-desktop"],
            cwd=scratch,
            env=isolated_env(scratch),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        report.check(False, f"{label} jacdesk --install-desktop runs: {exc}")
        return
    if not report.check(run.returncode == 0, f"{label} jacdesk --install-desktop exits 0"):
        print(tail(run.stdout + run.stderr))
        return
    entry = scratch / "share" / "applications" / "jacdesk.desktop"
    text = entry.read_text(encoding="utf-8") if entry.is_file() else ""
    execs = [ln for ln in text.splitlines() if ln.startswith("Exec=")]
    report.check(
        bool(execs) and str(exe) in execs[0], f"{label} {execs[0] if execs else 'no Exec= line'}"
    )
    icons = sorted((scratch / "share" / "icons" / "hicolor").glob("*/apps/jacdesk.*"))
    report.check(bool(icons), f"{label} {len(icons)} icons installed from the bundle")


def _children(pid: int) -> dict[int, str]:
    """Linux: direct children of ``pid`` and their command lines, read from /proc."""
    found: dict[int, str] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == pid:
                child = int(stat.parent.name)
                raw = (stat.parent / "cmdline").read_bytes()
                found[child] = raw.replace(b"\0", b" ").decode(errors="replace").strip()
        except (OSError, IndexError, ValueError):
            continue
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def check_gui(report: Report, bundle: Path, scratch: Path, platform: str, quit_ms: int) -> None:
    exe = bundle / ("jacdesk" + EXE_SUFFIX)
    label = f"window ({platform}):"
    probe = scratch / "probe.json"
    extra = {
        "JACDESK_QUIT_AFTER_MS": str(quit_ms),  # backstop; the probe closes the window first
        "JACDESK_BUNDLE_PROBE": str(probe),
        "JACDESK_BUNDLE_PROBE_TIMEOUT_S": str(max(1, quit_ms // 1000 - 15)),
    }
    if platform == "offscreen":
        extra["QT_QPA_PLATFORM"] = "offscreen"
    env = isolated_env(scratch, **extra)
    if platform != "offscreen":
        env.pop("QT_QPA_PLATFORM", None)
    t0 = time.perf_counter()
    try:
        proc = subprocess.Popen(
            [str(exe)],
            cwd=scratch,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
    except OSError as exc:
        report.check(False, f"{label} starts: {exc}")
        return
    linux = sys.platform.startswith("linux")
    seen: dict[int, str] = {}
    deadline = t0 + quit_ms / 1000 + 60
    while proc.poll() is None and time.perf_counter() < deadline:
        if linux:
            seen.update(_children(proc.pid))
        time.sleep(0.2)
    if proc.poll() is None:
        proc.kill()
        out, err = proc.communicate()
        report.check(False, f"{label} quits by itself within {deadline - t0:.0f} s")
        print(tail(out + err))
        return
    out, err = proc.communicate()
    elapsed = time.perf_counter() - t0
    report.check(proc.returncode == 0, f"{label} exits 0 (rc {proc.returncode}, {elapsed:.1f} s)")
    noise = [ln for ln in (out + err).splitlines() if any(m in ln for m in ERROR_MARKS)]
    report.check(not noise, f"{label} prints no error" + (f":\n{tail(out + err)}" if noise else ""))
    logs = sorted((scratch / "log").glob("*.log*"))
    logged = "".join(p.read_text(encoding="utf-8", errors="replace") for p in logs)
    report.check(
        "jacdesk error" not in logged and "Traceback" not in logged,
        f"{label} crash log has no error" + (f":\n{tail(logged, 30)}" if logged.strip() else ""),
    )
    try:
        seen_by_probe = json.loads(probe.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        report.check(False, f"{label} self-test report written ({exc})")
        seen_by_probe = {}
    if seen_by_probe:
        found, after = seen_by_probe.get("jacobian_found"), seen_by_probe.get("elapsed_s")
        report.check(found is True, f"{label} shows J = [[2, 2], [3, 16]] (after {after} s)")
        kids = seen_by_probe.get("children") or []
        report.check("jacdesk-sympy" in kids, f"{label} its sympy child runs ({kids})")
        math_seen = str(seen_by_probe.get("math"))
        report.check(math_seen.startswith("ok"), f"{label} typesets a formula ({math_seen})")
        gl_modules, gl = seen_by_probe.get("gl_modules"), seen_by_probe.get("gl") or [False, "?"]
        if platform == "offscreen":
            print(f"info  {label} PyOpenGL + pyqtgraph.opengl: {gl_modules}; 3-D views: {gl[1]}")
        else:
            report.check(
                gl_modules == "ok", f"{label} PyOpenGL + pyqtgraph.opengl load ({gl_modules})"
            )
            print(f"info  {label} 3-D views: {'on' if gl[0] else 'off'} ({gl[1]})")
    if linux:
        time.sleep(1.0)
        left = [pid for pid in seen if _alive(pid)]
        still = f" (still running: {left})" if left else ""
        report.check(not left, f"{label} leaves no child process behind{still}")
        for pid in left:  # only processes this check started
            with contextlib.suppress(OSError):
                os.kill(pid, 9)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", nargs="?", type=Path, default=DEFAULT_BUNDLE)
    parser.add_argument(
        "--quit-after-ms", type=int, default=90_000, help="JACDESK_QUIT_AFTER_MS backstop"
    )
    parser.add_argument("--no-gui", action="store_true", help="check the CLI only")
    args = parser.parse_args(argv)
    bundle = args.bundle.resolve()
    if not bundle.is_dir():
        print(f"check_bundle: no bundle at {bundle}; build it: python3 packaging/build_bundle.py")
        return 2
    print(f"check_bundle: {bundle}")
    report = Report()
    check_layout(report, bundle)
    print(
        f"size  {folder_mib(bundle):.0f} MiB in {bundle.name}/ (goal: at most {SIZE_GOAL_MIB} MiB)"
    )
    with tempfile.TemporaryDirectory(prefix="jacdesk-bundle-check-") as tmp:
        runs = ["cli"] + ([] if args.no_gui else ["offscreen"])
        if sys.platform.startswith("linux"):
            runs.insert(1, "desktop")
        has_display = os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
        if not args.no_gui and (has_display or not sys.platform.startswith("linux")):
            runs.append("display")
        for run in runs:  # each in a fresh folder: its own settings, data and crash log
            scratch = Path(tmp) / run
            scratch.mkdir()
            if run == "cli":
                check_cli(report, bundle, scratch)
            elif run == "desktop":
                check_desktop(report, bundle, scratch)
            else:
                check_gui(report, bundle, scratch, run, args.quit_after_ms)
        if not args.no_gui and "display" not in runs:
            print("note  no DISPLAY: the window was checked offscreen only")
    return report.summary()


if __name__ == "__main__":
    raise SystemExit(main())
