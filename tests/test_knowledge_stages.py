"""The stages a knowledge base relies on, each on sentences built for it: refs, statuses,
decisions, the dateline, places. They run without the trained model (rules and lexicon),
so each test shows the stage's own behaviour."""
from __future__ import annotations

import pytest

import pipeline
from pipeline import status
from pipeline.dateline import dateline
from pipeline.extensions import Relation
from pipeline.gazetteer import Gazetteer
from pipeline.records import doc_to_record
from pipeline.relation_model import RelationClassifier, RelationStage
from pipeline.status import StatusStage

STAGES = ["dateline", "gazetteer", "entity_rules", "relations", "status", "canonical", "refs"]


@pytest.fixture(scope="module")
def nlp() -> pipeline.Pipeline:
    """Rules alone: no trained model may hide what these stages do."""
    return pipeline.load(None, {"pipeline.stages": STAGES})


def refs(doc, label: str) -> list[tuple[str, str]]:
    return [(e.text, e._.ref) for e in doc.ents if e.label_ == label]


def test_short_name_shares_the_full_names_ref(nlp):
    doc = nlp("Ông Đỗ Đức Duy, Bí thư Tỉnh ủy Yên Bái phát biểu. Ông Duy cho biết tỉnh sẽ làm tốt.")
    assert refs(doc, "PER") == [("Đỗ Đức Duy", "p1"), ("Duy", "p1")]


def test_a_fact_stated_with_a_short_name_names_the_person_in_full(nlp):
    """A reader of triples.jsonl sees who "ông Hiệp" is: Nguyễn Sỹ Hiệp, his ref's fullest name;
    the fact keeps the mention's own canonical text."""
    result = nlp.process("Sáng 5/3, ông Nguyễn Sỹ Hiệp dự họp với các sở, ngành. Tại buổi làm việc, ông "
                         "Hiệp, Chủ tịch UBND tỉnh Quảng Trị, yêu cầu các sở khẩn trương triển khai.", "t")
    (triple,) = [t for t in result.triples if t["predicate"] == "holds_position"]
    assert triple["subject"] == {"text": "Hiệp", "label": "PER", "mention": "Hiệp", "ref": "p1",
                                 "name": "Nguyễn Sỹ Hiệp"}
    assert triple["object"]["name"] == "Ủy ban nhân dân tỉnh Quảng Trị"
    (person,) = [e for e in result.entities if e["label"] == "PER"]
    assert person["name"] == "Nguyễn Sỹ Hiệp" and person["names"] == ["Nguyễn Sỹ Hiệp", "Hiệp"]


def test_short_name_of_two_people_gets_a_ref_of_its_own(nlp):
    doc = nlp("Ông Nguyễn Đức Chính, Chủ tịch UBND tỉnh và ông Nguyễn Quân Chính, Phó Chủ tịch UBND "
              "tỉnh dự họp. Ông Chính phát biểu.")
    people = dict(refs(doc, "PER"))
    assert people["Nguyễn Đức Chính"] != people["Nguyễn Quân Chính"]
    assert people["Chính"] not in {people["Nguyễn Đức Chính"], people["Nguyễn Quân Chính"]}


def test_bare_body_and_abbreviation_share_the_named_bodys_ref(nlp):
    doc = nlp("Huyện ủy Đình Lập tổ chức hội nghị. Đồng chí Hoàng Văn A, Bí thư Huyện ủy phát biểu. "
              "Ủy ban nhân dân huyện Đình Lập và UBND huyện Đình Lập cùng dự.")
    bodies = refs(doc, "ORG")
    assert bodies[0] == ("Huyện ủy Đình Lập", "o1") and bodies[1] == ("Huyện ủy", "o1")
    assert bodies[2][1] == bodies[3][1] != "o1"


def test_document_cited_by_number_shares_the_full_citations_ref(nlp):
    doc = nlp("Tỉnh ủy ban hành Nghị quyết số 22-NQ/TU về cán bộ. Các cấp quán triệt Nghị quyết 22.")
    assert [r for _, r in refs(doc, "DOC")] == ["d1", "d1"]


