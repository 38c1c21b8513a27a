"""Word lists shared by segmentation, rules and canonical forms (shapes: `shapes.py`).

All entries use new-style tone placement ("ủy", "hòa"): they are compared with
the normalised text, never with the text as read.
"""
from __future__ import annotations

import re

# Document type words and the code letters that stand for them.
DOC_TYPES = {
    "NQ": "Nghị quyết", "QĐ": "Quyết định", "QĐi": "Quy định", "QyĐ": "Quy định",
    "CT": "Chỉ thị", "KL": "Kết luận", "HD": "Hướng dẫn", "KH": "Kế hoạch", "ĐA": "Đề án",
    "DA": "Dự án", "CTr": "Chương trình", "CTHĐ": "Chương trình hành động", "TB": "Thông báo",
    "BC": "Báo cáo", "TTr": "Tờ trình", "CV": "Công văn", "QC": "Quy chế", "BS": "Bản sao",
    "QĐNS": "Quyết định nhân sự", "NĐ": "Nghị định", "TT": "Thông tư",
    "TTLT": "Thông tư liên tịch", "PA": "Phương án", "QH": "Luật/Nghị quyết của Quốc hội",
    "UBTVQH": "Nghị quyết của Ủy ban Thường vụ Quốc hội", "L": "Luật",
}
DOC_TYPE_WORDS = [
    "Nghị quyết", "Quyết định", "Quy định", "Chỉ thị", "Kết luận", "Hướng dẫn", "Kế hoạch",
    "Đề án", "Dự án", "Chương trình hành động", "Chương trình", "Thông báo", "Báo cáo",
    "Tờ trình", "Công văn", "Quy chế", "Nghị định", "Thông tư liên tịch", "Thông tư", "Luật",
    "Pháp lệnh", "Phương án", "Hiến pháp", "Điều lệ", "Thông tri", "Chiến lược", "Quy hoạch",
    "Bộ tiêu chí", "Cương lĩnh", "Bộ luật", "Sắc lệnh", "Công điện", "Thông cáo", "Tờ trình",
    "QĐ",  # "QĐ số 295/QĐ-ĐU"
]

ISSUERS = {
    "TW": "Trung ương", "T.Ư": "Trung ương", "TƯ": "Trung ương", "BCT": "Bộ Chính trị",
    "BBT": "Ban Bí thư", "TU": "Tỉnh ủy/Thành ủy", "HU": "Huyện ủy", "QU": "Quận ủy",
    "THU": "Thị ủy", "ĐU": "Đảng ủy", "ĐUK": "Đảng ủy khối", "VPTW": "Văn phòng Trung ương Đảng",
    "BTCTW": "Ban Tổ chức Trung ương", "BTGTW": "Ban Tuyên giáo Trung ương",
    "UBKTTW": "Ủy ban Kiểm tra Trung ương", "BTCTU": "Ban Tổ chức Tỉnh ủy",
    "UBKTTU": "Ủy ban Kiểm tra Tỉnh ủy", "BNCTU": "Ban Nội chính Tỉnh ủy",
    "BTGTU": "Ban Tuyên giáo Tỉnh ủy", "BDVTU": "Ban Dân vận Tỉnh ủy",
    "CP": "Chính phủ", "TTg": "Thủ tướng Chính phủ", "UBND": "Ủy ban nhân dân",
    "HĐND": "Hội đồng nhân dân", "BNV": "Bộ Nội vụ", "BTC": "Bộ Tài chính",
    "BGDĐT": "Bộ Giáo dục và Đào tạo", "BLĐTBXH": "Bộ Lao động - Thương binh và Xã hội",
    "BCA": "Bộ Công an", "BQP": "Bộ Quốc phòng", "BYT": "Bộ Y tế", "QH": "Quốc hội",
    "UBTVQH": "Ủy ban Thường vụ Quốc hội", "MTTQ": "Mặt trận Tổ quốc",
}
# Issuers of which every province, district or commune has its own: "45-KH/TU" of Quảng Trị
# and "45-KH/TU" of Kon Tum are two documents.
LOCAL_ISSUERS = frozenset({"TU", "HU", "QU", "THU", "ĐU", "ĐUK", "BTCTU", "UBKTTU", "BNCTU", "BTGTU",
                           "BDVTU", "UBND", "HĐND", "MTTQ"})

