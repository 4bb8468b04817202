#!/usr/bin/env python3
"""Generate a deterministic corpus of realistic health articles for benchmarks.

    python bench/generate.py OUT_DIR [--count 1000] [--seed 8] [--min-words 1200] [--max-words 2000]
    python bench/generate.py OUT_DIR --count 1 --min-words 1500 --max-words 1500   # one 1,500-word article
    python bench/generate.py OUT_DIR --count 1 --bytes 20000000 --formats md         # one ~20 MB article

Article i depends only on (seed, i), so the first 100 articles of a 5,000-article corpus are the
100-article corpus. Articles mix Markdown with YAML front matter, plain text and HTML; each has a
byline, dates, cited and uncited statistics and efficacy or safety claims, hedged claims,
questions, advice, study descriptions, a references list (some entries empty) and a disclaimer;
a few end mid-sentence. Sentences are built from templates with many slots drawn from
per-topic vocabularies, so no two paragraphs repeat.
"""
from __future__ import annotations

import argparse
import html
import random
from pathlib import Path

TOPICS = [
    {"condition": "hair loss", "slug": "hair-loss",
     "treatments": ["minoxidil", "finasteride", "low-level laser therapy", "platelet-rich plasma injections",
                    "ketoconazole shampoo", "microneedling", "a hair transplant", "dutasteride"],
     "symptoms": ["thinning at the crown", "a receding hairline", "patchy bald spots", "a widening parting",
                  "more hair on the pillow", "hair that breaks easily"],
     "remedies": ["rosemary oil", "biotin", "saw palmetto", "pumpkin seed oil", "onion juice", "scalp massage"],
     "outcomes": ["regrowth", "hair density", "shedding", "hair count", "scalp coverage"],
     "people": ["men", "women", "adults", "people with male-pattern baldness", "women after pregnancy"]},
    {"condition": "menopause", "slug": "menopause",
     "treatments": ["HRT", "oestrogen gel", "vaginal oestrogen", "tibolone", "cognitive behavioural therapy",
                    "fezolinetant", "clonidine", "an oestrogen patch"],
     "symptoms": ["hot flushes", "night sweats", "poor sleep", "low mood", "brain fog", "joint pain",
                  "vaginal dryness", "anxiety"],
     "remedies": ["black cohosh", "red clover", "evening primrose oil", "soy isoflavones", "sage tea",
                  "magnesium"],
     "outcomes": ["hot flushes", "sleep quality", "mood", "bone density", "night sweats"],
     "people": ["women", "women over 50", "perimenopausal women", "women with a womb", "women after surgery"]},
    {"condition": "erectile dysfunction", "slug": "erectile-dysfunction",
     "treatments": ["sildenafil", "tadalafil", "a vacuum pump", "shockwave therapy", "alprostadil",
                    "pelvic floor training", "sex therapy", "vardenafil"],
     "symptoms": ["trouble getting an erection", "erections that do not last", "low desire",
                  "performance anxiety", "morning erections stopping"],
     "remedies": ["L-arginine", "ginseng", "horny goat weed", "zinc", "beetroot juice", "maca root"],
     "outcomes": ["erections", "erectile function", "sexual satisfaction", "confidence", "blood flow"],
     "people": ["men", "men over 40", "men with diabetes", "smokers", "men with heart disease"]},
    {"condition": "eczema", "slug": "eczema",
     "treatments": ["emollients", "hydrocortisone cream", "tacrolimus ointment", "dupilumab", "wet wraps",
                    "phototherapy", "crisaborole", "antihistamines"],
     "symptoms": ["itchy skin", "dry patches", "cracked skin", "flare-ups", "weeping skin", "thickened skin"],
     "remedies": ["coconut oil", "oatmeal baths", "probiotics", "evening primrose oil", "manuka honey",
                  "aloe vera"],
     "outcomes": ["itch", "flare-ups", "skin dryness", "sleep", "redness"],
     "people": ["children", "adults", "babies", "teenagers", "people with asthma"]},
    {"condition": "migraine", "slug": "migraine",
     "treatments": ["triptans", "propranolol", "topiramate", "erenumab", "amitriptyline", "botox injections",
                    "rimegepant", "acupuncture"],
     "symptoms": ["throbbing headache", "sensitivity to light", "nausea", "visual aura", "dizziness",
                  "neck stiffness"],
     "remedies": ["feverfew", "riboflavin", "magnesium", "coenzyme Q10", "ginger", "peppermint oil"],
     "outcomes": ["migraine days", "attack severity", "headache frequency", "pain", "days off work"],
     "people": ["adults", "women", "teenagers", "people with chronic migraine", "older adults"]},
    {"condition": "type 2 diabetes", "slug": "diabetes",
     "treatments": ["metformin", "semaglutide", "gliclazide", "empagliflozin", "insulin", "a low-calorie diet",
                    "sitagliptin", "pioglitazone"],
     "symptoms": ["thirst", "tiredness", "blurred vision", "frequent urination", "slow-healing cuts",
                  "weight loss"],
     "remedies": ["cinnamon", "berberine", "apple cider vinegar", "chromium", "bitter melon", "fenugreek"],
     "outcomes": ["HbA1c", "blood sugar", "weight", "insulin resistance", "remission rates"],
     "people": ["adults", "people over 45", "people of South Asian heritage", "overweight adults",
                "people with prediabetes"]},
]
AUTHORS = ["Claire Fenwick", "Rafael Quintero", "Amara Okafor", "Jonas Lindqvist", "Priya Raman", "Tomasz Nowak",
           "Hannah Weiss", "Kwame Mensah", "Sofia Marchetti", "Liam O'Connor", "Yuki Tanaka", "Fatima Haddad"]