@pytest.mark.parametrize("sentence,status", [
    ("Ông Nguyễn Văn A, nguyên Bí thư Huyện ủy Đình Lập dự họp.", "former"),
    ("Ông Nguyễn Văn A, Quyền Giám đốc Sở Y tế dự họp.", "acting"),
    ("Tỉnh ủy điều động ông Nguyễn Văn A giữ chức Bí thư Huyện ủy Đình Lập.", "appointed"),
    ("Ông Nguyễn Văn A thôi giữ chức Bí thư Huyện ủy Đình Lập để nghỉ hưu.", "ended"),
    ("Ông Nguyễn Văn A, Bí thư Huyện ủy Đình Lập dự họp.", None),
])
def test_status_cues_of_the_guidelines(nlp, sentence, status):
    doc = nlp(sentence)
    [rel] = [r for r in doc._.relations if r.label == "has_title"]
    assert rel.status == status


# Cues beyond the guidelines' table: retirement told as "nghỉ công tác chờ hưu", a post taken
# up ("nhận nhiệm vụ"), a career told as "trải qua" / "trước đây".
MORE_CUES = [
    ("Bộ Công an cho nghỉ công tác chờ hưu đối với ông Nguyễn Văn A, Giám đốc Công an tỉnh.", "ended"),
    ("Ông Nguyễn Văn A nhận nhiệm vụ Bí thư Huyện ủy Đình Lập từ hôm nay.", "appointed"),
    ("Ông Nguyễn Văn A đã trải qua chức vụ Bí thư Huyện ủy Đình Lập.", "former"),
    ("Ông Nguyễn Văn A trước đây làm Chủ tịch UBND huyện Đình Lập.", "former"),
]


@pytest.mark.parametrize("sentence,expected", MORE_CUES)
def test_more_status_cues(nlp, sentence, expected):
    doc = nlp(sentence)
    [person] = [e for e in doc.ents if e.label_ == "PER"]
    [title] = [e for e in doc.ents if e.label_ == "TITLE"]
    assert status.rule_status(doc, Relation(person, title, "has_title", 1.0, "gold")) == expected


def test_a_proposed_dismissal_leaves_the_title_current(nlp):
    doc = nlp("Tỉnh ủy đề nghị miễn nhiệm chức vụ Chủ tịch UBND huyện đối với ông Nguyễn Văn A.")
    assert all(r.status is None for r in doc._.relations if r.label == "has_title")


def test_a_personnel_decision_names_its_person(nlp):
    doc = nlp("Chủ tịch UBND tỉnh Nam Định ký Quyết định số 1889/QĐ-UBND điều động ông Nguyễn "
              "Tiến Dũng giữ chức Giám đốc Sở Văn hóa.")
    assert ("decides_on", "Quyết định số 1889/QĐ-UBND", "Nguyễn Tiến Dũng") in {
        (r.label, r.head.text, r.child.text) for r in doc._.relations}


def test_rules_decide_the_types_listed_even_over_a_classifier(nlp):
    """decides_on has too few training cases for the classifier: with `rules_decide` the
    rules' decision stands, whatever the classifier would say."""
    doc = nlp("Chủ tịch UBND tỉnh Nam Định ký Quyết định số 1889/QĐ-UBND điều động ông Nguyễn "
              "Tiến Dũng giữ chức Giám đốc Sở Văn hóa.")
    rejects_all = RelationClassifier({}, bias=-30.0)
    found = RelationStage(rejects_all, rules_decide=["decides_on"]).predict(doc)
    assert [(r.label, r.child.text) for r in found] == [("decides_on", "Nguyễn Tiến Dũng")]
    assert RelationStage(rejects_all).predict(doc) == []