# International bodies, named in full: foreign and international bodies are ORG (guidelines
# rule 4), and "Liên minh châu Âu" is no continent.
INTERNATIONAL_BODIES = [
    "Liên hợp quốc", "Liên Hợp Quốc", "Liên Hiệp Quốc", "Tổ chức Y tế Thế giới",
    "Tổ chức Thương mại Thế giới", "Tổ chức Lao động Quốc tế", "Quỹ Tiền tệ Quốc tế", "Ngân hàng Thế giới",
    "Ngân hàng Phát triển châu Á", "Liên minh châu Âu", "Ủy ban châu Âu", "Nghị viện châu Âu",
    "Quỹ Nhi đồng Liên hợp quốc", "Chương trình Phát triển Liên hợp quốc", "Diễn đàn Kinh tế Thế giới",
    "Liên minh Nghị viện Thế giới", "Hiệp hội các quốc gia Đông Nam Á",
]
# Heads that start the name of a specific organisation.
ORG_HEADS = [
    "Ban Chấp hành Trung ương Đảng", "Ban Chấp hành Trung ương", "Ban Chấp hành Đảng bộ",
    "Ban Chấp hành", "Ban Thường vụ", "Ban Bí thư", "Bộ Chính trị", "Trung ương Đảng",
    "Ban Tổ chức", "Ban Tuyên giáo", "Ban Dân vận", "Ban Nội chính", "Ban Kinh tế",
    "Ban Tuyên giáo và Dân vận", "Ban Quản lý", "Ban Chỉ đạo", "Ban Pháp chế", "Ban Văn hóa - Xã hội",
    "Ban Kinh tế - Ngân sách", "Ban Dân tộc", "Ban Bảo vệ chăm sóc sức khỏe cán bộ",
    "Đảng ủy khối các cơ quan", "Đảng ủy khối doanh nghiệp", "Đảng ủy khối", "Đảng ủy Quân sự",
    "Đảng ủy Công an", "Đảng bộ khối", "Đảng ủy", "Đảng bộ", "Chi bộ", "Huyện ủy", "Tỉnh ủy", "Thành ủy",
    "Thị ủy", "Quận ủy", "Ủy ban Kiểm tra", "Ủy ban nhân dân", "Hội đồng nhân dân",
    "Ủy ban Mặt trận Tổ quốc Việt Nam", "Ủy ban Mặt trận Tổ quốc", "Mặt trận Tổ quốc Việt Nam",
    "Mặt trận Tổ quốc", "Ủy ban MTTQ Việt Nam", "Ủy ban MTTQ", "Ủy ban Thường vụ Quốc hội",
    "Văn phòng", "Hội Liên hiệp Phụ nữ", "Hội Nông dân", "Hội Cựu chiến binh",
    "Đoàn Thanh niên Cộng sản Hồ Chí Minh", "Đoàn Thanh niên", "Liên đoàn Lao động",
    "Bộ Chỉ huy Quân sự", "Bộ Chỉ huy Bộ đội Biên phòng", "Bộ đội Biên phòng", "Công an", "Chính phủ", "Quốc hội",
    "Trung tâm Chính trị", "Trung tâm", "Đoàn đại biểu Quốc hội",
    "Đoàn ĐBQH", "Sở", "Bộ", "Cục", "Tổng cục", "Viện Kiểm sát nhân dân", "Tòa án nhân dân",
    "Trường Chính trị", "Học viện Chính trị quốc gia Hồ Chí Minh", "Công ty", "Tổng công ty",
    "Ngân hàng", "Thường trực", "Ban Cán sự đảng", "Quân ủy Trung ương", "Tỉnh đoàn", "Thành đoàn", "Huyện đoàn",
    "Trung ương Đoàn", "Hội đồng thành viên", "Hội đồng quản trị",
    "Sở Lao động - Thương binh và Xã hội", "Bộ Lao động - Thương binh và Xã hội",
    "Sở Văn hóa, Thể thao và Du lịch", "Bộ Văn hóa, Thể thao và Du lịch", "Ban Tổ chức Trung ương",
    "Ban Tuyên giáo Trung ương", "Ban Dân vận Trung ương", "Ban Nội chính Trung ương",
    "Ban Kinh tế Trung ương", "Ủy ban Kiểm tra Trung ương", "Văn phòng Trung ương Đảng",
    # bodies seen in published news: the army and police, media, unions
    "Kho bạc Nhà nước", "Đài Truyền hình", "Đài Phát thanh", "Thông tấn xã Việt Nam", "Công đoàn",
    "Tổng Liên đoàn Lao động", "Quân ủy", "Bộ Tư lệnh", "Hội đồng Bộ trưởng", "Bộ Tổng Tham mưu", "Tổng cục Chính trị",
    "Cơ quan Cảnh sát điều tra",
    "Cơ quan CSĐT", "Văn phòng Chính phủ", "Văn phòng Quốc hội", "Hội Cựu chiến binh",
    "Ban Cán sự đảng", "Đảng đoàn", "Chi ủy", "Ban Chỉ đạo", "Ban Quản lý dự án", "Ngân hàng Nhà nước",
    "Đảng Cộng sản Việt Nam", "Mặt trận",
    # the party's full name after a head that ends in "Đảng", which would split "Cộng sản"
    "Ban Chấp hành Trung ương Đảng Cộng sản Việt Nam", "Trung ương Đảng Cộng sản Việt Nam",
    "UB Thường vụ Quốc hội", "UB Thường vụ QH", "Ủy ban Thường vụ QH", "Hội đồng Bầu cử quốc gia",
    "Đài PTTH", "Đài PT&TH", "Đài Phát thanh và Truyền hình", "Đài Phát thanh - Truyền hình",
    "Tạp chí Cộng sản", "Ban Bảo vệ, chăm sóc sức khỏe cán bộ", "UB Kiểm tra", "Cơ quan điều tra",
    "Cơ quan An ninh điều tra", "Công an nhân dân", "Quân đội nhân dân", "Báo Nhân dân",
    "Quân chủng Phòng không - Không quân", "Ủy ban An toàn giao thông quốc gia",
    "Quân chủng Hải quân", "Quân đội", "Hội đồng trường", "Hội đồng quản lý",
    # election bodies, the theory council: named in lower case after their head
    "Hội đồng bầu cử quốc gia", "Hội đồng bầu cử", "Ủy ban bầu cử", "Hội đồng lý luận Trung ương",
    # offices of the heads of state and party, the National Assembly's personnel board, unions
    "Văn phòng Chủ tịch nước", "Văn phòng Tổng Bí thư", "Ban Công tác đại biểu",
    "Liên hiệp các tổ chức hữu nghị Việt Nam", "Liên hiệp Các tổ chức hữu nghị Việt Nam",
    "Liên minh hợp tác xã", "Liên minh Hợp tác xã", "Bảo hiểm xã hội", "HV Chính trị Quốc gia Hồ Chí Minh",
    "Tiểu ban Điều lệ",
    *INTERNATIONAL_BODIES,
]
# What a steering committee is named after, with or without "về": "[Ban Chỉ đạo Trung ương về
# phòng, chống tham nhũng]".
STEERING_SUBJECTS = [f"{about}{subject}" for about in ("", "về ") for subject in (
    "phòng, chống tham nhũng", "phòng, chống tham nhũng, tiêu cực", "phòng chống tham nhũng",
    "phòng chống tham nhũng, tiêu cực", "cải cách tư pháp")]
# Heads that start a body's name only before a capitalised name or a number ("Trường Chính trị",
# "Quân khu 5"): alone they are given names ("Nguyễn Văn Trường") or common words.
NAMED_ORG_HEADS = ["Vụ", "Chi cục", "Thanh tra", "Bệnh viện", "Trường", "Học viện", "Viện", "Đại học",
                   "Báo", "Hội đồng", "Ủy ban", "Quân khu", "Quân đoàn", "Sư đoàn", "Lữ đoàn",
                   "Trung đoàn", "Khoa", "Tập đoàn", "Hội", "Đồn Biên phòng", "Tiểu ban",
                   "Quỹ", "Đại sứ quán", "Tổng Lãnh sự quán", "Lãnh sự quán"]  # a fund: case 125
# Heads whose body is told apart by a number: "Quân khu 7", "Đảng ủy Quân đoàn 3", "Chi bộ 10".
NUMBERED_ORG_HEADS = ["Quân khu", "Quân đoàn", "Sư đoàn", "Lữ đoàn", "Trung đoàn", "Chi bộ", "Phân khu",
                      "Ban Chỉ đạo"]  # "[Ban Chỉ đạo 1287]"
# Lower-case heads that name one body wherever they stand (the others need a title before them:
# "Phó bí thư [huyện ủy Di Linh]"): "cử tri của [đoàn ĐBQH tỉnh]".
LOWER_BODIES = ["đoàn đại biểu Quốc hội", "đoàn ĐBQH"]
LOWER_ORG_WORDS = ["huyện ủy", "tỉnh ủy", "thành ủy", "thị ủy", "quận ủy", "đảng ủy", "đảng bộ", "ban cán sự đảng",
                   "chi bộ", "ban thường vụ", "ban chấp hành", *LOWER_BODIES]