REVIEWERS = ["Dr Saoirse Gallagher", "Dr Mei Lin Tan", "Dr Ana Ruiz", "Dr Olu Adeyemi", "Dr Ines Moreau",
             "Dr Samuel Brooks", "Dr Leila Farouk", "Dr Pieter de Vries"]
SOURCES = ["the NHS", "NICE", "the British Association of Dermatologists", "the Mayo Clinic", "the CDC",
           "the World Health Organization", "the British Menopause Society", "Diabetes UK", "the Migraine Trust",
           "the National Eczema Society", "a 2019 review in the BMJ", "a 2022 Cochrane review"]
JOURNALS = ["BMJ", "The Lancet", "JAMA Dermatology", "Menopause", "Headache", "Diabetes Care",
            "Journal of Sexual Medicine", "British Journal of Dermatology", "Cochrane Database Syst Rev"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
FRACTIONS = ["half", "a third", "a quarter", "two thirds", "three quarters"]
TIMES = ["within two weeks", "in about three months", "after six weeks", "within a few days", "over a year",
         "by the end of the first month"]
LINKS = ["https://www.nhs.uk/conditions/", "https://doi.org/10.1136/bmj.", "https://pubmed.ncbi.nlm.nih.gov/",
         "https://www.nice.org.uk/guidance/ng", "https://www.cochranelibrary.com/cdsr/doi/10.1002/14651858.CD"]


def cap(s: str) -> str:
    return s[:1].upper() + s[1:]


class Writer:
    """Sentences for one article: every template draws its words from the article's topic."""

    def __init__(self, rng: random.Random, topic: dict):
        self.r = rng
        self.t = topic
        self.refs = 0

    def pick(self, key):
        return self.r.choice(self.t[key] if key in self.t else globals()[key])

    def pct(self):
        return f"{self.r.randint(5, 92)}%"

    def n_in_10(self):
        return f"{self.r.randint(2, 9)} in 10"

    def marker(self):
        self.refs += 1
        style = self.r.random()
        if style < 0.5:
            return f" [{self.refs}]"
        if style < 0.7:
            return f" ({self.refs})"
        return f"[^{self.refs}]" if self.r.random() < 0.5 else f" [{self.refs}]"

    def sentence(self, kind: str) -> str:
        r, p = self.r, self.pick
        c = self.t["condition"]
        if kind == "neutral":
            return r.choice([
                f"{cap(c)} is common, and {p('symptoms')} is often the first thing people notice.",
                f"Many people first talk to a pharmacist about {p('symptoms')} before they see a GP.",
                f"{cap(p('treatments'))} is usually taken for several months before anyone can judge it.",
                f"Some people notice {p('symptoms')} only at certain times of day, and keeping a diary helps.",
                f"Your doctor may ask about {p('symptoms')}, your medicines and any other conditions you have.",
                f"{cap(p('remedies'))} is sold in health food shops, supermarkets and online.",
                f"The causes of {c} include genes, hormones, age and some medicines.",
                f"It can take time to find the right approach, and what suits one person may not suit another.",
                f"Treatment options range from simple changes at home to prescription medicines such as {p('treatments')}.",
                f"People often try several things at once, which makes it hard to tell what helped.",
                f"A specialist may suggest {p('treatments')} if the first treatments have not been enough.",
                f"Blood tests are sometimes used to rule out other causes of {p('symptoms')}.",
            ])
        if kind == "stat_cited":
            return r.choice([
                f"According to {p('SOURCES')}, about {self.n_in_10()} {p('people')} have {p('symptoms')} at some point.",
                f"In a {r.randint(2005, 2025)} trial of {r.randint(40, 3000):,} {p('people')}, {self.pct()} reported less {p('symptoms')}{self.marker()}.",
                f"Around {self.pct()} of {p('people')} with {c} see an improvement in {p('outcomes')} with {p('treatments')}{self.marker()}.",
                f"A {r.randint(2010, 2025)} study in {p('JOURNALS')} found that {p('treatments')} improved {p('outcomes')} by {self.pct()}{self.marker()}.",
                f"{cap(p('SOURCES'))} estimates that {c} affects {self.n_in_10()} {p('people')}.",
            ])
        if kind == "stat_uncited":
            return r.choice([
                f"Roughly {self.n_in_10()} {p('people')} saw better {p('outcomes')} after switching to {p('treatments')}.",
                f"About {self.pct()} of {p('people')} who try {p('remedies')} notice a difference {p('TIMES')}.",
                f"{cap(p('treatments'))} cuts the risk of {p('symptoms')} by {p('FRACTIONS')}.",
                f"Nearly {self.pct()} of users reported fewer problems with {p('outcomes')}.",
                f"Up to {self.pct()} of {p('people')} stop {p('treatments')} within a year because of side effects.",
            ])
        if kind == "efficacy_cited":
            return r.choice([
                f"{cap(p('treatments'))} improves {p('outcomes')} in most {p('people')}, according to {p('SOURCES')}.",
                f"Research published in {p('JOURNALS')} shows that {p('treatments')} reduces {p('outcomes')}{self.marker()}.",
                f"{cap(p('SOURCES'))} says {p('treatments')} is an effective first treatment for {c}.",
            ])
        if kind == "efficacy_uncited":
            return r.choice([
                f"{cap(p('remedies'))} works as well as {p('treatments')} for many {p('people')}.",
                f"{cap(p('treatments'))} is the best treatment for {c}.",
                f"{cap(p('remedies'))} relieves {p('symptoms')} {p('TIMES')}.",
                f"{cap(p('treatments'))} is clinically proven to improve {p('outcomes')}.",
                f"{cap(p('remedies'))} cures {p('symptoms')} for good.",
                f"{cap(p('treatments'))} is more effective than {p('treatments')} for {p('people')}.",
            ])
        if kind == "hedged":
            return r.choice([
                f"{cap(p('remedies'))} may help with {p('symptoms')}, but the studies were small.",
                f"Some early research suggests that {p('remedies')} could improve {p('outcomes')}.",
                f"{cap(p('treatments'))} can reduce {p('symptoms')} in some {p('people')}.",
                f"Scientists are testing whether {p('remedies')} might protect against {p('symptoms')}.",
            ])
        if kind == "safety":
            return r.choice([
                f"{cap(p('remedies'))} is completely safe and has no side effects.",
                f"{cap(p('treatments'))} is safer than {p('treatments')} and is not habit-forming.",
                f"The risk of serious harm from {p('treatments')} is very low.",
                f"{cap(p('treatments'))} can cause headaches, and you should stop it if you feel dizzy.",
                f"Side effects of {p('treatments')} include nausea, flushing and an upset stomach.",
            ])
        if kind == "question":
            return r.choice([
                f"Can {p('remedies')} help with {p('symptoms')}?",
                f"Does {p('treatments')} work for {p('people')}?",
                f"How long does {p('treatments')} take to work?",
                f"Is {p('remedies')} worth trying?",
            ])
        if kind == "advice":
            return r.choice([
                f"Talk to your GP before starting {p('treatments')} if you take other medicines.",
                f"See a doctor if {p('symptoms')} gets worse or lasts more than a few weeks.",
                f"Keep taking {p('treatments')} as prescribed and do not double a missed dose.",
                f"Tell your pharmacist about any supplements, including {p('remedies')}.",
                f"Stop and seek urgent help if you have chest pain, a rash or swelling of the face.",
            ])
        if kind == "study":
            return r.choice([
                f"Researchers followed {r.randint(100, 5000):,} {p('people')} for {r.randint(2, 10)} years.",
                f"The trial compared {p('treatments')} with a dummy treatment in {r.randint(30, 900)} {p('people')}.",
                f"Participants took {r.randint(1, 20)} mg a day and kept a diary of {p('symptoms')}.",
                f"It found that {p('outcomes')} improved in the treatment group.",
            ])
        raise ValueError(kind)

    def paragraph(self) -> str:
        kinds = ["neutral"] * 6 + ["stat_cited", "stat_uncited", "efficacy_cited", "efficacy_uncited", "hedged",
                                   "safety", "question", "advice", "study", "study", "neutral"]
        n = self.r.randint(3, 6)
        return " ".join(self.sentence(self.r.choice(kinds)) for _ in range(n))

    def heading(self) -> str:
        c, p = self.t["condition"], self.pick
        return self.r.choice([
            f"What causes {c}?", f"Treatments for {c}", f"Does {p('remedies')} work?", f"Living with {c}",
            f"When to see a doctor", f"How {p('treatments')} works", f"Side effects of {p('treatments')}",
            f"Natural remedies", f"What the research says", f"Symptoms to look out for",
            f"{cap(p('treatments'))} versus {p('treatments')}", "Questions to ask your doctor",
        ])

    def reference(self, i: int) -> str:
        r = self.r
        if r.random() < 0.06:
            return r.choice(["", "Smith J, et al.", "See:"])  # empty or cut-off reference
        surname = r.choice(["Haddad", "Smith", "Okafor", "Lindqvist", "Tanaka", "Moreau", "Brooks", "Raman"])
        year = r.randint(2001, 2025)
        url = r.choice(LINKS) + str(r.randint(10000, 99999))
        return (f"{surname} {r.choice('ABCDJKLMPRS')}, et al. {cap(self.pick('treatments'))} and "
                f"{self.t['condition']}. {self.pick('JOURNALS')}. {year};{r.randint(1, 80)}:{r.randint(1, 900)}. {url}")


def _date(r: random.Random) -> tuple[str, str]:
    y, m, d = r.choice([2024, 2025, 2025, 2026, 2026, 2026]), r.randint(1, 12), r.randint(1, 28)
    return f"{y}-{m:02d}-{d:02d}", f"{d} {MONTHS[m - 1]} {y}"


def article(seed: int, index: int, words: int, fmt: str | None = None, size: int | None = None,
            formats=("md", "txt", "html")) -> tuple[str, str]:
    """(extension, text) of article `index`: ~`words` words, or ~`size` bytes when given."""
    r = random.Random(f"{seed}:{index}")
    topic = r.choice(TOPICS)
    w = Writer(r, topic)
    fmt = fmt or r.choice(formats)
    title = r.choice([f"{cap(topic['condition'])}: what works and what doesn't",
                      f"A guide to {topic['condition']} treatments",
                      f"{cap(w.pick('treatments'))} for {topic['condition']}: benefits and risks",
                      f"Does {w.pick('remedies')} help {topic['condition']}?"])
    iso, human = _date(r)
    author, reviewer = r.choice(AUTHORS), r.choice(REVIEWERS)
    has_reviewer = r.random() > 0.1
    sections: list[tuple[str, list[str]]] = []
    count = 0
    budget = size if size else int(words * 0.85)  # headings, byline and references make up the rest
    while count < budget:
        paras = []
        for _ in range(r.randint(2, 5)):
            para = w.paragraph()
            paras.append(para)
            count += len(para) + 2 if size else len(para.split())
            if count >= budget:
                break
        sections.append((w.heading(), paras))
    refs = [w.reference(i) for i in range(max(1, min(w.refs, 12)))]
    truncated = r.random() < 0.05
    if truncated:  # an article that stops mid-sentence
        last = sections[-1][1][-1]
        sections[-1][1][-1] = last[: max(20, int(len(last) * 0.6))].rstrip(" .") + " and"
    disclaimer = "This article is for general information and is not a substitute for professional medical advice."
    byline = f"By {author}" + (f" · Medically reviewed by {reviewer}" if has_reviewer else "")
    if fmt == "md":
        out = []
        if r.random() < 0.7:
            out += ["---", f"title: \"{title}\"", f"author: {author}"]
            if has_reviewer:
                out.append(f"reviewer: {reviewer}")
            out += [f"last_reviewed: {iso}", "---", ""]
        out += [f"# {title}", "", byline + f" · Last updated {human}", ""]
        for head, paras in sections:
            out += [f"## {head}", ""]
            for i, para in enumerate(paras):
                out += [("- " + para) if i and r.random() < 0.1 else para, ""]
        if not truncated:
            out += ["## References", ""] + [f"{i + 1}. {ref}" for i, ref in enumerate(refs)] + ["", f"*{disclaimer}*"]
        return "md", "\n".join(out) + "\n"
    if fmt == "txt":
        out = [title, "", byline, f"Last updated: {human}", ""]
        for head, paras in sections:
            out += [head, ""]
            for para in paras:
                out += [para, ""]
        if not truncated:
            out += ["References", ""] + [f"{i + 1}. {ref}" for i, ref in enumerate(refs)] + ["", disclaimer]
        return "txt", "\n".join(out) + "\n"
    e = html.escape
    out = ["<!doctype html>", '<html lang="en"><head><meta charset="utf-8">', f"<title>{e(title)}</title>",
           f'<meta property="article:published_time" content="{iso}">', "</head><body>", "<article>",
           "<header>", f"<h1>{e(title)}</h1>",
           f'<p>{e(byline)} · <time datetime="{iso}">{human}</time></p>', "</header>"]
    for head, paras in sections:
        out.append(f"<h2>{e(head)}</h2>")
        for para in paras:
            out.append(f"<p>{e(para)}</p>")
    if not truncated:
        out += ["<h2>References</h2>", "<ol>"] + [f"<li>{e(ref)}</li>" for ref in refs] + ["</ol>",
                                                                                           f"<p>{e(disclaimer)}</p>"]
    out += ["</article></body></html>"]
    return "html", "\n".join(out) + "\n"


def generate(out: Path, count: int, seed: int = 8, min_words: int = 1200, max_words: int = 2000,
             size: int | None = None, formats=("md", "txt", "html")) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        words = random.Random(f"{seed}:{i}:words").randint(min_words, max_words)
        ext, text = article(seed, i, words, size=size, formats=formats)
        topic = random.Random(f"{seed}:{i}").choice(TOPICS)["slug"]
        path = out / f"{i:05d}-{topic}.{ext}"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--count", type=int, default=100)
    ap.add_argument("--seed", type=int, default=8)
    ap.add_argument("--min-words", type=int, default=1200)
    ap.add_argument("--max-words", type=int, default=2000)
    ap.add_argument("--bytes", type=int, default=None, help="approximate size of each article instead of words")
    ap.add_argument("--formats", default="md,txt,html", help="comma-separated: md, txt, html")
    a = ap.parse_args()
    paths = generate(a.out, a.count, a.seed, a.min_words, a.max_words, a.bytes, tuple(a.formats.split(",")))
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
    print(f"{len(paths)} articles, {words:,} words in {a.out}")


if __name__ == "__main__":
    main()