FAR_CUES = [  # the cue names the change a dozen words before the title
    ("UBND tỉnh đã trao quyết định về việc cho thôi giữ chức vụ trong nhiệm kỳ 2021 - 2026 đối "
     "với ông Nguyễn Văn An, Giám đốc Sở Y tế.", "ended"),
    ("HĐND tỉnh đã biểu quyết miễn nhiệm theo quy định của pháp luật hiện hành đối với bà Trần "
     "Thị Bình, Phó Chủ tịch UBND tỉnh.", "ended"),
    ("Ban Thường vụ Tỉnh ủy đã quyết định điều động từ ngày 1/9 năm nay theo quy hoạch đối với "
     "ông Lê Văn Cường, Bí thư Huyện ủy Đình Lập.", "appointed"),
    ("Bộ Chính trị đã quyết định điều động trong đợt luân chuyển cán bộ lần này đối với ông Đỗ "
     "Văn Hải, Phó Chủ tịch UBND tỉnh.", "appointed"),
    ("Ông Phạm Văn Dũng, Giám đốc Sở Tài chính dự họp.", None),
    ("Bà Hoàng Thị Em, Chủ tịch UBND huyện Lộc Bình phát biểu.", None),
]


def titled(nlp, text: str, status: str | None = None) -> tuple:
    """The Doc of a sentence with one has_title, and that relation, given `status` as gold."""
    doc = nlp(text)
    [rel] = [r for r in doc._.relations if r.label == "has_title"]
    rel.status = status
    return doc, rel


def with_and_without(nlp, training: list[tuple[str, str | None]], cue: str, *cases: tuple) -> tuple[list, list]:
    """What status classifiers trained on `training` predict for `cases`, one reading the cue
    `cue` (a field of `status.Cues`) and one not."""
    docs = [titled(nlp, text, st)[0] for text, st in training]
    found = {on: StatusStage(status.train(docs, cues=status.Cues(**{cue: on}))) for on in (True, False)}
    return [found[True].predicted(*c) for c in cases], [found[False].predicted(*c) for c in cases]


# Statuses told after the holder's post, for the classifier to learn the cue after a title.
AFTER_CUES = [("Ông Nguyễn Văn An, Giám đốc Sở Y tế tỉnh được nghỉ hưu theo chế độ từ ngày 1/7.", "ended"),
              ("Bà Trần Thị Bình, Giám đốc Sở Tài chính tỉnh được nghỉ hưu từ tháng này.", "ended"),
              ("Ông Lê Văn Cường, Giám đốc Sở Nội vụ tỉnh được mời phát biểu tại hội nghị.", None),
              ("Ông Phạm Văn Dũng, Giám đốc Sở Công thương tỉnh được giao báo cáo tại hội nghị.", None)]


def test_status_classifier_reads_a_cue_far_before_the_title(nlp):
    """Two sentences alike in the eight words before the title, one ending the title and one
    appointing to it a dozen words earlier: only the sentence cue tells them apart."""
    tail = " từ đầu tháng này theo nguyện vọng cá nhân đối với ông Vũ Văn Giang, Giám đốc Sở Nội vụ."
    ended = titled(nlp, "Tỉnh ủy đã công bố quyết định cho thôi giữ chức" + tail)
    appointed = titled(nlp, "Tỉnh ủy đã công bố quyết định điều động" + tail)
    with_cue, window_only = with_and_without(nlp, FAR_CUES, "sentence", ended, appointed)
    assert with_cue == ["ended", "appointed"]
    assert window_only[0] == window_only[1]


def test_a_cue_the_segmenter_splits_is_still_a_cue(nlp):
    """"nghỉ hưu" comes out of the segmenter as two words: the cue is read across them."""
    doc = nlp("Tỉnh ủy trao quyết định nghỉ hưu đối với ông Lê Văn Bình, Giám đốc Sở Y tế.")
    assert "nghỉ" in [t.norm_ for t in doc] and "nghỉ hưu" not in [t.norm_ for t in doc]
    [rel] = [r for r in doc._.relations if r.label == "has_title"]
    assert status.rule_status(doc, rel) == "ended"


def test_status_classifier_reads_a_cue_after_the_title(nlp):
    """The same words up to three after the title, the change told after the holder's post
    (not right after it, where `status.retired` decides without the classifier): only the cue
    after the title tells them apart."""
    retired = titled(nlp, "Ông Vũ Văn Giang, Giám đốc Sở Xây dựng tỉnh, từ tháng này được nghỉ hưu theo chế độ.")
    speaking = titled(nlp, "Ông Đỗ Văn Hải, Giám đốc Sở Xây dựng tỉnh, từ tháng này được mời phát biểu.")
    after, before_only = with_and_without(nlp, AFTER_CUES, "after", retired, speaking)
    assert after == ["ended", None]
    assert before_only[0] == before_only[1]


