"""Stage 5a: canonical names, parsed document codes and ISO dates."""
from __future__ import annotations

import pytest

from pipeline.canonical import title_name
from pipeline.shapes import iso_date, parse_code


@pytest.mark.parametrize("code,expected", [
    ("22-NQ/TW", {"number": "22", "type": "NQ", "type_name": "Nghị quyết", "issuer": "TW",
                  "year": None}),
    ("1581-QĐ/HU", {"number": "1581", "type": "QĐ", "type_name": "Quyết định", "issuer": "HU"}),
    ("04-CTr/TU", {"type": "CTr", "type_name": "Chương trình", "issuer": "TU"}),
    ("08-QĐi/TW", {"type": "QĐi", "type_name": "Quy định"}),
    ("03-CT/T.Ư", {"type": "CT", "issuer": "TW", "issuer_name": "Trung ương"}),
    ("10-CT / TW", {"code": "10-CT/TW", "number": "10", "type": "CT"}),
    ("30/2020/NĐ-CP", {"number": "30", "type": "NĐ", "type_name": "Nghị định", "issuer": "CP",
                       "issuer_name": "Chính phủ", "year": 2020}),
    ("265/QĐ-TTg", {"number": "265", "type": "QĐ", "issuer": "TTg", "year": None}),
    ("15/2019/QH14", {"number": "15", "year": 2019, "issuer": "QH"}),
    ("01/2021/TT-BNV", {"type": "TT", "type_name": "Thông tư", "issuer": "BNV", "year": 2021}),
    ("12-KH/\u00d0U", {"issuer": "ĐU", "issuer_name": "Đảng ủy"}),
])
def test_parse_code(code, expected):
    parsed = parse_code(code)
    assert {k: parsed.get(k) for k in expected} == expected


@pytest.mark.parametrize("text,iso", [
    ("02/02/2008", "2008-02-02"), ("2/2/2008", "2008-02-02"), ("12/ 6/ 2021", "2021-06-12"),
    ("17.2.2025", "2025-02-17"), ("3 tháng 2 năm 2020", "2020-02-03"), ("tháng 9/2018", "2018-09"),
    ("27/ 11", "--11-27"), ("21.4", "--04-21"), ("7/2014", "2014-07"),
    # case 51: a range of days gives its first day, a range of months its first month
    ("25 đến 27/9/2019", "2019-09-25"), ("23, 24 và 25/1", "--01-23"), ("7-12/10/2019", "2019-10-07"),
    ("tháng 2 và 3/2020", "2020-02"), ("2-4-2019", "2019-04-02"),
])
def test_iso_dates(text, iso):
    assert iso_date(text) == iso


def canon(doc, label):
    return [e._.canonical["text"] for e in doc.ents if e.label_ == label]


def test_bare_committee_is_completed_from_the_article(nlp):
    doc = nlp("Đảng bộ huyện Cao Lộc có 85 tổ chức cơ sở đảng. Bà Nông Thị Hương, Phó Trưởng Ban "
              "Tổ chức Huyện uỷ cho biết. Huyện uỷ ban hành Quyết định 1581-QĐ/HU.")
    assert canon(doc, "ORG") == ["Đảng bộ huyện Cao Lộc", "Ban Tổ chức Huyện ủy Cao Lộc",
                                 "Huyện ủy Cao Lộc"]


def test_abbreviations_are_spelt_out_and_tones_normalised(rules_nlp):
    doc = rules_nlp("Đồng chí Đặng Văn Sình, Phó Bí thư Thường trực Huyện uỷ, Chủ tịch HĐND huyện "
              "Lâm Bình, TUV phát biểu.")
    assert canon(doc, "ORG") == ["Huyện ủy Lâm Bình", "Hội đồng nhân dân huyện Lâm Bình"]
    assert canon(doc, "TITLE") == ["Phó Bí thư Thường trực", "Chủ tịch", "Tỉnh ủy viên"]
    doc = rules_nlp("Dự hội nghị có đ/c Lê Thị Bình - PBT Huyện ủy; đ/c Trần Văn Cường, PCT UBND xã.")
    assert canon(doc, "TITLE") == ["Phó Bí thư", "Phó Chủ tịch"]


