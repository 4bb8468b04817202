"""The HTML loader: block kinds, metadata, and exact source positions for every character."""
from __future__ import annotations

import html

from claimlint.document import (BOILERPLATE, BYLINE, CAPTION, CARD, HEADING, LIST_ITEM, PARAGRAPH, QUOTE, REFERENCE,
                                TABLE_CELL, TITLE)
from claimlint.loaders.html import load_html


def load(source: str, **options):
    doc = load_html("page.html", source, options or None)
    for block in doc.blocks:
        assert_maps_exactly(doc.source, block)
    return doc


def assert_maps_exactly(source: str, block) -> None:
    """Every text character maps to its own source text (an entity or <br> as a whole)."""
    for i, ch in enumerate(block.text):
        s, e = block.to_source(i, i + 1)
        raw = source[s:e]
        assert raw == ch or (raw.startswith("&") and ch in html.unescape(raw)) \
            or (ch == " " and raw.lower().startswith("<br")), (i, ch, raw, block.text)


def raw(doc, block, start=0, end=None) -> str:
    s, e = block.to_source(start, len(block.text) if end is None else end)
    return doc.source[s:e]


def texts(doc, kind=None):
    return [b.text for b in doc.blocks if kind is None or b.kind == kind]


def test_paragraph_with_entities_maps_them_whole():
    doc = load("<p>Salt &amp; sugar aren&#8217;t&nbsp;harmless.</p>")
    [block] = doc.blocks
    assert block.kind == PARAGRAPH
    assert block.text == "Salt & sugar aren\u2019t\xa0harmless."
    assert raw(doc, block) == "Salt &amp; sugar aren&#8217;t&nbsp;harmless."
    amp = block.text.index("&")
    assert raw(doc, block, amp, amp + 1) == "&amp;"
    quote = block.text.index("\u2019")
    assert raw(doc, block, quote - 3, quote + 2) == "ren&#8217;t"


def test_block_whitespace_is_stripped_and_inner_newlines_kept():
    doc = load("<div>\n  <p>\n   First line\n   second line  </p>\n</div>")
    [block] = doc.blocks
    assert block.text == "First line\n   second line"
    assert raw(doc, block) == "First line\n   second line"


def test_nested_list_items_get_their_own_groups():
    doc = load("<ul>\n<li>Outer one\n  <ul><li>Inner a</li><li>Inner b</li></ul>\n</li>\n<li>Outer two</li>\n</ul>\n"
               "<ol><li>Other list</li></ol>")
    items = [(b.text, b.group) for b in doc.blocks]
    assert [b.kind for b in doc.blocks] == [LIST_ITEM] * 5
    outer, inner, other = items[0][1], items[1][1], items[4][1]
    assert items == [("Outer one", outer), ("Inner a", inner), ("Inner b", inner), ("Outer two", outer),
                     ("Other list", other)]
    assert len({outer, inner, other}) == 3
    assert raw(doc, doc.blocks[1]) == "Inner a"


def test_unclosed_list_items_and_cells_close_at_the_next_one():
    doc = load("<ul><li>One<li>Two</ul><table><tr><th>Drug<th>Dose<tr><td>Aspirin<td>75&nbsp;mg</table>"
               "<p>After</p>")
    assert texts(doc, LIST_ITEM) == ["One", "Two"]
    assert texts(doc, TABLE_CELL) == ["Drug", "Dose", "Aspirin", "75\xa0mg"]
    cell = doc.blocks[-2]
    assert raw(doc, cell) == "75&nbsp;mg"
    assert doc.blocks[-1].kind == PARAGRAPH and doc.blocks[-1].text == "After"


def test_table_cells_caption_and_quote():
    doc = load("<table><caption>Table 1: doses</caption><tr><td>Ibuprofen</td><td>400 mg</td></tr></table>"
               "<figure><img src=x.png><figcaption>Figure 2</figcaption></figure>"
               "<blockquote><p>Walking helps.</p></blockquote>")
    assert [(b.kind, b.text) for b in doc.blocks] == [
        (CAPTION, "Table 1: doses"), (TABLE_CELL, "Ibuprofen"), (TABLE_CELL, "400 mg"),
        (CAPTION, "Figure 2"), (QUOTE, "Walking helps.")]
    assert raw(doc, doc.blocks[2]) == "400 mg"


