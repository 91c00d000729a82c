"""The latest-wins runner: newest job wins, failures are one line, and exit never aborts."""

import subprocess
import sys
import threading

from jacdesk.app.state.worker import LatestWinsRunner
from jacdesk.core.tasks import Cancelled


def test_only_the_newest_job_reports(qtbot):
    started = threading.Event()
    release = threading.Event()

    def compute(job, task):
        if job == "slow":
            started.set()
            release.wait(5)
            if task.cancelled:
                raise Cancelled()
        return job * 2

    runner = LatestWinsRunner(compute, name="test-runner")
    done: list = []
    runner.jobDone.connect(lambda job, result: done.append((job, result)))
    runner.submit("slow")
    assert started.wait(5)
    with qtbot.waitSignal(runner.jobDone, timeout=5_000):
        runner.submit("ab")
        release.set()
    assert done == [("ab", "abab")]
    assert runner.stop()


def test_a_bug_becomes_one_line_and_the_runner_lives_on(qtbot):
    def compute(job, _task):
        if job == "bad":
            raise ValueError("boom\nsecond line")
        return job

    runner = LatestWinsRunner(compute)
    with qtbot.waitSignal(runner.jobFailed, timeout=5_000) as failed:
        runner.submit("bad")
    message = failed.args[1]
    assert "\n" not in message and "ValueError" in message and "boom second line" in message
    with qtbot.waitSignal(runner.jobDone, timeout=5_000) as ok:
        runner.submit("good")
    assert ok.args == ["good", "good"]
    assert runner.stop()


def test_a_runner_never_stopped_does_not_abort_the_process_at_exit():
    # Qt aborts when a QThread object dies while its thread runs; the exit hook stops it.
    script = (
        "from PySide6.QtCore import QCoreApplication\n"
        "from jacdesk.app.state.worker import LatestWinsRunner\n"
        "app = QCoreApplication([])\n"
        "runner = LatestWinsRunner(lambda job, task: job)\n"
        "runner.submit(1)\n"
        "runner.wait(200)\n"
        "print('left running', runner.isRunning())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "left running True" in done.stdout
    assert "Destroyed while thread" not in done.stderr