@pytest.mark.parametrize("written, canonical", [
    ("Phó chủ tịch", "Phó Chủ tịch"), ("phó bí thư thường trực", "Phó Bí thư Thường trực"),
    ("Uỷ viên", "Ủy viên"), ("trưởng", "Trưởng"), ("thành viên", "Thành viên"),
])
def test_a_title_is_spelt_one_way_whatever_its_case(written, canonical):
    """One post, one name: the knowledge base and the triples count "Phó chủ tịch" and "Phó Chủ
    tịch" of one body as the same position."""
    assert title_name(written) == canonical


def test_document_by_number_borrows_the_full_code(nlp):
    doc = nlp("Triển khai Nghị quyết số 22-NQ/TW của Ban Chấp hành Trung ương. Huyện ủy quán triệt Nghị quyết 22.")
    assert canon(doc, "DOC") == ["Nghị quyết số 22-NQ/TW", "Nghị quyết số 22-NQ/TW"]


def test_a_type_with_two_code_forms_borrows_the_one_the_article_cites(nlp):
    doc = nlp("Thực hiện Quy định số 05-QyĐ/TW của Bộ Chính trị. Tỉnh ủy quán triệt Quy định 05.")
    assert canon(doc, "DOC") == ["Quy định số 05-QyĐ/TW", "Quy định số 05-QyĐ/TW"]


def test_an_abbreviation_is_matched_as_written_only(nlp):
    doc = nlp("Ông Lê Văn An, Trưởng Ban Tổ chức T Ư và Ban Tuyên giáo T.Ư, phát biểu.")
    assert canon(doc, "ORG") == ["Ban Tổ chức T Ư", "Ban Tuyên giáo Trung ương"]


def test_bare_committee_takes_the_place_named_in_its_own_sentence(nlp):
    """A roundup of two provinces: a bare "Tỉnh ủy" beside "HĐND tỉnh Kon Tum" is Kon Tum's,
    though the article names Hòa Bình more; one with no place in its sentence is the article's."""
    doc = nlp("Chủ tịch UBND tỉnh Hòa Bình Bùi Văn Khánh trao quyết định. Sở Nội vụ tỉnh Hòa Bình "
              "và Sở Tài chính tỉnh Hòa Bình dự. Cùng ngày, Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh Kon Tum "
              "Nguyễn Văn Hùng trao quyết định. Ông Trần Văn An, Phó Bí thư Tỉnh ủy phát biểu.")
    orgs = canon(doc, "ORG")
    assert orgs[3:] == ["Tỉnh ủy Kon Tum", "Hội đồng nhân dân tỉnh Kon Tum", "Tỉnh ủy Hòa Bình"]


@pytest.mark.parametrize("written,canonical", [
    # guidelines 44: a place's party committee and its party organisation's executive committee
    ("BCH Đảng bộ tỉnh Thái Bình", "Tỉnh ủy Thái Bình"),
    ("Ban chấp hành Đảng bộ huyện Kiến Xương", "Huyện ủy Kiến Xương"),
    ("TƯ Đảng", "Ban Chấp hành Trung ương"),
    ("Ban Chấp hành Trung ương Đảng", "Ban Chấp hành Trung ương"),
    # a bracketed abbreviation is the name said twice
    ("Ủy ban Kiểm tra (UBKT) Trung ương", "Ủy ban Kiểm tra Trung ương"),
    # "TP" spelt out, and the level not said twice after a committee
    ("HĐND TP Phan Thiết", "Hội đồng nhân dân thành phố Phan Thiết"),
    ("Thành ủy thành phố Thanh Hóa", "Thành ủy Thanh Hóa"),
    # Ho Chi Minh City however it is shortened: one body, one name
    ("Công an TP.HCM", "Công an thành phố Hồ Chí Minh"),
    ("UBND TP. HCM", "Ủy ban nhân dân thành phố Hồ Chí Minh"),
    ("Thành ủy TPHCM", "Thành ủy Hồ Chí Minh"),
    ("Thành ủy TP Hồ Chí Minh", "Thành ủy Hồ Chí Minh"),
    # the country after a national body, and a page number glued on by the source
    ("Quốc hội Việt Nam", "Quốc hội"),
    ("Chính phủ nước CHXHCN Việt Nam", "Chính phủ"),
    ("Ban Chấp hành Trung ương Đảng Cộng sản Việt Nam", "Ban Chấp hành Trung ương"),
    ("Tổng Liên đoàn Lao động Việt Nam", "Tổng Liên đoàn Lao động Việt Nam"),
    ("Bộ Công an3", "Bộ Công an"),
    ("Quân khu 5", "Quân khu 5"),
    ("Ban Bí thư Trung ương Đảng", "Ban Bí thư"),
    # a department's or ministry's field however it is shortened
    ("Sở KH&CN", "Sở Khoa học và Công nghệ"),
    ("Sở KH - CN tỉnh Kon Tum", "Sở Khoa học và Công nghệ tỉnh Kon Tum"),
    ("Sở KHCN", "Sở Khoa học và Công nghệ"),
    ("Bộ LĐ-TB&XH", "Bộ Lao động - Thương binh và Xã hội"),
    ("Sở Nội vụ", "Sở Nội vụ"),
])
def test_one_body_written_several_ways_gets_one_name(nlp, written, canonical):
    from pipeline.canonical import Places, org_name

    assert org_name(written, Places(nlp.make_doc(""))) == canonical