def test_references_section_until_next_heading_of_same_level():
    doc = load("<h2>Treatment</h2><p>Rest helps.</p>"
               "<h2>References</h2><ol><li>Smith J (2020). Rest. BMJ.</li></ol>"
               "<h3>Older studies</h3><p>Jones (1999). Sleep.</p>"
               "<h2>About the author</h2><p>Ana writes.</p>")
    kinds = [(b.kind, b.text, b.section) for b in doc.blocks]
    assert kinds == [
        (HEADING, "Treatment", ""),
        (PARAGRAPH, "Rest helps.", "treatment"),
        (HEADING, "References", "treatment"),
        (REFERENCE, "Smith J (2020). Rest. BMJ.", "references"),
        (HEADING, "Older studies", "references"),
        (REFERENCE, "Jones (1999). Sleep.", "older studies"),
        (HEADING, "About the author", "older studies"),
        (PARAGRAPH, "Ana writes.", "about the author"),
    ]


def test_footnote_lists_are_references_without_a_heading():
    doc = load('<p>Claim.<sup>1</sup></p><section class="footnotes"><ol><li><p>Source one.</p></li></ol></section>'
               '<ol class="refs references"><li>Source two.</li></ol>')
    assert texts(doc, REFERENCE) == ["Source one.", "Source two."]


def test_link_text_and_href_value_offsets():
    src = '<p>See <a class="x" href="https://example.org/a?b=1&amp;c=2">this\n study</a> and <a>that</a>.</p>'
    doc = load(src)
    [block] = doc.blocks
    assert block.text == "See this\n study and that."
    [first] = block.links  # an <a> without href is a script's placeholder, not a link
    assert block.text[first.start:first.end] == "this\n study"
    assert first.url == "https://example.org/a?b=1&c=2"
    assert src[first.src_start:first.src_end] == "https://example.org/a?b=1&amp;c=2"
    assert raw(doc, block, first.start, first.end) == "this\n study"


def test_empty_href_is_a_link_with_empty_url():
    src = '<p>Read <a href="">more</a>.</p>'
    doc = load(src)
    [link] = doc.blocks[0].links
    assert link.url == "" and link.src_start == link.src_end == src.index('""') + 1


def test_sup_and_cite_are_citation_markers():
    doc = load('<p>Exercise lowers blood pressure.<sup><a href="#ref3">3</a></sup> '
               'As <cite>Smith 2020</cite> found.</p>')
    [block] = doc.blocks
    spans = [block.text[s:e] for s, e in block.markers]
    assert spans == ["3", "Smith 2020"]
    s, e = block.markers[0]
    assert raw(doc, block, s, e) == "3"
    assert block.links[0].url == "#ref3"


def test_script_style_and_svg_are_skipped():
    doc = load("<style>p { color: red }</style><p>Visible <script>var x = '<p>hidden</p>';</script>text"
               "<svg><title>icon</title><text>svg</text></svg>.</p><noscript><p>Enable JS</p></noscript>")
    assert texts(doc) == ["Visible text."]


def test_a_component_file_opening_with_template_is_read_as_the_page():
    # A Vue or Svelte component's <template> is its page; a <template> inside a page is inert.
    doc = load("<template>\n  <section>\n    <h2>Why see us</h2>\n    <p>Our doctors have achieved a success rate of 96%.</p>\n"
               "  </section>\n</template>\n<script>export default {}</script>\n<style>p { color: red }</style>\n")
    assert texts(doc) == ["Why see us", "Our doctors have achieved a success rate of 96%."]
    assert [b.kind for b in doc.blocks] == [HEADING, PARAGRAPH]
    page = load("<p>Shown.</p><template><p>Cloned by a script.</p></template>")
    assert texts(page) == ["Shown."]
    late = load("<!-- a comment first -->\n<div><template><p>Inert.</p></template><p>Seen.</p></div>")
    assert texts(late) == ["Seen."]


def test_footer_is_boilerplate():
    doc = load("<main><p>Body text.</p></main><footer><p>This article is not medical advice.</p></footer>")
    assert [(b.kind, b.text) for b in doc.blocks] == [
        (PARAGRAPH, "Body text."), (BOILERPLATE, "This article is not medical advice.")]


def test_cookie_banner_is_boilerplate():
    doc = load('<body class="page"><div class="cookie-banner"><p>Cookies help us.</p>OK</div><p>Real text.</p></body>')
    assert [(b.kind, b.text) for b in doc.blocks] == [
        (BOILERPLATE, "Cookies help us."), (BOILERPLATE, "OK"), (PARAGRAPH, "Real text.")]


