"""Small Qt helpers shared by the panels: plain-text tooltips and messages,
rich item text for lists, kind icons.

Qt guesses whether a tooltip, label or message box text is rich text
(``Qt::mightBeRichText``); rich text may load images, and an ``<img>`` whose
``src`` is a local file is read on the UI thread (``/dev/zero`` never ends).
Everything the user or the corpus wrote is therefore shown through
:func:`plain_tooltip`, :func:`plain_label` or :func:`message_box`, which
make Qt treat it as plain text.
"""

from __future__ import annotations

import html
from functools import lru_cache

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QIcon,
    QPainter,
    QPainterPath,
    QPalette,
    QPixmap,
    QTextDocument,
)
from PySide6.QtWidgets import QLabel, QMessageBox, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ..maps import KIND_COLORS

HTML_ROLE = Qt.ItemDataRole.UserRole + 10
"""Item data role holding the (already escaped) HTML an :class:`HtmlDelegate` paints."""


def plain_tooltip(text: str) -> str:
    """Tooltip markup that shows ``text`` literally: escaped, line breaks kept,
    never an image or link."""
    if not text:
        return ""
    return "<p style='white-space:pre-wrap'>" + html.escape(text).replace("\n", "<br>") + "</p>"


def plain_label(label: QLabel, text: str = "") -> QLabel:
    """Make ``label`` show plain text only, and set ``text``."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    return label


def message_box(parent, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
    """A non-blocking message box whose text is plain (file names and
    messages quoting user input are never rendered as HTML)."""
    box = QMessageBox(icon, title, "", QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


class HtmlDelegate(QStyledItemDelegate):
    """Paints an item's :data:`HTML_ROLE` markup (escaped text with ``<b>``
    highlights) instead of its plain display text. Images are never loaded:
    the markup is built from escaped text only."""

    def _document(self, option: QStyleOptionViewItem, markup: str, width: float) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setDocumentMargin(2)
        doc.setHtml(markup)
        doc.setTextWidth(width)
        return doc

    def paint(self, painter, option, index):
        markup = index.data(HTML_ROLE)
        if not markup:
            return super().paint(painter, option, index)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, opt.widget) if style \
            else opt.rect
        doc = self._document(opt, markup, text_rect.width())
        painter.save()
        painter.translate(text_rect.topLeft())
        painter.setClipRect(QRectF(0, 0, text_rect.width(), text_rect.height()))
        ctx = QAbstractTextDocumentLayout.PaintContext()
        if opt.state & QStyle.StateFlag.State_Selected:
            ctx.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(QPalette.ColorRole.HighlightedText))
        doc.documentLayout().draw(painter, ctx)
        painter.restore()

    def sizeHint(self, option, index):  # noqa: N802
        markup = index.data(HTML_ROLE)
        if not markup:
            return super().sizeHint(option, index)
        width = option.rect.width() if option.rect.width() > 0 else 360
        doc = self._document(option, markup, max(120, width - 24))
        return QSize(int(doc.idealWidth()), int(doc.size().height()))


@lru_cache(maxsize=64)
def kind_icon(kind: str) -> QIcon:
    """A map-pin icon in the kind's map colour (the legend's colours)."""
    size = 32
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = QColor(KIND_COLORS.get(kind, "#555555"))
    path = QPainterPath()
    path.addEllipse(QRectF(7, 2, 18, 18))
    tip = QPainterPath()
    tip.moveTo(9, 15)
    tip.lineTo(16, 30)
    tip.lineTo(23, 15)
    tip.closeSubpath()
    path = path.united(tip)
    p.setPen(QColor("#333333"))
    p.setBrush(colour)
    p.drawPath(path)
    p.setBrush(QColor("white"))
    p.drawEllipse(QRectF(13, 8, 6, 6))
    p.end()
    return QIcon(pix)


def highlighted_html(text: str, spans: list[tuple[int, int]], colour: str = "#fde68a") -> str:
    """``text`` escaped, with ``spans`` (offsets into ``text``) in bold on a tint."""
    out, pos = [], 0
    for a, b in sorted(spans):
        if a < pos or b <= a:
            continue
        out.append(html.escape(text[pos:a]))
        out.append(f'<b style="background:{colour}">{html.escape(text[a:b])}</b>')
        pos = b
    out.append(html.escape(text[pos:]))
    return "".join(out)
