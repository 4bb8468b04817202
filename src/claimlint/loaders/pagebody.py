"""Which blocks of an HTML page are the article, and which are page furniture.

A saved page holds far more than its article: a menu, a header, related-article cards,
promos, share bars, a newsletter box, a footer. Read as article text, their teasers ("10 foods
that melt belly fat") become claims and their buttons unfinished sentences. This module
decides, on the loader's own element tree, which blocks are furniture; the blocks are kept
(a footer's disclaimer and a header's reviewer line still count) but change kind:
BOILERPLATE for page chrome, CARD for teasers and related-article cards, whose reviewer lines
and dates are another article's.

Two signals, as the content extractors use them:

A product card in the article (the product the page sells, with its claims) is the publisher's
own text and stays the article; a card that leads to another page is a teaser.

- **Names.** Semantic elements and roles (`nav`, `aside`, role=navigation, banner,
  contentinfo, complementary) and class/id vocabularies (related, recommended, promo,
  sidebar, share, newsletter, cookie, comments...) mark a region; `main`, `article`,
  role=main, itemprop=articleBody and article-body-style class names mark content candidates.
- **Where the text is.** The article is the smallest element that still holds most of the
  page's prose (not counting link text): starting from the largest content candidate (or the
  page, when there is none), the walk goes down into a child while that child holds at least
  `DESCEND_SHARE` of the text. Blocks above it are chrome, except the page's headline, its
  title and bylines; blocks below it, outside the footer, are teasers.

Why not an extractor library (trafilatura, readability): none returns source positions, so its
answer would have to be mapped back onto these blocks by searching text, and each brings lxml
and a second parse of the page; the tree walked here is already built, in source order, with
every element's parent. `bench/pages.py` measures this on real saved pages.
"""
from __future__ import annotations

import re

from claimlint.document import (BOILERPLATE, BYLINE, CAPTION, CARD, HEADING, LIST_ITEM, PARAGRAPH, QUOTE,
                                REFERENCE, TABLE_CELL, TITLE)
from claimlint.loaders import shapes

CHROME, TEASER, HIDDEN = "chrome", "card", "hidden"
# A region inside a region: a card inside the footer is a card; hidden is the weakest.
STRENGTH = {None: 0, HIDDEN: 1, CHROME: 2, TEASER: 3}

# One class or id token (split on spaces) names furniture when one of these words stands in it
# between hyphens or underscores ("related-posts", "sidebar_widget", "c-share").
_TEASER_WORDS = (
    r"related|recommend(?:ed|ations?)?|read[-_]?next|more[-_](?:stories|articles|posts|news|from|like\w*|reading)|"
    r"you[-_]?may[-_]?(?:also[-_]?)?like|also[-_]?like|trending|popular|teasers?|promos?|promoted|"
    r"latest[-_]?(?:posts|articles|news|stories)|recent[-_]?(?:posts|articles|stories)|carousel|upsell|"
    r"cross[-_]?sell|next[-_]?(?:post|article)|prev(?:ious)?[-_]?(?:post|article)|"
    r"post[-_]?navigation|also[-_]?read|further[-_]?reading")
_CHROME_WORDS = (
    r"nav|navbar|navigation|menus?|breadcrumbs?|sidebar|side[-_]?bar|widgets?|share|sharing|social|"
    r"newsletter|subscribe|subscription|signup|sign[-_]?up|cookies?|consent|gdpr|ads?|advert\w*|adsbygoogle|"
    r"sponsor(?:ed|s)?|comments?|disqus|pagination|pager|modal|popup|pop[-_]?up|skip[-_]?link|"
    r"site[-_]?header|masthead|site[-_]?footer|footer|toc|table[-_]?of[-_]?contents|search|login|cart|"
    r"toolbar|topbar|top[-_]?bar|announcement|alert[-_]?bar|feedback|was[-_]?this[-_]?helpful|rating|print|"
    r"cta|call[-_]?to[-_]?action|author[-_]?(?:box|bio|info|card|profile)|about[-_]?the[-_]?author|"
    r"contact[-_]?form|opening[-_]?hours|lightbox|offcanvas|off[-_]?canvas|back[-_]?to[-_]?top")
