"""The three claim rules, sentence by sentence, through the installed CLI.

Each case is one short Markdown article written to its own file. All cases go in one folder that
is checked with a single `claimlint --format json --select CL2` run (a module-scoped fixture), and
each test looks its findings up by path. A "report" case needs a finding of the rule whose span
overlaps the expected words (and, where given, has the expected severity); a "quiet" case needs no
finding of that rule anywhere in the file. Every sentence here is invented for this file.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

TODAY = "2026-11-24"
STAT, EFF, SAFE = "uncited-statistic", "uncited-efficacy-claim", "unsupported-safety-claim"


def R(id, text, span, severity=None, marks=()):
    """A case that must be reported, with a finding overlapping `span`."""
    return pytest.param("report", text, span, severity, id=id, marks=marks)


def Q(id, text, marks=()):
    """A case that must not be reported."""
    return pytest.param("quiet", text, None, None, id=id, marks=marks)


# --------------------------------------------------------------------------------------------
# uncited-statistic (CL201)
# --------------------------------------------------------------------------------------------
STAT_CASES = [
    R("x-in-y", "Nearly 3 in 5 runners who wore the insoles had fewer shin splints.", "3 in 5 runners", "error"),
    R("percent-of-people", "The eye drops worked for 64% of the volunteers.", "64%", "error"),
    R("number-words", "Seventy percent of walkers felt less knee pain after the course.", "Seventy percent", "error"),
    R("count-of-people", "Each winter roughly 12,000 people are treated for burns in UK hospitals.", "12,000 people"),
    R("number-word-count", "Psoriasis affects tens of thousands of children in Scotland.", "tens of thousands"),
    R("fraction", "Half of the women who used the pessary reported fewer infections.", "Half of the women", "error"),
    R("out-of", "Two out of three patients said the splint eased their wrist pain.", "Two out of three", "error"),
    R("effect-size-with-modal", "A daily beetroot shot may lower systolic readings by 4–7 mmHg.", "4–7 mmHg", "error"),
    R("time-to-effect", "Most users notice a difference after three to five weeks of daily use.",
      "three to five weeks"),
    R("time-to-effect-first-application", "The itching eases within 48 hours of the first application.",
      "48 hours"),
    R("figure-comparison", "The new balm heals grazes twice as fast as the old ointment.", "twice as fast"),
    R("vague-quantifier", "The night brace works well for most sufferers.", "works well for most", "warning"),
    R("studies-show-is-not-a-source", "Studies show that 45% of smokers relapse within a month of quitting.", "45%"),
    R("experts-agree-is-not-a-source", "Experts agree that 9 in 10 back pain sufferers improve with walking.",
      "9 in 10"),
    R("source-in-other-sentence",
      "A 2022 NHS survey found 1 in 6 adults have tinnitus. Roughly a third of them never see a doctor.",
      "a third of them"),
    R("two-sentences-back-is-too-far",
      "A 2021 study in the BMJ tracked 900 nurses. The nurses all worked night shifts. "
      "It found that 30% of them slept badly.", "30% of them"),
    R("photo-credit-is-not-a-source",
      "Two in three patients said the splint helped (Photo: Shutterstock).", "Two in three"),
    R("relative-link-is-not-a-source", "About [4 in 10 users](/products/night-balm) saw clearer skin.", "4 in 10"),
    R("heading", "# 9 in 10 Dentists Recommend Our Floss\n\nThe floss is waxed.", "9 in 10"),
    R("continuing-without-a-source", "Many people sleep badly. It found that 40% of adults wake at night.",
      "40% of adults"),
    R("list-under-uncited-lead-in", "Regular brisk walking brings:\n\n- a 30% lower risk of heart disease\n"
                                    "- better sleep in 2 of 3 adults\n", "30%"),
    R("source-line-covers-only-the-sentence-before",
      "One in five adults snore loudly. Ear plugs help their partners. Source: NICE, 2020.", "One in five adults"),
    # A source named two sentences back does not cover the third sentence, even when the second
    # continued the attribution (policy 3: "Two sentences back is too far").
    R("continuing-attribution-reaches-one-sentence",
      "A 2023 trial in The Lancet tested a nasal spray on 700 adults. It found that 41% had shorter colds. "
      "It also found that 8 in 10 slept better.", "8 in 10"),

    Q("question", "Does 1 in 3 adults really snore every night?"),
    Q("question-heading", "# Do 8 in 10 Dieters Regain the Weight?\n\nDieting is hard."),
    Q("marker", "Roughly 7 in 10 walkers slept better after a month [3]."),
    Q("marker-mid-sentence", "Around 5% of adults have coeliac disease [2], and 80% of them improve on the diet."),
    Q("marker-list", "Roughly 7 in 10 walkers slept better after a month [2, 5]."),
    Q("marker-parenthesised", "Roughly 7 in 10 walkers slept better after a month (4)."),
    Q("marker-after-full-stop", "Roughly 7 in 10 walkers slept better after a month. [6]"),
    Q("superscript", "Roughly 7 in 10 walkers slept better after a month.²"),
    Q("glued-digit", "Roughly 7 in 10 walkers slept better after a month.12"),
    Q("footnote", "Roughly 7 in 10 walkers slept better after a month.[^walk]\n\n"
                  "[^walk]: Moreau L. Walking and sleep. Sleep Med Rev. 2021;12:44-51.\n"),
    Q("author-year", "Roughly 7 in 10 walkers slept better after a month (Moreau et al., 2021)."),
    Q("author-year-narrative", "Moreau and colleagues (2021) found that 7 in 10 walkers slept better."),
    Q("external-link", "In [one trial](https://example.org/walking-sleep-trial), 7 in 10 walkers slept better."),
    Q("bare-doi", "Roughly 7 in 10 walkers slept better after a month (doi:10.1234/walk.2021.7)."),
    Q("according-to-nhs", "Each winter roughly 12,000 people are treated for burns, according to the NHS."),
    Q("named-journal", "A 2020 study in the BMJ found that 35% of night-shift workers slept under six hours."),
    Q("named-expert", "Dr Priya Nandakumar, a dermatologist at Leeds General Infirmary, says 8 in 10 of her "
                      "patients improve."),
    Q("continuing-attribution", "A 2020 study in the BMJ looked at 2,000 night-shift workers. "
                                "It found that 40% slept less than six hours."),
    Q("next-sentence-source", "One in five adults who try the app sleep longer. Source: NICE, 2020."),
    Q("next-sentence-figure-comes-from", "One in five adults who try the app sleep longer. "
                                         "This figure comes from the 2021 census [7]."),
    Q("list-under-cited-lead-in", "According to the NHS, regular brisk walking brings:\n\n"
                                  "- a 30% lower risk of heart disease\n- better sleep in 2 of 3 adults\n"),
    Q("dose", "Adults should take 400 mg of magnesium twice a day for 14 days."),
    Q("ages", "The screening is for women aged 50 to 70 and men over 65."),
    Q("price", "A tub costs £12.50 and a refill is $9."),
    Q("names-with-digits", "The label lists omega-3, vitamin B12, CoQ10 and SPF 50 sunscreen."),
    Q("disease-name-with-digits", "COVID-19 and 5-alpha reductase deficiency are explained below."),
    Q("study-design", "The trial followed 500 adults for two years."),
    Q("study-design-enrolled", "The researchers enrolled 2,400 pregnant women in 2019."),
    Q("course-of-illness", "Chickenpox blisters usually crust over within 5 days."),
    Q("recovery-time", "Recovery from a hip replacement takes 8–10 weeks."),
    Q("lab-range", "A normal fasting glucose is 4.0 to 5.4 mmol/L."),
    Q("product-strength", "The shampoo contains 2% ketoconazole."),
    Q("schedule", "Apply the cream 3 times a day for 2 weeks."),
    # fractions, weight change, zero counts, events (session 2)
    R("qualified-fraction", "Roughly a third of the nappy-rash babies were clear by day five.", "Roughly a third", "error"),
    R("fraction-less", "Swimmers who used the drops had a quarter fewer ear infections.", "a quarter fewer"),
    R("fraction-by", "The stretching plan cut back pain scores by half.", "half"),
    R("weight-change", "Dieters on the shake plan lost an average of 6 kg in twelve weeks.", "lost an average of 6 kg"),
    R("weight-change-promise", "Drop up to 3 dress sizes with our detox tea!", "Drop up to 3 dress sizes"),
    R("zero-cases", "Since the jab was introduced there have been no cases of polio in vaccinated children.", "no cases of polio"),
    R("count-of-doses", "Over 40 million doses of the nasal spray have been sold.", "40 million doses"),
    R("side-effect-rate", "About 1 in 20 get a mild headache after the jab.", "1 in 20", "error"),
    Q("fraction-of-dose", "Give about half a tablet to children under 12."),
    Q("weight-goal", "If you need to lose 5 kg, aim for half a kilo a week."),
    Q("strength-list", "The wash comes in 1%, 2% and 4% solutions."),
    Q("drug-strength", "Use clotrimazole 1% twice a day."),
    Q("placebo-design", "In the trial, 2,400 adults took the capsules or a placebo for a year."),
    Q("quoted-expert", "\u201cAbout 7 in 10 of the people we treat sleep better within a month. Most keep improving,\u201d says Dr Lena Okafor, a sleep physician at St Mary\u2019s Hospital."),
    Q("named-acronym-study", "In the ALSPAC study, 1 in 8 teenagers reported poor sleep."),
    Q("named-initiative-study", "The Nurses' Health Study found that 30% of nurses slept under six hours."),
]

# --------------------------------------------------------------------------------------------
# uncited-efficacy-claim (CL202)
# --------------------------------------------------------------------------------------------
EFF_CASES = [
    R("relieves", "Peppermint oil relieves bloating after meals.", "relieves bloating", "error"),
    R("hedged-may-help", "Chamomile tea may help ease anxiety.", "ease anxiety", "warning"),
    R("hedged-can", "Turmeric capsules can reduce joint pain.", "reduce joint pain", "warning"),
    R("hedged-could", "A daily walk could boost your mood.", "boost your mood", "warning"),
    R("clinically-proven", "This shampoo is clinically proven to thicken hair.", "clinically proven", "error"),
    R("device-accuracy", "The wrist blood pressure cuff is very reliable.", "reliable"),
    R("cure", "Acupressure bands cure travel sickness.", "cure travel sickness", "error"),
    R("a-cure-for", "Here at last is a cure for cold sores.", "cure for cold sores"),
    R("superlative", "Cold showers are the most effective remedy for low energy.", "most effective remedy"),
    R("comparative", "Our nasal rinse works better than antihistamine pills.", "better than antihistamine"),
    R("mechanism-with-outcome", "Oat fibre binds bile acids, which lowers cholesterol.", "lowers cholesterol"),
    R("advice-naming-a-remedy", "Suck a honey lozenge to ease a cough.", "ease a cough"),
    R("testimonial", "This oil cleared my acne in a fortnight!", "cleared my acne"),
    R("usually-does-not-hedge", "Usually the plasters soothe blisters straight away.", "soothe blisters", "error"),
    R("generally-does-not-hedge", "Generally, the gel relieves muscle soreness fast.", "relieves muscle soreness",
      "error"),
    R("heading-superlative", "# Manuka Honey: The Most Powerful Remedy for Sore Throats\n\nHoney is sticky.",
      "Most Powerful Remedy"),
    R("studies-show-is-not-a-source", "Studies show that green tea boosts metabolism.", "boosts metabolism"),
    R("relative-link-is-not-a-source", "[Our serum](/shop/serum) fades dark spots in weeks.", "fades dark spots"),
    R("helps-you-sleep-better", "Pilates helps you sleep better.", "helps you sleep better"),
    R("split-by-line-break", "The lotion prevents\nstretch marks in pregnancy.", "prevents\nstretch marks"),

    Q("no-cure", "There is no cure for tinnitus."),
    Q("does-not-reduce", "It does not reduce pain."),
    Q("negated-subject", "Vitamin E does not fade scars."),
    Q("absence-of-evidence", "No trial has shown that the balm prevents scarring."),
    Q("question", "Can garlic prevent colds?"),
    Q("question-heading", "## Does acupuncture relieve back pain?\n\nAcupuncture uses fine needles."),
    Q("marker", "Peppermint oil relieves bloating after meals [1]."),
    Q("footnote", "Peppermint oil relieves bloating after meals.[^pep]\n\n"
                  "[^pep]: Osei K. Peppermint oil in IBS. Gut Res. 2019;8:12-19.\n"),
    Q("author-year", "Peppermint oil relieves bloating after meals (Ferreira & Osei, 2019)."),
    Q("external-link", "Peppermint oil [relieves bloating](https://example.org/ibs-review) after meals."),
    Q("according-to-nhs", "According to the NHS, peppermint oil relieves bloating."),
    Q("named-expert", "Dr Hannah Okoye, a GP in Bristol, says honey soothes a cough."),
    Q("continuing-attribution", "A 2019 trial published in The Lancet tested a new inhaler. "
                                "It showed that the inhaler prevents asthma attacks."),
    Q("next-sentence-source", "Statins lower the risk of heart attacks. Source: NICE, 2020."),
    Q("list-under-cited-lead-in", "According to Cancer Research UK, a high-fibre diet:\n\n"
                                  "- lowers the risk of bowel cancer\n- improves digestion\n"),
    Q("indication", "Metformin is used to treat type 2 diabetes."),
    Q("side-effect-warning", "Ibuprofen can cause stomach pain."),
    Q("mechanism-without-outcome", "Proton pump inhibitors block acid pumps in the stomach lining."),
    Q("generic-advice", "Keep the burn under cool running water to ease the pain."),
    Q("disease-description", "Smoking raises the risk of gum disease."),
    Q("hope-for-a-cure", "Scientists hope to find a cure for peanut allergy."),
    # session 2 detectors
    R("as-good-as", "The spray works just as well as the tablets for hay fever.", "works just as well as the tablets"),
    R("as-effective-as", "Cold water immersion is as effective as ice packs for sprains.", "as effective as ice"),
    R("did-better", "Patients on the new gel did much better than expected.", "did much better"),
    R("lasting-benefit", "The relief lasts for up to twelve hours.", "relief lasts"),
    # A list's lead-in is part of its items' sentence: it can make them claims, and hedge them.
    R("lead-in-subject", "Regular massage:\n\n- Relaxes tight shoulders\n- Loosens stiff hips\n",
      "Relaxes tight shoulders", "error"),
    R("lead-in-hedged", "Research suggests reflexology may:\n\n- Improve circulation in the feet\n",
      "Improve circulation", "warning"),
    R("lead-in-benefit", "Swimmers report:\n\n- Deeper, more restful sleep\n", "Deeper, more restful sleep",
      "error"),
    Q("lead-in-side-effects", "Common side effects:\n\n- Reduces appetite for a few days\n"),
    Q("quote-pronoun-attribution", "Professor Ana Ruiz, a neurologist at Northfield Hospital, welcomed the news. "
      "“For many patients, the gel could relieve pain,” she said."),
    R("quote-pronoun-unnamed", "A reader wrote to us last week. “For many patients, the gel could relieve pain,” she said.",
      "could relieve pain", "warning"),
    R("it-works", "Eye drops that really work for tired eyes.", "drops that really work"),
    R("works-for-condition", "The balm works well for mild sunburn.", "works well for mild sunburn"),
    R("can-help-bare", "Acupuncture can also help.", "can also help", "warning"),
    R("leads-to", "The plan leads to lasting weight loss.", "leads to lasting weight loss"),
    R("guarantee", "Our pillow guarantees a deeper sleep.", "guarantees a deeper sleep"),
    R("protects-against", "The jab protects children against whooping cough.", "protects children against whooping"),
    R("mainstay", "Steroid inhalers are the mainstay of asthma treatment.", "mainstay of asthma treatment"),
    R("nature-superlative", "Ginger: nature's most powerful remedy for nausea", "nature's most powerful remedy"),
    R("lifts-mood", "A brisk walk lifts your mood straight away.", "lifts your mood"),
    R("helps-keep", "Calcium-rich yoghurt helps keep teeth strong.", "helps keep teeth strong", "error"),
    Q("quoted-mention", "Labels such as \u201cclinically proven\u201d need no trial at all."),
    Q("professional-helps", "Your pharmacist can help you reduce the dose slowly."),
    Q("body-agent", "Sleep matters because the body repairs muscle overnight."),
    Q("what-can-help", "What can help with night sweats?"),
    Q("intransitive-wake", "Most men wake up with erections several times a night."),
    Q("work-shifts", "Nurses who work shifts often sleep badly."),
]

# --------------------------------------------------------------------------------------------
# unsupported-safety-claim (CL203)
# --------------------------------------------------------------------------------------------
SAFE_CASES = [
    R("completely-safe", "The sleep gummies are completely safe for teenagers.", "completely safe", "error"),
    R("generally-does-not-hedge", "Generally, the nappy cream is safe for newborns.", "safe", "error"),
    R("hedged-may", "The spray may be safe for toddlers.", "safe", "warning"),
    R("not-habit-forming", "Valerian drops are not habit-forming, even after months of use.", "not habit-forming"),
    R("it-is-not-addictive", "It is not addictive, unlike older sleeping pills.", "not addictive"),
    R("isnt-addictive", "The nicotine patch isn't addictive.", "addictive"),
    R("wont-harm", "The nasal spray won't harm your baby.", "won't harm"),
    R("cannot-give-you", "The flu jab cannot give you the flu.", "cannot give you the flu"),
    R("reactions-are-rare", "Serious reactions to the jab are extremely rare.", "extremely rare"),
    R("no-side-effects", "The laser treatment has no side effects.", "no side effects"),
    R("side-effects-minor", "Side effects from the new pill tend to be minor.", "minor"),
    R("low-risk", "The risk of infection after the procedure is extremely low.", "risk of infection"),
    R("absolute-risk", "Head lice cannot spread through shared pillows.", "cannot spread"),
    R("safer-than", "Paracetamol is safer than ibuprofen for people with asthma.", "safer than ibuprofen"),
    R("tolerated", "Most people tolerate the drops well.", "tolerate the drops well"),
    R("hypoallergenic", "The hair dye is hypoallergenic and non-toxic.", "hypoallergenic"),
    R("studies-show-is-not-a-source", "Studies show the supplement is safe for everyone.", "safe"),
    R("heading-safest", "## The Safest Acne Treatment\n\nAcne is common.", "Safest Acne Treatment"),
    R("bold-inside-sentence", "A **mild, side-effect-free** balm for babies.", "side-effect-free"),

    Q("question", "Is ibuprofen safe during pregnancy?"),
    Q("question-risk", "Is there a risk of addiction with codeine?"),
    Q("negated-safety", "It is not safe to take aspirin with warfarin."),
    Q("negated-safety-children", "The tablets are not safe for children under 12."),
    Q("side-effect-warning", "The injection can cause soreness and a mild fever."),
    Q("report-side-effects", "Tell your doctor if you have any side effects."),
    Q("outside-health", "We keep your payment details safe."),
    Q("safe-place", "Store the capsules in a safe place."),
    Q("marker", "The sleep gummies are safe for teenagers [2]."),
    Q("footnote", "The sleep gummies are safe for teenagers.[^mhra]\n\n"
                  "[^mhra]: MHRA. Melatonin gummies: safety review. 2022. https://example.org/mhra\n"),
    Q("author-year", "The sleep gummies are safe for teenagers (Moreau et al. 2018)."),
    Q("external-link", "The vaccine is [safe in pregnancy](https://example.org/vaccine-pregnancy-review)."),
    Q("according-to", "According to the MHRA, the vaccine is safe in pregnancy."),
    Q("continuing-attribution", "A 2022 review by the MHRA looked at the shingles vaccine. "
                                "It found that serious side effects were rare."),
    Q("next-sentence-source", "The patch has no side effects in adults. Source: MHRA, 2021."),
    Q("list-under-cited-lead-in", "According to the FDA, the new patch is:\n\n- non-addictive\n"
                                  "- well tolerated by older adults\n"),
    # session 2 detectors
    R("painless", "The new patch test is painless.", "painless"),
    R("only-mild", "Expect only mild stinging for a minute.", "only mild stinging"),
    R("suitable-for-all", "Gentle enough and suitable for all skin types.", "suitable for all skin types"),
    R("no-risks", "The detox plan has no risks.", "has no risks"),
    R("no-increase-in-risk", "Vaginal oestrogen brings little or no increase in risk.", "little or no increase in risk"),
    R("negated-harm", "Our whitening strips do not damage your enamel.", "do not damage your enamel"),
    R("never-cause", "These plasters never cause allergic reactions.", "never cause allergic reactions"),
    R("cannot-alter-genes", "The vaccine cannot alter your genes.", "cannot alter your genes"),
    R("rare-harm", "Blood clots are extremely rare after the jab.", "extremely rare"),
    R("irritates-less", "The 1% gel irritates the skin less than the 5% gel.", "irritates the skin less"),
    Q("not-harmless", "Herbal does not mean harmless."),
    Q("imperative-do-not", "Do not irritate the skin by scrubbing."),
    Q("not-suitable", "The cream is not suitable for children under 12."),
]


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    """Write every case to its own file, run the CLI once, and group the findings by file."""
    folder = tmp_path_factory.mktemp("claims")
    paths = {}
    for group, cases in (("stat", STAT_CASES), ("eff", EFF_CASES), ("safe", SAFE_CASES)):
        for case in cases:
            expect, text, _span, _sev = case.values
            p = folder / f"{group}-{case.id}.md"
            p.write_bytes((text if text.endswith("\n") else text + "\n").encode("utf-8"))
            paths[(group, case.id)] = p
    proc = subprocess.run([sys.executable, "-m", "claimlint", "--format", "json", "--today", TODAY,
                           "--select", "CL2", str(folder)], capture_output=True)
    assert proc.returncode in (0, 1), proc.stderr.decode()
    out = json.loads(proc.stdout)
    assert out["errors"] == []
    by_path = {}
    for f in out["findings"]:
        by_path.setdefault(os.path.realpath(f["path"]), []).append(f)
    return paths, by_path


def _offset(source: str, line: int, column: int) -> int:
    lines = source.split("\n")
    return sum(len(x) + 1 for x in lines[: line - 1]) + column - 1


def _check(results, group, case_id, rule, expect, text, span, severity):
    paths, by_path = results
    path = paths[(group, case_id)]
    source = path.read_bytes().decode("utf-8")
    found = [f for f in by_path.get(os.path.realpath(path), []) if f["rule"] == rule]
    shown = [(f["text"], f["severity"]) for f in found]
    if expect == "quiet":
        assert not found, f"{rule} should stay quiet on {text!r}, got {shown}"
        return
    assert found, f"{rule} should report {span!r} in {text!r}"
    s = source.index(span)
    e = s + len(span)
    hits = [f for f in found
            if _offset(source, f["line"], f["column"]) < e and s < _offset(source, f["end_line"], f["end_column"])]
    assert hits, f"{rule} reported {shown} but nothing overlapping {span!r} in {text!r}"
    if severity:
        assert any(f["severity"] == severity for f in hits), f"expected {severity} for {span!r}, got {shown}"


@pytest.mark.parametrize("expect,text,span,severity", STAT_CASES)
def test_uncited_statistic(results, request, expect, text, span, severity):
    _check(results, "stat", request.node.callspec.id, STAT, expect, text, span, severity)


@pytest.mark.parametrize("expect,text,span,severity", EFF_CASES)
def test_uncited_efficacy_claim(results, request, expect, text, span, severity):
    _check(results, "eff", request.node.callspec.id, EFF, expect, text, span, severity)


@pytest.mark.parametrize("expect,text,span,severity", SAFE_CASES)
def test_unsupported_safety_claim(results, request, expect, text, span, severity):
    _check(results, "safe", request.node.callspec.id, SAFE, expect, text, span, severity)


def test_each_rule_has_enough_cases_both_ways():
    for cases in (STAT_CASES, EFF_CASES, SAFE_CASES):
        assert sum(c.values[0] == "report" for c in cases) >= 6
        assert sum(c.values[0] == "quiet" for c in cases) >= 6


def test_a_link_to_a_shop_page_is_not_a_source():
    from claimlint.citations import CitationFinder

    finder = CitationFinder({})
    assert not finder.is_external("https://successchemistry.com/product/10788-302-1")
    assert not finder.is_external("https://shop.example.com/collections/serums")
    assert finder.is_external("https://pubmed.ncbi.nlm.nih.gov/12345/")
    assert finder.is_external("https://example.com/shopping-guide")  # a page about shopping, not a shop page


def test_a_surname_cites_only_when_the_pack_says_so():
    from claimlint.citations import CitationFinder

    assert CitationFinder({"surnames": True}).surnames
    assert not CitationFinder({}).surnames  # a pack of one's own opts in, as the built-in one does
