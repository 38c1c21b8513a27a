"""Synthetic extract outputs, to measure the KB build at scale and check who-is-who.

A deterministic world (one seed): the 63 provinces with six districts each, the
bodies of each (Tỉnh ủy, Ủy ban nhân dân tỉnh, Hội đồng nhân dân tỉnh, Sở, Ban Tổ
chức, Huyện ủy and Ủy ban nhân dân huyện of each district), their posts, and
officials with names drawn from the common family, middle and given names (so
namesakes in different provinces occur, as they do). Two eras: in the second most
officials move to another post of their province and newcomers fill the rest.
Each article is dated, set in one province, and reports a few officials with every
status (current, former, acting, appointed by a numbered decision, ended), short
names beside full ones, and bodies carrying out party resolutions cited by code.

`generate` writes N articles as an extract output folder (annotations, entities,
triples, run.json) plus `truth.jsonl`: which official each (doc_id, ref) is.
`bench` builds a KB from them in a subprocess that reports its own time and peak RSS,
and scores the merging against the truth (B-cubed precision and recall over the
article-level people). Run: `python -m pipeline.kb.synthetic bench --articles 100000`.
"""
from __future__ import annotations

import argparse
import json
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from ..benchmark import peak_kb
from ..records import jsonl_line
from ..shapes import parse_code

PROVINCES = [
    ("Hà Nội", "01"), ("Hà Giang", "02"), ("Cao Bằng", "04"), ("Bắc Kạn", "06"), ("Tuyên Quang", "08"),
    ("Lào Cai", "10"), ("Điện Biên", "11"), ("Lai Châu", "12"), ("Sơn La", "14"), ("Yên Bái", "15"),
    ("Hòa Bình", "17"), ("Thái Nguyên", "19"), ("Lạng Sơn", "20"), ("Quảng Ninh", "22"),
    ("Bắc Giang", "24"), ("Phú Thọ", "25"), ("Vĩnh Phúc", "26"), ("Bắc Ninh", "27"), ("Hải Dương", "30"),
    ("Hải Phòng", "31"), ("Hưng Yên", "33"), ("Thái Bình", "34"), ("Hà Nam", "35"), ("Nam Định", "36"),
    ("Ninh Bình", "37"), ("Thanh Hóa", "38"), ("Nghệ An", "40"), ("Hà Tĩnh", "42"), ("Quảng Bình", "44"),
    ("Quảng Trị", "45"), ("Thừa Thiên Huế", "46"), ("Đà Nẵng", "48"), ("Quảng Nam", "49"),
    ("Quảng Ngãi", "51"), ("Bình Định", "52"), ("Phú Yên", "54"), ("Khánh Hòa", "56"),
    ("Ninh Thuận", "58"), ("Bình Thuận", "60"), ("Kon Tum", "62"), ("Gia Lai", "64"), ("Đắk Lắk", "66"),
    ("Đắk Nông", "67"), ("Lâm Đồng", "68"), ("Bình Phước", "70"), ("Tây Ninh", "72"),
    ("Bình Dương", "74"), ("Đồng Nai", "75"), ("Bà Rịa - Vũng Tàu", "77"), ("Hồ Chí Minh", "79"),
    ("Long An", "80"), ("Tiền Giang", "82"), ("Bến Tre", "83"), ("Trà Vinh", "84"), ("Vĩnh Long", "86"),
    ("Đồng Tháp", "87"), ("An Giang", "89"), ("Kiên Giang", "91"), ("Cần Thơ", "92"), ("Hậu Giang", "93"),
    ("Sóc Trăng", "94"), ("Bạc Liêu", "95"), ("Cà Mau", "96"),
]
# Family names with their rough share of the population; middle and given names.
FAMILY = [("Nguyễn", 38), ("Trần", 11), ("Lê", 9), ("Phạm", 7), ("Hoàng", 5), ("Huỳnh", 4),
          ("Phan", 4), ("Vũ", 4), ("Võ", 3), ("Đặng", 2), ("Bùi", 2), ("Đỗ", 1.5), ("Hồ", 1.3),
          ("Ngô", 1.3), ("Dương", 1), ("Lý", 0.5), ("Hà", 0.5), ("Đinh", 0.5), ("Trịnh", 0.4), ("Lương", 0.4)]
