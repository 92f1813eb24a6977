"""Draw the demo site's cover pictures (flat illustrations, no downloads).

Pillow is NOT a project dependency. Run this in a throwaway virtualenv:

    python3 -m venv /tmp/imgvenv && /tmp/imgvenv/bin/pip install pillow
    /tmp/imgvenv/bin/python tools/make_demo_images.py

Every picture is 1200×675 JPEG (quality 80), drawn from a fixed random seed so
re-running the script gives the same files. Banner text is Vietnamese when a
Noto font is installed (Debian package fonts-noto-core), ASCII otherwise.
"""

from __future__ import annotations

import math
import random
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

ROOT = Path(__file__).resolve().parent.parent
WIDTH, HEIGHT = 1200, 675
HORIZON = 470
FONT_DIRS = (
    Path("/usr/share/fonts/truetype/noto"),
    Path("/usr/share/fonts/truetype/dejavu"),
)
FONT_NAMES = ("NotoSans-Bold.ttf", "DejaVuSans-Bold.ttf")

RED = (198, 40, 40)
YELLOW = (255, 214, 0)
SKIN = (240, 200, 160)
SHIRTS = [
    (21, 101, 192),
    (46, 125, 50),
    (245, 124, 0),
    (106, 27, 154),
    (0, 131, 143),
    (255, 255, 255),
    (183, 28, 28),
    (69, 90, 100),
]

Color = tuple[int, int, int]