# ... and those that name one before a capitalised name: "lãnh đạo [tỉnh ủy Bình Phước]".
LOWER_NAMED_HEADS = ["huyện ủy", "tỉnh ủy", "thành ủy", "thị ủy", "quận ủy", "đảng ủy", "đảng bộ",
                     "báo"]  # "theo [báo Phú Yên]"
ORG_ABBREVIATIONS = {
    "HĐND": "Hội đồng nhân dân", "UBND": "Ủy ban nhân dân", "BTV": "Ban Thường vụ",
    "BCH": "Ban Chấp hành", "MTTQ": "Mặt trận Tổ quốc", "UBKT": "Ủy ban Kiểm tra", "BCSĐ": "Ban cán sự đảng",
    "BCHTW": "Ban Chấp hành Trung ương", "BCT": "Bộ Chính trị", "LĐLĐ": "Liên đoàn Lao động",
    "UBMTTQ": "Ủy ban Mặt trận Tổ quốc", "HLHPN": "Hội Liên hiệp Phụ nữ", "BCHQS": "Bộ Chỉ huy Quân sự",
    "UB": "Ủy ban", "UBKTTW": "Ủy ban Kiểm tra Trung ương", "UBKTTU": "Ủy ban Kiểm tra Tỉnh ủy",
    "VPCP": "Văn phòng Chính phủ", "KBNN": "Kho bạc Nhà nước", "BQL": "Ban Quản lý",
    "BCĐ": "Ban Chỉ đạo", "TAND": "Tòa án nhân dân", "VKSND": "Viện Kiểm sát nhân dân",
    "LLVT": "Lực lượng vũ trang", "HĐQT": "Hội đồng quản trị", "BHXH": "Bảo hiểm xã hội",
    "TTXVN": "Thông tấn xã Việt Nam", "QĐND": "Quân đội nhân dân", "CAND": "Công an nhân dân",
    "BTVTU": "Ban Thường vụ Tỉnh ủy", "BCH TƯ": "Ban Chấp hành Trung ương", "TƯ": "Trung ương",
    "T.Ư": "Trung ương", "TW": "Trung ương", "ĐH": "Đại học", "CSĐT": "Cảnh sát điều tra",
    "QH": "Quốc hội", "UBTVQH": "Ủy ban Thường vụ Quốc hội", "VKSNDTC": "Viện Kiểm sát nhân dân tối cao",
    "TANDTC": "Tòa án nhân dân tối cao", "CATƯ": "Công an Trung ương", "CATP": "Công an thành phố",
    "VTV": "Đài Truyền hình Việt Nam", "VOV": "Đài Tiếng nói Việt Nam",
    "BCHTƯ": "Ban Chấp hành Trung ương", "UBKTTƯ": "Ủy ban Kiểm tra Trung ương",
}
# Heads that name one organisation on their own, without a following name.
STANDALONE_ORGS = {
    *INTERNATIONAL_BODIES,
    "Học viện Chính trị quốc gia Hồ Chí Minh", "Hội đồng bầu cử quốc gia", "Hội đồng bầu cử", "Ủy ban bầu cử",
    "Hội đồng lý luận Trung ương", "Văn phòng Chủ tịch nước", "Văn phòng Tổng Bí thư", "Ban Công tác đại biểu",
    "Liên hiệp các tổ chức hữu nghị Việt Nam", "HV Chính trị Quốc gia Hồ Chí Minh",
    "Bộ Chính trị", "Ban Bí thư", "Ban Chấp hành Trung ương", "Ban Chấp hành Trung ương Đảng",
    "Trung ương Đảng", "Chính phủ", "Quốc hội", "Thủ tướng Chính phủ", "Huyện ủy", "Tỉnh ủy",
    "Thành ủy", "Thị ủy", "Quận ủy", "Đảng ủy khối", "Đảng bộ khối", "Ủy ban Thường vụ Quốc hội",
    "Quân ủy Trung ương", "Tỉnh đoàn", "Thành đoàn", "Huyện đoàn", "Trung ương Đoàn",
    "Ban Tổ chức", "Ban Tuyên giáo", "Ban Dân vận", "Ban Nội chính",
    "Ban Kinh tế", "Ban Tổ chức Trung ương", "Ban Tuyên giáo Trung ương", "Ban Dân vận Trung ương",
    "Ban Nội chính Trung ương", "Ban Kinh tế Trung ương", "Ủy ban Kiểm tra Trung ương",
    "Văn phòng Trung ương Đảng", "Sở Lao động - Thương binh và Xã hội",
    "Bộ Lao động - Thương binh và Xã hội", "Sở Văn hóa, Thể thao và Du lịch",
    "Bộ Văn hóa, Thể thao và Du lịch", "Ban Thường vụ", "Ban Chấp hành", "Đảng ủy", "Thường trực",
    "Ban Cán sự đảng", "Đảng đoàn", "Văn phòng Chính phủ", "Văn phòng Quốc hội",
    "Thông tấn xã Việt Nam", "Đảng Cộng sản Việt Nam", "Ban Chấp hành Trung ương Đảng Cộng sản Việt Nam",
    "Trung ương Đảng Cộng sản Việt Nam", "UB Thường vụ Quốc hội", "UB Thường vụ QH",
    "Ủy ban Thường vụ QH", "Hội đồng Bầu cử quốc gia", "Tạp chí Cộng sản", "Báo Nhân dân",
    "Công an nhân dân", "Quân đội nhân dân", "Quân chủng Hải quân", "Hội đồng trường",
    "Mặt trận Tổ quốc", "Mặt trận Tổ quốc Việt Nam",
}
# News outlets, written as they name themselves: an outlet named in a sentence ("nói với
# VietNamNet", "Trả lời Tuổi Trẻ") is an ORG (case 43). Case matters: "Thanh Niên", "Nhân Dân"
# and "Lao Động" are outlets, "thanh niên", "nhân dân" and "lao động" are words.
OUTLETS = ["VietNamNet", "Vietnamnet", "Dân trí", "Dân Trí", "Tuổi Trẻ", "Thanh Niên", "VnExpress",
           "Lao Động", "Người Lao Động", "Tiền Phong", "Zing News", "Zingnews", "VOV", "VTV", "TTXVN",
           "Nhân Dân", "Vietnam+", "VGP", "Infonet", "Sài Gòn Giải Phóng", "Hà Nội Mới", "VTC News",
           "Vietnamplus", "VietnamPlus", "Tuổi Trẻ Online", "Dân Việt", "Kinh tế & Đô thị"]