MIDDLE = ["Văn", "Văn", "Văn", "Thị", "Thị", "Đức", "Minh", "Hữu", "Quang", "Thanh", "Ngọc", "Xuân",
          "Công", "Quốc", "Đình", "Anh", "Hồng", "Kim", "Trọng", "Tiến"]
GIVEN = ["Hùng", "Dũng", "Tuấn", "Hải", "Sơn", "Thắng", "Long", "Nam", "Bình", "Cường", "Hòa", "Lâm",
         "Phong", "Quân", "Thành", "Trung", "Vinh", "Tâm", "Hiếu", "Khánh", "Lợi", "Phúc", "Quang",
         "Tài", "Thanh", "Tùng", "Việt", "Hà", "Hương", "Lan", "Mai", "Nga", "Thảo", "Hạnh", "Hằng",
         "Duy", "Đạt", "Điệp", "Giang", "Hậu", "Huy", "Kiên", "Linh", "Minh", "Nghĩa", "Phương",
         "Sang", "Thịnh", "Toàn", "Tú", "Vân", "Yến", "Chiến", "Đông", "Hưng", "Lộc", "Nhân", "Thái"]
SYLLABLES = ["An", "Bình", "Cam", "Đông", "Gia", "Hải", "Hòa", "Hưng", "Kim", "Lâm", "Long", "Mỹ",
             "Nam", "Ninh", "Phú", "Phước", "Quế", "Sơn", "Tân", "Thạch", "Thanh", "Thuận", "Tiên",
             "Trà", "Triệu", "Vĩnh", "Xuân", "Yên", "Lộ", "Lăng", "Giang", "Chấn", "Hà", "Điền"]
DEPARTMENTS = ["Sở Nội vụ", "Sở Tài chính", "Sở Y tế"]
CENTRAL = [("Ban Chấp hành Trung ương", "NQ"), ("Bộ Chính trị", "NQ"), ("Ban Bí thư", "CT")]
VERBS = ["chủ trì hội nghị", "phát biểu chỉ đạo", "báo cáo kết quả", "dự và phát biểu",
         "kiểm tra công tác chuẩn bị", "làm việc với đoàn công tác"]
ERA_SPLIT = "2020-07-01"
MOVE_SHARE = 0.7  # officials of the first era who hold another post of their province in the second


@dataclass
class Body:
    name: str  # canonical name as extract writes it (bare for half of the district committees)
    place: dict
    text: str  # as written in the article


@dataclass
class Official:
    id: int
    name: str
    province: int

    @property
    def short(self) -> str:
        return self.name.split()[-1]


@dataclass
class Post:
    title: str
    body: Body
    holders: list[Official] = field(default_factory=list)  # per era