def test_page_class_does_not_make_the_article_boilerplate():
    doc = load('<body class="has-cookie-banner"><p>Real text.</p></body>')
    assert doc.blocks[0].kind == PARAGRAPH


def test_article_header_is_content_but_page_header_is_boilerplate():
    doc = load("<header><a href='/'>Home</a></header><article><header><h1>Flu facts</h1></header></article>")
    assert [(b.kind, b.text) for b in doc.blocks] == [(BOILERPLATE, "Home"), (HEADING, "Flu facts")]


def test_custom_boilerplate_selectors():
    doc = load('<div id="offer-box">Buy now</div><div class="offers">Cookies</div><p>Text.</p>',
               boilerplate_selectors=["#offer"])
    assert [(b.kind, b.text) for b in doc.blocks] == [(BOILERPLATE, "Buy now"), (PARAGRAPH, "Cookies"),
                                                      (PARAGRAPH, "Text.")]


def test_furniture_vocabulary_marks_chrome_and_teasers():
    doc = load('<div id="promo-box">Buy now</div><div class="cookie-notice">We use cookies</div>'
               '<div class="c-related-posts"><p>Ten foods that melt fat</p></div>'
               '<section id="social-anxiety"><p>Social anxiety is common.</p></section>')
    assert [(b.kind, b.text) for b in doc.blocks] == [
        (CARD, "Buy now"), (BOILERPLATE, "We use cookies"), (CARD, "Ten foods that melt fat"),
        (PARAGRAPH, "Social anxiety is common.")]  # an id names furniture only from its start


PAGE = """<html><head><title>Zinc</title></head><body>
<header class="site-header"><h1 class="logo">HealthSite</h1><nav><a href="/a">Conditions</a></nav></header>
<div class="wrap"><div class="main-col">
<h1>Does zinc shorten a cold?</h1>
<p class="byline">Medically reviewed by Jane Roe, MD</p>
<div class="entry-content">
<p>Zinc lozenges shorten colds by a third when taken early, and many people keep some at home for that reason.</p>
<div class="share-buttons"><a href="#">Share</a></div>
<p>Some people notice a metallic taste, and a few feel sick after taking lozenges on an empty stomach.</p>
<p>Talk to a pharmacist before taking zinc for more than a week, especially if you take other medicines.</p>
</div></div>
<div class="col-side"><p><a href="/x">This tea melts belly fat</a></p><p><a href="/y">Best diet pills</a></p></div>
</div>
<div class="more"><h2>Vitamin C cures everything</h2><p>Medically reviewed by John Doe</p></div>
<footer><p>This content is not a substitute for professional medical advice.</p></footer>
</body></html>"""


def test_article_body_found_by_where_the_prose_is():
    kinds = [(b.kind, b.text[:20]) for b in load(PAGE).blocks]
    assert kinds == [
        (TITLE, "Zinc"), (BOILERPLATE, "HealthSite"), (BOILERPLATE, "Conditions"),
        (HEADING, "Does zinc shorten a "),  # the headline above the article's element
        (BYLINE, "Medically reviewed b"),
        (PARAGRAPH, "Zinc lozenges shorte"), (BOILERPLATE, "Share"), (PARAGRAPH, "Some people notice a"),
        (PARAGRAPH, "Talk to a pharmacist"),
        (CARD, "This tea melts belly"), (CARD, "Best diet pills"),  # below the article, outside the footer
        (CARD, "Vitamin C cures ever"), (CARD, "Medically reviewed b"),  # another article's reviewer
        (BOILERPLATE, "This content is not "),
    ]


def test_configured_content_and_card_selectors():
    doc = load(PAGE, content_selectors=[".col-side"], card_selectors=[".more"])
    by_text = {b.text[:20]: b.kind for b in doc.blocks}
    assert by_text["This tea melts belly"] == PARAGRAPH and by_text["Zinc lozenges shorte"] == BOILERPLATE
    assert by_text["Vitamin C cures ever"] == CARD


def test_a_short_page_has_no_article_element_and_loses_nothing():
    doc = load("<div><p>Zinc cures colds.</p></div><div><p>Call us.</p></div>")
    assert [b.kind for b in doc.blocks] == [PARAGRAPH, PARAGRAPH]