# Newspapers named only after "Báo", besides the outlets above; there, in either case, a name
# holds its place or lower-case words: "[Báo Sài Gòn giải phóng]", "[Báo Hà Nội mới]".
NEWSPAPERS = ["Quân đội nhân dân", "Công an nhân dân", "Tuổi trẻ Thủ đô", "Pháp luật TP.HCM", "Pháp luật TP HCM",
              "Pháp luật Việt Nam", "Đại đoàn kết", "Tin tức", "Giáo dục và Thời đại", "Nông thôn ngày nay",
              "Biên phòng", "Phụ nữ Việt Nam", "Đầu tư", "Văn hóa", "Công Thương", "Xây dựng",
              "Dân tộc và Phát triển", "Cựu chiến binh Việt Nam"]
# Levels written short, and the words they stand for: "TP Vinh", "H.Sìn Hồ", "Q.1" (case 31).
SHORT_LEVELS = {"TP": "thành phố", "Tp": "thành phố", "TX": "thị xã", "H": "huyện", "Q": "quận",
                "P": "phường", "X": "xã", "TT": "thị trấn"}
UNDOTTED_LEVELS = ("TP", "Tp", "TX")  # also written without their dot: "TP Vinh", "TX Ba Đồn"
ADMIN_LEVELS = ["thành phố", "thị trấn", "thị xã", "tỉnh", "huyện", "xã", "phường", "quận", "TP.",
                "TP", "Tp.", "Tp", "TX", "TX.", "H.", "Q.", "thôn", "ấp", "xóm", "bản", "tổ dân phố",
                "khu phố", "đặc khu"]
# Fields of ministries, departments and offices whose names join words with "và", a comma or a
# dash, as the state names them (some since renamed or merged). After "Sở", "Vụ", "phòng" … the
# whole field is the body's name, in whatever case it is written ("Sở Nông nghiệp và phát triển
# nông thôn"), where a lower-case word after "và" would otherwise end it.
DEPARTMENT_FIELDS = [
    "Nông nghiệp và Phát triển nông thôn", "Nông nghiệp và Môi trường", "Tài nguyên và Môi trường",
    "Kế hoạch và Đầu tư", "Giáo dục và Đào tạo", "Khoa học và Công nghệ", "Thông tin và Truyền thông",
    "Văn hóa, Thể thao và Du lịch", "Văn hóa, Thông tin, Thể thao và Du lịch", "Văn hóa và Thể thao",
    "Văn hóa - Thông tin", "Văn hóa, Thông tin", "Lao động - Thương binh và Xã hội", "Dân tộc và Tôn giáo",
    "Bưu chính, Viễn thông", "Thương mại - Du lịch", "Thương mại và Du lịch", "Giáo dục, Khoa học và Công nghệ",
    "Nội vụ - Lao động - Thương binh và Xã hội", "Tài chính - Kế hoạch", "Kinh tế - Hạ tầng",
    "Kinh tế và Hạ tầng", "Tài nguyên - Môi trường", "Công chức, viên chức", "Kết cấu hạ tầng và đô thị",
    "Kinh tế địa phương và lãnh thổ", "Tổ chức - Hành chính", "Tổ chức - Cán bộ", "Hành chính - Tổng hợp",
    "Hành chính - Quản trị", "Hành chính - tiếp dân", "Thư ký - Biên tập", "Kinh tế - Ngân sách",
    "Văn hóa - Xã hội", "Kinh tế - Xã hội", "Pháp luật và Kinh tế", "Phòng không - Không quân",
    "Y tế dự phòng và phòng chống HIV/AIDS", "Kiểm soát và phòng chống HIV/AIDS", "Giá - công sản",
    "Đoàn thể và các hội quần chúng", "Thuế", "Kiểm lâm", "Hải quan", "Pháp luật dân sự - kinh tế",
    "Pháp luật hình sự - hành chính", "An toàn thông tin", "PT-TH", "PTTH", "PT&TH",
    "Phát thanh - Truyền hình", "Phát thanh và Truyền hình", "Phát thanh Truyền hình",
    # the National Assembly's committees: "[Ủy ban Pháp luật của Quốc hội]"
    "Pháp luật", "Tư pháp", "Các vấn đề xã hội", "Đối ngoại", "Quốc phòng và An ninh",
    "Quốc phòng, An ninh và Đối ngoại", "Tài chính, Ngân sách", "Khoa học, Công nghệ và Môi trường",
    "Văn hóa, Giáo dục", "Văn hóa, Giáo dục, Thanh niên, Thiếu niên và Nhi đồng",
    "Văn hóa, Giáo dục, Thanh thiếu niên và Nhi đồng",
]
# Two activities a body's name joins with a comma, the second often in lower case, as the state
# names its departments: "[Cục Đào tạo, bồi dưỡng cán bộ]", "[Ban Bảo vệ, chăm sóc sức khỏe cán
# bộ Trung ương]", "[Vụ Cơ sở đảng, đảng viên]". Each first activity with what may follow it.
COORDINATED_ACTIVITIES = {
    "đào tạo": ("bồi dưỡng",), "bảo vệ": ("chăm sóc",), "khám": ("chữa bệnh",),
    "cải cách": ("hiện đại hóa",), "công chức": ("viên chức",), "cơ sở đảng": ("đảng viên",),
    "kiểm tra": ("giám sát",), "thi đua": ("khen thưởng",), "tuyên truyền": ("vận động",),
    "đầu tư": ("thương mại",), "thương mại": ("du lịch",), "đo đạc": ("bản đồ",), "bản đồ": ("viễn thám",),
    "năng khiếu": ("huấn luyện",), "thanh tra": ("kiểm tra",), "quản lý": ("khai thác",),
    "nghiên cứu": ("ứng dụng",), "tư vấn": ("hỗ trợ",), "dân số": ("gia đình",),
}
# Portfolios a minister's title is fused with, without "Bộ" (case 60: "[Bộ trưởng Quốc phòng]",
# "[Thứ trưởng TT&TT]"); the fields above count too.
MINISTRY_PORTFOLIOS = [
    "Quốc phòng", "Công an", "Y tế", "Ngoại giao", "Tài chính", "Nội vụ", "Tư pháp", "Công Thương",
    "Xây dựng", "Giao thông vận tải", "Văn hóa", "Dân tộc", "GTVT", "TT&TT", "TT-TT", "KH&ĐT", "KH-ĐT",
    "GD&ĐT", "GD-ĐT", "NN&PTNT", "TN&MT", "TN-MT", "LĐ-TB&XH", "LĐTB&XH", "KH&CN", "KH-CN", "VH-TT&DL",
    "VHTTDL",
]
# The party committee of each administrative level, and the level of each committee's head.
COMMITTEE_OF_LEVEL = {"tỉnh": "Tỉnh ủy", "huyện": "Huyện ủy", "thành phố": "Thành ủy",
                      "quận": "Quận ủy", "thị xã": "Thị ủy"}
