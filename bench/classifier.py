"""Benchmark of the routing classifier: `python bench/classifier.py` from the repository root.

Prints, as Markdown tables: the design comparison (cross-validated on the shipped examples), held-out figures,
training time on 1k and 10k examples (synthesised by augmenting the shipped examples), single-idea latency,
batch throughput, model size on disk, similarity search with 100,000 indexed ideas, and peak memory.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from classifier import Example, SimilarityIndex, evaluate, load_examples, load_model, save_model, train  # noqa: E402
from classifier.training import compare  # noqa: E402

ORGS = {
    "loten": ("barn-og-unge", "helse-og-livskvalitet", "samfunnsutvikler"),
    "lillehammer": ("oppvekst-og-utdanning", "helse-og-omsorg", "samfunn-og-kultur", "organisasjon-og-okonomi"),
}
FILLERS = ["", "Forslag: ", "Hei! ", "Tips: ", "Kanskje ", "Jeg tenker at ", "Idé: "]


def augment(examples: Sequence[Example], n: int, *, seed: int) -> list[Example]:
    """n examples made from the shipped ones: joined halves of two same-area texts, dropped words, typos."""
    rng = random.Random(seed)
    by_area: dict[str | None, list[Example]] = {}
    for example in examples:
        by_area.setdefault(example.focus_area, []).append(example)
    out = []
    while len(out) < n:
        base = rng.choice(examples)
        words = base.text.split()
        if base.focus_area and rng.random() < 0.5:
            other = rng.choice(by_area[base.focus_area]).text.split()
            words = words[: max(1, len(words) // 2)] + other[len(other) // 2 :]
        words = [w for w in words if rng.random() > 0.1] or words
        words = [_typo(w, rng) if rng.random() < 0.08 else w for w in words]
        out.append(Example(rng.choice(FILLERS) + " ".join(words), base.focus_area, base.sub_topic))
    return out


def _typo(word: str, rng: random.Random) -> str:
    if len(word) < 4:
        return word
    i = rng.randrange(len(word) - 1)
    return word[:i] + rng.choice("abcdefghijklmnoprstuvyæøå") + word[i + 1 :]


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def cpu_timed(fn: Callable[[], object]) -> tuple[float, float, object]:
    """Wall and CPU seconds: the box is shared, and CPU time shows what the work itself costs."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 1e6


def percentiles(samples: list[float]) -> str:
    ms = np.array(samples) * 1000
    return f"p50 {np.percentile(ms, 50):.3f} ms, p99 {np.percentile(ms, 99):.3f} ms"


def design_table() -> None:
    print("\n## Design comparison (5-fold stratified CV on the shipped examples; threshold 0.5)\n")
    print("| org | design | macro-F1 | accuracy | coverage@0.5 | accuracy@0.5 | fit s/fold |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for org, labels in ORGS.items():
        examples = load_examples(ROOT / f"config/{org}/examples.jsonl")
        for result in compare(examples=examples, labels=labels):
            m = result.metrics
            print(
                f"| {org} ({len(examples)}) | {result.design} | {m['macro_f1']:.3f} | {m['accuracy']:.3f} | "
                f"{m['coverage@0.5']:.3f} | {m['accuracy@0.5']:.3f} | {result.fit_seconds:.2f} |"
            )


def heldout() -> None:
    heldout_path = ROOT / "config/loten/heldout.jsonl"
    if not heldout_path.exists():
        return
    model = train(examples=load_examples(ROOT / "config/loten/examples.jsonl"), labels=ORGS["loten"])
    report = evaluate(model=model, examples=load_examples(heldout_path), threshold=0.5)
    print(f"\n## Løten held-out ({report['n']} rows, threshold 0.5, design: {model.metadata.design})\n")
    print(f"macro-F1 {report['macro_f1']:.3f}, accuracy {report['accuracy']:.3f}, coverage {report['coverage']:.3f}")


def speed(similar_n: int) -> None:
    shipped = load_examples(ROOT / "config/loten/examples.jsonl")
    labels = ORGS["loten"]
    print("\n## Speed (Løten areas, examples augmented from config/loten/examples.jsonl)\n")
    print("| measure | figure |\n| --- | --- |")
    model = None
    for n in (1_000, 10_000):
        examples = augment(shipped, n, seed=n)
        wall, cpu, model = cpu_timed(lambda examples=examples: train(examples=examples, labels=labels))
        print(f"| train {n:,} examples (5-fold CV + final fit) | {wall:.1f} s wall, {cpu:.1f} s CPU |")
    assert model is not None
    texts = [e.text for e in augment(shipped, 20_000, seed=7)]
    # predict_one is what routes a submitted idea in the server; predict([text]) is the batch path with one row.
    for label, predict in (("single-idea predict (`predict_one`)", lambda t: model.predict_one(t, threshold=0.5)),
                           ("one-row batch (`predict([text])`)", lambda t: model.predict([t], threshold=0.5))):
        for text in texts[:200]:  # warm caches
            predict(text)
        samples = []
        for text in texts[:5_000]:
            start = time.perf_counter()
            predict(text)
            samples.append(time.perf_counter() - start)
        print(f"| {label} | {percentiles(samples)} |")
    seconds, _ = timed(lambda: model.predict(texts, threshold=0.5))
    print(f"| batch predict ({len(texts):,} ideas, one call) | {len(texts) / seconds:,.0f} ideas/s |")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "model.skops"
        save_seconds, _ = timed(lambda: save_model(model, path))
        load_seconds, _ = timed(lambda: load_model(path, expected_labels=labels))
        size = path.stat().st_size
    print(f"| model file (10k model) | {size / 1e6:.1f} MB; save {save_seconds:.2f} s, load {load_seconds:.2f} s |")

    ideas = [e.text for e in augment(shipped, similar_n, seed=11)]
    index = SimilarityIndex(model)
    before = rss_mb()
    seconds, _ = timed(lambda: index.add_many(enumerate(ideas)))
    index.query("varme", k=3)  # first query stacks the added rows
    grown = rss_mb() - before
    rate = similar_n / seconds
    print(f"| similarity: index {similar_n:,} ideas | {seconds:.1f} s ({rate:,.0f} ideas/s), +{grown:.0f} MB RSS |")
    queries = [e.text for e in augment(shipped, 300, seed=13)]
    samples = []
    for text in queries:
        start = time.perf_counter()
        index.query(text, k=3)
        samples.append(time.perf_counter() - start)
    print(f"| similarity query, {similar_n:,} indexed | {percentiles(samples)} |")
    samples = []
    for i, text in enumerate(queries[:100]):
        index.add(similar_n + i, text)
        start = time.perf_counter()
        index.query(text, k=3)
        samples.append(time.perf_counter() - start)
    print(f"| add one idea then query (web pattern) | {percentiles(samples)} |")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"| peak memory (whole benchmark process) | {peak_mb:.0f} MB |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--similar", type=int, default=100_000, help="ideas in the similarity index")
    parser.add_argument("--skip-designs", action="store_true", help="skip the design comparison")
    args = parser.parse_args()
    if not args.skip_designs:
        design_table()
        heldout()
    speed(args.similar)


if __name__ == "__main__":
    main()