def test_meta_tags_and_title():
    src = ('<html><head><title>Flu &amp; colds</title>'
           '<meta property="article:modified_time" content="2024-05-01T09:00:00Z">'
           '<meta name="description" content="What to do &amp; when">'
           '<meta name="author" content="Ana Ruiz"></head><body><p>Updated <time datetime="2024-05-02">May 2</time>'
           '</p></body></html>')
    doc = load(src)
    meta = {m.key: m for m in doc.meta}
    modified = meta["article:modified_time"]
    assert modified.value == "2024-05-01T09:00:00Z"
    assert src[modified.src_start:modified.src_end] == "2024-05-01T09:00:00Z"
    assert meta["description"].value == "What to do & when"
    assert src[meta["description"].src_start:meta["description"].src_end] == "What to do &amp; when"
    assert meta["author"].value == "Ana Ruiz"
    assert src[meta["time"].src_start:meta["time"].src_end] == "2024-05-02"
    titles = [b for b in doc.blocks if b.kind == TITLE]
    assert [b.text for b in titles] == ["Flu & colds", "What to do & when"]
    assert raw(doc, titles[1]) == "What to do &amp; when"
    assert doc.meta_values(["Article:Modified_Time"]) == [modified]


def test_json_ld_medical_web_page():
    src = ('<head><script type="application/ld+json">\n'
           '{"@context": "https://schema.org", "@type": "MedicalWebPage",\n'
           ' "lastReviewed": "2024-03-01",\n'
           ' "reviewedBy": {"@type": "Person", "name": "Dr Ana Ruiz"},\n'
           ' "author": [{"@type": "Person", "name": "Li Wei"}, "Sam Roe"]}\n'
           '</script></head><p>Text.</p>')
    doc = load(src)
    got = [(m.key, m.value, src[m.src_start:m.src_end]) for m in doc.meta]
    assert got == [
        ("@type", "MedicalWebPage", "MedicalWebPage"),
        ("lastReviewed", "2024-03-01", "2024-03-01"),
        ("reviewedBy", "Dr Ana Ruiz", "Dr Ana Ruiz"),
        ("author", "Li Wei", "Li Wei"),
        ("author", "Sam Roe", "Sam Roe"),
    ]
    assert texts(doc) == ["Text."]


def test_json_ld_graph_and_escaped_values():
    src = ('<script type="application/ld+json">{"@graph": [{"@type": ["WebPage", "MedicalWebPage"],'
           ' "dateModified": "2024-01-02", "headline": "Caf\\u00e9 \\/ tea"}]}</script>')
    doc = load(src)
    got = {(m.key, m.value) for m in doc.meta}
    assert got == {("@type", "WebPage"), ("@type", "MedicalWebPage"), ("dateModified", "2024-01-02"),
                   ("headline", "Caf\u00e9 / tea")}
    headline = doc.meta_values(["headline"])[0]
    assert src[headline.src_start:headline.src_end] == "Caf\\u00e9 \\/ tea"


def test_malformed_json_ld_is_a_problem_not_a_crash():
    src = '<script type="application/ld+json">{"dateModified": "2024-01-02",}</script><p>Still read.</p>'
    doc = load(src)
    assert texts(doc) == ["Still read."]
    [(slug, start, end, message)] = doc.problems
    assert slug == "malformed-metadata" and "JSON" in message
    assert src[start] == "}"


def test_crlf_line_endings():
    src = "<html>\r\n<body>\r\n<h1>Cold &amp; flu</h1>\r\n<p>Line one\r\nline two.</p>\r\n<p>Third</p>\r\n</body>"
    doc = load(src)
    assert texts(doc) == ["Cold & flu", "Line one\r\nline two.", "Third"]
    third = doc.blocks[2]
    s, e = third.to_source(0, 5)
    assert src[s:e] == "Third"
    assert doc.position(s) == (6, 4)


def test_br_keeps_words_apart():
    doc = load("<p>First<br>second<br/>\nthird</p>")
    [block] = doc.blocks
    assert block.text == "First second\nthird"
    assert raw(doc, block) == "First<br>second<br/>\nthird"


def test_loose_text_in_containers_is_a_paragraph():
    doc = load("<div>Loose <b>bold</b> text<p>Inner.</p>tail</div>")
    assert [(b.kind, b.text) for b in doc.blocks] == [
        (PARAGRAPH, "Loose bold text"), (PARAGRAPH, "Inner."), (PARAGRAPH, "tail")]