LEVEL_OF_COMMITTEE = {committee.lower(): level for level, committee in COMMITTEE_OF_LEVEL.items()}
# Heads of places that are no administrative unit (rule 8: parks, squares, rivers …).
# Named facilities are places too (case 70). Matched over one to four words, so heads the
# segmenter splits ("Vườn | Quốc gia") still match.
PLACE_HEADS = ["Khu kinh tế", "Khu công nghiệp", "Khu di tích", "Quảng trường", "sông", "hồ",
               "đảo", "quần đảo", "cảng", "Khu đô thị", "Khu đô thị mới", "đèo", "núi", "biển", "vùng",
               "bán đảo", "cầu", "sân bay", "mỏ than", "Vườn Quốc gia", "Sân vận động", "SVĐ",
               "nghĩa trang", "Nghĩa trang liệt sĩ", "Nghĩa trang liệt sĩ quốc gia", "Đền thờ",
               "Tượng đài", "Khu dự trữ sinh quyển", "bãi rác", "kênh", "buôn", "làng", "bến",
               "hội trường"]

# Named places that no level word, head or gazetteer entry announces (case 70: named facilities
# are places): "tại [Nhà Quốc hội]", "viếng [Lăng Chủ tịch Hồ Chí Minh]". A place head may stand
# before them ("Khu di tích [Hoàng thành Thăng Long]").
LANDMARKS = ["Nhà Quốc hội", "Nhà tang lễ quốc gia", "Lăng Chủ tịch Hồ Chí Minh", "Hoàng thành Thăng Long",
             "Bến Nhà Rồng", "Trung tâm Hội nghị Quốc gia", "Phủ Chủ tịch", "Dinh Độc Lập",
             "Hội trường Thống Nhất", "Nhà Trắng", "Điện Kremlin"]

# Vietnam's laws and codes by name, the words after "Luật" / "Bộ luật": a law is cited by its
# name alone ("Luật Bảo vệ và phát triển rừng"), and a name may hold "và", "của" or a comma,
# where a rule that reads words could not tell where it ends (guidelines rule 12, case 29).
LAW_NAMES = [
    "An ninh mạng", "An ninh quốc gia", "An toàn thông tin mạng", "An toàn thực phẩm",
    "An toàn, vệ sinh lao động", "Ban hành văn bản quy phạm pháp luật", "Báo chí", "Bảo hiểm xã hội",
    "Bảo hiểm y tế", "Bảo vệ bí mật nhà nước", "Bảo vệ môi trường", "Bảo vệ quyền lợi người tiêu dùng",
    "Bảo vệ và phát triển rừng", "Bảo vệ, chăm sóc và giáo dục trẻ em",
    "Bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân",
    "Biên giới quốc gia", "Biển Việt Nam", "Bình đẳng giới", "Bưu chính", "Cán bộ, công chức",
    "Căn cước", "Căn cước công dân", "Cảnh sát biển Việt Nam", "Cạnh tranh", "Các tổ chức tín dụng",
    "Chăn nuôi", "Chứng khoán", "Chuyển giao công nghệ", "Công an nhân dân", "Công chứng",
    "Công đoàn", "Công nghệ thông tin", "Cư trú", "Dân quân tự vệ", "Dân số", "Di sản văn hóa",
    "Doanh nghiệp", "Du lịch", "Dược", "Dự trữ quốc gia", "Đa dạng sinh học", "Đặc xá", "Đấu giá tài sản",
    "Đấu thầu", "Đất đai", "Đầu tư", "Đầu tư công", "Đầu tư theo phương thức đối tác công tư", "Đê điều",
    "Điện ảnh", "Điện lực", "Điều ước quốc tế", "Đo đạc và bản đồ", "Đơn vị hành chính - kinh tế đặc biệt",
    "Đường bộ", "Đường sắt", "Giá", "Giáo dục", "Giáo dục đại học", "Giáo dục nghề nghiệp",
    "Giao dịch điện tử", "Giao thông đường bộ", "Giao thông đường thủy nội địa", "Hải quan",
    "Hàng không dân dụng Việt Nam", "Hoạt động giám sát của Quốc hội và Hội đồng nhân dân", "Hóa chất",
    "Hòa giải ở cơ sở", "Hôn nhân và gia đình", "Hộ tịch", "Hợp tác xã", "Kế toán", "Khám bệnh, chữa bệnh",
    "Khiếu nại", "Khiếu nại, tố cáo", "Khí tượng thủy văn", "Khoa học và công nghệ", "Khoáng sản", "Kiểm toán nhà nước",
    "Kinh doanh bảo hiểm", "Kinh doanh bất động sản", "Lâm nghiệp", "Luật sư", "Lưu trữ", "Mặt trận Tổ quốc Việt Nam",
    "Ngân hàng Nhà nước Việt Nam", "Ngân sách nhà nước", "Nghĩa vụ quân sự", "Người cao tuổi",
    "Người khuyết tật", "Nhà ở", "Năng lượng nguyên tử", "Nuôi con nuôi", "Phí và lệ phí",
    "Phổ biến, giáo dục pháp luật", "Phòng cháy và chữa cháy", "Phòng cháy, chữa cháy và cứu nạn, cứu hộ",
    "Phòng, chống bạo lực gia đình", "Phòng, chống bệnh truyền nhiễm", "Phòng, chống ma túy",
    "Phòng, chống mua bán người", "Phòng, chống rửa tiền", "Phòng, chống tác hại của rượu, bia",
    "Phòng, chống tác hại của thuốc lá", "Phòng, chống tham nhũng", "Phòng, chống thiên tai",
    "Quản lý nợ công", "Quản lý ngoại thương", "Quản lý thuế", "Quản lý, sử dụng tài sản công",
    "Quản lý, sử dụng vốn nhà nước đầu tư vào sản xuất, kinh doanh tại doanh nghiệp", "Quảng cáo",
    "Quốc phòng", "Quốc tịch Việt Nam", "Quy hoạch", "Quy hoạch đô thị", "Sĩ quan Quân đội nhân dân Việt Nam",
    "Sở hữu trí tuệ", "Sử dụng năng lượng tiết kiệm và hiệu quả", "Tài nguyên nước", "Tạm giữ, tạm giam",
    "Tần số vô tuyến điện", "Thanh niên", "Thanh tra", "Thi đua, khen thưởng", "Thi hành án dân sự",
    "Thi hành án hình sự", "Thống kê", "Thú y", "Thủ đô", "Thủy lợi", "Thủy sản", "Thuế giá trị gia tăng",
    "Thuế thu nhập cá nhân", "Thuế thu nhập doanh nghiệp", "Thuế tiêu thụ đặc biệt",
    "Thực hành tiết kiệm, chống lãng phí", "Thương mại", "Thư viện", "Tiếp cận thông tin", "Tiếp công dân",
    "Tiêu chuẩn và quy chuẩn kỹ thuật", "Tín ngưỡng, tôn giáo", "Tố cáo",
    "Tố tụng hành chính", "Tổ chức chính quyền địa phương", "Tổ chức Chính phủ", "Tổ chức cơ quan điều tra hình sự",
    "Tổ chức Quốc hội", "Tổ chức Tòa án nhân dân", "Tổ chức Viện kiểm sát nhân dân",
    "Trách nhiệm bồi thường của Nhà nước",
    "Trẻ em", "Trồng trọt", "Trợ giúp pháp lý", "Trưng cầu ý dân", "Trật tự, an toàn giao thông đường bộ",
    "Viễn thông", "Viên chức", "Việc làm", "Xây dựng", "Xuất bản", "Xuất cảnh, nhập cảnh của công dân Việt Nam",
    "Xử lý vi phạm hành chính", "Thể dục, thể thao", "Hình sự", "Dân sự", "Lao động", "Tố tụng hình sự",
    "Tố tụng dân sự", "Hàng hải Việt Nam", "Đặc khu",
]

