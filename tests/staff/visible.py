"""What a reader sees of a page: the text between the tags, scripts and styles left out (the
attributes — URLs, data-*, values — are for the machine)."""

from html.parser import HTMLParser


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "template"):
            self._skip += 1
        # What a screen reader says or a button shows is visible too.
        self.parts.extend(value or "" for name, value in attrs if name in ("aria-label", "title"))
        if tag == "input":
            kinds = dict(attrs)
            if kinds.get("type") in ("submit", "button"):
                self.parts.append(kinds.get("value") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "template") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def visible_text(html: str | bytes) -> str:
    parser = _Text()
    parser.feed(html.decode() if isinstance(html, bytes) else html)
    return " ".join(" ".join(parser.parts).split())