def test_malformed_html_does_not_crash():
    src = ("<html><body><div><p>Unclosed paragraph <b>bold\n<p>Second</div></div></span>"
           "<p>Third &bogus; &# &amp</p><![ junk ]><p>Fourth <a href='x'>link</p>"
           "<td>stray cell</table><ul><li>item</ol><p>Last")
    doc = load(src)
    assert texts(doc) == ["Unclosed paragraph bold", "Second", "Third &bogus; &# &", "Fourth link", "stray cell",
                          "item", "Last"]
    for junk in ("", "<", "</", "&", "&#", "<!", "<![", "<p", "<a href='", "<!--", "<script>", "\x00"):
        load_html("junk.html", junk + "<p>x</p>" + junk)


def test_stray_charref_does_not_swallow_the_rest_of_the_page():
    doc = load("<p>Bad &#; ref</p><p>Next &#x; one</p><p>Last</p>")
    assert texts(doc) == ["Bad &#; ref", "Next &#x; one", "Last"]


def test_inline_code_is_not_prose_and_keeps_words_apart():
    doc = load_html("page.html", "<p>Type<code>zinc cures colds</code>to <kbd>run</kbd> it &amp; <samp>ok</samp>.</p>"
                                 "<pre><code>cures colds</code></pre>")
    (para,) = doc.blocks
    assert para.text == "Type to   it &  ."
    i = para.text.index(" ")
    assert raw(doc, para, i, i + 1) == "<code>"  # the space stands for the code, at its tag
    assert raw(doc, para, 0, len(para.text)) == doc.source[3:doc.source.index("</p>")]


def test_cut_off_json_ld_is_shown_on_its_last_line():
    src = '<script type="application/ld+json">\n{"@type": "MedicalWebPage",\n "lastReviewed": "2026-05-01"\n</script>'
    doc = load(src)
    [(slug, start, end, message)] = doc.problems
    assert slug == "malformed-metadata"
    assert src[start:end] == '"lastReviewed": "2026-05-01"'


def test_details_summary_is_a_label_not_a_paragraph():
    doc = load("<details><summary>How the gel works</summary><p>It is applied at night.</p></details>")
    assert [(b.kind, b.text) for b in doc.blocks] == [(CAPTION, "How the gel works"),
                                                      (PARAGRAPH, "It is applied at night.")]


def test_the_stack_summaries_equal_a_walk_down_the_stack():
    """The walker keeps, on each open element, what the elements around it add up to (so deep
    pages cost linear time); on random tag soup, at every step, each summary equals a fresh walk."""
    import random

    from claimlint.document import Document
    from claimlint.loaders.html import (CITATION_TAGS, HEADINGS, STRUCTURE_KINDS, _parse_selectors, _Walker,
                                        DEFAULT_BOILERPLATE_SELECTORS)

    class Checked(_Walker):
        def _push(self, frame):
            super()._push(frame)
            self.check()

        def _pop_to(self, index, pos):
            super()._pop_to(index, pos)
            self.check()

        def check(self):
            stack = self.stack
            assert self.spans == [f for f in stack if f.tag == "a" or f.tag in CITATION_TAGS]
            where = {}
            for i, f in enumerate(stack):
                where.setdefault(f.tag, []).append(i)
            assert {k: v for k, v in self.where.items() if v} == where
            if not stack:
                return
            top, tags = stack[-1], [f.tag for f in stack]
            headings = [i for i, t in enumerate(tags) if t in HEADINGS]
            structures = [t for t in tags if t in STRUCTURE_KINDS]
            groups = [f.group for f in stack if f.group]
            skipped = [i for i, f in enumerate(stack) if f.skip]
            assert top.title_open == ("title" in tags)
            assert top.heading_at == (headings[-1] if headings else -1)
            assert top.reference_open == any(f.reference for f in stack)
            assert top.chrome_open == any(f.chrome for f in stack)
            assert top.byline_open == any(f.byline for f in stack)
            assert top.structure == (structures[-1] if structures else None)
            assert top.group_open == (groups[-1] if groups else 0)
            assert top.article_open == any(t in ("article", "main") for t in tags)
            if top.skip:
                assert top.skip_floor == skipped[0]

    rng = random.Random(11)
    tags = ["div", "p", "li", "ul", "ol", "table", "tr", "td", "th", "h2", "a", "sup", "cite", "nav", "article",
            "main", "header", "section", "dl", "dt", "dd", "title", "script", "svg", "noscript", "code", "button"]
    for n in range(300):
        parts = []
        for _ in range(rng.randint(5, 60)):
            t = rng.choice(tags)
            r = rng.random()
            if r < 0.45:
                parts.append(f"<{t}{rng.choice(['', ' class=related', ' class=byline', ' class=references'])}>")
            elif r < 0.75:
                parts.append(f"</{t}>")
            else:
                parts.append(rng.choice(["Zinc cures colds.", "1", " ", "References"]))
        source = "".join(parts)
        walker = Checked(Document(f"r{n}.html", source, "html"), _parse_selectors(DEFAULT_BOILERPLATE_SELECTORS))
        walker.feed(walker.fed)
        walker.close()
        walker.finish()


