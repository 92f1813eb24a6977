"""Issue 13 item 5: SVGs are judged as XML after namespaces and entities are resolved.

Data-driven: each hostile SVG below was published by the byte-pattern filter (or is a
variant of one that was); each harmless one must still be accepted.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bantin.posts.attachments import image_problem
from bantin.posts.svg import svg_problem

SVG = 'xmlns="http://www.w3.org/2000/svg"'
XLINK = 'xmlns:xlink="http://www.w3.org/1999/xlink"'

HOSTILE = {
    "svg-namespace-prefix": '<s:svg xmlns:s="http://www.w3.org/2000/svg"><s:script>alert(1)</s:script></s:svg>',
    "xhtml-namespace-prefix": f'<svg {SVG} xmlns:h="http://www.w3.org/1999/xhtml"><h:script>alert(1)</h:script></svg>',
    "entity-javascript-href": f'<svg {SVG}><a href="&#106;avascript:alert(1)"><text>x</text></a></svg>',
    "hex-entity-xlink": f'<svg {SVG} {XLINK}><a xlink:href="&#x6A;avascript:alert(1)"><rect/></a></svg>',
    "tab-inside-scheme": f'<svg {SVG}><a href="java&#9;script:alert(1)"><rect/></a></svg>',
    "leading-space-scheme": f'<svg {SVG}><a href=" &#10;javascript:alert(1)"><rect/></a></svg>',
    "plain-script": f"<svg {SVG}><script>alert(1)</script></svg>",
    "upper-case-script": f"<svg {SVG}><SCRIPT>alert(1)</SCRIPT></svg>",
    "onload": f'<svg {SVG} onload="alert(1)"/>',
    "namespaced-onload": f'<svg {SVG} xmlns:e="urn:x"><rect e:onclick="alert(1)"/></svg>',
    "foreign-object": f"<svg {SVG}><foreignObject><div>x</div></foreignObject></svg>",
    "animate-href": f'<svg {SVG}><a><animate attributeName="href" values="javascript:alert(1)"/><text>x</text></a></svg>',
    "set-href": f'<svg {SVG}><a><set attributeName="xlink:href" to="https://evil.example"/></a></svg>',
    "entity-declaration": f'<!DOCTYPE svg [<!ENTITY x "javascript:alert(1)">]><svg {SVG}><a href="&x;"/></svg>',
    "billion-laughs": f'<!DOCTYPE svg [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><svg {SVG}>&b;</svg>',
    "stylesheet-pi": f'<?xml-stylesheet href="x.xsl" type="text/xsl"?><svg {SVG}/>',
    "data-html": f'<svg {SVG}><a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;"><rect/></a></svg>',
    "not-svg-root": '<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>',
    "iframe": f'<svg {SVG}><iframe src="https://evil.example"/></svg>',
    "broken-xml": f"<svg {SVG}><script>alert(1)",
}

HARMLESS = {
    "plain": f'<svg {SVG} viewBox="0 0 10 10"><rect width="10" height="10" fill="#c00"/></svg>',
    "long-comment-first": "<!--"
    + "Ảnh do phòng văn hoá vẽ. " * 200
    + f"--><svg {SVG}><circle r='4'/></svg>",
    "long-prolog": '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
    + "<!-- Generator: Adobe Illustrator 27.0.0 -->\n" * 40
    + '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
    + f"<svg {SVG} {XLINK}><use xlink:href='#a'/><g id='a'/></svg>",
    "ordinary-links": f'<svg {SVG}><a href="https://phucloi.example.vn/"><text>Phúc Lợi</text></a></svg>',
    "text-mentions-script": f"<svg {SVG}><text>script onload javascript: are words here</text></svg>",
    "animate-colour": f'<svg {SVG}><rect><animate attributeName="fill" values="red;blue" dur="2s"/></rect></svg>',
}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_svgs_are_refused(name: str, tmp_path: Path) -> None:
    assert svg_problem(HOSTILE[name].encode()) is not None
    path = tmp_path / "anh.svg"
    path.write_text(HOSTILE[name], encoding="utf-8")
    message = image_problem(path, "anh/anh.svg")
    assert message is not None and "anh/anh.svg" in message


@pytest.mark.parametrize("name", HARMLESS)
def test_harmless_svgs_are_accepted(name: str, tmp_path: Path) -> None:
    path = tmp_path / "anh.svg"
    path.write_text(HARMLESS[name], encoding="utf-8")
    assert image_problem(path, "anh.svg") is None