def test_a_cue_after_the_title_is_its_holders_only_up_to_the_next_person(nlp):
    """"ông A, Giám đốc …, dự lễ chia tay ông B nghỉ hưu": the retirement is B's, not A's."""
    farewell = titled(nlp, "Ông Vũ Văn Giang, Giám đốc Sở Xây dựng tỉnh dự lễ chia tay ông Đỗ Văn Hải được nghỉ hưu.")
    assert with_and_without(nlp, AFTER_CUES, "holder_clause", farewell) == ([None], ["ended"])


# Posts told with the span of years they were held, in an article whose last year is 2019.
PERIODS = [("Ông Nguyễn Văn An, Chủ tịch UBND huyện giai đoạn 2011-2016 bị kỷ luật năm 2019.", "former"),
           ("Bà Trần Thị Bình, Chủ tịch UBND xã giai đoạn 2010 - 2015 bị kỷ luật năm 2019.", "former"),
           ("Ông Lê Văn Cường, Chủ tịch UBND huyện giai đoạn 2016-2021 bị kỷ luật năm 2019.", None),
           ("Ông Phạm Văn Dũng, Chủ tịch UBND xã giai đoạn 2019 - 2024 bị kỷ luật năm 2019.", None)]


def test_status_classifier_reads_whether_the_years_of_a_post_are_over(nlp):
    """The same words but the years after the post: a span that ended before the article's last
    year is a former post, one still running is current; without the cue they look the same."""
    over = titled(nlp, "Ông Vũ Văn Giang, Chủ tịch UBND huyện giai đoạn 2012-2017 bị kỷ luật năm 2020.")
    running = titled(nlp, "Ông Đỗ Văn Hải, Chủ tịch UBND huyện giai đoạn 2018-2023 bị kỷ luật năm 2020.")
    with_period, without = with_and_without(nlp, PERIODS, "period", over, running)
    assert with_period == ["former", None]
    assert without[0] == without[1]


def test_a_cue_right_before_the_title_decides_whatever_the_classifier_learnt(nlp):
    """"tân" right before a title makes it appointed, and "nguyên" glued by the segmenter to the
    word before ("sổ | tang nguyên | Thủ tướng") former, though the classifier never saw those
    words; a place ending in "Tân" says nothing."""
    never_cued = StatusStage(status.train([titled(nlp, text, st)[0] for text, st in AFTER_CUES]))
    cued = [titled(nlp, "Tân Bí thư Tỉnh ủy Nghệ An Thái Thanh Quý sinh năm 1976."),
            titled(nlp, "Các đại biểu chúc mừng tân Chủ tịch UBND tỉnh Nguyễn Văn An."),
            titled(nlp, "Lãnh đạo tỉnh ghi vào sổ tang nguyên Thủ tướng Phan Văn Khải.")]
    assert [never_cued.predicted(*pair) for pair in cued] == ["appointed", "appointed", "former"]
    place = titled(nlp, "Xã Phước Tân Chủ tịch UBND xã Nguyễn Văn Bình dự họp.")
    assert never_cued.predicted(*place) is None


def test_a_post_taken_up_reads_appointed_by_tro_thanh_or_moi(nlp):
    """"trở thành" right before a title, and "mới" after it or after its body, say the post was
    just taken up, though the classifier never saw those words; "mới đây" ("recently") says
    nothing."""
    never_cued = StatusStage(status.train([titled(nlp, text, st)[0] for text, st in AFTER_CUES]))
    new = [titled(nlp, "Ông Hoàng Thanh Tùng chính thức trở thành Chủ nhiệm UB Pháp luật của Quốc hội."),
           titled(nlp, "Ông Nguyễn Hà Bắc là Giám đốc mới của Sở Công Thương TP Đà Nẵng."),
           titled(nlp, "Ông Trần Văn Sơn, Giám đốc Sở Y tế mới nhận quyết định.")]
    assert [never_cued.predicted(*pair) for pair in new] == ["appointed"] * 3
    recent = titled(nlp, "Ông Lê Văn An, Giám đốc Sở Y tế mới đây đã ký văn bản.")
    assert never_cued.predicted(*recent) is None