def test_trailing_sections_without_prose_buttons_and_forms_are_furniture():
    long = "Zinc is a mineral found in meat, shellfish and seeds, and most people get enough from food. " * 3
    page = (f"<body><div class='page'><section><h2>About zinc</h2><p>{long}</p>"
            "<p><a href='/tests'>View details</a></p></section>"
            f"<section><p>{long}</p><ul><li>Oysters</li><li>Seeds</li></ul></section>"
            "<section><h2>Ready to start?</h2><p>Book your consultation today</p></section>"
            "<form><label>Your email address</label></form></div></body>")
    kinds = [(b.kind, b.text[:20]) for b in load(page).blocks]
    assert kinds == [
        (HEADING, "About zinc"), (PARAGRAPH, long[:20]), (BOILERPLATE, "View details"),  # a button
        (PARAGRAPH, long[:20]), (LIST_ITEM, "Oysters"), (LIST_ITEM, "Seeds"),  # an article may end on a list
        (BOILERPLATE, "Ready to start?"), (BOILERPLATE, "Book your consultati"),  # after the last prose
        (BOILERPLATE, "Your email address"),  # a form
    ]


def test_a_section_opened_by_a_related_label_is_cards():
    prose = "Tinnitus is a ringing in the ears that many adults notice at night. " * 4
    src = ("<html><body><main>"
           f"<section class='section'><h1>Tinnitus</h1><p>{prose}</p><p>{prose}</p></section>"
           "<section class='section'><div class='eyebrow'>Related Services</div><h2>Other Ear Services</h2>"
           "<div><h4><a href='a.html'>Hearing Aids</a></h4><p>We fit the most advanced hearing aids in town.</p></div>"
           "</section></main></body></html>")
    doc = load_html("a.html", src)
    kinds = {b.text: b.kind for b in doc.blocks}
    assert kinds["Tinnitus"] == HEADING and kinds[prose.strip()] == PARAGRAPH
    assert kinds["Related Services"] == CARD and kinds["Other Ear Services"] == CARD
    assert kinds["We fit the most advanced hearing aids in town."] == CARD


def test_list_items_and_paragraphs_name_their_own_furniture():
    prose = "Tinnitus is a ringing in the ears that many adults notice at night. " * 4
    src = ("<html><body><ul><li class='skip-link'><a href='#main'>Skip to main content</a></li></ul>"
           "<p class='sr-only'>Information navigation</p>"
           f"<main><h1>Tinnitus</h1><p>{prose}</p><ul><li class='item'>Ringing that comes and goes</li></ul></main>"
           "</body></html>")
    kinds = {b.text: b.kind for b in load_html("a.html", src).blocks}
    assert kinds["Skip to main content"] == BOILERPLATE and kinds["Information navigation"] == BOILERPLATE
    assert kinds["Ringing that comes and goes"] == LIST_ITEM


def test_a_closing_list_of_sentences_is_article_and_a_breadcrumb_is_not():
    prose = "Sciatica describes pain travelling down the path of the sciatic nerve into the leg. " * 3
    items = "".join(f"<li>{t}</li>" for t in ("Pain that runs from your low back down your leg",
                                               "Pins and needles, numbness or a burning quality",
                                               "Coughing or sneezing shoots pain down your leg"))
    src = ("<html><body><main><p>Home / Conditions / Sciatica</p><div class='body'>"
           f"<div><h2>First</h2><p>{prose}</p></div>"
           f"<div><h2>Does this sound like you?</h2><ul>{items}</ul><p>The last two suggest a nerve.</p></div>"
           "</div></main></body></html>")
    kinds = {b.text: b.kind for b in load_html("a.html", src).blocks}
    assert kinds["Home / Conditions / Sciatica"] == BOILERPLATE
    assert kinds["Does this sound like you?"] == HEADING and kinds["The last two suggest a nerve."] == PARAGRAPH