def find_font(size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont | None:
    for folder in FONT_DIRS:
        for name in FONT_NAMES:
            path = folder / name
            if path.exists():
                return ImageFont.truetype(str(path), size)
    return None


def ascii_fold(text: str) -> str:
    """Vietnamese without diacritics, for the fallback bitmap font."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# ---------------------------------------------------------------- primitives


def gradient(img: Image.Image, top: Color, bottom: Color, y0: int, y1: int) -> None:
    draw = ImageDraw.Draw(img)
    span = max(1, y1 - y0)
    for y in range(y0, y1):
        t = (y - y0) / span
        colour = tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        draw.line([(0, y), (WIDTH, y)], fill=colour)


def grain(img: Image.Image, rng: random.Random, amount: int = 6) -> Image.Image:
    """A little paper-like texture so the flat colours do not band."""
    noise = Image.effect_noise((WIDTH, HEIGHT), amount * 4).convert("RGB")
    noise = noise.filter(ImageFilter.GaussianBlur(0.6))
    return Image.blend(img, noise, amount / 100 + rng.random() * 0.01)


def sun(draw: ImageDraw.ImageDraw, x: int, y: int, r: int = 48) -> None:
    draw.ellipse([x - r - 14, y - r - 14, x + r + 14, y + r + 14], fill=(255, 236, 179))
    draw.ellipse([x - r, y - r, x + r, y + r], fill=(255, 202, 40))


def cloud(draw: ImageDraw.ImageDraw, x: int, y: int, s: float = 1.0) -> None:
    for dx, dy, r in ((0, 10, 34), (40, 0, 44), (86, 12, 32), (44, 22, 36)):
        r = int(r * s)
        cx, cy = x + int(dx * s), y + int(dy * s)
        draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=(255, 255, 255))


def tree(draw: ImageDraw.ImageDraw, x: int, base: int, s: float = 1.0, tone: int = 0) -> None:
    trunk_w, trunk_h = int(16 * s), int(70 * s)
    draw.rectangle([x - trunk_w // 2, base - trunk_h, x + trunk_w // 2, base], fill=(121, 85, 72))
    greens = [(56, 142, 60), (67, 160, 71), (46, 125, 50), (104, 159, 56)]
    g = greens[tone % len(greens)]
    for dx, dy, r in ((0, -110, 58), (-38, -80, 44), (38, -80, 44), (0, -150, 40)):
        r = int(r * s)
        cx, cy = x + int(dx * s), base + int(dy * s)
        draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=g)


def flag(draw: ImageDraw.ImageDraw, x: int, top: int, base: int, w: int = 90) -> None:
    """A pole with a red flag and a yellow star."""
    draw.rectangle([x - 3, top, x + 3, base], fill=(189, 189, 189))
    h = int(w * 2 / 3)
    draw.rectangle([x + 3, top, x + 3 + w, top + h], fill=RED)
    star(draw, x + 3 + w // 2, top + h // 2, h // 3, YELLOW)


def star(draw: ImageDraw.ImageDraw, cx: int, cy: int, r: int, fill: Color) -> None:
    points = []
    for i in range(10):
        angle = -math.pi / 2 + i * math.pi / 5
        radius = r if i % 2 == 0 else r * 0.4
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    draw.polygon(points, fill=fill)


def building(draw: ImageDraw.ImageDraw, x: int, base: int, w: int = 420, h: int = 250) -> None:
    """The ward office: a yellow two-storey building with columns and a flag."""
    top = base - h
    draw.rectangle([x, top, x + w, base], fill=(255, 224, 130))
    draw.polygon([(x - 20, top), (x + w // 2, top - 70), (x + w + 20, top)], fill=(191, 54, 12))
    draw.rectangle([x - 20, top - 6, x + w + 20, top + 8], fill=(230, 81, 0))
    for row in range(2):
        for col in range(5):
            wx = x + 30 + col * (w - 60) // 5
            wy = top + 40 + row * 90
            draw.rectangle([wx, wy, wx + 46, wy + 56], fill=(144, 202, 249))
            draw.line([(wx + 23, wy), (wx + 23, wy + 56)], fill=(255, 255, 255), width=3)
    door_x = x + w // 2 - 40
    draw.rectangle([door_x, base - 110, door_x + 80, base], fill=(141, 110, 99))
    draw.rectangle([x - 30, base - 8, x + w + 30, base + 6], fill=(224, 224, 224))
    flag(draw, x + w + 60, top - 100, base, 70)


def person(
    draw: ImageDraw.ImageDraw,
    x: int,
    base: int,
    s: float = 1.0,
    shirt: Color = (21, 101, 192),
    hat: bool = False,
) -> None:
    head_r = int(17 * s)
    body_w, body_h = int(44 * s), int(80 * s)
    leg_h = int(50 * s)
    draw.rectangle([x - body_w // 2 + 6, base - leg_h, x - 3, base], fill=(55, 71, 79))
    draw.rectangle([x + 3, base - leg_h, x + body_w // 2 - 6, base], fill=(55, 71, 79))
    draw.rounded_rectangle(
        [x - body_w // 2, base - leg_h - body_h, x + body_w // 2, base - leg_h + 6],
        radius=int(14 * s),
        fill=shirt,
    )
    hy = base - leg_h - body_h - head_r - 2
    draw.ellipse([x - head_r, hy - head_r, x + head_r, hy + head_r], fill=SKIN)
    draw.pieslice([x - head_r, hy - head_r, x + head_r, hy + head_r], 180, 360, fill=(33, 33, 33))
    if hat:
        draw.ellipse(
            [x - head_r - 8, hy - head_r - 2, x + head_r + 8, hy - 2], fill=(255, 241, 118)
        )


def crowd(
    draw: ImageDraw.ImageDraw,
    rng: random.Random,
    x0: int,
    x1: int,
    base: int,
    n: int,
    s: float = 1.0,
) -> None:
    step = (x1 - x0) / max(1, n - 1)
    for i in range(n):
        x = int(x0 + i * step + rng.randint(-8, 8))
        person(draw, x, base + rng.randint(-4, 4), s * rng.uniform(0.9, 1.08), rng.choice(SHIRTS))


def gift(draw: ImageDraw.ImageDraw, x: int, base: int, size: int, colour: Color) -> None:
    draw.rectangle([x, base - size, x + size, base], fill=colour)
    draw.rectangle([x + size // 2 - 6, base - size, x + size // 2 + 6, base], fill=YELLOW)
    draw.rectangle([x, base - size // 2 - 6, x + size, base - size // 2 + 6], fill=YELLOW)


def rice_bag(draw: ImageDraw.ImageDraw, x: int, base: int) -> None:
    draw.rounded_rectangle([x, base - 90, x + 64, base], radius=14, fill=(250, 250, 250))
    draw.rectangle([x + 10, base - 60, x + 54, base - 30], fill=(46, 125, 50))


def banner(img: Image.Image, text: str, y: int = 40, fill: Color = RED) -> None:
    draw = ImageDraw.Draw(img)
    font = find_font(40)
    shown = text if font is not None else ascii_fold(text).upper()
    if font is None:
        font = ImageFont.load_default()
    box = draw.textbbox((0, 0), shown, font=font)
    tw, th = box[2] - box[0], box[3] - box[1]
    pad_x, pad_y = 36, 18
    x0 = (WIDTH - tw) // 2 - pad_x
    draw.rectangle([x0, y, x0 + tw + 2 * pad_x, y + th + 2 * pad_y], fill=fill)
    draw.rectangle(
        [x0 + 6, y + 6, x0 + tw + 2 * pad_x - 6, y + th + 2 * pad_y - 6], outline=YELLOW, width=2
    )
    draw.text((x0 + pad_x - box[0], y + pad_y - box[1]), shown, font=font, fill=YELLOW)


# ---------------------------------------------------------------- scenes


def base_scene(rng: random.Random, sky: tuple[Color, Color], ground: Color) -> Image.Image:
    img = Image.new("RGB", (WIDTH, HEIGHT))
    gradient(img, sky[0], sky[1], 0, HORIZON)
    gradient(img, ground, tuple(max(0, c - 30) for c in ground), HORIZON, HEIGHT)
    draw = ImageDraw.Draw(img)
    for _ in range(3):
        cloud(draw, rng.randint(40, WIDTH - 200), rng.randint(30, 200), rng.uniform(0.7, 1.2))
    return img


def scene_office(rng: random.Random, text: str) -> Image.Image:
    """Ward office with people in front: for dân vận, tiếp công dân."""
    img = base_scene(rng, ((129, 212, 250), (225, 245, 254)), (165, 214, 167))
    draw = ImageDraw.Draw(img)
    sun(draw, 1080, 110)
    building(draw, 390, HORIZON + 40)
    tree(draw, 150, HORIZON + 60, 1.2, 0)
    tree(draw, 1020, HORIZON + 60, 1.3, 2)
    crowd(draw, rng, 120, 1080, HORIZON + 190, 9, 1.0)
    banner(img, text)
    return img


def scene_gifts(rng: random.Random, text: str) -> Image.Image:
    """A gift table with rice bags and boxes: trao quà, hỗ trợ."""
    img = base_scene(rng, ((255, 204, 188), (255, 243, 224)), (215, 204, 200))
    draw = ImageDraw.Draw(img)
    draw.rectangle([140, HORIZON - 40, 1060, HORIZON - 10], fill=(121, 85, 72))
    for i, x in enumerate(range(170, 1030, 110)):
        if i % 2:
            gift(draw, x, HORIZON - 40, 70, RED if i % 4 == 1 else (21, 101, 192))
        else:
            rice_bag(draw, x, HORIZON - 40)
    crowd(draw, rng, 120, 1080, HORIZON + 190, 8, 1.05)
    banner(img, text)
    return img


def scene_hall(rng: random.Random, text: str) -> Image.Image:
    """A meeting hall with a red stage and rows of delegates: Đại hội, hội nghị."""
    img = Image.new("RGB", (WIDTH, HEIGHT))
    gradient(img, (255, 248, 225), (255, 236, 179), 0, HEIGHT)
    draw = ImageDraw.Draw(img)
    draw.rectangle([0, 0, WIDTH, 330], fill=(183, 28, 28))
    star(draw, 600, 200, 70, YELLOW)
    for x in (200, 1000):
        flag(draw, x, 150, 330, 110)
    draw.rectangle([0, 330, WIDTH, 360], fill=(121, 85, 72))
    for row, base in enumerate((540, 610, 690)):
        crowd(draw, rng, 80 + row * 20, 1120 - row * 20, base, 12 - row, 0.9 + row * 0.08)
    banner(img, text, fill=(136, 14, 79))
    return img


def scene_blood(rng: random.Random, text: str) -> Image.Image:
    """Volunteers and a big blood drop with a heart: hiến máu."""
    img = base_scene(rng, ((248, 187, 208), (252, 228, 236)), (200, 230, 201))
    draw = ImageDraw.Draw(img)
    cx, cy = 600, 290
    draw.ellipse([cx - 120, cy - 40, cx + 120, cy + 200], fill=(211, 47, 47))
    draw.polygon([(cx - 104, cy + 30), (cx, cy - 160), (cx + 104, cy + 30)], fill=(211, 47, 47))
    draw.ellipse([cx - 50, cy + 40, cx, cy + 90], fill=(255, 255, 255))
    draw.ellipse([cx, cy + 40, cx + 50, cy + 90], fill=(255, 255, 255))
    draw.polygon([(cx - 48, cy + 74), (cx, cy + 130), (cx + 48, cy + 74)], fill=(255, 255, 255))
    crowd(draw, rng, 90, 380, HORIZON + 170, 4, 1.0)
    crowd(draw, rng, 820, 1110, HORIZON + 170, 4, 1.0)
    banner(img, text)
    return img


def fire_truck(draw: ImageDraw.ImageDraw, x: int, base: int) -> None:
    draw.rectangle([x, base - 150, x + 380, base - 40], fill=(211, 47, 47))
    draw.rectangle([x + 380, base - 120, x + 480, base - 40], fill=(198, 40, 40))
    draw.rectangle([x + 400, base - 110, x + 465, base - 75], fill=(179, 229, 252))
    draw.rectangle([x + 20, base - 175, x + 340, base - 160], fill=(189, 189, 189))
    for k in range(8):
        draw.line(
            [(x + 30 + k * 40, base - 175), (x + 30 + k * 40, base - 160)],
            fill=(117, 117, 117),
            width=3,
        )
    for wx in (x + 80, x + 300, x + 420):
        draw.ellipse([wx - 38, base - 76, wx + 38, base], fill=(33, 33, 33))
        draw.ellipse([wx - 16, base - 54, wx + 16, base - 22], fill=(158, 158, 158))
    draw.ellipse([x + 430, base - 140, x + 452, base - 118], fill=(41, 182, 246))


def extinguisher(draw: ImageDraw.ImageDraw, x: int, base: int) -> None:
    draw.rounded_rectangle([x, base - 120, x + 44, base], radius=16, fill=RED)
    draw.rectangle([x + 14, base - 138, x + 30, base - 118], fill=(33, 33, 33))
    draw.line([(x + 30, base - 130), (x + 64, base - 100)], fill=(33, 33, 33), width=6)
    draw.rectangle([x + 6, base - 80, x + 38, base - 50], fill=(255, 255, 255))


def scene_fire(rng: random.Random, text: str) -> Image.Image:
    """Fire truck, extinguishers and residents: phòng cháy chữa cháy."""
    img = base_scene(rng, ((187, 222, 251), (227, 242, 253)), (189, 189, 189))
    draw = ImageDraw.Draw(img)
    for x in range(0, WIDTH, 160):
        h = rng.randint(140, 240)
        shade = rng.choice([(207, 216, 220), (176, 190, 197), (236, 239, 241)])
        draw.rectangle([x, HORIZON - h, x + 140, HORIZON], fill=shade)
        for wy in range(HORIZON - h + 20, HORIZON - 20, 44):
            for wx in (x + 18, x + 78):
                draw.rectangle([wx, wy, wx + 40, wy + 24], fill=(255, 249, 196))
    fire_truck(draw, 80, HORIZON + 120)
    for x in (680, 740, 800):
        extinguisher(draw, x, HORIZON + 130)
    crowd(draw, rng, 880, 1130, HORIZON + 180, 4, 1.0)
    banner(img, text)
    return img


def scene_books(rng: random.Random, text: str) -> Image.Image:
    """Stacks of books and students: khuyến học."""
    img = base_scene(rng, ((197, 225, 165), (241, 248, 233)), (255, 224, 178))
    draw = ImageDraw.Draw(img)
    colours = [(21, 101, 192), RED, (46, 125, 50), (245, 124, 0), (106, 27, 154)]
    for sx in (120, 880):
        for level in range(6):
            w = rng.randint(170, 220)
            y = HORIZON + 60 - level * 34
            draw.rectangle([sx, y - 30, sx + w, y], fill=colours[(level + sx) % len(colours)])
            draw.rectangle([sx + 8, y - 24, sx + w - 8, y - 20], fill=(255, 255, 255))
    for i, x in enumerate(range(420, 800, 75)):
        person(draw, x, HORIZON + 170, 0.85, SHIRTS[5] if i % 2 else (21, 101, 192))
    draw.polygon([(600, 150), (700, 190), (600, 230), (500, 190)], fill=(38, 50, 56))
    draw.rectangle([560, 200, 640, 240], fill=(38, 50, 56))
    draw.line([(700, 190), (700, 260)], fill=YELLOW, width=5)
    banner(img, text, fill=(21, 101, 192))
    return img


def broom(draw: ImageDraw.ImageDraw, x: int, base: int) -> None:
    draw.line([(x, base - 160), (x + 30, base - 30)], fill=(121, 85, 72), width=8)
    draw.polygon(
        [(x + 10, base - 40), (x + 60, base - 40), (x + 70, base), (x, base)], fill=(255, 193, 7)
    )


def scene_clean(rng: random.Random, text: str) -> Image.Image:
    """A tree-lined street, brooms and rubbish bags: vệ sinh môi trường."""
    img = base_scene(rng, ((129, 212, 250), (225, 245, 254)), (120, 144, 156))
    draw = ImageDraw.Draw(img)
    sun(draw, 120, 110)
    draw.rectangle([0, HORIZON + 40, WIDTH, HORIZON + 90], fill=(96, 125, 139))
    for x in range(40, WIDTH, 90):
        draw.rectangle([x, HORIZON + 62, x + 50, HORIZON + 68], fill=(255, 255, 255))
    for i, x in enumerate(range(90, WIDTH, 210)):
        tree(draw, x, HORIZON + 30, 1.0 + rng.random() * 0.3, i)
    for i, x in enumerate(range(140, 1100, 150)):
        person(draw, x, HORIZON + 190, 1.0, (46, 125, 50) if i % 2 else (21, 101, 192), hat=True)
        broom(draw, x + 26, HORIZON + 190)
    for x in (1080, 1120):
        draw.ellipse([x - 30, HORIZON + 120, x + 30, HORIZON + 190], fill=(33, 33, 33))
    banner(img, text, fill=(46, 125, 50))
    return img


def scene_festival(rng: random.Random, text: str) -> Image.Image:
    """Flags, lanterns and a crowd: ngày hội, Tết."""
    img = base_scene(rng, ((255, 224, 130), (255, 248, 225)), (165, 214, 167))
    draw = ImageDraw.Draw(img)
    draw.line([(0, 160), (WIDTH, 200)], fill=(121, 85, 72), width=3)
    for i, x in enumerate(range(30, WIDTH, 70)):
        y = 160 + x * 40 // WIDTH
        colour = RED if i % 2 else YELLOW
        draw.polygon([(x, y), (x + 40, y), (x + 20, y + 44)], fill=colour)
    for x in (120, 1080):
        draw.ellipse([x - 40, 240, x + 40, 330], fill=RED)
        draw.rectangle([x - 6, 330, x + 6, 360], fill=YELLOW)
    for x in (260, 940):
        flag(draw, x, 220, HORIZON + 40, 110)
    tree(draw, 600, HORIZON + 30, 1.4, 3)
    for _ in range(14):
        fx, fy = rng.randint(500, 700), rng.randint(260, 380)
        draw.ellipse([fx - 9, fy - 9, fx + 9, fy + 9], fill=(244, 143, 177))
    crowd(draw, rng, 90, 1110, HORIZON + 190, 11, 1.0)
    banner(img, text)
    return img


def scene_vaccine(rng: random.Random, text: str) -> Image.Image:
    """A health station with a queue and a syringe sign: tiêm chủng."""
    img = base_scene(rng, ((178, 235, 242), (224, 247, 250)), (200, 230, 201))
    draw = ImageDraw.Draw(img)
    draw.rectangle([700, HORIZON - 210, 1120, HORIZON + 40], fill=(255, 255, 255))
    draw.rectangle([700, HORIZON - 230, 1120, HORIZON - 200], fill=(0, 131, 143))
    draw.rectangle([880, HORIZON - 170, 940, HORIZON - 50], fill=(211, 47, 47))
    draw.rectangle([850, HORIZON - 140, 970, HORIZON - 80], fill=(211, 47, 47))
    draw.rectangle([740, HORIZON - 60, 820, HORIZON + 40], fill=(128, 203, 196))
    draw.rounded_rectangle([150, 190, 470, 240], radius=20, fill=(236, 239, 241))
    draw.rectangle([470, 208, 540, 222], fill=(144, 164, 174))
    draw.rectangle([110, 200, 150, 230], fill=(0, 131, 143))
    draw.rectangle([180, 198, 330, 232], fill=(129, 212, 250))
    crowd(draw, rng, 90, 640, HORIZON + 180, 6, 1.0)
    banner(img, text, fill=(0, 131, 143))
    return img


@dataclass(frozen=True)
class Picture:
    path: str
    scene: Callable[[random.Random, str], Image.Image]
    text: str


PICTURES = (
    Picture("posts/2019/anh/mat-tran-trao-qua-2019.jpg", scene_gifts, "Vì người nghèo 2019"),
    Picture(
        "posts/2019/anh/ngay-hoi-dai-doan-ket-2019.jpg", scene_festival, "Ngày hội Đại đoàn kết"
    ),
    Picture("posts/2020/anh/dan-van-9-thang-2020.jpg", scene_office, "Dân vận khéo"),
    Picture("posts/2020/anh/trao-qua-covid-19.jpg", scene_gifts, "Chung tay phòng, chống dịch"),
    Picture("posts/2020/anh/dai-hoi-chi-bo-2020.jpg", scene_hall, "Đại hội Chi bộ 2020 - 2022"),
    Picture("posts/2021/anh/tiem-vac-xin-2021.jpg", scene_vaccine, "Tiêm vắc xin an toàn"),
    Picture("posts/2021/anh/hien-mau-2021.jpg", scene_blood, "Giọt hồng yêu thương"),
    Picture("posts/2022/anh/phong-chay-chua-chay-2022.jpg", scene_fire, "An toàn phòng cháy"),
    Picture("posts/2022/anh/khuyen-hoc-2022.jpg", scene_books, "Khuyến học, khuyến tài"),
    Picture("posts/2023/anh/10-phut-lam-sach-2023.jpg", scene_clean, "10 phút làm sạch phường"),
    Picture("posts/2023/anh/dan-van-kheo-2023.jpg", scene_office, "Trọng dân, gần dân"),
    Picture("posts/2024/anh/hien-mau-2024.jpg", scene_blood, "Hiến máu cứu người"),
    Picture("posts/2025/anh/dai-hoi-dang-bo-2025.jpg", scene_hall, "Đại hội Đảng bộ phường"),
    Picture("posts/2026/anh/don-tet-binh-ngo-2026.jpg", scene_festival, "Mừng Xuân Bính Ngọ"),
    Picture("posts/2026/anh/ra-quan-pccc-2026.jpg", scene_fire, "Ra quân mùa khô 2026"),
)


def main(argv: list[str]) -> int:
    only = set(argv)
    for number, picture in enumerate(PICTURES):
        if only and Path(picture.path).name not in only:
            continue
        rng = random.Random(1000 + number)
        img = grain(picture.scene(rng, picture.text), rng)
        target = ROOT / picture.path
        target.parent.mkdir(parents=True, exist_ok=True)
        img.save(target, "JPEG", quality=80, optimize=True, progressive=True)
        print(f"{picture.path}: {target.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
