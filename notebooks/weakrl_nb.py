"""Shared by the notebooks: reading a run's analysis outputs (the CSV tables and report.json that
./weakrl analyze writes) with checks that say what was expected and what was found, and the parts
the figures share (one colour per arm, benchmark groups by line style, t_sat dashed and labelled).

Debian's Python has no Parquet reader, so the notebooks read the CSV copies the analysis writes
beside its Parquet tables (the Parquet files stay the format of record).
"""

import json
import math
import os
import zlib

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

GROUPS = ["held-out", "harder", "other domains"]
GROUP_STYLES = {"held-out": "-", "harder": "-.", "other domains": ":"}
GROUP_MARKERS = {"held-out": "o", "harder": "s", "other domains": "^"}

# The study's arms in the order the tables list them, each with its colour in every figure.
ARM_ORDER = ["base", "cpt", "nonthinking", "cpt+nonthinking", "thinking", "cpt+thinking"]
_ARM_COLOURS = dict(zip(ARM_ORDER, ["#7f7f7f", "#8c564b", "#1f77b4", "#17becf", "#ff7f0e", "#d62728"]))
_OTHER_COLOURS = ["#2ca02c", "#9467bd", "#e377c2", "#bcbd22"]
NO_ARM_COLOUR = "#1f77b4"

STEP_AXIS = "RL step (GRPO updates)"
REWARD_AXIS = "mean train reward per rollout (0-1)"

# report.json as ./weakrl analyze writes it (README, Analysis: outputs).
REPORT_RUN_KEYS = ["name", "arm", "setting", "seed", "problems", "t_sat", "regime", *GROUPS,
                   "held_out_delta_last", "faithfulness", "diversity"]
REPORT_GROUP_KEYS = ["delta_sat", "delta_post", "g_sat", "overlap_with_training", "truncated"]
REPORT_CLAIM_KEYS = ["id", "statement", "value", "threshold", "holds", "holds_by_seed", "detail"]

# The CSV tables and the columns the notebooks read from them.
SATURATION_COLUMNS = ["run", "training_set_size", "reward", "t_sat", "r_max", "t_last", "t_eff", "regime",
                      "scope", "benchmark", "group", "delta_sat", "delta_post", "g_sat",
                      "overlap_with_training", "truncated"]
STEPS_COLUMNS = ["run", "step", "reward_mean", "reward_smoothed", "true_accuracy"]
EVALUATIONS_COLUMNS = ["run", "step", "benchmark", "group", "metric", "value"]


class InputError(Exception):
    """Bad input: the message says what the notebook expected and what it found."""


def arm_colour(arm):
    """The arm's colour, the same in every figure and notebook; None (no arm known) has one too."""
    if arm is None or (isinstance(arm, float) and math.isnan(arm)):
        return NO_ARM_COLOUR
    if arm in _ARM_COLOURS:
        return _ARM_COLOURS[arm]
    # An arm outside the study's six: a colour fixed by its name, so it too never changes.
    return _OTHER_COLOURS[zlib.crc32(arm.encode()) % len(_OTHER_COLOURS)]


def arm_rank(arm):
    """Sort key: the study's arms in ARM_ORDER, any others after them by name."""
    return (ARM_ORDER.index(arm), "") if arm in ARM_ORDER else (len(ARM_ORDER), str(arm))


def _listing(directory):
    try:
        names = sorted(os.listdir(directory))
    except OSError:
        return "nothing (no such directory)"
    return ", ".join(names) if names else "nothing (an empty directory)"