def test_a_paragraph_set_as_a_heading_by_its_class_is_a_heading():
    src = ("<main><div class='kicker'>How we approach care</div><p class='section-title'>When to get checked</p>"
           "<p class='lead'>Plantar fasciitis is a strain of the tissue under the foot.</p></main>")
    kinds = {b.text: b.kind for b in load_html("a.html", src).blocks}
    assert kinds["How we approach care"] == HEADING and kinds["When to get checked"] == HEADING
    assert kinds["Plantar fasciitis is a strain of the tissue under the foot."] == PARAGRAPH


def test_a_table_after_a_list_of_sentences_stays_article():
    items = "".join(f"<li>{t} is a sentence of some length here.</li>" for t in ("One", "Two", "Three"))
    src = (f"<article><h1>Acne</h1><p>Acne is a skin condition that affects the face.</p><ul>{items}</ul>"
           "<table><tr><td>Serum</td><td>Cures acne in two weeks.</td></tr></table></article>")
    kinds = {b.text: b.kind for b in load_html("a.html", src).blocks}
    assert kinds["Cures acne in two weeks."] == TABLE_CELL


def test_a_paragraph_that_is_a_caption_by_its_class_is_a_caption():
    src = ("<main><div class='wp-caption'><img src='a.jpg' alt=''><p class='wp-caption-text'>EMDR helps "
           "reprocess memories and reduce their emotional impact</p></div><p>Plain text here.</p></main>")
    kinds = {b.text: b.kind for b in load_html("a.html", src).blocks}
    assert kinds["EMDR helps reprocess memories and reduce their emotional impact"] == CAPTION
    assert kinds["Plain text here."] == PARAGRAPH


def test_a_heading_class_does_not_reach_the_blocks_inside_it():
    src = ("<main><div class='section-title'><span>How we treat it</span>"
           "<p>Plantar fasciitis is a strain of the tissue under the foot</p></div></main>")
    kinds = {b.text: b.kind for b in load_html("a.html", src).blocks}
    assert kinds["How we treat it"] == HEADING
    assert kinds["Plantar fasciitis is a strain of the tissue under the foot"] == PARAGRAPH


def test_a_division_classed_header_outside_the_article_is_the_sites_header():
    prose = "Tinnitus is a ringing in the ears that many adults notice at night. " * 4
    src = (f"<body><div class='header'><p>Your health, your choices</p></div>"
           f"<main><h1>Tinnitus</h1><p>{prose}</p></main></body>")
    kinds = {b.text: b.kind for b in load_html("a.html", src).blocks}
    assert kinds["Your health, your choices"] == BOILERPLATE and kinds[prose.strip()] == PARAGRAPH


def test_a_short_paragraph_alone_under_an_image_is_its_caption():
    def kinds(source):
        return [(b.kind, b.text) for b in load_html("page.html", source).blocks]

    assert kinds('<div><img src="a.jpg"><p>Calm waves, the memories processed</p></div><p>Body.</p>') == [
        (CAPTION, "Calm waves, the memories processed"), (PARAGRAPH, "Body.")]
    assert kinds('<div><a href="/x"><img src="a.jpg"></a><p>A linked picture</p></div>') == [(CAPTION, "A linked picture")]
    # Not a caption: a second paragraph follows, text or a block comes before the image, or it is long.
    assert kinds('<div><img src="a.jpg"><p>First paragraph</p><p>Second.</p></div>') == [
        (PARAGRAPH, "First paragraph"), (PARAGRAPH, "Second.")]
    assert kinds('<div>Intro <img src="a.jpg"><p>After</p></div>') == [(PARAGRAPH, "Intro"), (PARAGRAPH, "After")]
    assert kinds('<div><p>Before.</p><img src="a.jpg"><p>After</p></div>') == [
        (PARAGRAPH, "Before."), (PARAGRAPH, "After")]
    long = "word " * 60
    assert kinds(f'<div><img src="a.jpg"><p>{long}</p></div>')[0][0] == PARAGRAPH


