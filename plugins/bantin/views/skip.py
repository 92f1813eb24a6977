"""Why a log line did not become a page view: the keys of an import summary."""

from __future__ import annotations

from enum import StrEnum


class Skip(StrEnum):
    MALFORMED = "malformed"
    TOO_LONG = "too_long"
    FUTURE = "future"
    NOT_GET = "not_get"
    STATUS = "status"
    BAD_PATH = "bad_path"
    ASSET = "asset"
    NOT_PAGE = "not_page"
    BOT = "bot"
    DUPLICATE = "duplicate"
    REPEAT = "repeat"


# Vietnamese labels for the summary printed by ``bantin views import``, in that order.
LABELS: dict[Skip, str] = {
    Skip.MALFORMED: "dòng sai định dạng (không phải nhật ký combined, hoặc giờ/múi giờ không có thật)",
    Skip.TOO_LONG: "dòng dài bất thường (hơn 32 KB)",
    Skip.FUTURE: "thời điểm ở tương lai (đồng hồ máy chủ bị sai?)",
    Skip.NOT_GET: "không phải yêu cầu GET",
    Skip.STATUS: "mã trạng thái khác 200 và 304",
    Skip.BAD_PATH: "đường dẫn không hợp lệ (mã hoá sai, có '..')",
    Skip.ASSET: "tệp tĩnh (ảnh, CSS, JS, tìm kiếm, RSS…)",
    Skip.NOT_PAGE: "không phải trang của trang tin này",
    Skip.BOT: "bot, máy thu thập dữ liệu",
    Skip.DUPLICATE: "đã nhập ở lần trước (trùng)",
    Skip.REPEAT: "cùng người đọc xem lại trong 30 phút",
}