def test_the_posts_after_giu_chuc_in_an_appointing_clause_are_appointed(nlp):
    """Case 158: "bầu ông X giữ chức [Bí thư] Huyện ủy, [Chủ tịch] HĐND huyện" gives the posts
    listed after "giữ chức", though the classifier never saw such a sentence; a post left
    ("thôi giữ chức") is not given by it."""
    never_cued = StatusStage(status.train([titled(nlp, text, st)[0] for text, st in AFTER_CUES]))
    doc = nlp("BCH Đảng bộ huyện bầu ông Hoàng Danh Lai giữ chức Bí thư Huyện ủy, Chủ tịch HĐND huyện Quỳnh Lưu.")
    given = {r.child.text: never_cued.predicted(doc, r) for r in doc._.relations if r.label == "has_title"}
    assert given == {"Bí thư": "appointed", "Chủ tịch": "appointed"}
    left = titled(nlp, "Tỉnh ủy quyết định điều động ông Lê Văn An thôi giữ chức Giám đốc Sở Y tế.")
    assert never_cued.predicted(*left) != "appointed"


def test_a_leader_of_the_past_holds_no_post_now(nlp):
    """Case 159: "Chủ tịch Hồ Chí Minh", "Chủ tịch Tôn Đức Thắng" held their posts before any
    article was written, whatever the sentence says around them; a living namesake of no one on
    the list keeps what the classifier reads."""
    never_cued = StatusStage(status.train([titled(nlp, text, st)[0] for text, st in AFTER_CUES]))
    past = [titled(nlp, "Lãnh đạo tỉnh dâng hương tưởng niệm Chủ tịch Hồ Chí Minh."),
            titled(nlp, "Hội thảo khoa học về Chủ tịch Tôn Đức Thắng diễn ra tại An Giang.")]
    assert [never_cued.predicted(*pair) for pair in past] == ["former", "former"]
    living = titled(nlp, "Ông Nguyễn Văn Linh, Chủ tịch UBND tỉnh làm việc với đoàn.")
    assert never_cued.predicted(*living) != "former"


def test_a_post_held_now_after_hien_la_is_current(nlp):
    """"(hiện là …)" names the post held now (case 59), though "là" before a title taught the
    classifier a past career ("từng là")."""
    career = StatusStage(status.train([
        titled(nlp, "Ông Nguyễn Văn An từng là Giám đốc Sở Y tế tỉnh.", "former")[0],
        titled(nlp, "Bà Trần Thị Bình từng là Giám đốc Sở Tài chính tỉnh.", "former")[0],
        titled(nlp, "Ông Lê Văn Cường, Giám đốc Sở Nội vụ tỉnh phát biểu.")[0]]))
    doc = nlp("Ông Phạm Văn Dũng (hiện là Giám đốc Sở Xây dựng tỉnh) dự họp.")
    [rel] = [r for r in doc._.relations if r.label == "has_title"]
    assert career.predicted(doc, rel) is None


def test_the_post_a_holder_is_moved_from_stays_current(nlp):
    """K7: between the appointing word and the holder's name stands the post held now; the
    appointment is to what follows the name, whatever the classifier learnt."""
    appointing = StatusStage(status.train([titled(nlp, "Tỉnh ủy bổ nhiệm Phó Giám đốc Sở Y tế Lê Văn An.",
                                                  "appointed")[0],
                                           titled(nlp, "Ông Trần Văn Bình, Giám đốc Sở Tài chính phát biểu.")[0]]))
    doc = nlp("Tỉnh ủy trao quyết định bổ nhiệm Phó Chánh văn phòng UBND tỉnh Lê Văn Vịnh giữ chức vụ "
              "Giám đốc Sở GTVT tỉnh.")
    held = {r.child.text: appointing.predicted(doc, r) for r in doc._.relations if r.label == "has_title"}
    assert held == {"Phó Chánh": None, "Giám đốc": "appointed"}
    assert appointing.predicted(*titled(nlp, "Tỉnh ủy bổ nhiệm Phó Giám đốc Sở Nội vụ Đỗ Văn Cường.")) == "appointed"