def test_a_short_paragraph_wholly_in_italics_is_a_note():
    def kinds(source):
        return [(b.kind, b.text) for b in load_html("page.html", source).blocks]

    assert kinds("<p><i>Consult a doctor for medical advice</i></p><p>Body.</p>") == [
        (CAPTION, "Consult a doctor for medical advice"), (PARAGRAPH, "Body.")]
    assert kinds("<p><em>Note: results vary</em></p>") == [(CAPTION, "Note: results vary")]
    # Only some words in italics, or a long paragraph: still a paragraph.
    assert kinds("<p>Some <i>italic</i> words</p>") == [(PARAGRAPH, "Some italic words")]
    assert kinds(f"<p><i>{'word ' * 60}</i></p>")[0][0] == PARAGRAPH


def test_a_call_to_action_inside_the_article_is_furniture_but_advice_to_call_is_not():
    prose = "Plantar fasciitis is pain under the heel that is worst with the first steps of the day. " * 3
    src = ("<html><body><main>"
           f"<section><h1>Plantar fasciitis</h1><p>{prose}</p><h2>Ready to get relief?</h2>"
           "<p>Call (859) 123-4567 or request an appointment online.</p>"
           f"<p>{prose}</p><p>Call 999 if the pain follows a fall and you cannot stand.</p>"
           "<p>Book an appointment if you have symptoms like:</p><ul><li>Heel pain for weeks</li></ul>"
           f"<p>{prose}</p></section></main></body></html>")
    kinds = {b.text: b.kind for b in load_html("a.html", src).blocks}
    assert kinds["Ready to get relief?"] == BOILERPLATE
    assert kinds["Call (859) 123-4567 or request an appointment online."] == BOILERPLATE
    assert kinds["Call 999 if the pain follows a fall and you cannot stand."] == PARAGRAPH  # advice
    assert kinds["Book an appointment if you have symptoms like:"] == PARAGRAPH  # a lead-in to the article's list


def test_a_trailing_section_of_short_labelled_paragraphs_is_article():
    prose = "Tirzepatide is a weekly injection that acts on two gut hormone receptors to curb appetite. " * 2
    labelled = "".join(f"<p><b>{k}:</b> {v}</p>" for k, v in (
        ("Active Ingredient", "It contains tirzepatide, a medicine that mimics natural gut hormones."),
        ("Multi-Targeted Therapy", "It activates GIP and GLP-1 receptors, enhancing insulin production."),
        ("Once-Weekly Injection", "It is delivered by a pre-filled, single-use pen once a week.")))
    src = (f"<html><body><div><div><h2>What does it do?</h2><p>{prose}</p></div>"
           f"<div><h2>What am I injecting?</h2>{labelled}</div>"
           "<div><h2>Ready to start?</h2><p>Book your consultation today</p></div></div></body></html>")
    kinds = {b.text: b.kind for b in load_html("a.html", src).blocks}
    assert kinds["What am I injecting?"] == HEADING
    assert kinds["Once-Weekly Injection: It is delivered by a pre-filled, single-use pen once a week."] == PARAGRAPH
    assert kinds["Book your consultation today"] == BOILERPLATE


def test_a_stat_strips_figure_reads_with_its_words_and_a_hero_statistic_is_the_pages():
    prose = "Male pattern baldness is the commonest cause of hair loss in men and often runs in families. " * 3
    src = ("<html><body><section class='hero'><div class='stat'>90%</div>\n"
           "<p>of men stopped further hair loss with finasteride in trials</p></section>"
           f"<main><h1>Hair loss</h1><p>{prose}</p><div><div class='n'>10–20%</div>"
           "<div class='l'>Average body weight lost</div></div><p>Appointments: 9am</p><div>85%</div></main>"
           "</body></html>")
    doc = load_html("a.html", src)
    kinds = {b.text: b.kind for b in doc.blocks}
    hero = next(b for b in doc.blocks if b.text.startswith("90%"))
    assert hero.text.split() == "90% of men stopped further hair loss with finasteride in trials".split()
    assert hero.kind == CAPTION  # above the article's element, yet the page's own claim; a label: no full stop needed
    assert src[slice(*hero.to_source(0, len(hero.text)))].startswith("90%</div>")
    assert kinds["10–20% Average body weight lost"] == CAPTION
    assert kinds["85%"] == CAPTION  # a figure at the end of the page is still emitted


def test_a_figure_that_is_not_a_stat_ends_its_block():
    doc = load_html("a.html", "<div><div>2024</div><p>was a good year for the clinic</p></div>")
    assert [b.text for b in doc.blocks] == ["2024", "was a good year for the clinic"]