TEASER_TOKEN = re.compile(rf"(?:^|[-_])(?:{_TEASER_WORDS})(?:$|[-_])")
CHROME_TOKEN = re.compile(rf"(?:^|[-_])(?:{_CHROME_WORDS})(?:$|[-_])")
CONTENT_TOKEN = re.compile(
    r"^(?:(?:article|post|entry|story|blog|single|page|main|body|news|td-post)[-_]?"
    r"(?:body|content|text|copy|inner|main)|articlebody|main[-_]?content|content[-_]?(?:body|main|area|inner)|"
    r"prose|markdown[-_]?body|rich[-_]?text|e-content)$")
CHROME_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search", "dialog",
                          "alertdialog", "menu", "menubar", "toolbar", "form"})
CHROME_TAGS = frozenset({"nav", "aside", "footer", "form"})  # a form: a search box, a sign-up, a booking
# Text shown to screen readers only, or hidden by a class.
HIDDEN_CLASS = re.compile(r"(?:^|\s)(?:hidden|visually[-_]hidden|sr[-_]only|screen[-_]reader[-_]text|"
                          r"element[-_]invisible|hide)(?:$|\s)")
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)

# Kinds whose text counts as prose when deciding where the article is.
BODY_KINDS = frozenset({PARAGRAPH, LIST_ITEM, QUOTE, HEADING, TABLE_CELL, CAPTION})
# Kinds a block keeps wherever it is: the page's title and metadata, bylines, reference lists.
KEPT_KINDS = frozenset({TITLE, BYLINE, REFERENCE})
DESCEND_SHARE = 0.85  # a child holding this share of its parent's prose is the article instead
CANDIDATE_SHARE = 0.5  # a content candidate must hold this share of the page's prose
SECTION_PROSE = 150  # characters outside links: a block this long is prose, not a label or a button
# A breadcrumb trail: "Home / Conditions / Sciatica", "Home › Blog › Eczema".
BREADCRUMB = re.compile(r"^\s*(?:home|start)\s*[/>›»|]\s*[^/>›»|\n]{1,60}(?:[/>›»|]\s*[^/>›»|\n]{1,80})*$", re.I)
ITEM_PROSE = 30  # characters outside links: a list item this long is a sentence, not a menu entry
SENTENCE_PROSE = 60  # characters outside links: a paragraph this long, ending in a full stop, is a sentence
LIST_PROSE_ITEMS = 3  # list items of prose that make a section prose
BUTTON_WORDS = 4  # a paragraph of at most this many words, all of them a link, is a button
MIN_ARTICLE = 200  # characters of prose: less, and no element is taken for the article


# Words an id adds to a furniture word without changing what it names ("sidebar-wrapper", "js-share").
LAYOUT_PARTS = frozenset({
    "wrapper", "wrap", "container", "area", "box", "section", "block", "list", "links", "bar", "panel",
    "inner", "outer", "holder", "region", "zone", "top", "bottom", "left", "right", "main", "site", "page",
    "primary", "secondary", "global", "mobile", "desktop", "js", "c", "l", "o", "u", "m", "posts",
    "articles", "stories", "items", "module", "widget", "content", "banner", "notice", "form", "buttons",
    "icons", "row", "col", "grid", "slider", "feed", "root", "app", ""})


def region_of(tag: str, cls: str, ident: str, role: str, attr: dict, in_article: bool) -> str | None:
    """The furniture region an element starts (None for none): by tag, role, class and id.

    `cls` and `ident` are lower-cased. Inside <article> or <main>, a header is the article's own
    (headline, byline), so only the site's header names count there.
    """
    if tag in CHROME_TAGS or role in CHROME_ROLES:
        return CHROME
    region = None
    for token in cls.split():
        if TEASER_TOKEN.search(token):
            return TEASER
        if region is None and CHROME_TOKEN.search(token):
            region = CHROME
    if ident:  # an id is often a topic's anchor ("social-anxiety"): it must be all furniture words
        if _id_names(TEASER_TOKEN, ident):
            return TEASER
        if region is None and _id_names(CHROME_TOKEN, ident):
            region = CHROME
    if region is None and (tag == "header" or "header" in cls.split()) and not in_article:
        region = CHROME  # the <header> element, or a division classed as the page's header
    if region is None and ("hidden" in attr or attr.get("aria-hidden", "").lower() == "true"
                           or HIDDEN_STYLE.search(attr.get("style", "")) or HIDDEN_CLASS.search(cls)):
        region = HIDDEN
    return region


