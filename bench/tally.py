"""Tally speed: pbchat against pabutools on the real Pabulib files, and a large generated election.

    python -m bench.tally [--skip-pabutools] [--timeout SECONDS]
    python -m bench.tally --pabulib DIR [--timeout SECONDS]

Each real file in tests/data/pabulib/ (the elections the tests use) is counted by the rule it
is benchmarked on (MES with add1 for approval files, fund down the ranking for points files) by
pbchat and by pabutools 1.2.3, the reference. Only the count is timed, in-process, not reading
the file. pabutools runs in a child process so that a run longer than --timeout can be
abandoned; it is then reported as a timeout with the timeout as a lower bound on its time. Then
a generated approval election of 100,000 voters and 200 projects is counted by pbchat's MES and
greedy.

Times are CPU seconds of the counting process (`time.process_time`), which vary less than
wall-clock seconds when other work shares the machine; wall-clock seconds are reported alongside
(`*_wall_s`). pbchat's file times are the best of 5 runs, pabutools' are one run. Ratios are
pabutools' CPU time over pbchat's.

The issue's targets: MES with add1 at least 100 times faster than pabutools on each file, and the
generated election counted in under 2 seconds. The last line printed is one JSON object.

With `--pabulib DIR`, every `.pb` file in DIR is instead counted by pbchat alone with every rule
(see `sweep_folder`): a quick way to try a whole download of Pabulib.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from bot.cli.tally import RULES, count
from models.pabulib import Amount, PabulibError, read_pb
from models.tally import ballot_support, equal_shares, fund_down_ranking

ROOT = Path(__file__).resolve().parent.parent

DATA = ROOT / "tests" / "data" / "pabulib"
# The four compared with pabutools (tests/data/pabulib/SOURCES.md); Toulouse 2022, kept there
# for its ties, climbs 1,617 add1 steps, which takes pabutools far longer than a benchmark.
FILES = [
    DATA / name
    for name in (
        "Netherlands_Assen_2024.pb",
        "Poland_Czestochowa_2020_Grabowka.pb",
        "Poland_Krakow_2020_Grzegorzki.pb",
        "Poland_Swiecie_2023.pb",
    )
]
TARGET_RATIO = 100
TARGET_GENERATED_S = 2.0
PBCHAT_REPEATS = 5
"""pbchat's counts take under a second, so the best of a few runs is cheap and less noisy."""


def rule_for(vote_type: str) -> str:
    return "mes-add1" if vote_type in ("approval", "choose-1") else "greedy"


@dataclass(frozen=True)
class Timing:
    cpu_s: float
    wall_s: float


def timed(work: Callable[[], Any], repeats: int = 1) -> tuple[Timing, Any]:
    """The best CPU and wall-clock times of `repeats` runs, and the last run's result."""
    cpu, wall, result = float("inf"), float("inf"), None
    for _ in range(repeats):
        cpu_started, wall_started = time.process_time(), time.perf_counter()
        result = work()
        cpu = min(cpu, time.process_time() - cpu_started)
        wall = min(wall, time.perf_counter() - wall_started)
    return Timing(cpu, wall), result


# --- pabutools, in a child process ------------------------------------------------------------


def pabutools_child(path: str, rule: str) -> None:
    """Run in the child: count `path` with pabutools, print {"seconds", "selected"} as JSON.

    The calls are the ones docs/domain.md names (tests/unit/test_tally_pabutools.py compares
    them). For points ballots greedy needs a satisfaction of points × cost: pabutools' greedy
    ranks by satisfaction per unit of cost, so this ranks by points, as pbchat does.
    """
    from pabutools.election import (
        AdditiveSatisfaction,
        Cost_Sat,
        CumulativeBallot,
        CumulativeProfile,
        parse_pabulib,
    )
    from pabutools.rules import (
        exhaustion_by_budget_increase,
        greedy_utilitarian_welfare,
        method_of_equal_shares,
    )

    class PointsTimesCostSat(AdditiveSatisfaction):
        def __init__(self, instance, profile, ballot):
            super().__init__(
                instance,
                profile,
                ballot,
                lambda _i, _p, ballot, project, _v: ballot.get(project, 0) * project.cost,
            )

    instance, profile = parse_pabulib(path)
    vote_type = instance.meta["vote_type"]
    if vote_type == "ordinal":  # points as pbchat counts them: max_length - position
        top = int(instance.meta["max_length"])
        ballots = [CumulativeBallot({p: top - i for i, p in enumerate(b)}) for b in profile]
        profile = CumulativeProfile(ballots, instance=instance)
    if rule == "mes-add1":
        work = lambda: exhaustion_by_budget_increase(  # noqa: E731
            instance,
            profile,
            method_of_equal_shares,
            {"sat_class": Cost_Sat},
            exhaustive_stop=False,
            budget_step=profile.num_ballots(),
        )
    else:
        sat = Cost_Sat if vote_type in ("approval", "choose-1") else PointsTimesCostSat
        work = lambda: greedy_utilitarian_welfare(instance, profile, sat_class=sat)  # noqa: E731
    timing, selected = timed(work)
    supported = {project.name for ballot in profile for project in ballot}
    # pabutools' greedy also funds bids nobody supported; pbchat never does.
    names = sorted(project.name for project in selected if project.name in supported)
    print(json.dumps({"cpu_s": timing.cpu_s, "wall_s": timing.wall_s, "selected": names}))


