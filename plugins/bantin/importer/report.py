"""The per-file report of an import, in Vietnamese."""

from __future__ import annotations

from collections.abc import Sequence

from .batch import FileReport

_STATUS = {
    "imported": "đã nhập",
    "updated": "đã nhập lại (ghi đè bài cũ)",
    "unchanged": "đã nhập trước đây, không có gì thay đổi",
    "kept": "đã nhập trước đây; giữ nguyên bài cũ (thêm --force để ghi đè)",
    "duplicate": "trùng một bài đã nhập, bỏ qua",
    "skipped": "bỏ qua",
    "failed": "LỖI, không nhập được",
}


def format_report(report: FileReport) -> str:
    lines = [
        f"{report.source}: {_STATUS[report.status]}" + (f" → {report.post}" if report.post else "")
    ]
    for item in report.found:
        lines.append(f"  + {item}")
    for item in report.missing:
        lines.append(f"  ? chưa rõ {item}")
    for item in report.problems:
        lines.append(f"  ! lỗi: {item}")
    return "\n".join(lines)


def summary(reports: Sequence[FileReport]) -> str:
    count = {status: sum(r.status == status for r in reports) for status in _STATUS}
    done = count["imported"] + count["updated"]
    parts = [f"{done} bài mới hoặc nhập lại"]
    known = count["unchanged"] + count["kept"] + count["duplicate"]
    if known:
        parts.append(f"{known} bài đã có từ trước")
    if count["failed"]:
        parts.append(f"{count['failed']} tệp lỗi")
    if count["skipped"]:
        parts.append(f"{count['skipped']} tệp bỏ qua")
    todo = sum(1 for r in reports if r.missing and r.status in ("imported", "updated"))
    text = "Kết quả: " + ", ".join(parts) + "."
    if done:
        text += (
            " Các bài nhập đều là bản nháp (draft: true)"
            + (f"; {todo} bài còn mục TODO cần điền" if todo else "")
            + ". Đọc lại từng bài, rồi chạy “bantin check”."
        )
    return text