def _id_names(token_re: re.Pattern, ident: str) -> bool:
    """Does an id name furniture: a furniture word, with only layout words around it?"""
    m = token_re.search(ident)
    if m is None:
        return False
    rest = ident[:m.start()] + "-" + ident[m.end():]
    return all(part in LAYOUT_PARTS or part.isdigit() for part in re.split(r"[-_]+", rest))


def content_signal(tag: str, cls: str, ident: str, role: str, attr: dict) -> int:
    """How strongly an element says it holds the article: 2 for main/article/role=main/
    itemprop=articleBody, 1 for an article-body class or id name, else 0."""
    if tag in ("main", "article") or role == "main" or attr.get("itemprop", "").lower() == "articlebody":
        return 2
    if (cls or ident) and any(CONTENT_TOKEN.match(t) for t in (cls + " " + ident).split()):
        return 1
    return 0


def stronger(a: str | None, b: str | None) -> str | None:
    return a if STRENGTH[a] >= STRENGTH[b] else b


def mark(blocks, infos, parents: list[int], signals: list[int], forced: set[int] | None = None,
         find_article: bool = True) -> int:
    """Re-kind the page's furniture blocks in place; the article's node (-1 when none was found).

    `infos`: (block index, innermost element node, region, heading level) per block the walk
    made. `parents[n]`: node n's parent node (-1 for none; parents come before children).
    `signals[n]`: `content_signal` of node n. `forced`: nodes a configuration names as the
    article body (the largest of them that holds text is taken, as it is).
    """
    count = len(parents)
    own = [0] * count
    page = 0
    for bi, node, region, _level in infos:
        block = blocks[bi]
        if region is None and block.kind in BODY_KINDS:
            weight = _prose_weight(block)
            page += weight
            if node >= 0:
                own[node] += weight
    total = own[:]
    best_child = [-1] * count
    for n in range(count - 1, -1, -1):  # children after parents: each total is complete when read
        p = parents[n]
        if p >= 0:
            total[p] += total[n]
            if best_child[p] < 0 or total[n] > total[best_child[p]]:
                best_child[p] = n
    article = _article(total, best_child, signals, parents, page, forced) if find_article else -1
    inside = _inside(parents, article) if article >= 0 else None
    headline = _headline(blocks, infos, inside) if inside is not None else None
    in_blocks = [bi for bi, node, _r, _l in infos if inside is not None and node >= 0 and inside[node]]
    first_in, last_in = (in_blocks[0], in_blocks[-1]) if in_blocks else (-1, -1)
    tail = _tail_sections(blocks, infos, parents, article, inside) if inside is not None and not forced else set()
    related = _related_sections(blocks, infos, parents, article, inside) if inside is not None else set()
    for bi, node, region, level in infos:
        block = blocks[bi]
        if block.kind == TITLE:
            continue
        if region == TEASER or bi in related:
            block.kind = CARD
            continue
        if bi == headline:
            block.kind = HEADING  # also when the walk took its banner for chrome
            continue
        in_article = inside is not None and node >= 0 and inside[node]
        if region == CHROME or (region == HIDDEN and not in_article):
            if block.kind not in (BYLINE, REFERENCE):
                block.kind = BOILERPLATE
            continue
        if in_article and bi in tail:
            if block.kind not in KEPT_KINDS:
                block.kind = BOILERPLATE
            continue
        if inside is None or in_article:
            if block.kind == PARAGRAPH and ((block.links and _is_button(block)) or BREADCRUMB.match(block.text)) \
                    or in_article and _is_call_to_action(block):  # a page with no article loses nothing
                block.kind = BOILERPLATE
            continue
        if headline is not None and headline < bi < first_in and region is None and not forced:
            continue  # between the headline and the article's element: a subtitle, a standfirst
        if region is None and bi < first_in and block.kind in (PARAGRAPH, CAPTION) \
                and shapes.STAT_LINE_RE.match(block.text):
            continue  # a hero band's statistic ("90% of men stopped further hair loss …") is the page's claim
        if bi > last_in:  # below the article and outside the footer: teasers, another article's byline
            if block.kind not in (TITLE, REFERENCE):
                block.kind = CARD
        elif block.kind not in KEPT_KINDS:
            block.kind = BOILERPLATE
    return article


