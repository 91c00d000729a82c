"""What the cost measurement found: each strategy's passes and median time, and the winner."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StrategyCost:
    """One way of building J: ``passes`` autograd passes, ``median_s`` seconds (median)."""

    name: str
    mode: str  # reverse | forward | vmap-reverse | vmap-forward | jacdesk
    passes: int
    median_s: float
    repeats: int


@dataclass(frozen=True)
class CostResult:
    """The strategies measured on the user's f, the fastest, and why (m vs n)."""

    m: int
    n: int
    strategies: tuple[StrategyCost, ...]
    fastest: str
    why: str
    generation: int = 0

    def to_dict(self) -> dict:
        """The JSON form of ``jacdesk-cli cost`` (keys exactly as issue 17 names them)."""
        return {
            "strategies": [
                {"name": s.name, "mode": s.mode, "passes": s.passes, "median_s": s.median_s}
                for s in self.strategies
            ],
            "fastest": self.fastest,
            "m": self.m,
            "n": self.n,
            "why": self.why,
        }

    def to_text(self) -> str:
        """A table of the strategies, then the winner and why."""
        lines = [f"{'strategy':<52} {'mode':<13} {'passes':>6} {'median':>11}"]
        for s in self.strategies:
            lines.append(f"{s.name:<52} {s.mode:<13} {s.passes:>6} {s.median_s * 1e3:>8.3f} ms")
        lines.append(f"fastest: {self.fastest}")
        lines.append(self.why)
        return "\n".join(lines) + "\n"