def test_a_bare_city_body_takes_the_article_city(nlp):
    doc = nlp("Thành ủy Hải Phòng họp. Bí thư Thành ủy TP Lê Văn Thành chủ trì, UBND TP báo cáo.")
    assert set(canon(doc, "ORG")) == {"Thành ủy Hải Phòng", "Ủy ban nhân dân thành phố Hải Phòng"}


def test_a_bare_executive_committee_is_the_committee_named_before_it(nlp):
    doc = nlp("Hội nghị Ban Chấp hành Đảng bộ tỉnh Thái Bình lần thứ 12 khai mạc. Ban Chấp hành đã "
              "thảo luận. Ông Ngô Đông Hải, Bí thư Tỉnh ủy phát biểu.")
    assert set(canon(doc, "ORG")) == {"Tỉnh ủy Thái Bình"}


@pytest.mark.parametrize("text, bodies, completed", [
    # a holder's name a model ran a body on over ("UBND tỉnh Lê Diễn") is no province; a real
    # place before the name still counts ("Tỉnh ủy Bắc Kạn Nguyễn Văn Du")
    ("Chủ tịch UBND tỉnh Lê Diễn dự họp. Ông Trần Văn Sang, Giám đốc Sở GTVT tỉnh phát biểu. Bí thư Tỉnh ủy "
     "Bắc Kạn Nguyễn Văn Du chủ trì.", ["UBND tỉnh Lê Diễn", "Sở GTVT tỉnh", "Tỉnh ủy Bắc Kạn Nguyễn Văn Du"],
     "Sở Giao thông vận tải tỉnh Bắc Kạn"),
    # nor is a title's first word ("Bí thư Tỉnh ủy Chủ tịch HĐND tỉnh", written without its comma)
    ("Bí thư Tỉnh ủy Chủ tịch HĐND tỉnh Nguyễn Văn Vịnh dự. Ông Trần Văn Sang, Giám đốc Sở GTVT tỉnh Lào Cai "
     "phát biểu. UBND tỉnh báo cáo.", ["Tỉnh ủy Chủ", "UBND tỉnh", "Sở GTVT tỉnh Lào Cai"],
     "Ủy ban nhân dân tỉnh Lào Cai"),
])
def test_what_a_body_ran_on_over_is_no_place_for_the_others(rules_nlp, text, bodies, completed):
    """A bare "tỉnh" of the article is completed with a province the gazetteer knows, never with
    what a body's span ran on over."""
    from pipeline.canonical import Canonicaliser
    from pipeline.records import Record, apply_record

    spans = sorted(({"start": text.index(b), "end": text.index(b) + len(b), "label": "ORG"} for b in bodies),
                   key=lambda span: span["start"])
    doc = Canonicaliser()(apply_record(rules_nlp.make_doc(text, "t"), Record("t", text, spans, [])))
    assert completed in canon(doc, "ORG")


def test_a_digests_bare_bodies_are_its_items_provinces(nlp):
    """A digest of provinces ("Bạc Liêu: …. Long An: …"): a bare "Tỉnh ủy" is the province of
    the item it stands in, though the article names another province more; an item naming no
    place of a level leaves that level bare rather than borrow another item's."""
    doc = nlp("Các tỉnh kiện toàn nhân sự. Long An: Chiều 4/4, Sở Nội vụ tỉnh Long An và Sở Tài chính "
              "tỉnh Long An dự lễ. Bí thư Tỉnh ủy Phạm Văn Rạnh trao quyết định. Bạc Liêu: Chiều 3/4, "
              "Bí thư Tỉnh ủy Nguyễn Quang Dương trao quyết định cho ông Trần Văn An, Chủ tịch UBND huyện.")
    assert canon(doc, "ORG") == ["Sở Nội vụ tỉnh Long An", "Sở Tài chính tỉnh Long An", "Tỉnh ủy Long An",
                                 "Tỉnh ủy Bạc Liêu", "Ủy ban nhân dân huyện"]


