"""The intent matcher on the hard cases: typos, lay words, word order, keywords, rambling,
domain words that are not about Botox, questions the guide doesn't cover, and ties."""

from __future__ import annotations

import pytest

from assistant import IntentMatcher, Knowledge
from assistant.knowledge import Intent, in_family

ANSWERS = [
    # typos
    ("does botx cause brusing", "side-effects"),
    ("can botox fix a crooked smiel", "asymmetry.treatment"),
    ("waht is botox", "botox.what-is-it"),
    ("who shuold inject my botox", "provider"),
    ("do i need a consultaton first", "consultation"),
    # lay words and synonyms
    ("will the jabs leave me black and blue", "side-effects"),
    ("can tox even out my lopsided face", "asymmetry.treatment"),
    ("does the needle sting", "side-effects"),
    ("my face is wonky and it makes me feel awful about myself", "asymmetry.about"),
    ("should a derm or a nurse do my shots", "provider"),
    # word order
    ("bruising from botox is it common", "side-effects"),
    ("muscles and botox how does that work", "botox.how-it-works"),
    # no subject named: a Botox FAQ takes "it" to be Botox
    ("how does it work?", "botox.how-it-works"),
    ("does it hurt", "side-effects"),
    # short keyword queries
    ("bruising", "side-effects"),
    ("swelling", "side-effects"),
    ("botox consultation", "consultation"),
    # long, rambling questions
    ("so i've been thinking about this for months and my friend says botox worked for her but i'm "
     "nervous, will the injections hurt a lot", "side-effects"),
    # what Botox can cause or lead to is a side effect, not the treatment
    ("could botox lead to my mouth looking lopsided", "side-effects.asymmetry"),
    ("is it possible for the jabs to cause an uneven forehead", "side-effects.asymmetry"),
]


@pytest.mark.parametrize("question, intent", ANSWERS)
def test_answers_the_right_intent(matcher, question, intent):
    match = matcher.match(question)
    assert match.kind == "answer" and in_family(match.intent or "", intent), (match.intent, match.rule)
    assert 0.0 <= match.score <= 1.0


@pytest.mark.parametrize("question", [
    "what are the side effects of ibuprofen",
    "how do I get rid of wrinkles in my shirt",
    "who should I hire to paint my house",
    "how do i treat a bruised apple",
    "is it safe to leave my car running",
    "what muscles does running work",
    "my sister's wedding is next week",
    "my table is uneven how do i fix it",
    "how do i fix a lopsided cake",
    "what is a neurotoxin in snake venom",
])
def test_domain_words_that_are_not_about_botox_get_no_answer(matcher, question):
    match = matcher.match(question)
    assert match.intent is None and match.kind in ("out-of-scope", "not-covered"), (match.kind, match.intent, match.rule)


@pytest.mark.parametrize("question", [
    "how long does botox last",
    "how much does botox cost",
    "can i get botox while pregnant",
    "is there an age limit for botox",
    "does botox help migraines",
    "can i drink alcohol after botox",
    "can i work out after botox",
    "can botox fix my crooked teeth",
    "what causes a lopsided jaw",  # the causes of asymmetry
])
def test_questions_the_guide_does_not_cover_are_not_covered(matcher, question):
    match = matcher.match(question)
    assert (match.kind, match.intent) == ("not-covered", None), match.rule


def test_the_token_set_trap_does_not_answer_a_subset(matcher):
    # Every word of "botox side effects" is in this question; token_set_ratio would score 100.
    match = matcher.match("botox side effects on the stock price of allergan shares")
    assert match.intent is None


def test_runners_up_come_with_scores_in_order(matcher):
    match = matcher.match("can botox make my face more even")
    scores = [c.score for c in match.candidates]
    assert scores == sorted(scores, reverse=True)
    assert match.candidates[0].label == match.intent
    assert all(0.0 <= c.score <= 1.0 for c in match.alternatives)


@pytest.mark.parametrize("at_least", [0.7, 0.8, 0.9])
def test_asking_only_for_sure_answers_leaves_every_sure_answer_as_it_was(matcher, at_least):
    # Labels that can't come near ``at_least`` are not ranked; an answer at or above it, and its rivals
    # within the margin (so the verdict), are the same as when every label is ranked.
    questions = ["does botox cause bruising", "can botox make my face more even", "is it safe",
                 "what is botox exactly", "who should do my injections", "will my face look frozen",
                 "my smile is lopsided, can it help", "what happens at the consultation"]
    sure = 0
    scenes = [{}, {"in_story": True}, {"in_story": True, "scene": frozenset({"face", "asymmetry", "brow"})}]
    for question in questions:
        analysis = matcher.analyse(question)
        for how in scenes:  # a clause of a story, and one read with the story's words
            full = matcher.match_analysis(analysis, anchored=True, top=3, **how)
            quick = matcher.match_analysis(analysis, anchored=True, top=3, at_least=at_least, **how)
            if full.kind in ("answer", "ambiguous") and full.score >= at_least:
                sure += 1
                assert (quick.kind, quick.intent, quick.score) == (full.kind, full.intent, full.score), (question, how)
                close = [[c.label for c in m.alternatives if m.score - c.score < matcher.margin] for m in (quick, full)]
                assert close[0] == close[1], (question, how)
    assert sure >= 6


def test_empty_and_punctuation_only_input_is_empty(matcher):
    for question in ["", "   ", "?!?!", "..."]:
        assert matcher.match(question).kind == "empty"