class World:
    """Provinces, bodies, posts and officials of both eras, fixed by the seed."""

    def __init__(self, seed: int) -> None:
        rng = random.Random(seed)
        families, weights = zip(*FAMILY)
        self.officials: list[Official] = []
        self.posts: list[list[Post]] = []
        self.resolutions: list[list[str]] = []
        for p, (province, code) in enumerate(PROVINCES):
            tinh = {"name": province, "level": "province", "code": code, "province": province,
                    "province_code": code, "system": "legacy"}
            bodies = [Body(f"Tỉnh ủy {province}", tinh, f"Tỉnh ủy {province}"),
                      Body(f"Ủy ban nhân dân tỉnh {province}", tinh, f"UBND tỉnh {province}"),
                      Body(f"Hội đồng nhân dân tỉnh {province}", tinh, f"HĐND tỉnh {province}"),
                      Body(f"Ban Tổ chức Tỉnh ủy {province}", tinh, f"Ban Tổ chức Tỉnh ủy {province}")]
            bodies += [Body(f"{d} tỉnh {province}", tinh, f"{d} tỉnh {province}") for d in DEPARTMENTS]
            titles = [["Bí thư", "Phó Bí thư", "Phó Bí thư"], ["Chủ tịch", "Phó Chủ tịch", "Phó Chủ tịch"],
                      ["Chủ tịch", "Phó Chủ tịch"], ["Trưởng ban", "Phó Trưởng ban"]] + \
                [["Giám đốc", "Phó Giám đốc"]] * len(DEPARTMENTS)
            names = rng.sample([f"{a} {b}" for a in SYLLABLES for b in SYLLABLES if a != b], 6)
            for n, district in enumerate(names, 1):
                place = {"name": district, "level": "district", "code": f"{code}{n}", "province": province,
                         "province_code": code, "system": "legacy"}
                bare = n % 2 == 0  # half the district committees come bare, with their place
                bodies.append(Body("Huyện ủy" if bare else f"Huyện ủy {district}", place,
                                   "Huyện ủy" if bare else f"Huyện ủy {district}"))
                bodies.append(Body(f"Ủy ban nhân dân huyện {district}", place, f"UBND huyện {district}"))
                titles += [["Bí thư", "Phó Bí thư"], ["Chủ tịch", "Phó Chủ tịch"]]
            posts = [Post(t, b) for b, ts in zip(bodies, titles) for t in ts]
            first = [self._official(rng, families, weights, p) for _ in posts]
            second = rng.sample(first, int(len(first) * MOVE_SHARE))
            second += [self._official(rng, families, weights, p) for _ in range(len(posts) - len(second))]
            rng.shuffle(second)
            for post, a, b in zip(posts, first, second):
                post.holders = [a, b]
            self.posts.append(posts)
            self.resolutions.append([f"{rng.randint(1, 60):02d}-NQ/TU" for _ in range(8)])
        self.central = [(issuer, f"{rng.randint(1, 60)}-{kind}/TW") for issuer, kind in CENTRAL for _ in range(8)]

    def _official(self, rng: random.Random, families, weights, province: int) -> Official:
        name = f"{rng.choices(families, weights)[0]} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        official = Official(len(self.officials), name, province)
        self.officials.append(official)
        return official


class Writer:
    """An article's text, spans, entities, relations and triples, built sentence by sentence."""

    def __init__(self, doc_id: str, published: str) -> None:
        self.doc_id, self.published = doc_id, published
        self.text = ""
        self.spans: list[dict] = []
        self.entities: dict[str, dict] = {}
        self.relations: list[tuple[tuple, tuple, str, str | None]] = []
        self.triples: list[dict] = []
        self.truth: dict[str, int] = {}
        self.sentence = 0

    def add(self, text: str, label: str | None = None, ref: str | None = None) -> tuple[int, int]:
        start = len(self.text)
        self.text += text
        span = (start, len(self.text))
        if label:
            item = {"start": span[0], "end": span[1], "label": label, "score": 0.95, "source": "rules"}
            if ref:
                item["ref"] = ref
            self.spans.append(item)
        return span

    def end_sentence(self) -> None:
        self.text += " "
        self.sentence += 1

    def entity(self, ref: str, label: str, name: str, span: tuple[int, int], **extra) -> dict:
        ent = self.entities.setdefault(ref, {"doc_id": self.doc_id, "ref": ref, "label": label,
                                             "name": name, "names": [name], "mentions": [], **extra})
        ent["mentions"].append(list(span))
        written = self.text[span[0]:span[1]]
        if label == "PER" and written not in ent["names"]:
            ent["names"].append(written)
        return ent

    def side(self, ref: str, span: tuple[int, int]) -> dict:
        ent = self.entities[ref]
        out = {"text": ent["name"], "label": ent["label"], "mention": self.text[span[0]:span[1]], "ref": ref}
        for key in ("place", "code"):
            if key in ent:
                out[key] = ent[key]
        return out

    def triple(self, subject: dict, predicate: str, obj: dict, spans: tuple, qualifiers: dict,
               confidence: float) -> None:
        start, end = min(spans[0][0], spans[1][0]), max(spans[0][1], spans[1][1])
        self.triples.append({"subject": subject, "predicate": predicate, "object": obj,
                             "qualifiers": qualifiers, "doc_id": self.doc_id,
                             "evidence": {"start": start, "end": end, "text": self.text[start:end],
                                          "sentence": self.sentence},
                             "confidence": confidence, "source": "model"})

    def annotation(self) -> dict:
        spans = sorted(self.spans, key=lambda s: s["start"])
        index = {(s["start"], s["end"]): i for i, s in enumerate(spans)}
        relations = []
        for head, child, label, status in self.relations:
            rel = {"head": index[head], "child": index[child], "label": label}
            if status:
                rel["status"] = status
            rel["score"] = 0.9
            relations.append(rel)
        return {"id": self.doc_id, "text": self.text.strip(),
                "meta": {"file": f"{self.doc_id}.txt", "published": self.published},
                "spans": spans, "relations": relations}


