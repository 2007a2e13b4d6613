"""``python -m evaluation [--seeds DIR] [--gold FILE] [--json] [--details]``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from evaluation.gold import DEFAULT_GOLD, GoldError, load_gold
from evaluation.harness import EvaluationError, GoldDrift, evaluate
from evaluation.report import json_report, text_report

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SEEDS = REPO_ROOT.parent / "shared" / "corpus" / "seeds"


def build_parser() -> argparse.ArgumentParser:
    """The command-line options."""
    parser = argparse.ArgumentParser(
        prog="python -m evaluation",
        description="Score suggest and match against the gold annotations of the seed articles.",
    )
    parser.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS, help=f"seed folder (default {DEFAULT_SEEDS})")
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="gold file (default: the shipped one)")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    parser.add_argument(
        "--details", action="store_true", help="also list missed and extra statements and wrong speakers"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the evaluation; 0 when it ran, 1 when the gold drifted or is broken, 2 when it cannot run."""
    args = build_parser().parse_args(argv)
    try:
        gold = load_gold(args.gold)
    except GoldError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    seeds = args.seeds.resolve()
    if not seeds.is_dir() or not any(seeds.glob("*.txt")):
        print(f"error: seed articles not found in {seeds} (pass --seeds DIR)", file=sys.stderr)
        return 2
    try:
        result = evaluate(gold, seeds)
    except GoldDrift as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except EvaluationError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        sys.stdout.write(json_report(result))
    else:
        count = sum(len(seed.statements) for seed in gold.seeds)
        print(f"seeds: {seeds} ({len(gold.seeds)} articles, {count} gold statements, {len(gold.pairs)} gold pairs)")
        print("gold anchors: all match the cleaned texts\n")
        sys.stdout.write(text_report(result, details=args.details))
    return 0


if __name__ == "__main__":
    sys.exit(main())