def test_matching_is_deterministic(matcher):
    question = "does botox hurt and will it bruise"
    first = matcher.match(question)
    assert all(matcher.match(question) == first for _ in range(5))


def test_matcher_is_pure(matcher, capsys):
    matcher.match("does botox cause bruising")
    assert capsys.readouterr() == ("", "")


def twin_pack(kb: Knowledge) -> Knowledge:
    """Two intents with the same examples: nothing can tell them apart."""
    twins = (
        Intent("twin.one", "One", "first answer", ("does botox cause bruising",), ("guide-p5",)),
        Intent("twin.two", "Two", "second answer", ("does botox cause bruises",), ("guide-p5",)),
    )
    return Knowledge(kb.path, kb.pack, twins, (), kb.lexicon, kb.urgent, ())


def test_two_intents_too_close_to_call_are_ambiguous(kb):
    match = IntentMatcher(twin_pack(kb)).match("does botox cause bruising")
    assert match.kind == "ambiguous" and match.intent is None
    assert {c.label for c in match.alternatives} == {"twin.one", "twin.two"}


def test_margin_zero_never_calls_a_tie(kb):
    match = IntentMatcher(twin_pack(kb), margin=0.0).match("does botox cause bruising")
    assert match.kind == "answer"


def test_accept_floor_decides_when_to_decline(kb):
    strict = IntentMatcher(kb, accept=0.99)
    assert strict.match("does botox hurt a lot for most people").intent is None
    assert IntentMatcher(kb).match("does botox hurt a lot for most people").intent == "side-effects.pain"


def test_spelling_is_corrected_only_towards_knowledge_words(matcher):
    corrections = dict(matcher.analyse("does botx cause brusing").corrections)
    assert corrections == {"botx": "botox", "brusing": "bruising"}
    # Real words are never "corrected" into the knowledge's words.
    assert matcher.analyse("checking my account at the chase bank").corrections == ()


def test_a_typo_that_shares_a_stem_only_with_a_protected_word_is_still_corrected(matcher):
    # "faec" is the stem of "faeces", a real word kept from correction, but it is no word itself: it is "face"
    # with two letters swapped. A knowledge word's inflections stay as typed ("bruises" is "bruise").
    assert dict(matcher.analyse("my faec is uneven").corrections) == {"faec": "face"}
    assert matcher.analyse("the bruises are yellow").corrections == ()
    # ...while a protected word's own forms stay as typed: a surname is no red flag ("cooke" is no "choke")
    assert matcher.analyse("had botox with dr cooke at the wests clinic").corrections == ()


def test_a_typo_finds_every_knowledge_word_one_edit_away_as_a_full_scan_would(matcher):
    # Short typos look their candidates up by the word with one letter deleted; a scan of every
    # knowledge word by edit distance must find no word they miss, nor they one it doesn't.
    from rapidfuzz.distance import OSA

    lexicon = matcher.lexicon
    words = sorted({w for pool in lexicon._pools.values() for w in pool if len(w) <= 8})
    typos = set()
    for word in words[::7]:
        for i in range(len(word)):
            typos.add(word[:i] + word[i + 1:])  # a letter left out
            typos.add(word[:i] + "x" + word[i + 1:])  # one letter for another
            typos.add(word[:i] + "e" + word[i:])  # one letter too many
            typos.add(word[:i] + word[i + 1:i + 2] + word[i] + word[i + 2:])  # two letters swapped
    typos = {t for t in typos if 3 <= len(t) <= 8}
    assert len(typos) > 1000
    for typo in typos:
        scanned = {w for w in words + [w for w in lexicon._pools.get(9, ()) if len(w) == 9] if OSA.distance(typo, w) <= 1}
        assert set(lexicon._within_reach(typo)) == scanned, typo


@pytest.mark.parametrize("ask, botox", [
    ("what should i be asking before anyone does it", True),  # "be" after "i" is no "can it be fixed"
    ("who should i be seeing for it", True),
    ("can it be fixed", False),  # "it" is the result something is done to
    ("is it normal for my jaw to be wider", False),  # "it" stands in for what follows
])
def test_it_in_a_message_naming_botox_is_botox_only_where_it_is_what_is_asked_about(matcher, ask, botox):
    assert matcher.meaning_botox(matcher.analyse(ask), ["botox"]).anchored is botox


def test_a_family_known_not_to_be_asked_is_left_out_of_the_ranking(matcher):
    analysis = matcher.analyse("can botox even out my smile")
    assert matcher.match_analysis(analysis).intent == "asymmetry.treatment"
    without = matcher.match_analysis(analysis, without=frozenset({"asymmetry.treatment"}))
    assert all(matcher.family(c.label) != "asymmetry.treatment" for c in without.candidates)
    assert without.candidates  # the rest are ranked still


def test_dose_opening_a_question_is_read_as_does(matcher):
    # a real word typed for another: only "does" opens a question before whom it asks of
    assert dict(matcher.analyse("dose botox hurt?").corrections) == {"dose": "does"}
    assert dict(matcher.analyse("how dose it work").corrections) == {"dose": "does"}
    assert matcher.analyse("what dose do they use for a jaw?").corrections == ()  # the dose itself
    assert matcher.analyse("what dose botox come in?").corrections == ()  # "what dose" asks a dose
    assert matcher.analyse("is the dose the same for everyone").corrections == ()