def pabutools_time(path: Path, rule: str, timeout: float) -> dict[str, Any]:
    """pabutools' time and selection, or {"timeout": True} if it ran past `timeout` seconds."""
    command = [sys.executable, "-m", "bench.tally", "--pabutools-child", str(path), rule]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return {"timeout": True}
    return json.loads(done.stdout.splitlines()[-1])


# --- The real files ---------------------------------------------------------------------------


def bench_file(path: Path, skip_pabutools: bool, timeout: float) -> dict[str, Any]:
    election = read_pb(path)
    rule = rule_for(election.vote_type)
    ours, result = timed(lambda: count(election, rule), PBCHAT_REPEATS)
    row: dict[str, Any] = {
        "vote_type": election.vote_type,
        "voters": len(election.votes),
        "projects": len(election.projects),
        "rule": rule,
        "pbchat_s": round(ours.cpu_s, 4),
        "pbchat_wall_s": round(ours.wall_s, 4),
    }
    print(f"{path.stem}: pbchat {rule} {ours.cpu_s:.3f} s", flush=True)
    if skip_pabutools:
        return row
    theirs = pabutools_time(path, rule, timeout)
    if theirs.get("timeout"):
        # The child was killed after `timeout` wall-clock seconds, so that is all that is known.
        row |= {"pabutools_s": None, "pabutools_timeout_s": timeout}
        row["ratio_at_least"] = round(timeout / ours.wall_s, 1)
        print(f"{path.stem}: pabutools timeout after {timeout:.0f} s", flush=True)
    else:
        row["pabutools_s"] = round(theirs["cpu_s"], 3)
        row["pabutools_wall_s"] = round(theirs["wall_s"], 3)
        row["ratio"] = round(theirs["cpu_s"] / ours.cpu_s, 1)
        row["same_selection"] = sorted(result.selected) == theirs["selected"]
        print(f"{path.stem}: pabutools {theirs['cpu_s']:.3f} s, ratio {row['ratio']}", flush=True)
    if rule == "mes-add1":
        row["meets_target"] = row.get("ratio", row.get("ratio_at_least", 0)) >= TARGET_RATIO
    return row


# --- A large generated election ---------------------------------------------------------------


def generated_election(
    voters: int, projects: int, seed: int
) -> tuple[dict[str, Amount], list[dict[str, int]], int]:
    """A realistic approval election: costs over 1-10% of the pot, skewed popularity.

    Each voter approves 5 to 15 bids, drawn without replacement with probability proportional
    to a log-normal popularity (the Gumbel top-k trick: the k largest of log(weight) + Gumbel
    noise are a weighted sample without replacement), a few thousand voters at a time.
    """
    rng = np.random.default_rng(seed)
    budget = 10_000_000
    costs = (rng.uniform(0.01, 0.10, projects) * budget).round(-3).astype(int)
    ids = [f"p{j + 1}" for j in range(projects)]
    log_weight = np.log(rng.lognormal(0.0, 1.0, projects))
    sizes = rng.integers(5, 16, voters)
    ballots: list[dict[str, int]] = []
    for start in range(0, voters, 5_000):
        chunk = sizes[start : start + 5_000]
        keys = log_weight + rng.gumbel(size=(len(chunk), projects))
        ranked = np.argsort(-keys, axis=1)
        ballots.extend(
            dict.fromkeys([ids[j] for j in row[:size]], 1)
            for row, size in zip(ranked.tolist(), chunk.tolist(), strict=True)
        )
    return dict(zip(ids, costs.tolist(), strict=True)), ballots, budget