def test_a_place_is_one_name_however_its_dash_or_city_is_written(nlp):
    """"Bà Rịa – Vũng Tàu", "Bà Rịa-Vũng Tàu" and "Bà Rịa - Vũng Tàu" are one province (not the
    town of Bà Rịa), and a bare "Thành ủy" in an article on Ho Chi Minh City is that city's with
    its name spelt out, as the bodies that name it are."""
    doc = nlp("Tỉnh ủy Bà Rịa – Vũng Tàu và UBND tỉnh Bà Rịa-Vũng Tàu họp. Bí thư Tỉnh ủy Nguyễn Hồng Lĩnh dự.")
    assert canon(doc, "ORG") == ["Tỉnh ủy Bà Rịa - Vũng Tàu", "Ủy ban nhân dân tỉnh Bà Rịa - Vũng Tàu",
                                 "Tỉnh ủy Bà Rịa - Vũng Tàu"]
    assert {e._.canonical["place"]["level"] for e in doc.ents if e.label_ == "ORG"} == {"province"}
    doc = nlp("Thành ủy TPHCM họp. Bí thư Thành ủy Nguyễn Thiện Nhân phát biểu.")
    assert canon(doc, "ORG") == ["Thành ủy Hồ Chí Minh", "Thành ủy Hồ Chí Minh"]


@pytest.mark.parametrize("written,canonical", [("Hồ Chí Minh5", "Hồ Chí Minh"), ("T.LONG", "T.Long"),
                                               ("Nguyễn Văn A", "Nguyễn Văn A")])
def test_a_persons_name_drops_a_number_the_source_glued_on(written, canonical):
    from pipeline.canonical import person_name

    assert person_name(written) == canonical


def test_a_department_named_without_its_place_takes_its_province(nlp):
    """"Sở Tài chính" is the department of the province its sentence names (or, as a bare body,
    of its item or article); of a city run by the centre, that city's; a department whose name
    ends in its province ("Sở Nội vụ Hà Tĩnh") keeps its name."""
    doc = nlp("Tỉnh ủy Thái Bình họp. HĐND tỉnh Bắc Ninh đã bầu ông Ngô Tân Phượng, Giám đốc Sở Tài chính. "
              "Ông Trần Văn An, Giám đốc Sở Nội vụ Hà Tĩnh dự.")
    assert canon(doc, "ORG") == ["Tỉnh ủy Thái Bình", "Hội đồng nhân dân tỉnh Bắc Ninh",
                                 "Sở Tài chính tỉnh Bắc Ninh", "Sở Nội vụ Hà Tĩnh"]
    doc = nlp("Thành ủy Hà Nội họp. Ông Vũ Thu Hà, Giám đốc Sở Nội vụ báo cáo.")
    assert canon(doc, "ORG")[-1] == "Sở Nội vụ thành phố Hà Nội"


def test_a_digest_heading_glued_to_the_words_before_it_still_opens_its_item(nlp):
    """A related headline or a date without its full stop before "Bắc Ninh:" does not hide the
    heading when the item opens with its time ("Chiều 4/3, …")."""
    doc = nlp("Long An: Sáng 4/3, Tỉnh ủy Long An họp, thời hạn bổ nhiệm kể từ ngày 1/3 Bắc Ninh: Chiều 4/3, "
              "Bí thư Tỉnh ủy Nguyễn Nhân Chinh trao quyết định.")
    assert canon(doc, "ORG")[-1] == "Tỉnh ủy Bắc Ninh"


def test_a_hometown_is_no_sign_of_the_articles_province(nlp):
    """"(quê quán Cẩm Xuyên - Hà Tĩnh)" tells where a person comes from: an article naming no
    other province is about none, not Hà Tĩnh; a place where something happens still counts."""
    doc = nlp("Trường ĐH Bách khoa Hà Nội họp. GS.TS Lê Anh Tuấn (quê quán Cẩm Xuyên - Hà Tĩnh) được bầu "
              "làm Chủ tịch Hội đồng trường.")
    assert doc._.province is None
    assert nlp("Đoàn công tác làm việc tại Hà Tĩnh. Ông Lê Văn An phát biểu.")._.province == "42"