def _date(rng: random.Random) -> str:
    day = rng.randrange(0, 3834)  # 2015-01-01 .. 2025-06-30
    return time.strftime("%Y-%m-%d", time.gmtime(1420070400 + day * 86400))


def article(world: World, n: int, rng: random.Random) -> Writer:
    """One synthetic article (see the module docstring)."""
    published = _date(rng)
    era = int(published >= ERA_SPLIT)
    p = rng.randrange(len(PROVINCES))
    province = PROVINCES[p][0]
    w = Writer(f"syn/{p:02d}/{n:06d}", published)
    y, m, d = published.split("-")
    w.add(f"Ngày {int(d)}/{int(m)}/{y}", "DATE")
    w.add(", tại tỉnh ")
    w.add(province, "LOC")
    w.add(", hội nghị được tổ chức.")
    w.end_sentence()
    refs: dict[str, str] = {}

    def ref_for(key: str, prefix: str) -> str:
        return refs.setdefault(key, f"{prefix}{len(refs) + 1}")

    def body(b: Body) -> tuple[str, tuple[int, int]]:
        ref = ref_for("body:" + b.name + b.place["code"], "o")
        span = w.add(b.text, "ORG", ref)
        w.entity(ref, "ORG", b.name, span, place=b.place)
        return ref, span

    def person(o: Official) -> tuple[str, tuple[int, int]]:
        ref = ref_for(f"official:{o.id}", "p")
        span = w.add(o.name, "PER", ref)
        w.entity(ref, "PER", o.name, span)
        w.truth[ref] = o.id
        return ref, span

    for post in rng.sample(world.posts[p], rng.randint(2, 4)):
        status = rng.choices(["current", "former", "acting", "appointed", "ended"], [60, 10, 5, 15, 10])[0]
        holder = post.holders[0 if status == "former" else era]
        if any(o == holder.id for o in w.truth.values()):
            continue
        q: dict = {"title": post.title}
        if status == "appointed":
            code = f"{rng.randint(100, 2999)}-QĐ/TU"
            parsed = parse_code(code)
            dref = ref_for("doc:" + code, "d")
            w.add("Ban Thường vụ ")
            issuer_ref, issuer_span = body(world.posts[p][0].body)
            w.add(" ban hành ")
            dspan = w.add(f"Quyết định số {code}", "DOC", dref)
            w.entity(dref, "DOC", f"Quyết định số {code}", dspan, code=parsed)
            w.add(" bổ nhiệm bà " if " Thị " in holder.name else " bổ nhiệm ông ")
            pref, pspan = person(holder)
            w.add(" giữ chức ")
            tspan = w.add(post.title, "TITLE")
            w.add(" ")
            bref, bspan = body(post.body)
            w.add(".")
            q.update(status="appointed", date=published,
                     decided_by={"text": f"Quyết định số {code}", "code": parsed})
            w.triple(w.side(dref, dspan), "decides_on", w.side(pref, pspan), (dspan, pspan), {}, 0.9)
            w.triple(w.side(dref, dspan), "issued_by", w.side(issuer_ref, issuer_span),
                     (dspan, issuer_span), {}, 0.9)
            w.relations += [(dspan, pspan, "decides_on", None), (dspan, issuer_span, "issued_by", None)]
        else:
            w.add(rng.choice(["Bà " if " Thị " in holder.name else "Ông ", "Đồng chí "]))
            pref, pspan = person(holder)
            w.add(", " + {"former": "nguyên ", "acting": "Quyền ", "ended": "thôi giữ chức "}.get(status, ""))
            tspan = w.add(post.title, "TITLE")
            w.add(" ")
            bref, bspan = body(post.body)
            w.add(", " + ("nghỉ hưu theo chế độ." if status == "ended" else rng.choice(VERBS) + "."))
            if status != "current":
                q["status"] = status
        w.triple(w.side(pref, pspan), "holds_position", w.side(bref, bspan), (pspan, bspan), q,
                 round(rng.uniform(0.6, 0.99), 3))
        w.relations += [(pspan, tspan, "has_title", None if status == "current" else status),
                        (tspan, bspan, "title_of", None)]
        w.end_sentence()
        if rng.random() < 0.3:  # the short name, later in the article
            w.add("Bà " if " Thị " in holder.name else "Ông ")
            w.entity(pref, "PER", holder.name, w.add(holder.short, "PER", pref))
            w.add(" nhấn mạnh yêu cầu của nhiệm vụ.")
            w.end_sentence()

    for _ in range(rng.randint(1, 2)):
        issuer, code = rng.choice(world.central) if rng.random() < 0.5 else \
            (None, rng.choice(world.resolutions[p]))
        parsed = parse_code(code)
        name = f"{parsed['type_name']} số {code}"
        actor = rng.choice(world.posts[p]).body
        bref, bspan = body(actor)
        w.add(" tổ chức quán triệt ")
        dref = ref_for("doc:" + code, "d")
        dspan = w.add(name, "DOC", dref)
        w.entity(dref, "DOC", name, dspan, code=parsed)
        w.triple(w.side(bref, bspan), "implements", w.side(dref, dspan), (bspan, dspan), {}, 0.85)
        w.relations.append((bspan, dspan, "implements", None))
        if issuer:
            w.add(" của ")
            iref = ref_for("central:" + issuer, "o")
            ispan = w.add(issuer, "ORG", iref)
            w.entity(iref, "ORG", issuer, ispan)
            w.triple(w.side(dref, dspan), "issued_by", w.side(iref, ispan), (dspan, ispan), {}, 0.95)
            w.relations.append((dspan, ispan, "issued_by", None))
        w.add(".")
        w.end_sentence()
    return w


