"""`make bench`: speed and memory of the pipeline against underthesea, on real articles, in one run.

The corpus is published articles (`../shared/real-articles` when it is there, else the
published texts of `annotations/`), shuffled and repeated with a fixed seed until it holds
at least 1,000,000 words (underthesea's `word_tokenize` words). On it: `word_tokenize`,
`extract` with 1 and 2 worker processes (wall time with start-up, peak RSS of the largest
process), `extract` on a tenth (memory must stay flat), each stage's own words/s, and the
start-up CPU time of one small article. Over every sentence of the pool: whether our word
segmenter gives underthesea's CRF words, and how fast. Writes reports/bench.json and prints
a Markdown table; the ratios are all from this one run.
"""
from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .paths import POOL, ROOT


def pool_texts() -> list[str]:
    """The published articles: the shared pool, or the annotated ones."""
    if POOL.exists():
        return [p.read_text(encoding="utf-8") for p in sorted(POOL.rglob("*.txt"))]
    from .annotations import gold_files
    from .records import read_many

    return [r.text for r in read_many(gold_files()) if r.meta.get("source") == "published"]


def build_corpus(folder: Path, texts: list[str], target_words: int, seed: int = 1) -> list[Path]:
    """Articles, shuffled and repeated, until the corpus holds `target_words` words."""
    from underthesea import word_tokenize

    rng = random.Random(seed)
    sample = texts[:: max(1, len(texts) // 50)]
    per_syllable = sum(len(word_tokenize(t)) for t in sample) / sum(len(t.split()) for t in sample)
    files, words, n = [], 0, 0
    order: list[str] = []
    while words < target_words * 1.02:
        if not order:
            order = texts[:]
            rng.shuffle(order)
        text = order.pop()
        path = folder / f"doc{n:06d}.txt"
        path.write_text(text, encoding="utf-8")
        files.append(path)
        words += len(text.split()) * per_syllable
        n += 1
    return files


def peak_kb(pid: int | str = "self") -> int:
    """VmHWM of one process (default: this one): its own peak RSS. getrusage's maxrss would
    carry over the peak of the process it was forked from, across exec."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _family(pid: int) -> list[int]:
    """A process and all its descendants (the workers of `extract --jobs N`), from each
    thread's /proc children list (cheap enough to read every 20 ms); on a kernel without
    those lists, from every process's parent."""
    if not Path(f"/proc/{pid}/task/{pid}/children").exists():
        return _family_by_parent(pid)
    found, n = [pid], 0
    while n < len(found):
        for listing in Path(f"/proc/{found[n]}/task").glob("*/children"):
            try:
                found += [int(child) for child in listing.read_text().split()]
            except OSError:  # the thread or process ended meanwhile
                pass
        n += 1
    return found


def _family_by_parent(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, n = [pid], 0
    while n < len(found):
        found += children.get(found[n], [])
        n += 1
    return found


def _rss_of_child(cmd: list[str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + sys, with its workers) and the peak RSS (MB) of the
    largest process of a child command, sampled every 20 ms."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peaks: dict[int, int] = {}
    while True:
        for pid in _family(proc.pid):
            peaks[pid] = max(peaks.get(pid, 0), peak_kb(pid))
        done, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if done:
            break
        time.sleep(0.02)
    wall = time.perf_counter() - started
    code = proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    if code not in (0, 1):
        raise RuntimeError(f"{' '.join(cmd)} failed with exit code {code}")
    return wall, usage.ru_utime + usage.ru_stime, max(peaks.values()) / 1024


def extract_run(folder: Path, jobs: int) -> dict:
    with tempfile.TemporaryDirectory() as out:
        wall, cpu, rss = _rss_of_child([sys.executable, "-m", "pipeline", "extract", str(folder), "--out", out,
                                        "--jobs", str(jobs), "--force"])
        run = json.loads((Path(out) / "run.json").read_text())
    return {"seconds": round(wall, 2), "cpu_seconds": round(cpu, 2), "peak_rss_mb": round(rss, 1),
            "documents": run["documents"], "words": run["words"]}


def startup(article: str, runs: int = 3) -> dict:
    """CPU time (user + sys) and wall time of extracting one small article, best of `runs`."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "one.txt"
        path.write_text(article, encoding="utf-8")
        times = [_rss_of_child([sys.executable, "-m", "pipeline", "extract", str(path), "--out",
                                str(Path(tmp) / "out"), "--force"]) for _ in range(runs)]
    return {"cpu_seconds": round(min(t[1] for t in times), 3), "wall_seconds": round(min(t[0] for t in times), 3),
            "words": len(article.split())}


def word_tokenize_rate(texts: list[str]) -> dict:
    from underthesea import word_tokenize

    word_tokenize("khởi động")
    start = time.perf_counter()
    words = sum(len(word_tokenize(t)) for t in texts)
    seconds = time.perf_counter() - start
    return {"words": words, "seconds": round(seconds, 2), "words_per_second": round(words / seconds)}


def stage_rates(texts: list[str]) -> dict:
    """Words/s of each stage alone, in this process, on the same texts."""
    from .language import count_words, load
    from .read import normalise
    from .records import doc_to_record
    from .triples import doc_triples

    nlp = load()
    clock = {"read": 0.0, "segment": 0.0, **{s.name: 0.0 for s in nlp.stages}, "records and triples": 0.0}
    words = 0
    for text in texts:
        t = time.perf_counter()
        norm = normalise(text)
        clock["read"] += time.perf_counter() - t
        t = time.perf_counter()
        doc = nlp.segmenter(norm)
        clock["segment"] += time.perf_counter() - t
        words += count_words(doc)
        for stage in nlp.stages:
            t = time.perf_counter()
            doc = stage(doc)
            clock[stage.name] += time.perf_counter() - t
        t = time.perf_counter()
        doc_triples(doc)
        doc_to_record(doc)
        clock["records and triples"] += time.perf_counter() - t
    return {name: round(words / seconds) for name, seconds in clock.items() if seconds}


def run(target_words: int = 1_000_000, log=lambda line: print(line, file=sys.stderr)) -> dict:
    report: dict = {"pool": str(POOL) if POOL.exists() else "annotations/published"}
    texts = pool_texts()
    with tempfile.TemporaryDirectory() as tmp:
        big, small = Path(tmp) / "big", Path(tmp) / "small"
        big.mkdir()
        small.mkdir()
        files = build_corpus(big, texts, target_words)
        corpus = [p.read_text(encoding="utf-8") for p in files]
        for path in files[: len(files) // 10]:
            (small / path.name).write_bytes(path.read_bytes())
        log(f"corpus: {len(files)} documents")
        report["word_tokenize"] = word_tokenize_rate(corpus)
        report["corpus"] = {"documents": len(files), "words": report["word_tokenize"]["words"],
                            "articles": len(texts)}
        log(f"word_tokenize: {report['word_tokenize']}")
        report["segmenter"] = segmenter_report(texts)
        log(f"segmenter: {report['segmenter']}")
        for jobs in (1, 2):
            report[f"extract_{jobs}"] = extract_run(big, jobs)
            log(f"extract --jobs {jobs}: {report[f'extract_{jobs}']}")
        report["extract_1_tenth"] = extract_run(small, 1)
        report["stages"] = stage_rates(corpus[: len(corpus) // 10])
    report["startup"] = startup(texts[0][:1500])
    report["kb"] = kb_report()
    words = report["word_tokenize"]["words"]
    for key in ("extract_1", "extract_2"):
        report[key]["words_per_second"] = round(words / report[key]["seconds"])
    wt = report["word_tokenize"]["words_per_second"]
    report["ratios"] = {
        "segmenter_vs_word_tokenize": report["segmenter"]["ratio"],
        "extract_vs_word_tokenize": round(report["extract_1"]["words_per_second"] / wt, 2),
        "two_workers_vs_one": round(report["extract_2"]["words_per_second"]
                                    / report["extract_1"]["words_per_second"], 2),
    }
    (ROOT / "reports").mkdir(exist_ok=True)
    (ROOT / "reports" / "bench.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    return report


def segmenter_report(texts: list[str]) -> dict:
    """Our CRF segmenter against underthesea's on every sentence of the pool: how many
    sentences get other words, and syllables/s of both (best of two passes each)."""
    from underthesea import sent_tokenize, word_tokenize

    from .segment import WordTagger

    sentences = [s for t in texts for line in t.splitlines() if line.strip() for s in sent_tokenize(line)]
    tagger = WordTagger()
    differ = sum(tagger.words(s, 0) != tagger.reference_words(s, 0) for s in sentences)
    syllables = sum(len(s.split()) for s in sentences)

    def rate(fn) -> float:
        best = float("inf")
        for _ in range(2):
            start = time.perf_counter()
            for s in sentences:
                fn(s)
            best = min(best, time.perf_counter() - start)
        return syllables / best

    ours = rate(lambda s: tagger.words(s, 0))
    theirs = rate(word_tokenize)
    return {"sentences": len(sentences), "syllables": syllables, "sentences_differing": differ,
            "syllables_per_second": round(ours), "word_tokenize_syllables_per_second": round(theirs),
            "ratio": round(ours / theirs, 2)}


def kb_report(articles: int = 100_000) -> dict:
    """kb build over synthetic extract outputs, at a tenth and in full: seconds, peak RSS of the
    building process (flat when memory is bounded), a rerun that must add nothing, identity."""
    from .kb.synthetic import bench

    return {str(n): bench(n) for n in (articles // 10, articles)}


def table(r: dict) -> str:
    seg = r["segmenter"]
    rows = [
        ("corpus", f"{r['corpus']['documents']:,} documents from {r['corpus']['articles']} published "
                   f"articles, {r['corpus']['words']:,} words as word_tokenize counts them (the extract "
                   "rows' words/s use this count)"),
        ("underthesea word_tokenize, 1 core", f"{r['word_tokenize']['words_per_second']:,} words/s"),
        ("our word segmenter, same sentences", f"{seg['syllables_per_second']:,} syllables/s against "
                                                f"{seg['word_tokenize_syllables_per_second']:,}: {seg['ratio']} ×"),
        ("sentences whose words differ from underthesea's CRF", f"{seg['sentences_differing']} of "
                                                                 f"{seg['sentences']:,}"),
        ("extract --jobs 1", f"{r['extract_1']['words_per_second']:,} words/s, "
                             f"peak {r['extract_1']['peak_rss_mb']} MB"),
        ("extract --jobs 2", f"{r['extract_2']['words_per_second']:,} words/s, peak {r['extract_2']['peak_rss_mb']} MB "
                             "(largest process)"),
        ("extract --jobs 1 on a tenth", f"peak {r['extract_1_tenth']['peak_rss_mb']} MB"),
        ("start-up, one small article", f"{r['startup']['cpu_seconds']} s CPU (user + sys), "
                                        f"{r['startup']['wall_seconds']} s wall"),
        ("extract / word_tokenize", str(r["ratios"]["extract_vs_word_tokenize"])),
        ("2 workers / 1 worker", str(r["ratios"]["two_workers_vs_one"])),
    ]
    rows += [(f"kb build, {int(n):,} synthetic articles",
              f"{k['seconds']} s, peak {k['peak_rss_mb']} MB; rerun {k['rerun_seconds']} s adding "
              f"{k['rerun_added']}; people B³ P {k['identity']['b3_precision']} R {k['identity']['b3_recall']}")
             for n, k in r["kb"].items()]
    rows += [(f"stage {name} alone, on a tenth", f"{rate:,} words/s (words as the pipeline counts them)")
             for name, rate in r["stages"].items()]
    return "| measure | result |\n|---|---|\n" + "\n".join(f"| {a} | {b} |" for a, b in rows)

