"""Article pages: HTML in, the record the reader takes out ({"_source", "url", "title",
"published", "text"}). trafilatura finds the article's text among menus, ads and footers."""

from __future__ import annotations

from typing import Any


def page_record(
    source: str, final_url: str | None, html: bytes, title: str | None = None, published: str | None = None
) -> dict[str, Any] | str:
    """The article on an HTML page as a reader record, or why there is none. `title` and
    `published` (from a feed entry) win over what the page's metadata says."""
    import trafilatura

    try:
        tree = trafilatura.load_html(html)
        if tree is not None:
            # a <noscript> in the article ("enable JavaScript", lazy images) makes trafilatura
            # take its text and run the paragraphs into one line
            for element in tree.xpath("//noscript"):
                element.drop_tree()
        doc = trafilatura.bare_extraction(
            html if tree is None else tree,
            url=final_url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            deduplicate=False,
        )
    except Exception as e:  # trafilatura raises a variety of lxml and parsing errors
        return f"the page could not be parsed as HTML: {type(e).__name__}"
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not text:
        return "no article text found in the page"
    return {
        "_source": source,
        "url": final_url,
        "title": title or getattr(doc, "title", None),
        "published": published or getattr(doc, "date", None),
        "text": text,
    }