# Roles; longer forms first so the segmenter keeps the longest whole.
TITLES = [
    "Phó Bí thư Thường trực", "Bí thư Thường trực", "Phó Chủ tịch Thường trực",
    "Ủy viên Thường trực", "Tổng Bí thư", "Phó Bí thư", "Bí thư",
    "Phó Chủ tịch", "Chủ tịch", "Phó Trưởng", "Trưởng", "Phó Giám đốc", "Giám đốc",
    "Phó Tổng Giám đốc", "Tổng Giám đốc", "Chánh",
    "Phó Chánh", "Ủy viên", "Tỉnh ủy viên", "Thành ủy viên", "Huyện ủy viên", "Đảng ủy viên",
    "Quận ủy viên", "Thị ủy viên", "Phó Thủ tướng", "Thủ tướng", "Bộ trưởng", "Thứ trưởng",
    "Phó Chủ nhiệm", "Chủ nhiệm", "Chỉ huy trưởng", "Phó Chỉ huy trưởng", "Chính ủy",
    "Phó Chính ủy", "Tư lệnh", "Phó Tư lệnh", "Cục trưởng", "Phó Cục trưởng", "Viện trưởng",
    "Chánh án", "Phó Chánh án", "Hiệu trưởng", "Đại biểu", "Tổng biên tập", "Phó Tổng biên tập",
    "Chủ tịch Hội đồng quản trị", "Phó Thủ tướng Thường trực", "Chủ tịch nước", "Phó Chủ tịch nước",
    "Vụ trưởng", "Phó Vụ trưởng", "Phó Trưởng ban Thường trực", "Tổng cục trưởng",
    "Phó Tổng cục trưởng", "Tổng Thư ký", "Phó Chủ nhiệm Thường trực", "Ủy viên dự khuyết",
    "Trợ lý", "Thư ký",
    # the army's and the tax offices' posts, advisers, accountants
    "Tham mưu trưởng", "Phó Tham mưu trưởng", "Tổng Tham mưu trưởng", "Chi cục trưởng",
    "Phó Chi cục trưởng", "Cố vấn", "Kế toán trưởng", "Đội trưởng", "Phó Đội trưởng", "Thủ trưởng",
    "Phó Thủ trưởng", "Kiểm soát viên", "Kiểm soát viên chuyên trách", "Phó Tổng Tham mưu trưởng",
    # heads of foreign states and governments: "Tổng thống Mỹ Joe Biden"
    "Tổng thống", "Phó Tổng thống", "Ngoại trưởng",
]
# Titles that end in a body's head word: whole only when no body follows, before punctuation or
# a person's name ("ông X, Trưởng ban,"); before a body they split as rule 1 ("[Trưởng] [ban Tổ
# chức T.Ư]", "[Trưởng] [đoàn đại biểu Quốc hội]", case 35).
TITLES_BEFORE_BODY = ["Phó Trưởng ban", "Trưởng ban", "Trưởng đoàn", "Phó Trưởng đoàn", "Chánh Thanh tra",
                      "Phó Chánh Thanh tra", "Chánh Văn phòng", "Phó Chánh Văn phòng"]
# Titles that contain an organisation head and so must be found before the heads.
TITLES_FIRST = [t for t in TITLES if "Thường trực" in t or t.endswith("ủy viên")]
LOWER_TITLE_WORDS = ["ủy viên", "bí thư", "phó bí thư", "chủ tịch", "phó chủ tịch", "đảng ủy viên",
                     "giám đốc", "phó giám đốc", "bộ trưởng", "thứ trưởng", "phó trưởng",
                     "tổng giám đốc", "phó tổng giám đốc", "viện trưởng",
                     "phó viện trưởng", "chủ nhiệm", "phó chủ nhiệm", "chánh án", "chánh thanh tra",
                     "tổng bí thư", "thủ tướng", "phó thủ tướng", "chủ tịch nước", "đại biểu",
                     "hiệu trưởng", "cục trưởng", "vụ trưởng", "phó vụ trưởng", "chuyên viên",
                     "kế toán", "ủy viên dự khuyết", "tỉnh ủy viên", "thành ủy viên", "huyện ủy viên",
                     "quận ủy viên", "thị ủy viên", "phó chánh án", "tổng biên tập", "phó tổng biên tập"]
TITLE_ABBREVIATIONS = {
    "TUV": "Tỉnh ủy viên", "HUV": "Huyện ủy viên", "ĐBQH": "Đại biểu Quốc hội",
    "UVTW": "Ủy viên Trung ương Đảng", "UVBTV": "Ủy viên Ban Thường vụ", "BT": "Bí thư",
    "GĐ": "Giám đốc", "PGĐ": "Phó Giám đốc", "TGĐ": "Tổng Giám đốc",
    "PBT": "Phó Bí thư", "PCT": "Phó Chủ tịch", "ĐUV": "Đảng ủy viên",
}
HONORIFICS = ["đồng chí", "đ/c", "ông", "bà", "anh", "chị", "các ông", "các bà", "ông bà", "các đồng chí",
              "các ông bà", "hòa thượng", "TS", "ThS", "PGS", "GS", "BS", "TS.BS", "GS.TS", "PGS.TS",
              "đại tá", "thượng tá", "trung tá",
              "thiếu tá", "thiếu tướng", "trung tướng", "thượng tướng", "đại tướng", "TS.",
              "ThS.", "GS.", "PGS.", "PGS.TS.", "Ts.", "Ths."]