def _headline(blocks, infos, inside) -> int | None:
    """The page's headline when it stands above the article's element (a <h1> in a hero banner):
    the last level-1 heading before the article begins, unless the article holds a <h1> itself.
    The blocks between it and the article (a subtitle, a standfirst) are the article's too."""
    headline = None
    for bi, node, region, level in infos:
        if node >= 0 and inside[node]:
            return None if any(blocks[b].kind == HEADING and lv == 1 and n >= 0 and inside[n]
                               for b, n, _r, lv in infos) else headline
        if region != TEASER and level == 1 and blocks[bi].kind in (HEADING, BOILERPLATE):
            headline = bi  # a hero banner's <h1> too
    return headline


def _sections_of(parents: list[int], article: int, inside) -> list[int]:
    """For each node, the child of the article's element that holds it (its section), or -1."""
    top = [-1] * len(parents)
    for n, p in enumerate(parents):  # parents come before children
        if inside[n] and n != article:
            top[n] = n if p == article else top[p]
    return top


def _tail_sections(blocks, infos, parents, article: int, inside) -> set[int]:
    """Blocks of the article's trailing sections that hold no prose: a call-to-action band, a
    contact box, a map after the last section with a paragraph in it.

    A section is a child element of the article's element; one holds prose when a block in it
    has `SECTION_PROSE` characters outside links, or it has `LIST_PROSE_ITEMS` sentence-long list
    items or paragraphs (`_is_sentence_block`); a paragraph directly in the article's element ends the tail
    before it. Blocks directly in the article's element, list items, table cells and references
    are never in the tail (an article may end on a list or a table)."""
    top = _sections_of(parents, article, inside)
    order: list[int] = []  # sections in document order
    blocks_of: dict[int, list[int]] = {}
    prose: set[int] = set()
    items: dict[int, int] = {}  # list items of prose per section
    direct = 0  # sections before the last prose block directly in the article's element
    for bi, node, region, _level in infos:
        if node == article and region is None and blocks[bi].kind in BODY_KINDS \
                and _prose_weight(blocks[bi]) >= ITEM_PROSE:
            direct = len(order)  # the sections before it are not its tail
            continue
        if node < 0 or not inside[node] or top[node] < 0:
            continue
        section = top[node]
        if section not in blocks_of:
            order.append(section)
            blocks_of[section] = []
        blocks_of[section].append(bi)
        if region is None and blocks[bi].kind in BODY_KINDS:
            weight = _prose_weight(blocks[bi])
            if weight >= SECTION_PROSE:
                prose.add(section)
            elif _is_sentence_block(blocks[bi], weight):
                items[section] = items.get(section, 0) + 1
                if items[section] >= LIST_PROSE_ITEMS:
                    prose.add(section)  # a list of sentences ("Does this sound like you?") is prose too
    last = max((i for i, s in enumerate(order) if s in prose), default=-1)
    if last < 0:
        return set()
    return {bi for s in order[max(last + 1, direct):] for bi in blocks_of[s]
            if blocks[bi].kind not in (LIST_ITEM, REFERENCE, TABLE_CELL)}


# A label that opens a section of links to other pages ("Related Services", "You may also like").
RELATED_LABEL = re.compile(
    r"^\W*(?:(?:related|other|more|similar|further|popular|recommended|latest)\s+(?:[\w&-]+\s+){0,2}?"
    r"(?:services|articles|posts|treatments|conditions|reading|resources|stories|topics|pages|procedures|blogs?|"
    r"guides|news|products|therapies)\b|you\s+(?:may|might)\s+also\s+(?:like|enjoy|be\s+interested)|"
    r"(?:read|see)\s+(?:next|also)\b|explore\s+(?:more|other|our\s+other)\b)", re.IGNORECASE)
RELATED_LABEL_WORDS = 8