def bench_generated(voters: int, projects: int, seed: int) -> dict[str, Any]:
    costs, ballots, budget = generated_election(voters, projects, seed)
    print(f"generated {voters}x{projects}: {sum(map(len, ballots))} approvals", flush=True)
    mes_time, mes = timed(lambda: equal_shares(costs, ballots, budget))
    print(f"generated {voters}x{projects}: pbchat mes {mes_time.cpu_s:.3f} s", flush=True)
    greedy_time, greedy = timed(
        lambda: fund_down_ranking(costs, ballot_support(costs, ballots), budget)
    )
    print(f"generated {voters}x{projects}: pbchat greedy {greedy_time.cpu_s:.3f} s", flush=True)
    return {
        "voters": voters,
        "projects": projects,
        "seed": seed,
        "mes_s": round(mes_time.cpu_s, 3),
        "mes_wall_s": round(mes_time.wall_s, 3),
        "mes_funded": len(mes.selected),
        "greedy_s": round(greedy_time.cpu_s, 3),
        "greedy_wall_s": round(greedy_time.wall_s, 3),
        "greedy_funded": len(greedy.selected),
        "meets_target": max(mes_time.cpu_s, greedy_time.cpu_s) < TARGET_GENERATED_S,
    }


# --- Every file in a folder ------------------------------------------------------------------


class _TooSlow(Exception):
    """Raised by the alarm when one count runs past --timeout."""


def _alarm(_signum: int, _frame: object) -> None:
    raise _TooSlow


def count_within(election: Any, rule: str, timeout: float) -> float | None:
    """Wall-clock seconds of one count, or None if it ran past `timeout` (then abandoned).

    The count is pure Python between short numpy calls, so the alarm's exception lands
    promptly and leaves nothing behind.
    """
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    started = time.perf_counter()
    try:
        count(election, rule)
    except _TooSlow:
        return None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    return time.perf_counter() - started


def sweep_folder(folder: Path, timeout: float) -> dict[str, Any]:
    """Count every .pb file in `folder` with every rule; the summary printed as the last line.

    Every rule applies to every vote type pbchat reads (points ballots use score utility), so
    each file that reads is counted four times. Per rule: how many files were counted, the
    total and worst wall-clock seconds (and which file was worst), and the counts abandoned
    after `timeout` seconds. `refused` names each file that could not be read, and why.
    """
    files = sorted(folder.glob("*.pb"))
    rules: dict[str, dict[str, Any]] = {
        rule: {"count": 0, "total_s": 0.0, "worst_s": 0.0, "worst_file": None, "timed_out": []}
        for rule in RULES
    }
    refused: dict[str, str] = {}
    for path in files:
        try:
            election = read_pb(path)
        except (OSError, UnicodeDecodeError, PabulibError) as error:
            refused[path.name] = str(error)
            print(f"{path.name}: refused: {error}", flush=True)
            continue
        for rule in RULES:
            seconds = count_within(election, rule, timeout)
            entry = rules[rule]
            if seconds is None:
                entry["timed_out"].append(path.name)
                print(f"{path.name}: {rule} over {timeout:g} s", flush=True)
                continue
            entry["count"] += 1
            entry["total_s"] += seconds
            if seconds > entry["worst_s"]:
                entry["worst_s"], entry["worst_file"] = seconds, path.name
            print(f"{path.name}: {rule} {seconds:.3f} s", flush=True)
    for entry in rules.values():
        entry["total_s"] = round(entry["total_s"], 3)
        entry["worst_s"] = round(entry["worst_s"], 3)
    return {"files": len(files), "rules": rules, "refused": refused}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-pabutools", action="store_true", help="time pbchat only")
    parser.add_argument(
        "--timeout",
        type=float,
        default=600,
        help="seconds per pabutools run, or per count with --pabulib (default 600)",
    )
    parser.add_argument("--voters", type=int, default=100_000)
    parser.add_argument("--projects", type=int, default=200)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--pabutools-child", nargs=2, metavar=("FILE", "RULE"), help="internal")
    parser.add_argument(
        "--pabulib", type=Path, metavar="DIR", help="count every .pb file in DIR with every rule"
    )
    args = parser.parse_args()
    if args.pabutools_child:
        pabutools_child(*args.pabutools_child)
        return
    if args.pabulib:
        print(json.dumps(sweep_folder(args.pabulib, args.timeout), ensure_ascii=False))
        return
    files = {path.stem: bench_file(path, args.skip_pabutools, args.timeout) for path in FILES}
    generated = bench_generated(args.voters, args.projects, args.seed)
    machine = {
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        # Other work on the machine slows wall-clock times (CPU times much less): say how much.
        "load_average_1m": round(os.getloadavg()[0], 2),
    }
    print(json.dumps({"files": files, "generated": generated, "machine": machine}))


if __name__ == "__main__":
    main()