def test_a_rare_status_is_learnt_when_statuses_weigh_by_rarity(nlp):
    """One ended case among a dozen current ones: weighed by rarity, the classifier learns the
    change it names; unweighted, the many current cases drown it."""
    names = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Văn Dũng", "Hoàng Thị Em",
             "Vũ Văn Giang", "Đỗ Văn Hải", "Bùi Thị Lan", "Ngô Văn Minh", "Đặng Văn Nam",
             "Phan Thị Oanh", "Lý Văn Phúc"]
    docs = [titled(nlp, f"Ông {name}, Giám đốc Sở Tài chính phát biểu tại hội nghị.")[0] for name in names]
    docs.append(titled(nlp, "Tỉnh ủy cho thôi giữ chức đối với ông Trịnh Văn Quang, Giám đốc Sở Xây dựng.",
                       "ended")[0])
    new = titled(nlp, "Tỉnh ủy cho thôi giữ chức đối với bà Mai Thị Hoa, Giám đốc Sở Nội vụ.")
    assert StatusStage(status.train(docs, balanced_classes=True)).predicted(*new) == "ended"
    assert StatusStage(status.train(docs, balanced_classes=False)).predicted(*new) is None


@pytest.mark.parametrize("text,iso", [
    ("Thứ sáu, 20/05/2022\n\nHuyện ủy họp.", "2022-05-20"),
    ("20/05/2022 08:15 GMT+7\nHuyện ủy họp.", "2022-05-20"),
    ("Ngày 20/5/2022, Huyện ủy họp bàn công tác cán bộ.", None),  # a sentence, not a dateline
    ("Chiều 22-11, Huyện ủy họp.", None),  # no year
])
def test_dateline(text, iso):
    assert dateline(text) == iso


def test_dateline_reaches_the_triples(nlp):
    result = nlp.process("Thứ sáu, 20/05/2022\n\nÔng Nguyễn Văn A, Bí thư Huyện ủy Đình Lập dự họp.", "d")
    assert result.record.meta["published"] == "2022-05-20"
    [triple] = [t for t in result.triples if t["predicate"] == "holds_position"]
    assert triple["qualifiers"] == {"title": "Bí thư", "status": "current", "date": "2022-05-20"}


def test_places_named_bare_are_found_and_resolved(nlp):
    doc = nlp("Đoàn công tác về Quảng Ngãi, Hoài Nhơn và các tỉnh Tây Nguyên, Việt Nam.")
    places = {e.text: (e._.canonical or {}).get("place") for e in doc.ents if e.label_ == "LOC"}
    assert set(places) == {"Quảng Ngãi", "Hoài Nhơn", "Tây Nguyên", "Việt Nam"}
    assert places["Quảng Ngãi"]["level"] == "province" and places["Quảng Ngãi"]["code"] == "51"
    assert places["Hoài Nhơn"]["level"] == "district" and places["Hoài Nhơn"]["province"] == "Bình Định"
    assert places["Tây Nguyên"]["level"] == "region"


def test_places_with_their_level_written_short_and_glued(nlp):
    """Case 31, as some papers write levels: "H.Sìn Hồ", "P.Yên Đỗ", "TP.Pleiku" are places
    with their level; a body's name spells the level out ("UBND H.Hớn Quản")."""
    doc = nlp("Vụ án xảy ra ở H.Sìn Hồ (Lai Châu). Bà Vân (ngụ P.Yên Đỗ, TP.Pleiku) bị bắt. "
              "Chủ tịch UBND H.Hớn Quản và UBND TX.Ba Đồn báo cáo.")
    found = {e.text: (e.label_, e._.canonical) for e in doc.ents if e.label_ in {"LOC", "ORG"}}
    units = {text: (label, canonical["text"], canonical.get("place", {}).get("level"))
             for text, (label, canonical) in found.items()}
    assert units == {
        "H.Sìn Hồ": ("LOC", "H.Sìn Hồ", "district"), "Lai Châu": ("LOC", "Lai Châu", "province"),
        "P.Yên Đỗ": ("LOC", "P.Yên Đỗ", "commune"), "TP.Pleiku": ("LOC", "TP.Pleiku", "district"),
        "UBND H.Hớn Quản": ("ORG", "Ủy ban nhân dân huyện Hớn Quản", "district"),
        "UBND TX.Ba Đồn": ("ORG", "Ủy ban nhân dân thị xã Ba Đồn", "district")}
    assert found["P.Yên Đỗ"][1]["place"]["province"] == "Gia Lai"