def analysis_dir(run):
    """The analysis directory of `run`: a run directory (--out), its analysis/ or a file in it."""
    path = os.path.abspath(os.path.expanduser(str(run)))
    if os.path.isfile(path):
        path = os.path.dirname(path)
    if not os.path.exists(path):
        raise InputError(f"expected a run directory (the --out of ./weakrl recipe, grid or study) at {path}; "
                         "found nothing there. Set RUN in the first cell or WEAKRL_RUN in the environment.")
    if os.path.isdir(os.path.join(path, "analysis")):
        return os.path.join(path, "analysis")
    if any(os.path.isfile(os.path.join(path, f)) for f in ("report.json", "saturation.csv", "saturation.parquet")):
        return path
    stages = os.path.join(path, "stages")
    if os.path.isdir(stages):
        rl = [s for s in os.listdir(stages) if s.startswith("rlvr-")]
        if not rl:
            raise InputError(f"expected RL runs in {path}: stages/rlvr-* directories and the analysis of them in "
                             f"analysis/; found no RL run (stages/ holds {_listing(stages)}) and no analysis/. "
                             "Run ./weakrl rlvr or the recipe into it first.")
        raise InputError(f"expected {path}/analysis/ (written by ./weakrl analyze --run={path}); found RL runs "
                         f"({', '.join(sorted(rl))}) but no analysis/")
    raise InputError(f"expected a run directory with analysis/ (or an analysis directory) at {path}; "
                     f"found {_listing(path)}")


def read_table(directory, name, columns):
    """The CSV table `name` of the analysis directory, checked for `columns`."""
    path = os.path.join(directory, name)
    if not os.path.isfile(path):
        parquet = path[: -len(".csv")] + ".parquet"
        hint = (f"; {os.path.basename(parquet)} is there: the analysis that wrote it predates the CSV copies, so "
                f"run ./weakrl analyze --run={os.path.dirname(directory)} again" if os.path.isfile(parquet) else "")
        raise InputError(f"expected {path} (a table ./weakrl analyze writes); found no such file{hint}. "
                         f"{directory} holds: {_listing(directory)}")
    table = pd.read_csv(path)
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise InputError(f"{path}: expected columns {missing} (and {[c for c in columns if c not in missing]}); "
                         f"found columns {list(table.columns)}")
    return table


def read_report(directory):
    """report.json of the analysis directory, checked against the format the notebooks read."""
    path = os.path.join(directory, "report.json")
    if not os.path.isfile(path):
        raise InputError(f"expected {path} (written by ./weakrl analyze); found no such file. "
                         f"{directory} holds: {_listing(directory)}")
    with open(path, encoding="utf-8") as f:
        try:
            report = json.load(f)
        except ValueError as e:
            raise InputError(f"{path}: expected JSON; found a parse error: {e}") from None
    if not isinstance(report, dict) or not {"runs", "claims"} <= set(report):
        found = sorted(report) if isinstance(report, dict) else type(report).__name__
        raise InputError(f"{path}: expected an object with 'runs' and 'claims'; found {found}")
    older = "an older format of report.json: run ./weakrl analyze on its run directory again"
    for run in report["runs"]:
        missing = [k for k in REPORT_RUN_KEYS if k not in run]
        missing += [f"{g}.{k}" for g in GROUPS if isinstance(run.get(g), dict)
                    for k in REPORT_GROUP_KEYS if k not in run[g]]
        if missing:
            raise InputError(f"{path}: {older}. Expected each run to have {REPORT_RUN_KEYS} (each group "
                             f"{REPORT_GROUP_KEYS}); run {run.get('name', '?')!r} lacks {missing} and has "
                             f"{list(run)}")
    for claim in report["claims"]:
        missing = [k for k in REPORT_CLAIM_KEYS if k not in claim]
        if missing:
            raise InputError(f"{path}: {older}. Expected each claim to have {REPORT_CLAIM_KEYS}; claim "
                             f"{claim.get('id', '?')!r} lacks {missing} and has {list(claim)}")
    return report


def require_runs(steps, path):
    """Fails unless the steps table holds at least one RL run."""
    if steps["run"].nunique() == 0:
        raise InputError(f"{path}: expected at least one RL run (a complete stages/rlvr-* stage); found a table "
                         "with no rows: the run directory has no complete RL run")


def spearman(x, y):
    """Spearman rho over the pairs where both are defined (inf counts: it ranks last), with ties
    sharing their mean rank, as the claims compute it; NaN for fewer than 3 pairs or a constant side."""
    x = pd.Series(x, dtype=float).reset_index(drop=True)
    y = pd.Series(y, dtype=float).reset_index(drop=True)
    ok = x.notna() & y.notna()
    if ok.sum() < 3:
        return float("nan")
    rx, ry = x[ok].rank(method="average"), y[ok].rank(method="average")
    if rx.std() == 0 or ry.std() == 0:
        return float("nan")
    return float(np.corrcoef(rx, ry)[0, 1])