def generate(out: Path, articles: int, seed: int = 0) -> Path:
    """Write `articles` synthetic articles into OUT as an extract output, plus truth.jsonl."""
    out.mkdir(parents=True, exist_ok=True)
    world = World(seed)
    rng = random.Random(seed + 2)

    with ExitStack() as stack:
        files = {k: stack.enter_context(open(out / f"{k}.jsonl", "w", encoding="utf-8"))
                 for k in ("annotations", "entities", "triples", "truth")}
        for n in range(articles):
            w = article(world, n, rng)
            files["annotations"].write(jsonl_line(w.annotation()))
            files["entities"].writelines(jsonl_line(e) for e in w.entities.values())
            files["triples"].writelines(jsonl_line(t) for t in w.triples)
            files["truth"].writelines(jsonl_line({"doc_id": w.doc_id, "ref": r, "official": o})
                                      for r, o in w.truth.items())
    (out / "errors.jsonl").write_text("")
    (out / "run.json").write_text(json.dumps({"documents": articles, "processed": articles, "failed": 0,
                                              "synthetic": {"seed": seed}}) + "\n")
    return out


def identity_scores(kb: Path, truth: Path) -> dict:
    """B-cubed precision and recall of the KB's people against the synthetic officials."""
    conn = sqlite3.connect(kb)
    try:
        conn.execute("CREATE TEMP TABLE truth (doc_id TEXT, ref TEXT, official INTEGER, "
                     "PRIMARY KEY (doc_id, ref))")
        with open(truth, encoding="utf-8") as handle:
            conn.executemany("INSERT INTO truth VALUES (?,?,?)",
                             ((r["doc_id"], r["ref"], r["official"]) for r in map(json.loads, handle)))
        conn.execute("CREATE TEMP TABLE pairs AS SELECT r.entity_id AS kb, t.official AS truth "
                     "FROM truth t JOIN refs r ON r.doc_id = t.doc_id AND r.label = 'PER' AND r.ref = t.ref")
        n = conn.execute("SELECT count(*) FROM pairs").fetchone()[0]
        sql = ("SELECT sum(c.n * c.n * 1.0 / g.n) FROM (SELECT kb, truth, count(*) AS n FROM pairs "
               "GROUP BY kb, truth) c JOIN (SELECT {0}, count(*) AS n FROM pairs GROUP BY {0}) g USING ({0})")
        precision = conn.execute(sql.format("kb")).fetchone()[0] / n
        recall = conn.execute(sql.format("truth")).fetchone()[0] / n
        return {"article_people": n,
                "officials": conn.execute("SELECT count(DISTINCT truth) FROM pairs").fetchone()[0],
                "kb_people": conn.execute("SELECT count(DISTINCT kb) FROM pairs").fetchone()[0],
                "b3_precision": round(precision, 4), "b3_recall": round(recall, 4)}
    finally:
        conn.close()