def test_a_body_records_its_administrative_unit(nlp):
    doc = nlp("Huyện ủy Đình Lập tổ chức hội nghị. Đồng chí Hoàng Văn A, Bí thư Huyện ủy phát biểu.")
    places = [(e._.canonical["text"], e._.canonical.get("place", {}).get("code")) for e in doc.ents
              if e.label_ == "ORG"]
    assert places == [("Huyện ủy Đình Lập", "189"), ("Huyện ủy Đình Lập", "189")]


def test_the_city_an_article_is_about_places_its_bare_bodies(nlp):
    doc = nlp("HĐND TP.HCM họp bất thường. Ông Lê Văn Nam, Phó Bí thư Thành ủy TP phát biểu.")
    places = [(e.text, e._.canonical.get("place", {}).get("code")) for e in doc.ents if e.label_ == "ORG"]
    assert places == [("HĐND TP.HCM", "79"), ("Thành ủy TP", "79")]
    assert doc._.province == "79"
    assert doc_to_record(doc).meta["province_code"] == "79"


def test_gazetteer_takes_the_units_of_the_articles_time():
    g = Gazetteer.shared()
    # Quảng Trị was province 45 of 63 before 2025, and province 44 of 34 after the merger.
    assert g.resolve("Quảng Trị", "province", year=2019).code == "45"
    assert g.resolve("Quảng Trị", "province", year=2025).code == "44"
    # a district name found in many provinces is read in the article's province
    assert g.resolve("Châu Thành", "district", province_code="82").province == "Tiền Giang"


def test_every_post_of_a_list_reads_the_words_that_open_the_list(nlp):
    """"… chuẩn y ông A, [Giám đốc] Sở Tư pháp giữ chức [ủy viên], [Phó Chủ nhiệm] …":
    both new posts, however far into the list, read "giữ chức" before it; the post in
    apposition to the person reads the person instead."""
    doc = nlp("Ban Bí thư chuẩn y ông Phạm Mạnh Duyệt, Giám đốc Sở Tư pháp giữ chức ủy viên, "
              "Phó Chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy Tuyên Quang nhiệm kỳ 2015-2020.")
    titles = {e.text: e for e in doc.ents if e.label_ == "TITLE"}
    assert set(titles) == {"Giám đốc", "ủy viên", "Phó Chủ nhiệm"}
    openings = {text: status._list_opening(doc, span, span.sent) for text, span in titles.items()}
    assert openings["Giám đốc"] == ([], True)
    for text in ("ủy viên", "Phó Chủ nhiệm"):
        words, held = openings[text]
        assert not held and " ".join(reversed(words)).endswith("giữ chức")


def test_a_retirement_told_after_a_holders_posts_ends_them_all(nlp):
    """"ông X, [Phó Bí thư] Tỉnh ủy, [Chủ tịch] UBND tỉnh nghỉ hưu": every post of the list
    right after the holder ends, though the classifier never saw a retirement; one told of
    someone else later in the sentence ends nothing of the first holder's."""
    never_cued = StatusStage(status.train([titled(nlp, text, st)[0] for text, st in PERIODS]))
    doc = nlp("Ông Nguyễn Văn Chính, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh nghỉ hưu từ ngày 1/2.")
    ended = {r.child.text: never_cued.predicted(doc, r) for r in doc._.relations if r.label == "has_title"}
    assert ended == {"Phó Bí thư": "ended", "Chủ tịch": "ended"}
    waited = titled(nlp, "Thiếu tướng Hoàng Văn Định, Phó Giám đốc Công an tỉnh được nghỉ công tác chờ hưu.")
    assert never_cued.predicted(*waited) == "ended"
    farewell = titled(nlp, "Ông Vũ Văn Giang, Giám đốc Sở Xây dựng tỉnh dự lễ chia tay ông Đỗ Văn Hải nghỉ hưu.")
    assert never_cued.predicted(*farewell) != "ended"