HONORIFIC_WORDS = frozenset(h.lower() for h in HONORIFICS)  # as a word's lower-case form reads

# Verbs that say an organisation carries out, reviews or disseminates a document.
IMPLEMENT_VERBS = ["thực hiện", "triển khai", "quán triệt", "tổng kết", "sơ kết", "học tập",
                   "tuyên truyền", "cụ thể hóa", "phổ biến", "tổ chức thực hiện", "đánh giá"]
ISSUE_VERBS = ["ban hành", "ký ban hành", "ra", "ký", "phát hành"]

# Leaders who died before the oldest article (2013): whatever post an article names them by,
# they hold it no more (`former`, case 159). Full names only, each borne by no one else in the
# news ("Nguyễn Văn Linh" is, and is not here).
LEADERS_OF_THE_PAST = {"Hồ Chí Minh", "Tôn Đức Thắng", "Võ Văn Kiệt", "Phạm Văn Đồng", "Lê Duẩn",
                       "Trường Chinh", "Trần Phú", "Lê Hồng Phong", "Hà Huy Tập", "Nguyễn Văn Cừ",
                       "Huỳnh Thúc Kháng", "Nguyễn Lương Bằng", "Hoàng Quốc Việt"}
FAMILY_NAMES = {
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý", "Lương", "Vi", "Lò", "Hà", "Triệu", "Nông", "Lại", "Đinh",
    "Đào", "Tô", "Mai", "Trịnh", "Lưu", "Cao", "Tạ", "Quách", "Kiều", "Lâm", "Thái", "Chu",
    "Đoàn", "Trương", "Văn", "La", "Mạc", "Tăng", "Lục", "Hứa", "Giàng", "Sùng", "Thào",
    "Vàng", "Mùa", "Ksor", "Rơ", "Y", "H", "Siu", "Đàm", "Âu", "Từ", "Khổng", "Diệp", "Quan",
    "Nịnh", "Ma", "Bế", "Hầu", "Tòng", "Cầm", "Điêu", "Nguyên", "Ninh", "Phùng", "Khúc",
    "Tôn", "Tống", "Quàng", "Sầm", "Khuất", "Bạch", "Thân", "Mông", "Kha", "Doãn", "Nhữ", "Giáp",
    "Bàn", "Lầu", "Vừ", "Hờ", "Nie", "Kpă", "Rcom", "Êban", "Lăng", "Ông", "Lạc", "Phí",
    "Vương", "Yên", "Lộc", "Chế", "Ân", "Chúc", "Đồng", "Lữ", "Mẫn", "Châu", "Thạch", "Tất", "Chẩu",
    "Lù", "Sơn", "Kim", "Danh",
}
# Words that may follow "Công ty" inside a company's name.
COMPANY_FORMS = {"TNHH", "MTV", "CP", "Cổ phần", "cổ phần", "JSC"}

# Words after which a day/month with no year is a date ("sáng nay 4/8", "hôm qua 13/4").
DATE_CUES = {"ngày", "sáng", "chiều", "tối", "trưa", "đêm", "hôm", "từ", "đến", "tới", "sáng ngày",
             "chiều ngày", "tối ngày", "trưa ngày", "đêm ngày", "và", "hôm nay", "hôm qua", "nay",
             "qua", "-", "–", "(", ",", "trong"}


# What joins the posts of one person's list ("ủy viên Ban Thường vụ Tỉnh ủy, Bí thư Huyện ủy
# kiêm Chủ tịch HĐND huyện"): the statuses read where such a list opens, the relations
# whether a title belongs to it.
POST_LIST_GLUE = {",", ";", "và", "kiêm", "-", "–"}
# What opens the list of a title's holders (case 35), and what may stand between the title,
# with its body, and that word: its term, "mới", the count of people ("3 [uỷ viên] mới vào
# [Ban Chấp hành Đảng bộ TP Đà Nẵng] nhiệm kỳ 2015 - 2020, gồm:", "… đối với 6 người gồm:").
HOLDER_LIST_OPENERS = frozenset({"gồm", "gồm có", "bao gồm", ":"})
# A decision's title and the people it concerns: "miễn nhiệm chức danh [ủy viên] UBND tỉnh đối với
# ông A, nguyên Giám đốc Sở Tư pháp; bà B, …" (case 176).
CONCERNED_LIST_OPENERS = HOLDER_LIST_OPENERS | {"đối với", "cho"}
BEFORE_HOLDER_LIST = {",", "(", ")", "-", "–", "khóa", "nhiệm kỳ", "mới", "vào", "với", "đối với", "người"}


def before_holder_list(word: str) -> bool:
    """A word (lower-case) of a title's term or count, before the list of its holders."""
    return word in BEFORE_HOLDER_LIST or any(c.isdigit() for c in word) or all(c in "ivxlc" for c in word)


# "giữ chức (vụ/danh)" before a post, in whatever pieces the segmenter cut it into ("giữ | chức
# vụ", "giữ chức | Bí thư"): read by the status of a post given and by the check of a proposed one.
HOLD_A_POST = {"giữ", "chức", "chức vụ", "chức danh", "giữ chức", "giữ chức vụ", "giữ chức danh"}

# Cue words of the guidelines' status table (K4, K7, cases 37, 45, 50), nearest first wins.
STATUS_CUES: dict[str, str] = {
    "nguyên": "former", "cựu": "former", "cố": "former", "từng": "former", "trước đó": "former",
    "khi đó": "former", "trong thời gian": "former", "trước khi": "former", "quyền": "acting",
    "phụ trách": "acting", "tân": "appointed", "bổ nhiệm": "appointed", "bầu": "appointed",
    "điều động": "appointed", "chỉ định": "appointed", "phân công": "appointed",
    "chuẩn y": "appointed", "luân chuyển": "appointed", "tái đắc cử": "appointed",
    "đắc cử": "appointed", "trúng cử": "appointed", "thôi giữ chức": "ended", "thôi": "ended",
    "nghỉ hưu": "ended", "miễn nhiệm": "ended", "cách chức": "ended", "bãi nhiệm": "ended",
    "cho thôi": "ended", "giáng chức": "ended", "hưu trí": "ended", "chờ hưu": "ended",
    "nghỉ công tác": "ended", "nhận nhiệm vụ": "appointed", "nhận công tác": "appointed",
    "được điều": "appointed", "trước đây": "former", "trải qua": "former", "kinh qua": "former",
}


