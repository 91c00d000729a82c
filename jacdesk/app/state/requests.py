"""What the controller asks the worker for: immutable, so it can cross threads safely."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from jacdesk.core.conventions import ComputeOptions


@dataclass(frozen=True)
class Request:
    """One computation: everything ``analyze`` needs, plus the generation that identifies it."""

    generation: int
    expressions: tuple[str, ...]
    variables: tuple[tuple[str, np.ndarray], ...]
    constants: tuple[tuple[str, np.ndarray], ...]
    v: np.ndarray | None = None
    u: np.ndarray | None = None
    options: ComputeOptions = field(default_factory=ComputeOptions)
    symbolic_timeout: float = 5.0
    # "Compute anyway": extras skipped for size that the user asked for ("rows", "fd_check",
    # "det"), and a memory budget raised to what a refused request needs.
    force: tuple[str, ...] = ()
    memory_budget: int | None = None

    def program_key(self) -> tuple:
        """What the symbolic forms depend on (not the point): a change cancels symbolic work."""
        return (
            self.expressions,
            tuple((k, a.shape) for k, a in self.variables),
            tuple((k, a.shape, a.tobytes()) for k, a in self.constants),
            self.options.vec,
        )


def run_numeric(req: Request, task) -> object:
    """Worker-thread body of the numeric stage (torch imported here, off the GUI thread)."""
    from jacdesk.core.engine import analyze
    from jacdesk.core.errors import JacdeskError

    # The symbolic forms are the second stage's (run_symbolic), never this one's.
    kwargs = dict(
        constants=dict(req.constants),
        options=req.options.replace(symbolic=False),
        generation=req.generation,
        task=task,
        memory_budget=req.memory_budget,
    )
    for extra in req.force:
        kwargs[extra] = True
    try:
        return analyze(list(req.expressions), dict(req.variables), vjp=req.v, jvp=req.u, **kwargs)
    except JacdeskError as err:
        if (req.v is None and req.u is None) or err.about not in ("v", "u"):
            raise
        # The number of outputs or inputs changed under an edited v or u: start from ones.
        return analyze(list(req.expressions), dict(req.variables), **kwargs)


def run_symbolic(job: tuple, task) -> object:
    """Worker-thread body of the symbolic stage: the forms for a numeric result."""
    from jacdesk.core.engine import symbolic_for, with_symbolic

    req, result = job
    sym = symbolic_for(result, dict(req.constants), timeout=req.symbolic_timeout)
    task.check()
    return with_symbolic(result, sym)


def cancel_symbolic(running: tuple | None, new: tuple | None) -> None:
    """Kill the sympy child only when the new job needs different forms.

    A new point for the same expressions lets the running job finish: the child caches the
    derived forms, so the next request only evaluates them.
    """
    if running is None:
        return
    if new is not None and new[0].program_key() == running[0].program_key():
        return
    from jacdesk.core.symbolic.process import default_service

    default_service().cancel()


def run_graph(req: Request, task) -> object:
    """Worker-thread body of the Graph tab: capture ``y.backward(v)``'s graph and lay it out.

    The layout runs here too: its first call imports networkx (~150 ms), never on the GUI
    thread.
    """
    from jacdesk.core.diff.backward_graph import backward_graph
    from jacdesk.core.results.graph_layout import layout

    task.check()
    graph = backward_graph(
        list(req.expressions),
        dict(req.variables),
        dict(req.constants),
        v=req.v,
        generation=req.generation,
    )
    task.check()
    return graph, layout(graph)


#: Lab kinds (the Questions tab) and whether each runs on the user's current f.
LAB_KINDS = ("precision", "cost", "pitfall", "practice")
#: Practice checks the exercise's own f: neither an empty editor nor a newer f voids it.
OWN_F = frozenset({"practice"})


@dataclass(frozen=True)
class LabJob:
    """One request of the Questions tab: its kind, its parameters and the current problem."""

    kind: str
    generation: int
    expressions: tuple[str, ...]
    variables: tuple[tuple[str, np.ndarray], ...]
    constants: tuple[tuple[str, np.ndarray], ...]
    params: tuple[tuple[str, object], ...] = ()


def run_lab(job: LabJob, task) -> object:
    """Worker-thread body of the Questions tab: precision, cost, a pitfall or a practice check.

    Each imports its core module here (torch work, off the GUI thread) and returns core's own
    result; an unknown kind or exercise is a bug of the caller, reported as one line.
    """
    params = dict(job.params)
    exprs, variables = list(job.expressions), dict(job.variables)
    constants = dict(job.constants)
    task.check()
    if job.kind == "precision":
        from jacdesk.core.diff.precision import precision

        dtype = str(params.get("dtype", "float64"))
        return precision(
            exprs, variables, constants, dtype=dtype, task=task, generation=job.generation
        )
    if job.kind == "cost":
        from jacdesk.core.diff.cost import cost

        return cost(exprs, variables, constants, task=task, generation=job.generation)
    if job.kind == "pitfall":
        from jacdesk.core.diff.pitfalls import run_pitfall

        return run_pitfall(str(params["key"]), exprs, variables, constants)
    if job.kind == "practice":
        from jacdesk.core.content.exercises import EXERCISES, check_answer

        exercise = next(ex for ex in EXERCISES if ex.key == params["exercise"])
        return check_answer(exercise, str(params.get("answer", "")))
    raise ValueError(f"unknown lab kind {job.kind!r}")
