"""`make bench`: throughput and memory of extract against underthesea, on one generated corpus.

The corpus (at least 1,000,000 words) is assembled from the sentences of corpus/ and
annotations/: sentences are shuffled with a fixed seed and grouped into documents of
8-30 sentences in 2-5 paragraphs, so every document is a new combination. Every
rate is underthesea `word_tokenize` words per second on the same documents, one
core unless stated. Writes reports/bench.json and prints a Markdown table.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.gold import read_many  # noqa: E402

SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n+")


def sentences() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))]
    texts += [r.text for r in read_many([ROOT / "annotations"])]
    out = []
    for text in texts:
        out += [s.strip() for s in SENTENCE_END.split(text) if len(s.split()) >= 4]
    return out


def syllables_per_word(pool: list[str]) -> float:
    """How many syllables underthesea's word_tokenize puts in a word, on a sample."""
    from underthesea import word_tokenize

    sample = pool[::max(1, len(pool) // 300)]
    return sum(len(s.split()) for s in sample) / sum(len(word_tokenize(s)) for s in sample)


def build_corpus(folder: Path, target_words: int, seed: int = 1) -> list[Path]:
    """Documents until the corpus holds `target_words` segmented words (estimated from
    syllables with a 3% margin; the report gives the exact count)."""
    rng = random.Random(seed)
    pool = sentences()
    target_syllables = target_words * syllables_per_word(pool) * 1.03
    files, words, n = [], 0, 0
    while words < target_syllables:
        chosen = [rng.choice(pool) for _ in range(rng.randint(8, 30))]
        cuts = sorted(rng.sample(range(1, len(chosen)), min(len(chosen) - 1, rng.randint(1, 4))))
        paragraphs = [" ".join(chosen[a:b]) for a, b in zip([0] + cuts, cuts + [len(chosen)])]
        path = folder / f"doc{n:06d}.txt"
        path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
        files.append(path)
        words += sum(len(p.split()) for p in paragraphs)
        n += 1
    return files


def timed_extract(folder: Path, jobs: int) -> dict:
    """Run `extract` in a child; its wall time and the peak RSS of its largest process."""
    with tempfile.TemporaryDirectory() as out:
        probe = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
                 "rc = subprocess.run(sys.argv[1:]).returncode; "
                 "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, rc)")
        cmd = [sys.executable, "-c", probe, sys.executable, "-m", "pipeline", "extract", str(folder),
               "--out", out, "--jobs", str(jobs), "--force"]
        line = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
        seconds, rss_kb, rc = float(line[0]), int(line[1]), int(line[2])
        if rc not in (0, 1):
            raise RuntimeError(f"extract failed with exit code {rc}")
        run = json.loads((Path(out) / "run.json").read_text())
    return {"seconds": round(seconds, 2), "peak_rss_mb": round(rss_kb / 1024, 1), "documents": run["documents"]}


def word_tokenize_rate(texts: list[str]) -> tuple[int, float]:
    from underthesea import word_tokenize

    word_tokenize("khởi động")
    start = time.perf_counter()
    words = sum(len(word_tokenize(t)) for t in texts)
    return words, time.perf_counter() - start


def ner_rate(texts: list[str]) -> tuple[int, float]:
    """underthesea's ner sentence by sentence (on a whole article it is ~6 times slower)."""
    from underthesea import ner, sent_tokenize

    ner("khởi động")
    sents = [s for t in texts for s in sent_tokenize(t)]
    start = time.perf_counter()
    words = sum(len(ner(s)) for s in sents)
    return words, time.perf_counter() - start


def stage_rates(texts: list[str], words: int) -> dict:
    """Words/s of each stage alone, on the same texts, in this process."""
    import pipeline
    from pipeline.gold import doc_to_record
    from pipeline.read import normalise
    from pipeline.triples import doc_triples

    nlp = pipeline.load()
    clock = {"read": 0.0, "segment": 0.0, **{s.name: 0.0 for s in nlp.stages}, "triples": 0.0}
    for text in texts:
        t = time.perf_counter()
        norm = normalise(text.encode("utf-8").decode("utf-8"))
        clock["read"] += time.perf_counter() - t
        t = time.perf_counter()
        doc = nlp.segmenter(norm)
        clock["segment"] += time.perf_counter() - t
        for stage in nlp.stages:
            t = time.perf_counter()
            doc = stage(doc)
            clock[stage.name] += time.perf_counter() - t
        t = time.perf_counter()
        doc_triples(doc)
        doc_to_record(doc)
        clock["triples"] += time.perf_counter() - t
    return {name: round(words / seconds) for name, seconds in clock.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--words", type=int, default=1_000_000)
    parser.add_argument("--ner-sample", type=int, default=100, help="documents for underthesea ner")
    args = parser.parse_args()
    report: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        big, small = Path(tmp) / "big", Path(tmp) / "small"
        big.mkdir()
        small.mkdir()
        files = build_corpus(big, args.words)
        texts = [p.read_text(encoding="utf-8") for p in files]
        tenth = max(1, len(files) // 10)
        for path in files[:tenth]:
            (small / path.name).write_bytes(path.read_bytes())
        print(f"corpus: {len(files)} documents, {sum(len(t.split()) for t in texts)} syllables", file=sys.stderr)
        words, seconds = word_tokenize_rate(texts)
        report["corpus"] = {"documents": len(files), "syllables": sum(len(t.split()) for t in texts),
                            "words": words}
        report["word_tokenize"] = {"words_per_second": round(words / seconds), "seconds": round(seconds, 2)}
        print(f"word_tokenize: {words / seconds:.0f} words/s", file=sys.stderr)
        sample = texts[:args.ner_sample]
        ner_words, ner_seconds = ner_rate(sample)
        report["underthesea_ner"] = {"words_per_second": round(ner_words / ner_seconds),
                                     "documents": len(sample), "note": "on the first documents only"}
        print(f"underthesea ner: {ner_words / ner_seconds:.0f} words/s", file=sys.stderr)
        for jobs in (1, 2):
            run = timed_extract(big, jobs)
            run["words_per_second"] = round(words / run["seconds"])
            report[f"extract_{jobs}_worker{'s' if jobs > 1 else ''}"] = run
            print(f"extract --jobs {jobs}: {run}", file=sys.stderr)
        report["extract_1_worker_tenth"] = timed_extract(small, 1)
        stage_texts = texts[:tenth]
        stage_words = round(words * len(stage_texts) / len(texts))
        report["stages_words_per_second"] = stage_rates(stage_texts, stage_words)
    one = report["extract_1_worker"]["words_per_second"]
    report["ratios"] = {
        "extract_vs_word_tokenize": round(one / report["word_tokenize"]["words_per_second"], 2),
        "extract_vs_underthesea_ner": round(one / report["underthesea_ner"]["words_per_second"], 2),
        "two_workers_vs_one": round(report["extract_2_workers"]["words_per_second"] / one, 2),
    }
    (ROOT / "reports").mkdir(exist_ok=True)
    (ROOT / "reports" / "bench.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    print(table(report))


def table(r: dict) -> str:
    rows = [
        ("corpus", f"{r['corpus']['documents']} documents, {r['corpus']['words']:,} words"),
        ("underthesea word_tokenize, 1 core", f"{r['word_tokenize']['words_per_second']:,} words/s"),
        ("underthesea ner, 1 core", f"{r['underthesea_ner']['words_per_second']:,} words/s"),
        ("extract --jobs 1", f"{r['extract_1_worker']['words_per_second']:,} words/s, "
                             f"peak {r['extract_1_worker']['peak_rss_mb']} MB"),
        ("extract --jobs 2", f"{r['extract_2_workers']['words_per_second']:,} words/s, "
                             f"peak {r['extract_2_workers']['peak_rss_mb']} MB per process"),
        ("extract --jobs 1 on a tenth of the corpus", f"peak {r['extract_1_worker_tenth']['peak_rss_mb']} MB"),
        ("extract / word_tokenize", f"{r['ratios']['extract_vs_word_tokenize']}"),
        ("extract / underthesea ner", f"{r['ratios']['extract_vs_underthesea_ner']}"),
        ("2 workers / 1 worker", f"{r['ratios']['two_workers_vs_one']}"),
    ] + [(f"stage {name}", f"{rate:,} words/s") for name, rate in r["stages_words_per_second"].items()]
    return "| measure | result |\n|---|---|\n" + "\n".join(f"| {a} | {b} |" for a, b in rows)


if __name__ == "__main__":
    main()
