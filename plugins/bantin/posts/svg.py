"""Whether an SVG file may be published: parsed as XML, judged on what a browser would see.

Opened on its own (a reader taps the photo), an SVG is a document of the
site's origin and runs whatever scripts it holds. A byte pattern cannot tell:
``<s:script>`` is a script when ``s`` is bound to the SVG namespace,
``&#106;avascript:`` is ``javascript:`` once the parser resolves the
character reference. So the file is parsed with a real XML parser (defusedxml:
no entity expansion, no external fetches) and refused on elements and
attributes after namespace and entity resolution.
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element, ParseError, TreeBuilder

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

SVG_NS = "http://www.w3.org/2000/svg"
# Elements that run code or embed another document, in any namespace
# (SVG's own, XHTML's inside foreignObject, or none).
ACTIVE_ELEMENTS = frozenset(
    {"script", "foreignobject", "iframe", "embed", "object", "handler", "listener", "frame"}
)
# Attributes that load a URL (checked for script schemes) or switch one (animation).
_URL_SCHEMES = ("javascript:", "vbscript:", "data:text/html", "data:application/")
_URL_STRIP = re.compile(r"[\t\n\r]")


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1].lower()


def _url_is_active(value: str) -> bool:
    """As a browser reads a URL: tabs and new lines dropped, leading controls and spaces trimmed."""
    cleaned = _URL_STRIP.sub("", value).lstrip("".join(map(chr, range(0x21)))).lower()
    return cleaned.startswith(_URL_SCHEMES)


class _Builder(TreeBuilder):
    """Keeps every processing instruction, also those before the root element."""

    def __init__(self) -> None:
        super().__init__()
        self.instructions: list[str] = []

    def pi(self, target: str, data: str | None = None) -> Element:
        self.instructions.append(target)
        return super().pi(target, data)


def svg_problem(data: bytes) -> str | None:
    """Why this SVG may not be published (a Vietnamese phrase), or ``None``."""
    builder = _Builder()
    parser = DefusedXMLParser(target=builder, forbid_dtd=False)
    try:
        parser.feed(data)
        root = parser.close()
    except DefusedXmlException:
        return "có khai báo thực thể (ENTITY) hoặc tham chiếu ra ngoài"
    except (ParseError, ValueError):
        return "không phải tệp XML hợp lệ (tệp hỏng hoặc không phải SVG)"
    if builder.instructions:
        # <?xml-stylesheet?> makes the browser load and apply (even XSLT) another file.
        return f"có chỉ thị xử lý <?{builder.instructions[0]} ...?>"
    if root.tag != f"{{{SVG_NS}}}svg":
        return "không phải ảnh SVG (phần tử gốc không phải <svg> của SVG)"
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        name = _local(element.tag)
        if name in ACTIVE_ELEMENTS:
            return f"có phần tử <{name}> chạy được mã"
        for attribute, value in element.attrib.items():
            local = _local(attribute)
            if local.startswith("on"):
                return f"có thuộc tính sự kiện “{local}” chạy được mã"
            if _url_is_active(value):
                return f"có địa chỉ “{value.strip()[:30]}” chạy được mã"
            if name in ("animate", "set") and local == "attributename":
                target = value.strip().rsplit(":", 1)[-1].lower()
                if target in ("href", "src") or target.startswith("on"):
                    return "có hiệu ứng đổi liên kết hoặc sự kiện (animate/set)"
    return None