def show(table, digits=3):
    """A table for reading: numbers rounded, undefined values as a dash."""
    from IPython.display import display
    rounded = table.apply(lambda c: pd.to_numeric(c, errors="ignore")).round(digits)
    display(rounded.astype(object).where(rounded.notna(), "–"))


def fmt(v, digits=3):
    return "–" if v is None or (isinstance(v, float) and math.isnan(v)) else f"{v:.{digits}f}"


def mark_t_sat(ax, t_sat, colour="black", text=None):
    """t_sat as a dashed vertical line, labelled at the top of the panel; nothing for an unsaturated run."""
    if t_sat is None or (isinstance(t_sat, float) and math.isnan(t_sat)):
        return
    label = text or f"t_sat = {int(t_sat)}"
    ax.axvline(t_sat, color=colour, linestyle="--", linewidth=1.3, label=label)
    ax.annotate(label, xy=(t_sat, 0.5), xycoords=("data", "axes fraction"), xytext=(3, 0),
                textcoords="offset points", fontsize=9, color=colour,
                bbox=dict(facecolor="white", edgecolor="none", alpha=0.8, pad=1))


def group_curves(evaluations):
    """Per group, the mean metric over its benchmarks at each evaluated step; 'other' benchmarks one by one."""
    curves = {}
    for group in GROUPS:
        rows = evaluations[evaluations["group"] == group]
        if len(rows):
            curves[group] = rows.groupby("step")["value"].mean()
    for benchmark, rows in evaluations[~evaluations["group"].isin(GROUPS)].groupby("benchmark"):
        curves[benchmark] = rows.set_index("step")["value"].sort_index()
    return curves


def run_figure(title, steps, evaluations, t_sat, colour, metric="avg@k", smooth_label="smoothed"):
    """A run's two panels: train reward (raw and smoothed, true accuracy where logged) and each
    benchmark group's metric against step, t_sat dashed in both."""
    fig, (left, right) = plt.subplots(1, 2, figsize=(12, 4.2), constrained_layout=True)
    left.plot(steps["step"], steps["reward_mean"], color=colour, alpha=0.45, linewidth=1.2, label="train reward (raw)")
    left.plot(steps["step"], steps["reward_smoothed"], color=colour, linewidth=2, label=f"train reward ({smooth_label})")
    # True accuracy only where the weak reward is not simply it (noisy labels, proxies).
    truth = steps["true_accuracy"] if "true_accuracy" in steps else pd.Series(dtype=float)
    if truth.notna().any() and not np.allclose(truth.fillna(-1), steps["reward_mean"].fillna(-1)):
        left.plot(steps["step"], steps["true_accuracy"], color="black", linestyle=":", linewidth=1.2,
                  label="true accuracy of the rollouts")
    left.set_xlabel(STEP_AXIS)
    left.set_ylabel(REWARD_AXIS)
    left.set_ylim(-0.02, 1.02)
    left.set_title("train reward")
    curves = group_curves(evaluations)
    for name, curve in curves.items():
        right.plot(curve.index, curve.values, color=colour, linestyle=GROUP_STYLES.get(name, "--"),
                   marker=GROUP_MARKERS.get(name, "x"), linewidth=1.8,
                   label=name + (" (mean of its benchmarks)" if name in GROUPS else " (other)"))
    if not curves:
        right.text(0.5, 0.5, "no evaluations of this run", ha="center", va="center", transform=right.transAxes)
    right.set_xlabel(STEP_AXIS)
    right.set_ylabel(f"{metric} (fraction correct, 0-1)")
    right.set_ylim(bottom=0)
    right.set_title("evaluated checkpoints")
    for ax in (left, right):
        mark_t_sat(ax, t_sat)
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8, loc="best")
    fig.suptitle(title)
    return fig
