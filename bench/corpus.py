"""A reproducible corpus of realistic ward news posts, for benchmarks.

    python bench/corpus.py N OUT [--seed 2025]

writes a complete bantin site into ``OUT``: ``mkdocs.yml`` (the repository's
own, with every feature on), ``docs/`` (the static pages), ``posts/`` with N
posts in the content contract (``/work/shared/spec/content-format.md``), cover
photos and ``data/views.json`` with imported view counts. The same N and seed
always give the same files, byte for byte.

Each post: Vietnamese prose with diacritics, 600 to 1,500 words, headings,
lists, a table in one post in four, 2 to 5 indicators covering every kind
(amount, target, ratio ``of``, stated percent, ``previous``, ``parts``), the
odd inline ``[[chỉ số: id]]`` and ``[[chỉ số]]`` marker, ``views``, 6 to 10
tags from a vocabulary of about 200, one of the declared categories, a date in
the ten years 2016 to 2025, and a cover photo on one post in five.

Every indicator is consistent (stated percents agree with their figures,
parts add up), so a strict build of the corpus passes: the benchmark measures
building, not reporting warnings.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED = 2025
MIN_WORDS, MAX_WORDS = 600, 1500  # words of a body, Markdown marks included

CATEGORIES = [
    "Tin tức - Sự kiện",
    "Bài viết chuyên sâu",
    "Dân vận chính quyền",
    "Mặt trận - Đoàn thể",
    "Thông báo",
]

# Former wards merged into the new one (2025): their names recur in titles and tags.
WARDS = ["Phúc Lợi", "Giang Biên", "Việt Hưng", "Phúc Đồng", "Thạch Bàn", "Cự Khối"]

TOPICS = [
    "an sinh xã hội",
    "dân vận",
    "Dân vận khéo",
    "Mặt trận Tổ quốc",
    "Hội Phụ nữ",
    "Hội Cựu chiến binh",
    "Hội Người cao tuổi",
    "Hội Chữ thập đỏ",
    "Hội Nông dân",
    "Đoàn Thanh niên",
    "Đội Thiếu niên",
    "khuyến học",
    "giáo dục",
    "y tế",
    "tiêm chủng",
    "hiến máu tình nguyện",
    "phòng chống dịch",
    "Covid-19",
    "vệ sinh môi trường",
    "phân loại rác",
    "cây xanh",
    "nước sạch",
    "an ninh trật tự",
    "phòng cháy chữa cháy",
    "an toàn giao thông",
    "trật tự đô thị",
    "xây dựng nông thôn mới",
    "cải cách hành chính",
    "một cửa",
    "dịch vụ công trực tuyến",
    "chuyển đổi số",
    "căn cước công dân",
    "định danh điện tử",
    "tiếp công dân",
    "đối thoại",
    "khiếu nại tố cáo",
    "hòa giải ở cơ sở",
    "dân chủ ở cơ sở",
    "quy chế dân chủ",
    "nếp sống văn minh",
    "việc cưới việc tang",
    "gia đình văn hóa",
    "tổ dân phố văn hóa",
    "thể dục thể thao",
    "văn nghệ quần chúng",
    "lễ hội truyền thống",
    "di tích lịch sử",
    "đình làng",
    "người có công",
    "thương binh liệt sĩ",
    "Ngày 27/7",
    "đền ơn đáp nghĩa",
    "hộ nghèo",
    "hộ cận nghèo",
    "Quỹ Vì người nghèo",
    "nhà Đại đoàn kết",
    "bảo hiểm y tế",
    "bảo hiểm xã hội",
    "người khuyết tật",
    "trẻ em",
    "bình đẳng giới",
    "phòng chống bạo lực gia đình",
    "dân số",
    "kế hoạch hóa gia đình",
    "lao động việc làm",
    "đào tạo nghề",
    "kinh tế tập thể",
    "hộ kinh doanh",
    "chợ dân sinh",
    "an toàn thực phẩm",
    "thuế",
    "ngân sách",
    "đất đai",
    "giải phóng mặt bằng",
    "xây dựng trái phép",
    "quy hoạch",
    "chỉnh trang đô thị",
    "chiếu sáng công cộng",
    "thoát nước",
    "phòng chống thiên tai",
    "mưa bão",
    "quân sự địa phương",
    "tuyển quân",
    "dân quân tự vệ",
    "công an phường",
    "phòng chống ma túy",
    "phòng chống tội phạm",
    "Đảng ủy",
    "chi bộ",
    "đảng viên mới",
    "Hội đồng nhân dân",
    "bầu cử",
    "tiếp xúc cử tri",
    "sáp nhập phường",
    "sắp xếp đơn vị hành chính",
    "kỷ niệm",
    "Quốc khánh 2/9",
    "Tết Nguyên đán",
    "Trung thu",
    "Ngày hội Đại đoàn kết",
    "thi đua khen thưởng",
    "gương người tốt việc tốt",
    "học tập và làm theo Bác",
    "phổ biến pháp luật",
    "tuyên truyền",
    "thông tin cơ sở",
    "đài truyền thanh",
    "thư viện",
    "nhà văn hóa",
    "sân chơi trẻ em",
    "người cao tuổi",
    "chăm sóc sức khỏe",
    "khám bệnh miễn phí",
    "vệ sinh trường học",
    "tựu trường",
    "thi tuyển sinh lớp 10",
    "mầm non",
    "tiểu học",
    "trung học cơ sở",
]
TAG_VOCABULARY = (
    TOPICS + [f"Tổ dân phố số {n}" for n in range(1, 61)] + [f"phường {w} cũ" for w in WARDS[1:]]
)

# (label, unit, shape): shape decides which optional keys the indicator carries.
INDICATORS = [
    ("Quỹ “Vì người nghèo”", "đồng", "target"),
    ("Hộ nghèo được giúp đỡ", "hộ", "of"),
    ("Mô hình “Dân vận khéo”", "mô hình", "parts"),
    ("Cuộc đối thoại với nhân dân", "cuộc", "previous"),
    ("Người qua đời được hỏa táng", "người", "of"),
    ("Đơn vị máu tiếp nhận", "đơn vị máu", "target"),
    ("Suất quà được trao", "suất", "parts"),
    ("Tổng giá trị quà", "đồng", "amount"),
    ("Hồ sơ giải quyết đúng hạn", "hồ sơ", "percent"),
    ("Hồ sơ tiếp nhận trực tuyến", "hồ sơ", "previous"),
    ("Người dân được tiêm vắc xin", "người", "of"),
    ("Học sinh được khen thưởng", "học sinh", "parts"),
    ("Quỹ khuyến học", "đồng", "target"),
    ("Tổ dân phố văn hóa", "tổ dân phố", "of"),
    ("Gia đình văn hóa", "hộ", "percent"),
    ("Thanh niên lên đường nhập ngũ", "người", "target"),
    ("Vụ hòa giải thành", "vụ", "of"),
    ("Lượt công dân được tiếp", "lượt", "previous"),
    ("Đơn thư được giải quyết", "đơn", "of"),
    ("Người tham gia bảo hiểm y tế", "người", "percent"),
    ("Tấn rác thải được thu gom", "tấn", "previous"),
    ("Cây xanh được trồng mới", "cây", "target"),
    ("Nhà Đại đoàn kết được bàn giao", "căn", "amount"),
    ("Hội viên mới kết nạp", "hội viên", "parts"),
    ("Đảng viên mới kết nạp", "đảng viên", "target"),
    ("Thu ngân sách trên địa bàn", "đồng", "target"),
    ("Hộ kinh doanh được cấp phép", "hộ", "previous"),
    ("Vi phạm trật tự đô thị được xử lý", "trường hợp", "of"),
    ("Lượt người được khám bệnh miễn phí", "lượt", "parts"),
    ("Người có công được thăm hỏi", "người", "amount"),
    ("Kinh phí chỉnh trang ngõ xóm", "đồng", "parts"),
    ("Camera an ninh được lắp đặt", "camera", "previous"),
    ("Tài khoản định danh điện tử được kích hoạt", "tài khoản", "target"),
    ("Lao động được giới thiệu việc làm", "người", "target"),
    ("Buổi tuyên truyền pháp luật", "buổi", "previous"),
    ("Trẻ em được tặng quà Trung thu", "suất", "amount"),
    ("Tỷ lệ hộ phân loại rác tại nguồn", "%", "plain_percent"),
    ("Tỷ lệ trẻ đến trường đúng độ tuổi", "%", "plain_percent"),
    ("Ngày công lao động vệ sinh môi trường", "ngày công", "previous"),
    ("Hộ được hỗ trợ sửa chữa nhà", "hộ", "of"),
]
PART_LABELS = {
    "Mô hình “Dân vận khéo”": [
        "Kinh tế",
        "Văn hóa - xã hội",
        "Quốc phòng - an ninh",
        "Xây dựng hệ thống chính trị",
    ],
    "Suất quà được trao": ["Hộ nghèo", "Hộ cận nghèo", "Hộ khó khăn"],
    "Học sinh được khen thưởng": ["Mầm non", "Tiểu học", "Trung học cơ sở"],
    "Hội viên mới kết nạp": ["Hội Phụ nữ", "Hội Cựu chiến binh", "Đoàn Thanh niên", "Hội Nông dân"],
    "Lượt người được khám bệnh miễn phí": ["Người cao tuổi", "Trẻ em", "Người có công"],
    "Kinh phí chỉnh trang ngõ xóm": ["Ngân sách", "Nhân dân đóng góp", "Doanh nghiệp tài trợ"],
}

PEOPLE = [
    "ông Nguyễn Văn Hùng",
    "bà Trần Thị Lan",
    "ông Lê Minh Tuấn",
    "bà Phạm Thu Hằng",
    "ông Đỗ Quang Vinh",
    "bà Vũ Thị Hoa",
    "ông Hoàng Đức Thắng",
    "chị Lê Thu Trang",
    "anh Bùi Văn Khải",
    "bà Đặng Thị Nguyệt",
    "ông Ngô Xuân Trường",
    "chị Nguyễn Thị Hương",
]
ROLES = [
    "Chủ tịch UBND phường",
    "Phó Chủ tịch UBND phường",
    "Bí thư Đảng ủy phường",
    "Chủ tịch Ủy ban MTTQ phường",
    "Chủ tịch Hội Phụ nữ phường",
    "Bí thư Đoàn phường",
    "tổ trưởng tổ dân phố",
    "Trưởng Công an phường",
]
AUTHORS = ["N. Hoa", "Minh Đức", "Quang Huy", "Thu Hà", "Văn Long", "Đoàn Thanh niên phường"]
SOURCES = [
    "Trung tâm Văn hóa - Thông tin phường",
    "Ban Dân vận Đảng ủy phường",
    "Ủy ban MTTQ phường",
    "Công an phường",
    "Văn phòng HĐND - UBND phường",
]
UNITS = ["Phường Phúc Lợi", "Hội Phụ nữ phường", "Đoàn Thanh niên phường", "Ủy ban MTTQ phường"]

TITLE_FORMS = [
    "Phường {ward} {verb} {topic} năm {year}",
    "Kết quả công tác {topic} {period} năm {year} của phường {ward}",
    "{Topic}: {count} {thing} được {done} tại phường {ward}",
    "Hội nghị sơ kết {topic} {period} năm {year}",
    "Tổ dân phố số {tdp} đi đầu trong {topic}",
    "Thông báo về {topic} tại phường {ward} ({period})",
    "Ra quân hưởng ứng {topic}, thu hút {count} lượt người tham gia",
    "Nâng cao hiệu quả {topic} ở khu dân cư {ward}",
]
VERBS = ["triển khai", "đẩy mạnh", "tổng kết", "phát động", "nâng cao chất lượng"]
PERIODS = ["6 tháng đầu năm", "9 tháng", "quý I", "quý III", "cả năm", "tháng cao điểm"]
THINGS = ["hộ gia đình", "mô hình", "lượt người", "hồ sơ", "suất quà", "công trình"]
DONE = ["hỗ trợ", "hoàn thành", "tiếp nhận", "bàn giao", "khen thưởng"]

OPENINGS = [
    "Thực hiện kế hoạch của Đảng ủy, UBND phường, trong {period} năm {year} công tác {topic} trên địa bàn phường {ward} tiếp tục được triển khai đồng bộ, sát với nhu cầu của nhân dân.",
    "Sáng {day}/{month}, tại hội trường UBND phường {ward}, Ban Chỉ đạo {topic} phường tổ chức hội nghị sơ kết, đánh giá kết quả thực hiện và đề ra nhiệm vụ thời gian tới.",
    "Hưởng ứng phong trào {topic}, các tổ dân phố, chi hội và đoàn thể của phường {ward} đã có nhiều cách làm sáng tạo, được người dân đồng tình hưởng ứng.",
    "Năm {year}, dù còn nhiều khó khăn, phường {ward} vẫn hoàn thành và vượt nhiều chỉ tiêu về {topic}, góp phần giữ vững ổn định và nâng cao đời sống nhân dân.",
]
SENTENCES = [
    "Các tổ dân phố đã tổ chức {n} buổi tuyên truyền, thu hút hơn {big} lượt người dân tham gia.",
    "Công tác {topic} được lồng ghép trong các buổi sinh hoạt chi bộ, họp tổ dân phố và trên hệ thống loa truyền thanh của phường.",
    "Theo {person}, {role}, kết quả đạt được là nhờ sự vào cuộc của cả hệ thống chính trị và sự đồng thuận của nhân dân.",
    "Nhiều hộ gia đình đã chủ động đóng góp ngày công, kinh phí để cùng chính quyền thực hiện {topic}.",
    "Ủy ban MTTQ phường phối hợp với các đoàn thể rà soát, lập danh sách {n} hộ cần được quan tâm, hỗ trợ kịp thời.",
    "Bên cạnh kết quả đạt được, công tác {topic} vẫn còn một số hạn chế như sự phối hợp giữa các tổ dân phố chưa đồng đều, một bộ phận người dân chưa thực sự quan tâm.",
    "Phường đã ứng dụng nhóm Zalo của tổ dân phố để thông tin nhanh tới từng hộ, giúp người dân nắm bắt kịp thời chủ trương, chính sách.",
    "Đoàn Thanh niên phường cử {n} đoàn viên tình nguyện hỗ trợ người cao tuổi làm thủ tục trực tuyến tại bộ phận một cửa.",
    "Trong thời gian tới, phường tiếp tục đẩy mạnh {topic}, phấn đấu hoàn thành toàn diện các chỉ tiêu Nghị quyết Đại hội Đảng bộ phường đã đề ra.",
    "Kinh phí thực hiện được huy động từ ngân sách phường, sự đóng góp của nhân dân và các doanh nghiệp trên địa bàn, tổng cộng khoảng {money} đồng.",
    "Tại buổi làm việc, nhiều ý kiến của cử tri được ghi nhận, giải đáp trực tiếp; những nội dung vượt thẩm quyền được phường tổng hợp, báo cáo cấp trên.",
    "Người dân tổ dân phố số {tdp} cho biết, từ khi có mô hình mới, ngõ xóm sạch đẹp hơn, an ninh trật tự được bảo đảm.",
    "Các chi hội đã thăm hỏi, tặng {n} suất quà cho hội viên có hoàn cảnh khó khăn, mỗi suất trị giá {small} đồng.",
    "Phường biểu dương {n} tập thể và cá nhân có thành tích xuất sắc, đồng thời nhân rộng các cách làm hay ra toàn địa bàn.",
    "Việc giải quyết hồ sơ hành chính được công khai, minh bạch; tỷ lệ hồ sơ trễ hạn giảm rõ rệt so với cùng kỳ.",
    "Hội Cựu chiến binh phường duy trì đội tự quản, tham gia tuần tra, giữ gìn an ninh trật tự vào các buổi tối cuối tuần.",
    "Nhân dịp này, {person} đề nghị các đơn vị tiếp tục bám sát cơ sở, lắng nghe ý kiến người dân để kịp thời tháo gỡ vướng mắc.",
    "Đến nay, {percent}% hộ gia đình trên địa bàn đã đăng ký tham gia, vượt chỉ tiêu được giao.",
    "Sau sắp xếp đơn vị hành chính, cán bộ các phường {ward} cũ được bố trí hợp lý, bảo đảm bộ máy hoạt động thông suốt, không để gián đoạn việc phục vụ nhân dân.",
    "Đặc biệt, phong trào được các gia đình trẻ hưởng ứng mạnh mẽ, nhiều cháu thiếu nhi cũng tham gia cùng ông bà, cha mẹ.",
]
HEADINGS = [
    "Kết quả nổi bật",
    "Nhiều cách làm sáng tạo",
    "Phát huy vai trò của nhân dân",
    "Những khó khăn, hạn chế",
    "Nhiệm vụ trong thời gian tới",
    "Ý kiến của người dân",
    "Chuẩn bị chu đáo",
    "Lan tỏa trong cộng đồng",
    "Bài học kinh nghiệm",
]
BULLETS = [
    "Thăm hỏi, tặng quà hộ nghèo, cận nghèo và gia đình chính sách.",
    "Ra quân vệ sinh môi trường “10 phút làm sạch” vào sáng Chủ nhật hằng tuần.",
    "Tổ chức đối thoại trực tiếp giữa người đứng đầu cấp ủy, chính quyền với nhân dân.",
    "Tuyên truyền về cải cách hành chính và dịch vụ công trực tuyến.",
    "Duy trì hoạt động của tổ hòa giải ở cơ sở và tổ an ninh tự quản.",
    "Kiểm tra phòng cháy chữa cháy tại các hộ kinh doanh.",
    "Vận động người dân tham gia bảo hiểm y tế hộ gia đình.",
    "Trao học bổng cho học sinh nghèo vượt khó học giỏi.",
    "Trồng cây xanh tại các tuyến phố, vườn hoa và khuôn viên trường học.",
    "Hướng dẫn người dân kích hoạt tài khoản định danh điện tử mức độ 2.",
]

_WORD = re.compile(r"\S+")


def vn_int(value: int) -> str:
    """``1234567`` -> ``1.234.567``: the way staff write figures in front matter."""
    return f"{value:,}".replace(",", ".")


def vn_dec(value: Decimal) -> str:
    """``88.37`` -> ``88,37``."""
    return str(value).replace(".", ",")


class PostWriter:
    """Draws posts from one seeded random generator, so a run is reproducible."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.used: set[tuple[str, str]] = set()

    def fill(self, text: str, year: int, ward: str, topic: str) -> str:
        r = self.rng
        return text.format(
            year=year,
            ward=ward,
            topic=topic,
            Topic=topic[:1].upper() + topic[1:],
            period=r.choice(PERIODS),
            verb=r.choice(VERBS),
            count=r.randint(12, 900),
            thing=r.choice(THINGS),
            done=r.choice(DONE),
            tdp=r.randint(1, 60),
            day=r.randint(1, 28),
            month=r.randint(1, 12),
            n=r.randint(3, 95),
            big=vn_int(r.randint(300, 9000)),
            small=vn_int(r.randint(3, 20) * 100_000),
            money=vn_int(r.randint(50, 900) * 1_000_000),
            percent=r.randint(70, 99),
            person=r.choice(PEOPLE),
            role=r.choice(ROLES),
        )

    def paragraph(self, year: int, ward: str, topic: str) -> str:
        return " ".join(
            self.fill(s, year, ward, topic)
            for s in self.rng.sample(SENTENCES, self.rng.randint(3, 6))
        )

    def indicator(self, label: str, unit: str, shape: str) -> tuple[list[str], str]:
        """Front-matter lines of one indicator (YAML) and its id."""
        r = self.rng
        big = unit == "đồng"
        value = r.randint(20, 900) * (1_000_000 if big else 1)
        lines = [f"  - label: {label}"]
        lines.append(f'    value: "{vn_int(value)}"' if value >= 1000 else f"    value: {value}")
        if unit != "%":
            lines.append(f"    unit: {unit}")
        if shape == "target":
            target = max(1, int(value * r.uniform(0.8, 1.3)))
            lines.append(f'    target: "{vn_int(target)}"')
            if r.random() < 0.5:
                pct = (Decimal(value) * 100 / Decimal(target)).quantize(
                    Decimal("0.01"), ROUND_HALF_UP
                )
                lines.append(f'    percent: "{vn_dec(pct)}"')
        elif shape == "of":
            whole = value + r.randint(0, max(1, value // 5))
            lines.append(f'    of: "{vn_int(whole)}"' if whole >= 1000 else f"    of: {whole}")
        elif shape == "percent":
            lines.append(f'    percent: "{vn_dec(Decimal(r.randint(7000, 9999)) / 100)}"')
        elif shape == "plain_percent":
            lines[1] = f'    value: "{vn_dec(Decimal(r.randint(5000, 9999)) / 100)}"'
            lines.append("    unit: '%'")
        elif shape == "parts":
            labels = PART_LABELS[label]
            cuts = sorted(r.sample(range(1, value), len(labels) - 1)) if value > len(labels) else []
            if len(cuts) == len(labels) - 1:
                bounds = [0, *cuts, value]
                lines.append("    parts:")
                for part, lo, hi in zip(labels, bounds, bounds[1:], strict=False):
                    amount = hi - lo
                    text = f'"{vn_int(amount)}"' if amount >= 1000 else str(amount)
                    lines += [f"      - label: {part}", f"        value: {text}"]
        if shape in ("previous", "target", "parts") and r.random() < 0.6:
            previous = max(0, int(value * r.uniform(0.7, 1.2)))
            lines.append(
                f'    previous: "{vn_int(previous)}"'
                if previous >= 1000
                else f"    previous: {previous}"
            )
        return lines, slug_of(label)

    def table(self) -> str:
        r = self.rng
        rows = "\n".join(
            f"| Tổ dân phố số {r.randint(1, 60)} | {r.randint(5, 120)} | {r.randint(60, 100)}% |"
            for _ in range(r.randint(3, 7))
        )
        return f"| Đơn vị | Số hộ tham gia | Tỷ lệ |\n|---|---:|---:|\n{rows}"

    def post(self, index: int, start: datetime, span_days: int) -> tuple[str, str, str, bool]:
        """(relative path, text, title, has cover) of post number ``index``."""
        r = self.rng
        when = start + timedelta(days=r.randrange(span_days), minutes=r.randrange(7 * 60, 18 * 60))
        year, ward = when.year, r.choice(WARDS)
        topic = r.choice(TOPICS)
        for _ in range(50):
            title = self.fill(r.choice(TITLE_FORMS), year, ward, topic)
            key = (when.strftime("%Y%m%d"), slug_of(title))
            if key not in self.used:
                break
            topic = r.choice(TOPICS)
        else:
            title = f"{title} (bài {index})"
            key = (when.strftime("%Y%m%d"), slug_of(title))
        self.used.add(key)
        slug = key[1]

        chosen = r.sample(INDICATORS, r.randint(2, 5))
        ind_lines: list[str] = []
        ids: list[str] = []
        for label, unit, shape in chosen:
            lines, ident = self.indicator(label, unit, shape)
            ind_lines += lines
            ids.append(ident)

        words_wanted = r.randint(MIN_WORDS, MAX_WORDS)
        blocks = [self.fill(r.choice(OPENINGS), year, ward, topic)]
        if r.random() < 0.3:
            blocks.append(
                f"Theo báo cáo, kết quả chính là [[chỉ số: {ids[0]}]], được cấp ủy đánh giá cao."
            )
        if r.random() < 0.2:
            blocks.append("[[chỉ số]]")
        headings = r.sample(HEADINGS, len(HEADINGS))
        table_at = r.randrange(3, 8) if r.random() < 0.25 else -1
        section = 0
        words = count_words("\n\n".join(blocks))
        while words < words_wanted:
            more = []
            if len(blocks) % 4 == 1 and section < len(headings):
                more.append(f"## {headings[section]}")
                section += 1
            if len(blocks) == table_at:
                more.append(self.table())
            if r.random() < 0.2:
                more.append("\n".join(f"- {b}" for b in r.sample(BULLETS, r.randint(2, 5))))
            more.append(self.paragraph(year, ward, topic))
            added = count_words("\n\n".join(more))
            if words + added > MAX_WORDS:
                if words >= MIN_WORDS:
                    break
                continue
            blocks += more
            words += added
        body = "\n\n".join(blocks) + "\n"

        tags = r.sample(TAG_VOCABULARY, r.randint(6, 10))
        cover = index % 5 == 0
        date_text = (
            when.strftime("%d/%m/%Y %H:%M") if r.random() < 0.5 else when.strftime("%Y-%m-%d %H:%M")
        )
        meta = [
            "---",
            field("title", title),
            f"date: {date_text}",
            f"category: {r.choice(CATEGORIES)}",
            f"tags: [{', '.join(tags)}]",
            f"author: {r.choice(AUTHORS)}",
            f"source: {r.choice(SOURCES)}",
        ]
        if r.random() < 0.5:
            meta.append(f"unit: {r.choice(UNITS)}")
        if r.random() < 0.6:
            meta.append(field("summary", self.fill(r.choice(SENTENCES), year, ward, topic)))
        if cover:
            meta += [
                f"image: anh/{slug}.jpg",
                field(
                    "image_caption",
                    f"Quang cảnh hoạt động tại phường {ward} (Ảnh: {r.choice(AUTHORS)})",
                ),
            ]
        meta.append(f"views: {r.randint(0, 3000)}")
        if index % 997 == 3:
            meta.append("pinned: true")
        meta += ["indicators:", *ind_lines, "---", "", body]
        return f"{year}/{slug}.md", "\n".join(meta), title, cover


def field(key: str, value: str) -> str:
    """One front-matter line; quoted (JSON is YAML) only where plain YAML would misread it."""
    if ": " in value or value.startswith(("[", "{", "'", '"', "-", "*", "&", "!", "%", "@")):
        return f"{key}: {json.dumps(value, ensure_ascii=False)}"
    return f"{key}: {value}"


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


def slug_of(text: str) -> str:
    from bantin.core.text import slugify

    return slugify(text)


def site_config(repo: Path = REPO) -> str:
    """The repository's own ``mkdocs.yml`` (every feature on), made to work from another folder."""
    text = (repo / "mkdocs.yml").read_text(encoding="utf-8")

    def absolute(match: re.Match[str]) -> str:
        return f"{match.group(1)}{(repo / match.group(2)).as_posix()}"

    return re.sub(r"(?m)^(\s*custom_dir:\s*)(\S+)\s*$", absolute, text)


def photos(repo: Path = REPO) -> list[Path]:
    return sorted(repo.glob("posts/*/anh/*.jpg"))


def write_views(out: Path, urls: list[str], rng: random.Random) -> None:
    """``data/views.json`` with imported views for most posts and a few listings."""
    pages = {url: rng.randint(1, 500) for url in urls if rng.random() < 0.8}
    pages[""] = rng.randint(5000, 20000)
    total = sum(pages.values())
    days: dict[str, int] = {}
    day = datetime(2025, 1, 1)
    left = total
    while left > 0:
        n = min(left, rng.randint(50, 400))
        key = day.strftime("%Y-%m-%d")
        days[key] = days.get(key, 0) + n
        left -= n
        day += timedelta(days=1)
        if day.year > 2025:
            day = datetime(2025, 1, 1)
    doc = {
        "format": "bantin-views",
        "version": 1,
        "updated": "2026-01-01T00:00:00+07:00",
        "pages": dict(sorted(pages.items())),
        "days": dict(sorted(days.items())),
        "imported": {},
    }
    (out / "data").mkdir(parents=True, exist_ok=True)
    (out / "data" / "views.json").write_text(
        json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )


def write_corpus(count: int, out: Path, seed: int = SEED) -> list[Path]:
    """Write the site; return the post files in the order they were drawn."""
    if out.exists():
        shutil.rmtree(out)
    (out / "posts").mkdir(parents=True)
    shutil.copytree(REPO / "docs", out / "docs")
    (out / "mkdocs.yml").write_text(site_config(), encoding="utf-8")
    writer = PostWriter(seed)
    pictures = photos()
    start = datetime(2016, 1, 1)
    span = (datetime(2025, 12, 31) - start).days
    written: list[Path] = []
    urls: list[str] = []
    for index in range(count):
        relative, text, _title, cover = writer.post(index, start, span)
        path = out / "posts" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
        if cover and pictures:
            target = path.parent / "anh" / (path.stem + ".jpg")
            target.parent.mkdir(exist_ok=True)
            shutil.copyfile(pictures[index // 5 % len(pictures)], target)
        stamp = re.search(r"(?m)^date: (.*)$", text)
        assert stamp is not None
        raw = stamp.group(1)
        when = (
            datetime.strptime(raw, "%d/%m/%Y %H:%M")
            if "/" in raw
            else datetime.strptime(raw, "%Y-%m-%d %H:%M")
        )
        urls.append(f"{when:%Y/%m/%d}/{path.stem}/")
    write_views(out, urls, random.Random(seed + 1))
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("count", type=int, help="number of posts")
    parser.add_argument("out", type=Path, help="folder to write the site into (replaced)")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    posts = write_corpus(args.count, args.out, args.seed)
    words = [count_words(p.read_text(encoding="utf-8").split("\n---\n", 1)[1]) for p in posts]
    print(
        f"{len(posts)} posts in {args.out} "
        f"(words per body {min(words, default=0)}–{max(words, default=0)}, "
        f"mean {sum(words) // max(1, len(words))})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