def alternation(words: list[str] | dict) -> str:
    """A regex alternation of words, longest first, with flexible inner spaces, written as a
    tree of shared first letters (see `_letter_tree`)."""
    return _letter_tree(sorted(set(words), key=len, reverse=True))


def _letter_tree(words: list[str]) -> str:
    """`words` as alternatives in their order, those that start with the same letter under it:
    "ban chấp hành", "ban", "bộ" -> "b(?:a(?:n(?:\\s+chấp\\s+hành|))|ộ)". The engine tries
    alternatives one by one, so a tree turns a place away in a few steps rather than one per
    word. It matches what the flat list matches: words whose first letters differ (case aside)
    never match at one place, so moving them past each other changes nothing, and words under
    one letter keep their order. Spaces (`\\s+`, which can give characters back) and letters
    whose case differs are not shared."""
    by_first: dict[str, list[str]] = {}
    for word in words:
        by_first.setdefault(word[:1].lower(), []).append(word)
    parts = []
    for first, group in by_first.items():
        if len(group) > 1 and first.strip() and all(w[0] == group[0][0] for w in group):
            parts.append(f"{re.escape(group[0][0])}(?:{_letter_tree([w[1:] for w in group])})")
        else:
            parts += [re.escape(w).replace(r"\ ", r"\s+") for w in group]
    return "|".join(parts)


def term_re(words: list[str] | dict, ignore_case: bool = True) -> re.Pattern:
    """Whole-word matcher; with ignore_case=False only the first letter's case is kept
    ("Ban chấp hành" still matches "Ban Chấp hành", "ban chấp hành" does not), and an
    abbreviation in capitals keeps all of its case ("TƯ" is no "Tư" of "Tư pháp")."""
    if ignore_case:
        return re.compile(rf"(?<!\w)(?:{alternation(words)})(?!\w)", re.IGNORECASE)
    by_first: dict[str, list[str]] = {}
    for word in words:
        if not word.isupper():
            by_first.setdefault(word[0], []).append(word[1:])
    parts = [f"{re.escape(first)}(?i:{alternation(rests)})" if any(rests) else re.escape(first)
             for first, rests in by_first.items()]
    capitals = [word for word in words if word.isupper()]
    return re.compile(rf"(?<!\w)(?:{'|'.join(parts + ([alternation(capitals)] if capitals else []))})(?!\w)")


# Bodies each province has its own of, which articles name without their place ("Giám đốc Sở
# Nội vụ", "Ban Thường vụ", "Văn phòng Thành ủy"): the KB never keeps one such body for the
# whole country (`kb.keys.is_local_body`; which are the article's province's, below).
# Heads of a province's departments and of their offices ("Sở KH&ĐT", "Phòng Tổng hợp", "Chi cục
# Kiểm lâm") ...
LOCAL_BODY_HEADS = ["Sở", "Phòng", "Chi cục"]
# ... boards, councils and offices named alone, which every committee, council or company has
# (a national one is named with its body: "Ban Tổ chức Trung ương", "Đảng đoàn Quốc hội"; a
# bare "Ủy ban nhân dân" is no such body but a bare one, `kb.keys.is_bare_body`) ...
LOCAL_BOARDS = [
    "Ban Thường vụ", "Thường vụ", "Thường trực", "Ban Chấp hành", "Ban Cán sự đảng", "Đảng đoàn",
    "Đảng ủy cơ quan", "Hội đồng quản trị", "HĐQT", "Hội đồng thành viên", "HĐTV", "Ủy ban",
    "Ủy ban Kiểm tra", "Ban Tổ chức", "Ban Tuyên giáo", "Ban Dân vận", "Ban Nội chính",
    "Ban Kinh tế - Ngân sách", "Ban Pháp chế", "Ban Văn hóa - Xã hội", "Ban Dân tộc", "Ban Chỉ đạo",
    "Văn phòng", "Đoàn đại biểu Quốc hội", "Đoàn ĐBQH", "Tiểu ban Nhân sự", "Tiểu ban Văn kiện", "Hội",
]
# ... and bodies of a local committee, named last without its place ("Ban Tổ chức Thành ủy", "Tỉnh đoàn").
LOCAL_COMMITTEES = ["Tỉnh ủy", "Thành ủy", "Huyện ủy", "Quận ủy", "Thị ủy", "Tỉnh đoàn", "Thành đoàn",
                    "Huyện đoàn"]
# Of those, the ones a province has exactly one of, which the KB takes for the article's
# province's (`kb.keys.provincial_body`): its departments and their branches ("Sở Nội vụ",
# "Chi cục Kiểm lâm"), the bodies of its party committee ("Ban Tổ chức Tỉnh ủy", "Tỉnh đoàn";
# "Thành ủy", "Thành đoàn" where the province is a city run by the centre) and its National
# Assembly delegation. A "Ban Thường vụ", a "Phòng" or a "Văn phòng Huyện ủy" is one of many
# in a province, and stays its article's.
PROVINCIAL_BODY_HEADS = ["Sở", "Chi cục"]
PROVINCIAL_COMMITTEES = ["Tỉnh ủy", "Tỉnh đoàn"]
CITY_COMMITTEES = ["Thành ủy", "Thành đoàn"]
PROVINCIAL_BOARDS = ["Đoàn đại biểu Quốc hội", "Đoàn ĐBQH"]
# The party's centre as articles write it ("Ban Tổ chức Trung ương", "Hội nghị TƯ 8") ...
CENTRE_WORDS = ["Trung ương", "TW", "TƯ", "T.Ư"]
# ... with the state's, the words that name a central body, whose head is one of a few hundred
# people in the country (`kb.keys.national_post`): "Tòa án nhân dân tối cao", "Ủy ban Pháp luật
# của Quốc hội" ...
CENTRAL_BODY_WORDS = [*CENTRE_WORDS, "Quốc hội", "Chính phủ", "Nhà nước", "tối cao", "Tối cao"]
# ... and with the country's, the words that make a name with a local head national, as written
# (case counts for the first letter and for capitals: "TƯ" is no "Tư" of "Sở Tư pháp"): "Phòng
# Thương mại và Công nghiệp Việt Nam", "Sở Giao dịch Ngân hàng Nhà nước"; a ministry ("Bộ Công
# an") counts too.
NATIONAL_BODY_WORDS = [*CENTRAL_BODY_WORDS, "Việt Nam", "quốc gia", "Quốc gia", "Tổng cục"]
