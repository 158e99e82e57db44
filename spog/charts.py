"""Bar charts as PNG images (Pillow), the same picture on the page, in the PDF and in the Word
document. A chart is never the only source: each goes with its data table, and its text
alternative says what it shows."""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFont

BAR = (0, 94, 162)  # USWDS primary
INK = (27, 27, 27)
RULE = (220, 222, 224)


@dataclass(frozen=True)
class Chart:
    title: str
    bars: tuple[tuple[str, float], ...]
    png: bytes

    @property
    def alt(self) -> str:
        """The text alternative: what it shows, each bar's value."""
        if not self.bars:
            return f"{self.title}: nothing to show."
        values = "; ".join(f"{label}: {_number(value)}" for label, value in self.bars)
        return f"Bar chart, {self.title.lower()}. {values}."

    @property
    def data_uri(self) -> str:
        return "data:image/png;base64," + base64.b64encode(self.png).decode()


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def bar_chart(title: str, bars, *, width: int = 960) -> Chart:
    """A horizontal bar chart of (label, value) pairs, at twice its shown size for print."""
    bars = tuple((str(label), float(value)) for label, value in bars)
    scale = 2
    font = ImageFont.load_default(size=13 * scale)
    bold = ImageFont.load_default(size=15 * scale)
    row, gap = 24 * scale, 8 * scale
    label_width = max([int(font.getlength(label)) for label, _ in bars] + [0]) + 12 * scale
    label_width = min(label_width, int(width * scale * 0.45))
    top = 36 * scale
    height = top + max(len(bars), 1) * row + gap * 2
    image = Image.new("RGB", (width * scale, height), "white")
    draw = ImageDraw.Draw(image)
    draw.text((0, 4 * scale), title, font=bold, fill=INK)
    most = max([value for _, value in bars] + [1])
    room = width * scale - label_width - 90 * scale
    for index, (label, value) in enumerate(bars):
        y = top + index * row
        draw.text((label_width - 8 * scale, y + row // 2), label, font=font, fill=INK, anchor="rm")
        length = int(room * value / most)
        draw.rectangle(
            (label_width, y + 3 * scale, label_width + length, y + row - 3 * scale), fill=BAR
        )
        draw.text(
            (label_width + length + 6 * scale, y + row // 2),
            _number(value),
            font=font,
            fill=INK,
            anchor="lm",
        )
    draw.line((label_width, top, label_width, height - gap), fill=RULE, width=scale)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return Chart(title=title, bars=bars, png=out.getvalue())


def portrait_charts(portrait) -> list[Chart]:
    """The portrait's three charts: entries by category, by agency, and by fiscal year."""
    by_category = [
        (label, sum(counts[index] for _, counts, _ in portrait.by_category_and_agency))
        for index, label in enumerate(portrait.categories)
    ]
    return [
        bar_chart("Entries by category", by_category),
        bar_chart(
            "Entries by agency",
            [(acronym, total) for acronym, _, total in portrait.by_category_and_agency],
        ),
        bar_chart("Entries by fiscal year", [(f"FY {year}", n) for year, n in portrait.by_year]),
    ]