def _measured_build(out: Path, kb: Path) -> None:
    """The subprocess side of `bench`: build, then print seconds and this process's peak RSS."""
    from .build import build

    started = time.perf_counter()
    summary = build([out], kb)
    print(json.dumps({"seconds": round(time.perf_counter() - started, 2),
                      "peak_rss_mb": round(peak_kb() / 1024, 1),  # this process's own peak
                      "summary": summary}, ensure_ascii=False))


def bench(articles: int = 100_000, seed: int = 0, workdir: Path | None = None) -> dict:
    """Build a KB from `articles` synthetic articles in a fresh process; its time and peak RSS,
    a second (incremental, nothing new) run's time, and the identity scores."""
    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        out, kb = generate(Path(tmp) / "out", articles, seed), Path(tmp) / "kb.sqlite"

        def run() -> dict:
            done = subprocess.run([sys.executable, "-m", "pipeline.kb.synthetic", "measure", str(out),
                                   str(kb)], check=True, capture_output=True, text=True)
            return json.loads(done.stdout.strip().splitlines()[-1])

        first = run()
        again = run()
        return {"articles": articles, "seed": seed, "seconds": first["seconds"],
                "peak_rss_mb": first["peak_rss_mb"], "rerun_seconds": again["seconds"],
                "rerun_added": again["summary"]["added"], "kb_bytes": kb.stat().st_size,
                **{k: first["summary"][k] for k in ("persons", "orgs", "documents", "positions", "facts")},
                "identity": identity_scores(kb, out / "truth.jsonl")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.kb.synthetic", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    gen = sub.add_parser("generate", help="write N synthetic articles as an extract output")
    gen.add_argument("out")
    gen.add_argument("--articles", type=int, default=1000)
    gen.add_argument("--seed", type=int, default=0)
    ben = sub.add_parser("bench", help="time and peak memory of kb build on N synthetic articles")
    ben.add_argument("--articles", type=int, default=100_000)
    ben.add_argument("--seed", type=int, default=0)
    ben.add_argument("--workdir", help="where the temporary outputs go (default: the system's)")
    mea = sub.add_parser("measure", help=argparse.SUPPRESS)
    mea.add_argument("out")
    mea.add_argument("kb")
    args = parser.parse_args(argv)
    if args.command == "generate":
        generate(Path(args.out), args.articles, args.seed)
    elif args.command == "bench":
        print(json.dumps(bench(args.articles, args.seed, Path(args.workdir) if args.workdir else None)))
    else:
        _measured_build(Path(args.out), Path(args.kb))
    return 0


if __name__ == "__main__":
    sys.exit(main())