def _related_sections(blocks, infos, parents, article: int, inside) -> set[int]:
    """Blocks of a section of the article's element that opens with a related-pages label: the
    label and everything after it in that section are cards (a class name often says only
    "section"; the label says what the section is)."""
    top = _sections_of(parents, article, inside)
    out: set[int] = set()
    opened: set[int] = set()  # sections a label has opened
    for bi, node, _region, _level in infos:
        if node < 0 or not inside[node] or top[node] < 0:
            continue
        section = top[node]
        block = blocks[bi]
        if section not in opened and block.kind in (HEADING, PARAGRAPH, BOILERPLATE) \
                and len(block.text.split(None, RELATED_LABEL_WORDS)) <= RELATED_LABEL_WORDS \
                and RELATED_LABEL.search(block.text):
            opened.add(section)
        if section in opened and block.kind != TITLE:
            out.add(bi)
    return out


# A call to action: a line that asks the reader to book, call or contact the business. Advice to
# call someone else ("Call 999 if…", "Call your GP") is the article's and does not match.
CALL_TO_ACTION = re.compile(
    r"^\W*(?:ready\s+to\s+[^.?!]{1,40}\?|(?:book|schedule|request|make|arrange|reserve)\s+(?:an?\s+|your\s+)?"
    r"(?:free\s+|initial\s+|first\s+)?(?:appointment|consultation|visit|session|assessment|exam)s?\b|"
    r"(?:call|contact|phone|ring|email|message|text)\s+(?:us|our\s+(?:team|clinic|office|practice|specialists?))\b|"
    r"get\s+in\s+touch\b|call\s+(?:us\s+(?:on|at)\s+)?\(?\+?\d[\d\s().-]{6,}\d)", re.IGNORECASE)
CALL_TO_ACTION_WORDS = 20


def _is_call_to_action(block) -> bool:
    """A short paragraph or heading that opens by asking the reader to book or call ("Ready to get
    relief?", "Book an appointment with our specialist", "Call (859) 123-4567 or request …"); not a
    lead-in ("Make an appointment when you have symptoms like:"), whose list is the article's."""
    return block.kind in (PARAGRAPH, HEADING) \
        and len(block.text.split(None, CALL_TO_ACTION_WORDS)) <= CALL_TO_ACTION_WORDS \
        and not block.text.rstrip().endswith(":") and CALL_TO_ACTION.match(block.text) is not None


def _is_sentence_block(block, weight: int) -> bool:
    """A list item of `ITEM_PROSE` characters, or a paragraph of `SENTENCE_PROSE` that ends like a
    sentence: three of them in a section are prose, however short each is (a section of labelled
    paragraphs, "Active Ingredient: Mounjaro contains …", is the article's, not a call to action)."""
    if block.kind == LIST_ITEM:
        return weight >= ITEM_PROSE
    return block.kind == PARAGRAPH and weight >= SENTENCE_PROSE and block.text.rstrip()[-1:] in ".!?:"


def _is_button(block) -> bool:
    """A paragraph that is one short link and nothing else: "View details", "Book now", "Read more"."""
    return _prose_weight(block) == 0 and len(block.text.split(None, BUTTON_WORDS)) <= BUTTON_WORDS


def _prose_weight(block) -> int:
    """Characters of a block's text outside its links (link lists are menus, not prose)."""
    linked = sum(max(0, link.end - link.start) for link in block.links)
    return max(0, len(block.text) - linked)


def _article(total, best_child, signals, parents, page: int, forced) -> int:
    """The node holding the article, or -1 (see the module's docstring)."""
    if forced:  # configured: taken as it is
        return max(forced, key=lambda n: (total[n], -n))
    if page < MIN_ARTICLE:
        return -1
    start = -1
    for strength in (2, 1):
        candidates = [n for n, s in enumerate(signals) if s == strength and total[n] >= CANDIDATE_SHARE * page]
        if candidates:
            start = max(candidates, key=lambda n: (total[n], n))
            break
    if start < 0:
        roots = [n for n, p in enumerate(parents) if p < 0]
        if not roots:
            return -1
        start = max(roots, key=lambda n: total[n])
        if total[start] < CANDIDATE_SHARE * page:
            return -1
    node = start
    while best_child[node] >= 0 and total[best_child[node]] >= DESCEND_SHARE * total[node]:
        node = best_child[node]
    return node if total[node] >= MIN_ARTICLE else -1


def _inside(parents: list[int], article: int) -> list[bool]:
    """For every node, whether it is the article's node or lies inside it (one forward pass)."""
    out = [False] * len(parents)
    for n, p in enumerate(parents):
        out[n] = n == article or (p >= 0 and out[p])
    return out
