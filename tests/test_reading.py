"""Reading messages the way patients write them: the ask inside a story, several questions at once,
the part the guide does cover, a direct first line, everyday words and typos. Our own wording."""

from __future__ import annotations

import json

import pytest

from assistant import Context
from assistant.layout.reply import format_reply
from assistant.knowledge import in_family
from assistant.understanding.reading import read_message


def parts_of(reply):
    return [(p.kind, p.intent if p.kind == "answer" else p.topic) for p in reply.parts]


# -- cutting a message ---------------------------------------------------------------------------------
@pytest.mark.parametrize("message, expected", [
    ("does it hurt and how much does it cost?", [("does it hurt", True), ("how much does it cost", True)]),
    ("hi, what is botox?", [("hi", False), ("what is botox", True)]),
    ("a) does it hurt b) is it safe", [("does it hurt", True), ("is it safe", True)]),  # a lettered list
    ("is it fillers or botox and is either of them permanent?", [("is it fillers or botox", True),
                                                                ("is either of them permanent", True)]),
    ("no bruising, nothing odd. will it last?", [("no bruising, nothing odd", False), ("will it last", True)]),  # no greeting
    ("no, but will it swell?", [("no", False), ("will it swell", True)]),
    ("could a nurse do it, and whats the usual fee?", [("could a nurse do it", True), ("whats the usual fee", True)]),
    ("my cousin had hers done last spring, if I see her injector will mine look the same?",  # a condition after a comma
     [("my cousin had hers done last spring", False), ("if I see her injector", False), ("will mine look the same", True)]),
    ("can I get botox, if I am pregnant?", [("can I get botox, if I am pregnant", True)]),  # the condition of the ask itself
    ("no thanks, but will it bruise?", [("no thanks", False), ("will it bruise", True)]),
    ("My sister had it done last year. She loved it. Would it work on my crooked smile?",
     [("My sister had it done last year", False), ("She loved it", False),
      ("Would it work on my crooked smile", True)]),
    ("When I was 12 I broke my jaw. I feel fine and can eat fine.",  # a story, with no question in it
     [("When I was 12 I broke my jaw", False), ("I feel fine", False), ("can eat fine", False)]),
    ("my face has always been a bit lopsided, can botox help?",
     [("my face has always been a bit lopsided", False), ("can botox help", True)]),
    ("My sister asked me to ask on here whether it works for droopy mouths",  # asks without a question mark
     [("My sister asked me to ask on here whether it works for droopy mouths", True)]),
    ("does anyone know if it hurts", [("does anyone know if it hurts", True)]),
    ("scared tbh. 1) does it hurt 2) who should do it",  # a numbered list of asks
     [("scared tbh", False), ("does it hurt", True), ("who should do it", True)]),
    ("wat is botox made from n does it hurt", [("wat is botox made from", True), ("does it hurt", True)]),  # "n": and
    ("can u get it if ur pregnant", [("can u get it if ur pregnant", True)]),
    ("We're both getting it done. Should we go to the same clinic?",  # "we're" is no "were"
     [("We're both getting it done", False), ("Should we go to the same clinic", True)]),
    ("I'm 34. My smile is lopsided and it bothers me at 34? Can botox help?",  # a number ends a sentence too
     [("I'm 34", False), ("My smile is lopsided and it bothers me at 34", True), ("Can botox help", True)]),
    ("I'd like to know whether it leaves marks", [("I'd like to know whether it leaves marks", True)]),
    ("whats botox made of exactly, my nan keeps calling it poison",  # a comma before someone telling something
     [("whats botox made of exactly", True), ("my nan keeps calling it poison", False)]),
    ("my jaw is wider on one side, i was hoping injections might help?",
     [("my jaw is wider on one side", False), ("i was hoping injections might help", True)]),
    ("is it safe, my mum has her doubts", [("is it safe", True), ("my mum has her doubts", False)]),
    ("what's it made from, and who's allowed to inject it",  # "what's", "who's" open questions too
     [("what's it made from", True), ("who's allowed to inject it", True)]),
    ("I'd like to know how it works and whether it could even up my brows",  # a second indirect question
     [("I'd like to know how it works", True), ("whether it could even up my brows", True)]),
    ("I had botox and if it goes wrong I will complain", [("I had botox", False), ("if it goes wrong I will complain", False)]),
    ("what are the risks, and if it goes badly is it permanent?",  # the condition sets the scene for its question
     [("what are the risks", True), ("if it goes badly", False), ("is it permanent", True)]),
    ("if I get a bruise will it show for long", [("if I get a bruise", False), ("will it show for long", True)]),
    ("how fast does it kick in and how bad is the bruising", [("how fast does it kick in", True),
                                                              ("how bad is the bruising", True)]),
    ("Booked for friday. Also does insurance ever pay for it", [("Booked for friday", False),
                                                               ("does insurance ever pay for it", True)]),
    ("Was told it would be subtle. Can barely smile now", [("Was told it would be subtle", False),
                                                          ("Can barely smile now", False)]),
    ("will mine look like my sister's? she had it done in may", [("will mine look like my sister's", True),
                                                                 ("she had it done in may", False)]),
    ("e.g. my brows. is it ok?", [("e.g. my brows", False), ("is it ok", True)]),
    ("will it work on my brows and roughly how much is it", [("will it work on my brows", True),
                                                           ("roughly how much is it", True)]),
    ("Uneven brows - what are my options? a 2-3 week wait", [("Uneven brows", False), ("what are my options", True),
                                                            ("a 2-3 week wait", False)]),
    # an emoji ends a sentence as a full stop would, joiners and skin tones included
    ("new to all this 🙋🏽‍♀️ who does the injecting and is it safe 😬?",
     [("new to all this", False), ("who does the injecting", True), ("is it safe", True)]),
    ("my brows are uneven😩 can it level them", [("my brows are uneven", False), ("can it level them", True)]),
    # "or am I...?" asks again; "and so am I" tells
    ("is it worth it for a lopsided smile or am I overthinking it",
     [("is it worth it for a lopsided smile", True), ("am I overthinking it", True)]),
    ("my sister is nervous and so am I. is botox safe?", [("my sister is nervous and so am I", False),
                                                        ("is botox safe", True)]),
    ("my brow dropped after botox and has anyone else had this", [("my brow dropped after botox", False),
                                                                  ("has anyone else had this", True)]),
    ("I had it done and have been fine", [("I had it done and have been fine", False)]),
    ("my left brow sits higher and has this odd arch. can botox fix it?",
     [("my left brow sits higher and has this odd arch", False), ("can botox fix it", True)]),
    ("my sister is scared of needles and so am I but we both want botox. is it safe?",
     [("my sister is scared of needles and so am I but we both want botox", False), ("is it safe", True)]),
    # a relative clause told after a comma tells more of what went before
    ("I hide my mouth when I laugh, which my friends have noticed. Can botox help?",
     [("I hide my mouth when I laugh", False), ("which my friends have noticed", False), ("Can botox help", True)]),
    # a question run on from a story with no stop between
    ("my smile has been crooked since a nerve got nicked and a friend fixed hers with botox on the other side can "
     "botox help balance mine", [("my smile has been crooked since a nerve got nicked and a friend fixed hers with botox "
                                  "on the other side", False), ("can botox help balance mine", True)]),
    ("my sister said botox can help", [("my sister said botox can help", False)]),
    ("when will i see results", [("when will i see results", True)]),
    # wondering, told in the past, still asks
    ("my mum had it done years ago and I always wondered how botox relaxes a muscle",
     [("my mum had it done years ago and I always wondered how botox relaxes a muscle", True)]),
])
def test_a_message_is_cut_into_clauses_that_ask_or_tell(message, expected):
    assert [(s.text, s.ask) for s in read_message(message)] == expected


@pytest.mark.parametrize("message", [
    "I read that botox is basically a poison from bacteria?? is that true?",
    "my aunt said botox can make your face more lopsided? is that right?",
    "so my mate reckons botox is just rat poison?? is he right?",
    "my mum thinks botox is dangerous and my sister says it's fine? who's right?",
])
def test_a_heard_claim_that_an_ask_checks_is_told_not_asked(message):
    claim, check = read_message(message)
    assert (claim.ask, check.ask) == (False, True)


def test_is_it_right_for_me_is_a_question_of_its_own_not_a_check_of_what_was_heard():
    assert [s.ask for s in read_message("my doctor said botox could help? is it right for me?")] == [True, True]


def test_a_check_of_a_claim_asks_about_the_uncovered_topic_the_claim_names(bot):
    reply = bot.ask("my sister says botox for a crooked smile isn't FDA approved, is that true? and who should do it")
    assert parts_of(reply) == [("not-covered", "approval"), ("answer", "provider")]


def test_a_heard_claim_with_no_check_after_it_still_asks():
    assert [s.ask for s in read_message("I've heard botox is made from bacteria?")] == [True]


def test_a_clause_cut_at_or_is_an_alternative_to_the_one_before():
    segments = read_message("will it work on my brows or is it only for lines, and does it hurt?")
    assert [(s.text, s.alternative) for s in segments] == [
        ("will it work on my brows", False), ("is it only for lines", True), ("does it hurt", False)]


# -- stories ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("story, family", [
    ("I'm 41 and ever since my teens one side of my mouth sits lower than the other. My partner says he "
     "doesn't notice but I do, every single day. Could injections make it look more balanced?", "asymmetry.treatment"),
    ("Booked in for next month at a place near work. I've never had anything done before and I'm honestly "
     "terrified. Is there anything I should talk through with the doctor first?", "consultation"),
    ("My cousin had her jabs done by a woman who comes to your house with a cool box. Cheap, but is this safe?",
     "provider"),
])
def test_the_ask_in_a_story_is_answered(bot, story, family):
    reply = bot.ask(story)
    assert reply.kind == "answer" and in_family(reply.intent or "", family), parts_of(reply)


def test_feelings_are_not_topics(bot):
    reply = bot.ask("I'm so scared of needles. Does it hurt?")
    assert in_family(reply.intent or "", "side-effects")
    assert "scar" not in bot.matcher.analyse("I'm so scared of needles").features


def test_a_cause_of_asymmetry_gets_the_asymmetry_answer_and_says_causes_are_not_covered(bot):
    reply = bot.ask("Since a Bell's palsy six years ago the left side of my face is lower. Can Botox help?")
    assert parts_of(reply) == [("answer", "asymmetry.treatment"), ("not-covered", "causes")]
    assert reply.kind == "answer" and reply.intent == "asymmetry.treatment"


# -- several questions -----------------------------------------------------------------------------
@pytest.mark.parametrize("message, condition", [
    ("Just found out I'm expecting, and I have botox for my brows booked for Thursday. Is it still safe to go ahead?", "pregnancy"),
    ("i'm breastfeeding my 2 month old, is botox ok safety wise?", "pregnancy"),
    ("I'm on blood thinners after my heart op. Is botox safe for someone like me?", "eligibility"),
    ("currently 5 months pregnant, could botox sort out my lopsided smile?", "pregnancy"),
    ("I'm breastfeeding my youngest, can I still get botox?", "eligibility"),  # who can have it: not covered
    ("I have myasthenia gravis, is botox safe for me?", "eligibility"),  # a nerve-muscle disease: ask a doctor
])
def test_is_it_safe_asked_of_a_condition_the_guide_does_not_cover_is_not_answered_with_general_safety(bot, message,
                                                                                                      condition):
    reply = bot.ask(message)
    assert parts_of(reply) == [("not-covered", condition)]
    assert reply.intent is None and bot.ask("is botox safe?").intent == "side-effects.safety"


def test_a_condition_asked_about_on_its_own_is_a_part_beside_the_answer(bot):
    reply = bot.ask("could botox even up my brows, and is it ok to have while trying for a baby?")
    assert parts_of(reply) == [("answer", "asymmetry.treatment"), ("not-covered", "pregnancy")]


def test_a_second_ask_in_a_message_about_the_subject_is_about_it_too(bot):
    # Neither names Botox; the first is answered from the guide, so the second ("do it") means the injections.
    assert parts_of(bot.ask("does it bruise, and who should do it?")) == [
        ("answer", "side-effects.bruising"), ("answer", "provider")]
    assert parts_of(bot.ask("what should I bring up at the consultation and what should I budget for it?")) == [
        ("answer", "consultation"), ("not-covered", "cost")]


def test_somewhere_proper_means_a_qualified_injector(bot):
    reply = bot.ask("My brother got his botox done in a car park by some bloke off facebook. Does it bruise much, "
                    "and should he have gone somewhere proper?")
    assert parts_of(reply) == [("answer", "side-effects.bruising"), ("answer", "provider")]


@pytest.mark.parametrize("message, expected", [
    # "is that ok?" points back at the sentence before it, and that names a topic the guide doesn't cover
    ("my flatmate swears you can't go to the gym for a week after botox, is that true?", [("not-covered", "aftercare")]),
    # ...but a sentence with a symptom in it is about the symptom
    ("Got my jabs on Friday, there's a small bruise by my lip. Is that normal?", [("answer", "side-effects.bruising")]),
])
def test_a_short_ask_pointing_back_is_about_what_the_sentence_before_it_names(bot, message, expected):
    assert parts_of(bot.ask(message)) == expected


def test_a_question_about_botox_after_a_sentence_naming_an_uncovered_topic_is_still_about_botox(bot):
    # only a yes-or-no ask ("is that true?") points back at the sentence; "what's it for?" asks about Botox
    assert parts_of(bot.ask("my mate reckons botox isn't approved over here. what's it actually for then?")) == [
        ("answer", "botox.uses")]


@pytest.mark.parametrize("message, family", [
    ("My chin is off to one side and my left eye is a bit smaller. I avoid the camera now. Does anyone else feel "
     "this way?", "asymmetry.about"),
    ("My consultation is on monday and I always go blank with doctors. What should I be asking?", "consultation"),
])
def test_a_story_that_never_names_botox_still_lends_its_subject_to_a_vague_ask(bot, message, family):
    reply = bot.ask(message)
    assert reply.intent is not None and in_family(reply.intent, family), parts_of(reply)


def test_an_ask_pointing_back_is_read_with_the_one_sentence_that_answers_it(bot):
    # the story's words together pull towards how Botox works on muscles; the sentence about evening out
    # a face answers "could this help me?"
    reply = bot.ask("Back in my twenties an operation left the muscles on the left of my face weak. A friend says "
                    "Botox can even out a face like mine. My lip and cheek still sag on that side. Do you think this "
                    "could help me?")
    assert reply.intent is not None and in_family(reply.intent, "asymmetry.treatment"), parts_of(reply)


def test_an_ask_an_answer_says_in_full_needs_nothing_of_the_story(bot):
    # the story's words (a face that sags, lines on one side) would pull "what is botox?" towards evening out
    # a face; said in full by the guide's own question, it is answered as asked, beside the other ask
    reply = bot.ask("My dad had shingles on his face years back and one side still sags a little, so anything with "
                    "nerves worries me. I'm 45 and my sister wants me to try botox for the lines on one side. "
                    "What is botox exactly? Is it safe?")
    (first, second) = parts_of(reply)
    assert first == ("answer", "botox.what-is-it") and in_family(second[1] or "", "side-effects"), parts_of(reply)


def test_it_in_an_ask_naming_botox_is_what_an_earlier_ask_named(bot):
    # "can botox correct it?": "it" can't be Botox; it is the wonky jaw the first ask named
    reply = bot.ask("is a wonky jaw normal and can botox correct it?")
    assert parts_of(reply) == [("answer", "asymmetry.about"), ("answer", "asymmetry.treatment")]
    # ...but where a story is told, "it" is what the story tells of, not the bruise another ask named
    told = bot.ask("my jaw is wonky. does botox bruise? can botox fix it?")
    assert parts_of(told) == [("answer", "side-effects.bruising"), ("answer", "asymmetry.treatment")]


def test_a_story_that_never_names_botox_never_lends_a_side_effect(bot):
    # nothing says there was an injection: the uneven mouth is not a side effect
    reply = bot.ask("One side of my mouth has always drooped a little and I hate photos. Is it just me?")
    assert not (reply.intent and in_family(reply.intent, "side-effects")), parts_of(reply)
    assert bot.ask("Our kitchen table is lopsided, one side is higher. Any way to fix it?").kind == "out-of-scope"


@pytest.mark.parametrize("message, family", [
    ("My appointment is on friday and I tend to freeze with doctors. What should I ask them?", "consultation"),
    ("since my appointment my left brow sits higher and there's a bit of swelling over it. could that be a side "
     "effect, and can I wear foundation on it?", "side-effects"),
])
def test_a_message_naming_two_words_of_the_subject_is_about_it_without_naming_botox(bot, message, family):
    reply = bot.ask(message)
    assert reply.intent is not None and in_family(reply.intent, family), parts_of(reply)


@pytest.mark.parametrize("message", [
    "My jaw has always been a little uneven and one cheek is fuller. Is that normal?",  # "fuller" says it's uneven
    "my face looks tilted in every photo, one side is wider. is this common?",  # "every photo" is no "every face"
    "do loads of people have a wonky jaw like me?",  # "loads of people" asks how common it is
    "is a crooked smile normal?",  # no Botox named: not a side effect
    "one side of my mouth sits lower, is that something lots of people deal with?",  # "deal with" is no price
    "do most people have one eye lower than the other?",
])
def test_everyday_words_for_an_uneven_face_and_for_how_common_it_is(bot, message):
    reply = bot.ask(message)
    assert reply.intent == "asymmetry.about", parts_of(reply)


@pytest.mark.parametrize("message", [
    "My sunburn is peeling off my face and it stings. Is it safe to put cream on it? What should I do?",
    "my smile looks odd in photos and my face feels tired. what should I do?",
    "The cake is lopsided on one side and uneven in the middle. Any way to fix it before tonight?",
])
def test_a_message_about_the_subject_without_botox_gets_no_answer_on_that_alone(bot, message):
    # two words of the subject (or only a shape word) make the message about it, but an ask that names
    # nothing of it ("what should I do?") is not then read as a Botox question
    reply = bot.ask(message)
    assert reply.kind != "answer", parts_of(reply)


def test_last_friday_sets_a_scene_and_asks_nothing_about_how_long_it_lasts(bot):
    reply = bot.ask("had my botox last saturday and now there's a little bump and a bruise where the needle went in. "
                    "my husband thinks I'm fussing. is that normal?")
    assert reply.intent is not None and in_family(reply.intent, "side-effects"), parts_of(reply)


def test_what_should_i_do_asks_for_advice_not_what_botox_does(bot):
    assert bot.ask("what should I do?").kind != "answer"
    reply = bot.ask("Uneven brows - what to do? in photos my left eyebrow sits higher than the right one, and my aunt "
                    "swears by botox")
    assert [p[1] for p in parts_of(reply)][:1] == ["asymmetry.treatment"], parts_of(reply)


def test_had_it_done_tells_of_a_treatment(bot):
    reply = bot.ask("had it done on monday and now there's a bruise by my eyebrow. is that normal?")
    assert reply.intent is not None and in_family(reply.intent, "side-effects"), parts_of(reply)


@pytest.mark.parametrize("message", [
    "got my crows feet done, now my smile looks weird on one side. is that normal?",  # "got my crows feet done": Botox
    "had botox on tuesday and I think she overdid it, is that normal?",  # too much Botox: a side effect
    "is too much botox bad for you?",  # "too much" leaves "botox" named
])
def test_a_treatment_told_in_other_words_and_too_much_of_it_read_as_side_effects(bot, message):
    reply = bot.ask(message)
    assert in_family(reply.intent or "", "side-effects"), parts_of(reply)


def test_going_back_to_the_clinic_is_not_going_back_to_normal(bot):
    assert bot.ask("will my face go back to normal after botox?").intent == "botox.how-it-works.permanence"
    assert bot.ask("Does botox stay in your body forever?").intent == "botox.how-it-works.permanence"
    reply = bot.ask("my forehead feels tight since the injections. should i go back or wait?")
    assert not in_family(reply.intent or "", "botox.how-it-works"), parts_of(reply)


@pytest.mark.parametrize("question", [
    "my injector wants a chat first before she does anything, is that normal?",  # a chat first: the consultation
    "why do they want to meet first before doing my botox?",
])
def test_a_chat_or_meeting_first_is_the_consultation(bot, question):
    assert bot.ask(question).intent == "consultation"


@pytest.mark.parametrize("question", [
    "will botox look natural on me?",  # how the face will look, not whether Botox is a natural substance
    "i want my brows evened out but will it look natural",
])
def test_looking_natural_asks_about_a_frozen_look(bot, question):
    assert bot.ask(question).intent == "botox.how-it-works.frozen"


def test_it_asked_about_in_a_message_about_botox_is_botox(bot):
    reply = bot.ask("my jaw is wider on the left since I was a kid. botox was mentioned. would it even out my face?")
    assert reply.intent is not None and in_family(reply.intent, "asymmetry.treatment"), parts_of(reply)
    assert parts_of(bot.ask("would it even out my face?"))[0][1] != "asymmetry.treatment"  # no Botox named: no guess


def test_it_at_the_end_of_an_ask_in_a_message_about_botox_is_botox(bot):
    reply = bot.ask("does botox hurt, and who should I even go to for it?")
    assert parts_of(reply) == [("answer", "side-effects.pain"), ("answer", "provider")]


def test_it_that_something_is_done_to_is_not_botox(bot):
    # "can it be fixed?": "it" is the result the story tells of, not Botox fixing something (its uses)
    reply = bot.ask("got botox 2 weeks ago to fix my uneven smile and now it looks MORE uneven?? is this a known "
                    "thing and can it be fixed")
    assert in_family(reply.intent or "", "side-effects"), parts_of(reply)
    assert not any(in_family(i or "", "botox.uses") for _, i in parts_of(reply))


def test_they_asked_about_after_naming_an_injector_are_people_not_the_treatment(bot):
    reply = bot.ask("how can I tell a practitioner is any good, and what should they ask me before starting?")
    assert [p[1] for p in parts_of(reply)] == ["provider.choosing", "consultation"], parts_of(reply)


def test_a_story_that_lends_only_botox_answers_nothing(bot):
    # "Is that ok?" + "botox" is no question of what Botox is.
    reply = bot.ask("I went swimming an hour after my botox. Is that ok?")
    assert reply.kind != "answer", parts_of(reply)


def test_a_keyword_of_several_words_counts_only_said_together(bot):
    named = bot.matcher.named_apart
    analyse = bot.matcher.analyse
    assert named(analyse("she works in a salon and reckons it could even out my brows")) == ()  # not "work out"
    assert named(analyse("can i work out after botox")) == ("aftercare",)
    assert parts_of(bot.ask("can i work out after botox?")) == [("not-covered", "aftercare")]


def test_any_experience_asks_about_other_people_not_the_injector(bot):
    reply = bot.ask("My jaw has been uneven since I was a kid and botox was suggested to me. Any experience with this?")
    assert not any(p.intent and in_family(p.intent, "provider") for p in reply.parts), parts_of(reply)


def test_an_uncovered_topic_an_ask_only_resembles_yields_to_a_sure_reading_of_the_story(bot):
    # "could botox lift it" resembles lifting a drooping eyelid (not covered), but names no eyelid: the story
    # (a brow that has dropped on one side) makes it a question of evening out the face
    reply = bot.ask("Title: uneven brows after 40. Hi all, long time lurker, first post. Since turning 40 my left "
                    "brow has dropped noticeably and it makes me look tired on one side. I was wondering whether "
                    "botox could lift or balance it at all. Thanks in advance, any replies appreciated x")
    assert reply.intent == "asymmetry.treatment", parts_of(reply)
    assert "only resembles the not-covered topic 'eyelids'" in (reply.parts[0].match.rule if reply.parts[0].match else "")
    # an eyelid named is still the eyelid topic
    assert bot.ask("my left eyelid has dropped since I turned 40. could botox lift it?").parts[0].topic == "eyelids"


def test_it_pointing_back_at_a_use_the_guide_does_not_cover_names_that_use(bot):
    # "does it work?" after "botox for sweaty armpits": asks about a medical use, not how Botox works
    reply = bot.ask("botox for sweaty underarms - does it really work? my shirts are ruined")
    assert parts_of(reply) == [("not-covered", "medical-uses")]


@pytest.mark.parametrize("message, intent", [
    ("The nurse at my clinic said botox is made from bacteria. Is that true?", "botox.what-is-it"),
    ("my injector said bruising is rare. is that right?", "side-effects.bruising"),
])
def test_who_said_it_is_not_what_is_asked_about(bot, message, intent):
    # "is that true?" asks about what was said, not about the nurse or injector who said it
    assert bot.ask(message).intent == intent


def test_a_short_ask_pointing_back_that_names_an_uncovered_topic_asks_about_that_topic(bot):
    # "how much would that be?" points back at the story, but asks the price whatever the story tells
    reply = bot.ask("my lopsided smile really bothers me. could botox help and how much would that be?")
    assert parts_of(reply) == [("answer", "asymmetry.treatment"), ("not-covered", "cost")]


def test_each_part_is_answered_in_order_and_the_rest_named(bot):
    reply = bot.ask("does it hurt and how much does it cost?")
    assert parts_of(reply) == [("answer", "side-effects.pain"), ("not-covered", "cost")]
    assert reply.kind == "answer" and reply.intent == "side-effects.pain"  # the main part
    assert reply.parts[1].text == "The guide doesn't cover prices, units and insurance."
    assert reply.parts[0].text in reply.text and reply.parts[1].text in reply.text
    text = format_reply(reply)
    assert text.count("Note:") == 1  # one disclaimer for the whole reply
    assert text.index("Pain from the injections") < text.index("Not covered: prices")


def test_an_ask_the_guide_cannot_read_beside_an_answer_is_named_not_dropped(bot):
    reply = bot.ask("I'm nervous. does botox bruise, and will my boss notice?")
    assert parts_of(reply) == [("answer", "side-effects.bruising"), ("not-covered", None)]
    assert reply.parts[1].title == "Not found in the guide"
    assert "will my boss notice" in reply.parts[1].text and reply.parts[1].text in format_reply(reply)
    assert reply.intent == "side-effects.bruising"  # the main part is still the answer


def test_an_ask_nothing_answers_is_named_beside_a_topic_the_guide_does_not_cover(bot):
    reply = bot.ask("can I drink wine the night after botox, and will my boss notice?")
    assert parts_of(reply) == [("not-covered", "aftercare"), ("not-covered", None)]
    assert "will my boss notice" in reply.parts[1].text


def test_a_second_ask_the_story_pulls_to_the_first_asks_answer_keeps_its_own_reading(bot):
    reply = bot.ask("the spa by my work has started doing botox. can a beautician do it, and will it look the same on "
                    "me as it did on my mate?")
    assert parts_of(reply) == [("answer", "provider.unqualified"), ("answer", "individual-needs")]


@pytest.mark.parametrize("question", [
    "will botox look the same on me as it did on my mum?",  # not both sides looking the same
    "do they make a plan just for me?",
])
def test_the_same_as_someone_else_and_a_plan_for_me_are_about_every_face_being_different(bot, question):
    assert bot.ask(question, context=Context(topic="botox.what-is-it")).intent == "individual-needs"


@pytest.mark.parametrize("message", [
    "hi there! how are you today? does botox hurt?",  # small talk beside a question is not named as unanswered
    "hello, can anyone help? does botox hurt?",
    "does botox hurt, and what's your name?",
    "does botox hurt? my left eye is smaller. Which my friends have noticed?",  # a relative clause tells
])
def test_chatter_beside_an_ask_is_not_named_as_a_question_the_guide_cannot_answer(bot, message):
    assert parts_of(bot.ask(message)) == [("answer", "side-effects.pain")]


def test_an_ask_that_sounds_like_small_talk_but_asks_of_the_subject_is_still_named(bot):
    reply = bot.ask("is it normal to feel so self conscious about my uneven face? I hide in photos. and is there "
                    "anything that can actually help with this")
    assert [p.kind for p in reply.parts][-1] == "not-covered" and "anything that can actually help" in reply.parts[-1].text


def test_an_ask_more_than_one_answer_could_fit_is_named_as_such_not_as_unanswered(bot):
    reply = bot.ask("is botox safe for my crooked smile? and who should do it?")
    assert [p.kind for p in reply.parts] == ["ambiguous", "answer"] and reply.intent == "provider"
    assert reply.parts[0].title == "More than one answer could fit"
    assert "A face left more uneven" in reply.parts[0].text and "couldn't find" not in reply.text


def test_a_vague_or_after_an_ask_named_asks_nothing_new(bot):
    reply = bot.ask("my smile went crooked after botox last week. can it be reversed or do I just have to sit it out?")
    assert parts_of(reply) == [("not-covered", "reversal")]


def test_a_plea_for_help_with_the_story_is_not_named_as_an_ask_of_its_own(bot):
    reply = bot.ask("first botox next week and I'm nervous. does it bruise? any tips welcome")
    assert parts_of(reply) == [("answer", "side-effects.bruising")]


def test_asks_joined_by_or_are_one_question_answered_if_either_is(bot):
    reply = bot.ask("if I get botox will I still be able to pull faces or will I look frozen?")
    assert parts_of(reply) == [("answer", "botox.how-it-works.frozen")]


@pytest.mark.parametrize("message, expected", [
    ("my smile is lopsided, why does that happen and can botox even it out?",  # why a face is uneven: not covered
     [("not-covered", "causes"), ("answer", "asymmetry.treatment")]),
    ("I want botox for my uneven jaw. why does it even happen?", [("not-covered", "causes")]),  # "it" is no Botox
    ("my brow dropped after botox, why did that happen?", [("answer", "side-effects.asymmetry")]),  # a result
])
def test_why_it_happens_asks_the_cause_of_what_the_message_tells(bot, message, expected):
    assert parts_of(bot.ask(message)) == expected


# -- everyday wording ------------------------------------------------------------------------------------
# Ways people put a question, each reaching the answer (or its family) that the guide gives to it.
EVERYDAY_WORDING = [
    # who injects, and where
    ("doctor vs nurse for my botox?", "provider"),  # "vs" between injectors is no alternative to Botox
    ("would a dermatologist or a nurse be better for my botox?", "provider"),  # nor is "better"
    ("is the nail bar round the corner ok for botox?", "provider"),  # where it is sets the scene
    ("can the beauty place on my street do my botox", "provider"),  # a beauty place is no cosmetic question
    ("I went to a beautician and my brow dropped. Should I have gone to a doctor instead?", "provider"),  # not a
    # doctor to consult: a doctor to inject
    # who does it: the injector, however the feelings around it are told
    ("My neighbour wants botox for one droopy side of her face and she's thrilled about it. Should she worry about "
     "who injects it?", "provider"),
    # how common an uneven face is: "normal for" is no "botox for"
    ("is it normal for my smile to be this crooked?", "asymmetry.about"),
    ("is it usual for faces to be a bit lopsided?", "asymmetry.about"),
    # evening out a face
    ("can botox even things up on my face?", "asymmetry.treatment"),
    ("are there any non-invasive treatments for an uneven smile", "asymmetry.treatment"),
    ("could botox make my crooked smile less noticeable", "asymmetry.treatment"),
    ("can botox make my face more symmetrical?", "asymmetry.treatment"),
    ("can botox make my smile even?", "asymmetry.treatment"),
    ("can botox shrink the masseter on one side?", "asymmetry.treatment"),  # the jaw muscle, made smaller
    ("Can botox make one masseter slimmer so my face looks even?", "asymmetry.treatment"),
    # ...and a face made or left uneven: a side effect
    ("can botox make one side droop?", "side-effects.asymmetry"),
    ("will botox make my brow drop", "side-effects.asymmetry"),
    ("my botox was last week and my brows came out uneven, is that normal?", "side-effects.asymmetry"),
    ("can botox make my face uneven?", "side-effects.asymmetry"),
    ("is botox making my face uneven?", "side-effects.asymmetry"),
    ("could botox leave me lopsided?", "side-effects.asymmetry"),
    ("the injections made my smile crooked, why?", "side-effects.asymmetry"),
    # the risks
    ("has anyone actually had problems with botox?", "side-effects"),  # problems with it
    ("are there any bad effects from botox?", "side-effects"),
    ("what should I look out for after botox?", "side-effects"),  # what to watch out for
    # how it works, whether it lasts, what it is and is for
    ("does botox switch the muscle off?", "botox.how-it-works"),
    ("can you explain how botox works", "botox.how-it-works"),  # explaining how: the mechanism
    ("will I look frozen afterwards?", "botox.how-it-works.frozen"),  # "afterwards" is after
    ("it's temporary though, right?", "botox.how-it-works.permanence"),  # "though" is no topic
    ("is botox a one off or do you keep going back", "botox.how-it-works.permanence"),  # a one-off: for good
    ("can you explain what botox is", "botox.what-is-it"),
    ("is the stuff they use for botox a drug?", "botox.what-is-it"),  # the stuff they use: what it is, not its uses
    # the same dose for everyone: every face is different
    ("does everyone get the same dose of botox?", "individual-needs"),
    ("is it the same dose for every face?", "individual-needs"),
    # the consultation
    ("do they need to know my medical history before botox?", "consultation"),
    ("is botox a cosmetic treatment?", "botox.what-is-it"),  # what it is
    ("is botox just for looks?", "botox.uses"),  # only cosmetic: what else it is used for
    ("is tox purely a cosmetic treatment?", "botox.uses"),
]


@pytest.mark.parametrize("question, intent", EVERYDAY_WORDING)
def test_everyday_wording_reaches_its_answer(bot, question, intent):
    assert in_family(bot.ask(question).intent or "", intent), parts_of(bot.ask(question))


@pytest.mark.parametrize("question", ["is botox vs filler better for lines", "do natural remedies work as well as botox"])
def test_botox_against_another_treatment_is_still_an_alternative(bot, question):
    assert bot.ask(question).parts[0].topic == "other-treatments"


def test_it_standing_in_for_what_follows_is_no_botox(bot):
    # "is it normal for my jaw to be wider?" asks about the jaw; read as "is botox normal for my jaw" it was
    # one more ask for evening it out, and the two asks got one answer
    reply = bot.ask("Is it normal for my jaw to be wider on one side? And could botox help balance it?")
    assert [p.intent for p in reply.parts] == ["asymmetry.about", "asymmetry.treatment"]


@pytest.mark.parametrize("message", [
    "got botox on monday and my left brow has dropped since. how do I fix it?",
    "My smile has been lopsided since my botox last week. Can it be fixed?",
])
def test_fixing_a_result_told_after_an_injection_is_undoing_it(bot, message):
    # to fix what an injection did is to undo it, which the guide doesn't cover; not how Botox evens out a face
    assert [(p.kind, p.topic) for p in bot.ask(message).parts] == [("not-covered", "reversal")]


@pytest.mark.parametrize("question", [
    "my car is making a noise, who can do it for me?", "I need my boiler fixed, who should do it?",
    "where's the best place to go for a haircut?", "where should I go to get my nails done?",
])
def test_who_does_it_and_where_to_go_name_no_injector_on_their_own(bot, question):
    # only "who injects", "which clinic"... name the one who injects; asked of a boiler or a haircut, no Botox answer
    assert bot.ask(question).intent is None, parts_of(bot.ask(question))


@pytest.mark.parametrize("message", [
    "had botox 3 weeks ago on my forehead and my face feels great. is this normal?",  # no harm told
    "I've had botox in my forehead for years. My smile has always been lopsided, can it be fixed?",  # not since botox
    "had botox for my lopsided smile and it doesn't seem to be working. how do I fix it?",  # no result yet
    "had botox 3 weeks ago and my brows look even now. is this normal?",  # a result gone well
])
def test_no_result_gone_wrong_is_read_into_a_story_that_tells_none(bot, message):
    parts = parts_of(bot.ask(message))
    assert ("not-covered", "reversal") not in parts and ("answer", "side-effects.asymmetry") not in parts, parts


def test_is_this_normal_after_a_result_told_is_about_the_face_left_uneven(bot):
    # evening out a face and a face left uneven tie on "is this normal?" read with the story; the story has
    # told which: a brow dropped since an injection given
    assert bot.ask("got botox on friday and my left brow has dropped since. is this normal?").intent == (
        "side-effects.asymmetry")
    # ...but an injection that has done nothing yet has left no face uneven
    assert bot.ask("had botox on tuesday for my uneven brows and nothing's changed yet. is this normal?").intent != (
        "side-effects.asymmetry")


@pytest.mark.parametrize("message, wanted", [
    ("my right cheek has sat lower than the left since a bike crash in 2019 and my GP brought up botox. "
     "what is the stuff actually made of?", "botox.what-is-it"),
    ("my husband wants botox for his lopsided grin after a jaw operation. is it a chemical or a drug? what's actually "
     "in it", "botox.what-is-it"),
])
def test_a_story_of_an_uneven_face_lends_no_answer_about_a_result_gone_wrong(bot, message, wanted):
    # the face is uneven, but no injection has left it so: the story's words can't make the ask one about a
    # face left more uneven (its intent's `told`), and the next best reading stands
    parts = parts_of(bot.ask(message))
    assert ("answer", "side-effects.asymmetry") not in parts and ("answer", wanted) in parts, parts


@pytest.mark.parametrize("message", [
    "got botox to get my lopsided smile sorted and now, a fortnight on, it's more lopsided than before. "
    "is this something that happens?",  # the result told in words of its own ("more lopsided")
    "had my botox 12 days ago and my left eyebrow sits higher now, is that normal?",  # a face gone wrong, after an injection
])
def test_a_story_that_tells_a_result_gone_wrong_still_lends_that_answer(bot, message):
    assert ("answer", "side-effects.asymmetry") in parts_of(bot.ask(message))


@pytest.mark.parametrize("message", [
    "saw a video of a woman who had botox to even out her smile. could it fix mine?",  # someone else's injection
    "my jaw is wider on one side. can botox fix it?",  # no injection given
])
def test_fixing_a_face_no_injection_of_ones_own_has_changed_is_evening_it_out(bot, message):
    assert bot.ask(message).intent == "asymmetry.treatment"


def test_asked_whether_botox_is_a_filler_what_it_is_answers_and_the_comparison_is_named(bot):
    # the guide says what Botox is; it doesn't compare Botox with fillers, and the reply says so beside it
    assert parts_of(bot.ask("is botox a chemical or a filler?")) == [
        ("answer", "botox.what-is-it"), ("not-covered", "other-treatments")]


def test_a_big_deal_is_no_price(bot):
    # "is asymmetry a big deal" is how much it matters; were "deal" a price, a question of cost that names
    # the face would go to the answer about asymmetry, which has that example
    assert [(p.kind, p.intent or p.topic) for p in bot.ask(
        "who should do my botox? and what does it cost to do one side of the face?").parts] == [
        ("answer", "provider"), ("not-covered", "cost")]
    assert bot.ask("is a lopsided face a big deal?").intent == "asymmetry.about"
    assert bot.ask("found a good deal on botox, how much should it cost?").parts[0].topic == "cost"


def test_is_it_just_me_asks_how_common_it_is(bot):
    reply = bot.ask("My lopsided smile has wrecked my confidence and I hide from photos now. Is it just me who feels "
                    "like this?")
    assert reply.intent == "asymmetry.about"  # not "who are you?"
    assert "common" in bot.matcher.analyse("does this happen to other people").features


def test_an_option_is_a_fix(bot):
    reply = bot.ask("how common is a lopsided face, and is botox an option for it?")
    assert parts_of(reply) == [("answer", "asymmetry.about"), ("answer", "asymmetry.treatment")]


def test_being_examined_before_the_injections_is_the_consultation(bot):
    assert bot.ask("booked my first botox. will they look at my face before injecting?").intent == "consultation"


def test_something_that_happens_after_botox_is_a_side_effect_not_aftercare(bot):
    reply = bot.ask("my cheek feels tight since my injections. is that something that happens after botox?")
    assert in_family(reply.intent or "", "side-effects"), parts_of(reply)


@pytest.mark.parametrize("question", ["will it go away on its own?", "will my asymmetry go away with botox?"])
def test_going_away_is_not_asked_of_botox_being_permanent(bot, question):
    # the permanence answer opens "No: ... temporary", which reads as the opposite of "will it go away?"
    assert bot.ask(question).intent != "botox.how-it-works.permanence"


def test_meds_are_medications_not_a_mess(bot):
    assert "medication" in bot.matcher.analyse("should I tell them what meds I'm on").features


@pytest.mark.parametrize("question, topic", [
    ("my crooked smile bothers me. is that something a lot of young people feel?", None),  # young: no age limit
    ("am I too old for botox at 70?", "eligibility"),
    ("what's the youngest you can be to have botox?", "eligibility"),
    ("how young is too young for tox? my niece is 15", "eligibility"),
    ("my youngest has a lopsided smile, could botox help her one day?", None),  # a child, not an age limit
])
def test_young_and_old_name_an_age_limit_only_when_asked_of_it(bot, question, topic):
    assert bot.ask(question).parts[0].topic == topic, parts_of(bot.ask(question))


@pytest.mark.parametrize("question", ["who should not have botox?", "is there anyone who shouldn't get botox?"])
def test_who_should_not_have_it_asks_who_can_have_it_not_who_injects(bot, question):
    assert bot.ask(question).parts[0].topic == "eligibility", parts_of(bot.ask(question))


def test_the_actual_risks_are_the_risks(bot):
    reply = bot.ask("My mum thinks botox is dangerous because it comes from bacteria. Is that true? and what are the "
                    "actual risks")
    assert [in_family(i or "", "side-effects") for _, i in parts_of(reply)][-1], parts_of(reply)


def test_botox_that_stops_working_is_a_long_term_question(bot):
    assert bot.ask("does botox stop working if you have it for years?").parts[0].topic == "long-term"
    assert bot.ask("how does botox work?").intent == "botox.how-it-works"


def test_going_for_a_run_or_a_swim_after_is_aftercare(bot):
    reply = bot.ask("had botox this morning, can I go for a run tonight or swim tomorrow?")
    assert reply.parts[0].topic == "aftercare", parts_of(reply)


def test_two_asks_of_one_uncovered_topic_are_named_once_for_both(bot):
    reply = bot.ask("can i hit the gym the day after botox, and can i wear make up on it?")
    assert parts_of(reply) == [("not-covered", "aftercare")]
    assert reply.parts[0].also_asked == ("can i wear make up on it",)


def test_three_asks_three_parts(bot):
    reply = bot.ask("What is botox made from, who should inject it, and can I have it while pregnant?")
    assert parts_of(reply) == [("answer", "botox.what-is-it"), ("answer", "provider"), ("not-covered", "pregnancy")]


def test_two_asks_of_one_topic_are_one_part(bot):
    reply = bot.ask("Will I bruise? And will it be sore afterwards?")
    assert len(reply.parts) == 1 and in_family(reply.intent or "", "side-effects")


def test_the_conversation_follows_the_last_part_answered(bot):
    reply = bot.ask("what is botox and who should give the injections?")
    assert [p.intent for p in reply.parts] == ["botox.what-is-it", "provider"]
    assert reply.context.topic == "provider"


def test_parts_travel_in_json(bot):
    data = json.loads(json.dumps(bot.ask("is it safe and how long does it last?").to_dict()))
    assert [(p["kind"], p["intent"]) for p in data["parts"]] == [("answer", "side-effects.safety"), ("not-covered", None)]
    assert set(data["parts"][0]) == {"kind", "intent", "title", "answer", "source", "score"}
    assert data["parts"][1]["title"].startswith("Not covered: how long")
    single = bot.ask("what is botox").to_dict()
    assert len(single["parts"]) == 1 and single["parts"][0]["answer"] == single["answer"]


# -- the part the guide does cover: time ----------------------------------------------------------
@pytest.mark.parametrize("question", ["how long does it last?", "when will it wear off?", "how soon will I see results?"])
def test_timing_alone_is_not_covered(bot, question):
    reply = bot.ask(question)
    assert reply.kind == "not-covered" and reply.match.topic == "duration"
    assert len(reply.parts) == 1 and reply.suggestions  # related topics as suggestions, not parts


@pytest.mark.parametrize("question", ["is it permanent?", "does it last forever?", "will it wear off?"])
def test_permanence_is_answered_the_effect_is_temporary(bot, question):
    reply = bot.ask(question)
    assert reply.intent == "botox.how-it-works.permanence"
    assert reply.text.startswith("No: the guide describes the effect as temporary.")


def test_a_bruise_question_with_its_timing_gets_both_parts(bot):
    reply = bot.ask("is this bruise normal and when will it go away?")
    assert parts_of(reply) == [("answer", "side-effects.bruising"), ("not-covered", "duration")]


def test_the_last_time_is_not_about_duration(bot):
    reply = bot.ask("the last time I had botox I bruised, is that common?")
    assert in_family(reply.intent or "", "side-effects")


@pytest.mark.parametrize("question", [
    "my smile has gone more crooked since my botox on saturday",
    "since the injections my mouth is more wonky than before",
])
def test_a_face_more_uneven_than_before_is_a_side_effect_not_the_consultation(bot, question):
    # "more crooked" says it got worse; "than before" is a time, not the preparation before treatment
    reply = bot.ask(question)
    assert reply.intent == "side-effects.asymmetry", (reply.kind, reply.intent)


# -- a direct first line ----------------------------------------------------------------------------
@pytest.mark.parametrize("question, intent, opening", [
    ("will it leave bruises?", "side-effects.bruising", "It can: bruising"),
    ("will my face swell up after?", "side-effects.swelling", "It can: swelling"),
    ("is getting botox safe?", "side-effects.safety", "The guide doesn't call Botox safe or unsafe."),
    ("could it make my face even more uneven?", "side-effects.asymmetry", "It can happen"),
    ("will I look frozen?", "botox.how-it-works.frozen", "The guide doesn't say how natural"),
    ("is it ok to get it done at a beauty salon?", "provider.unqualified", "The guide doesn't name professions"),
])
def test_a_refinement_answers_exactly_what_was_asked_first(bot, question, intent, opening):
    reply = bot.ask(question)
    assert reply.intent == intent
    assert reply.text.startswith(opening)


# -- everyday words and typos -----------------------------------------------------------------------
@pytest.mark.parametrize("question, family", [
    ("will i look frozn", "botox.how-it-works.frozen"),  # "frozn" is "frozen", not the real word "froze"
    ("what will the doctor look at during my botox consult?", "consultation"),
    ("could it make my cheeks look more even?", "asymmetry.treatment"),
    ("my botox consult is next week, what do they assess?", "consultation"),
    ("what happens at a botox appt?", "consultation"),  # "appt": an appointment
    ("will my botox plan be specific to my face?", "individual-needs"),
    ("will my botox results be like the ones on instagram?", "individual-needs"),
    ("is botox the same for everybody", "individual-needs"),
    ("can botox even them up, my brows", "asymmetry.treatment"),
    ("what is botox uded for", "botox.uses"),
    ("wha is botox", "botox.what-is-it"),
    ("can it make my fae more even", "asymmetry.treatment"),
    ("will botox fix my faace", "asymmetry.treatment"),
    ("hi, what is botox?", "botox.what-is-it"),
    ("no thanks, but will it bruise?", "side-effects"),
    ("thanks. one more thing, does it cause swelling?", "side-effects"),
    ("lol does it hurt", "side-effects"),
    ("ok so my smile is rly wonky n i h8 it, wud botox sort it?? x", "asymmetry.treatment"),  # text speak
    ("had botox tues, 2day my forhead is swolen is that normal", "side-effects"),
    ("will botox make me look frozen af", "botox.how-it-works"),
    ("can botox help cos my smile is wonky", "asymmetry.treatment"),  # "cos" is because, not a cost
    ("is it safe cos my mum is worried", "side-effects"),
])
def test_everyday_words_typos_and_small_talk_around_a_question(bot, question, family):
    reply = bot.ask(question)
    assert reply.kind == "answer" and in_family(reply.intent or "", family), parts_of(reply)


def test_pics_are_pictures_and_vids_videos_not_picking_or_eyelids(bot):
    assert bot.ask("i hate my face in pics, is that normal").intent == "asymmetry.about"
    assert bot.ask("tiktok vids say botox lifts brows, true?").parts[0].topic != "eyelids"


def test_goodnight_in_one_word_is_goodbye(bot):
    assert bot.ask("ok goodnight then").intent == "chat.goodbye"


@pytest.mark.parametrize("question", ["is it ok to get it done there?", "will it wear off later?",
                                      "is it ok to go out later?", "will you thank the nurse for me?"])
def test_a_question_is_never_goodbye_or_thanks(bot, question):
    # "I'm done", "later", "thanks" never ask: small talk none of whose examples asks answers no question
    assert bot.ask(question).kind == "out-of-scope"


def test_getting_it_done_is_no_goodbye(bot):
    assert bot.ask("get it done").kind == "out-of-scope"  # "done" alone is no "I'm done"


@pytest.mark.parametrize("message, expected", [
    ("Dad found botox on a discount site, no info about the staff anywhere. He wants it for one side of his face that "
     "has dropped with age. Should he be worried about who does it?", [("answer", "provider")]),  # "who" inside the ask
    ("who makes botox?", [("not-covered", "other-treatments")]),  # the maker: another brand, not who injects
    ("booked a consult for my uneven brows, had them forever and pretty nervous tbh. who should be doing the injections?",
     [("answer", "provider")]),  # the story's brows can't answer "who?"
])
def test_who_asks_for_someone(bot, message, expected):
    assert parts_of(bot.ask(message)) == expected


@pytest.mark.parametrize("message, expected", [
    # an ask naming Botox keeps its own reading when it is far better than the story's: the brows and mouths of the
    # story pull "done the same way" to a face left uneven
    pytest.param("Mine comes from my bone structure, one cheekbone higher, while my sister's is her mouth pulling up on "
                 "one side. We want to book in together. Would botox be done the same way for both of us?",
                 [("answer", "individual-needs")], id="own-words-far-better"),
    # "is it just me?" is an idiom: "it" is not the Botox the message names
    pytest.param("do lots of people have a crooked smile or is it just me? I'm thinking about botox",
                 [("answer", "asymmetry.about")], id="is-it-just-me"),
    # "is that what happens?" points at being frozen, one sentence of the story; the whole story pulls every way
    pytest.param("I host a podcast with video so my face is on camera all day. one eyebrow has sat higher since "
                 "childhood. really scared of looking frozen like a statue, is that what happens with botox?",
                 [("answer", "botox.how-it-works.frozen")], id="the-sentence-pointed-at"),
    # "is that normal?" asks of the crooked smile just asked about; a condition ("if it really bothers me") is no story
    pytest.param("why is my smile so crooked in pictures, is that normal? and if it really bothers me is botox "
                 "something that could help?", [("answer", "asymmetry.about"), ("answer", "asymmetry.treatment")],
                 id="the-ask-before"),
    # only the unread ask is read again when "it" is read as Botox: "is it common?" stays about the crooked smile
    pytest.param("my grin is crooked. is it common? does it hurt? and what's it made of?",
                 [("answer", "asymmetry.about"), ("answer", "side-effects.pain"), ("answer", "botox.what-is-it")],
                 id="asks-read-keep-their-reading"),
])
def test_a_message_is_read_into_its_parts(bot, message, expected):
    assert parts_of(bot.ask(message)) == expected


def test_a_message_never_naming_botox_gets_the_treatment_when_the_ask_itself_asks_for_one(bot):
    # the story is about a face; "non surgical" names a treatment in the ask's own words
    reply = bot.ask("pls, my face looks wonky in every pic i take. is it only me or do most people's faces look like "
                    "that? and is there a non surgical fix")
    assert parts_of(reply) == [("answer", "asymmetry.about"), ("answer", "asymmetry.treatment")]
    # "is it normal to feel this way?" asks nothing of a treatment: no answer that presumes Botox
    assert parts_of(bot.ask("my face is uneven. is it normal to feel this way?")) == [("answer", "asymmetry.about")]


def test_what_people_do_about_it_is_no_question_of_how_botox_works(bot):
    # "do about it" asks what can be done: the answer it gets, if any, is not how Botox works
    reply = bot.ask("is it common to hate your own crooked smile? and what do people actually do about it")
    assert [p.kind for p in reply.parts] == ["answer", "ambiguous"], parts_of(reply)  # not how Botox works
    assert "fix" in bot.matcher.analyse("what do people do about this").features


@pytest.mark.parametrize("message, expected", [
    ("is botox safe? and where's the best kind of place to go for it", [("answer", "side-effects.safety"),
                                                                          ("answer", "provider")]),
    ("my car is making a noise, where should i go?", [("out-of-scope", None)]),  # a place to go, in no Botox message
])
def test_where_to_go_asks_for_a_place_to_have_it_done_in_a_message_about_botox(bot, message, expected):
    assert parts_of(bot.ask(message)) == expected


def test_done_with_botox_is_no_goodbye(bot):
    # "I'm done" in a question about Botox takes no leave
    assert bot.ask("ok so I'm done with my botox, what now?").intent != "chat.goodbye"


def test_a_price_shares_only_how_much_with_how_much_it_hurts(bot):
    # "how much does botox hurt?" is an example of the pain answer; a price asked in the same words is still a price
    assert parts_of(bot.ask("what is botox? and how much does it usually cost for one area?")) == [
        ("answer", "botox.what-is-it"), ("not-covered", "cost")]
    assert bot.ask("how much does it hurt?").intent == "side-effects.pain"


def test_a_scar_is_never_goodbye(bot):
    reply = bot.ask("will botox leave a scar")
    assert reply.intent != "chat.goodbye" and reply.kind == "not-covered"


@pytest.mark.parametrize("question", [
    "is that a real risk with botox",  # "real" is small talk's word ("are you real?"), a risk is not
    "is the risk real with botox",
])
def test_small_talk_never_answers_a_question_about_botox_naming_a_word_of_the_subject_it_does_not_share(bot, question):
    reply = bot.ask(question)
    assert reply.kind == "answer" and in_family(reply.intent or "", "side-effects"), (reply.kind, reply.intent)


@pytest.mark.parametrize("question, intent", [
    ("are you a real doctor", "chat.identity"),
    ("thank you, that helps with my uneven face", "chat.thanks"),  # names the subject, but not Botox: still thanks
    ("are you a real person or a bot? my face is uneven", "chat.identity"),
])
def test_small_talk_that_names_no_botox_is_still_small_talk(bot, question, intent):
    assert bot.ask(question).intent == intent


@pytest.mark.parametrize("message, expected", [
    ("is it painful, and what actually is it?", [("answer", "side-effects.pain"), ("answer", "botox.what-is-it")]),
    ("will it sting? what's in it?", [("answer", "side-effects.pain"), ("answer", "botox.what-is-it")]),
])
def test_it_is_botox_in_a_message_whose_other_answers_are_about_botox_though_it_never_names_it(bot, message, expected):
    assert parts_of(bot.ask(message)) == expected


@pytest.mark.parametrize("message", [
    "My brow has sat lower since a car accident years back and my GP suggested botox for the other side. I'm nervous "
    "now. is it a poison?? and will I look frozen afterwards",
    "my smile went crooked after an operation on my cheek, and a surgeon brought up botox. Is it a toxin? Would my face "
    "end up frozen?",
])
def test_a_short_ask_pointing_back_that_names_the_subject_stands_on_its_own_words_beside_another_answer(bot, message):
    # the story reads "is it a toxin?" only weakly; its own words say what Botox is
    assert parts_of(bot.ask(message)) == [("answer", "botox.what-is-it"), ("answer", "botox.how-it-works.frozen")]


@pytest.mark.parametrize("message", [
    "my garden fence leans and the posts are uneven, whats the best way to level it?",
    "the shelves in my kitchen are wonky, how do I even them out?",
])
def test_it_is_what_the_clause_before_names_when_the_ask_names_only_a_shape(bot, message):
    # "level it", "even them out": a fence or a shelf is uneven too, and nothing in the message is about a face
    assert bot.ask(message).kind == "out-of-scope", parts_of(bot.ask(message))


@pytest.mark.parametrize("question", ["my laptop is slow, what's the best way to fix it?",
                                      "what's the best way to make friends?",
                                      "A ball hit my face at football. My cheek is bruised. What could happen?"])
def test_everyday_questions_get_no_botox_answer(bot, question):
    assert bot.ask(question).kind == "out-of-scope", parts_of(bot.ask(question))


@pytest.mark.parametrize("message", ["how kind of you, thanks", "what a great help, thank you", "will do, thanks!"])
def test_an_exclamation_is_no_question_thanks_still_thanks(bot, message):
    assert bot.ask(message).intent == "chat.thanks"


def test_a_topic_the_guide_does_not_cover_yields_only_to_the_best_answer(bot):
    # the causes of asymmetry are said beside the asymmetry answer, but "what causes...?" asks the causes
    assert parts_of(bot.ask("what causes uneven faces, and could botox sort mine?"))[0] == ("not-covered", "causes")


@pytest.mark.parametrize("message", [
    "is a lopsided smile common, and could botox sort mine?",
    "is it normal for one eyebrow to sit higher, and can botox help?",
])
def test_a_vague_ask_naming_botox_is_read_with_the_face_an_earlier_ask_names(bot, message):
    # with no story, "can botox help?" helps with what the ask before it named
    assert parts_of(bot.ask(message))[-1] == ("answer", "asymmetry.treatment")


def test_the_same_result_is_a_result_and_the_same(bot):
    # "same result" was one concept: it left "will I get the same result as her?" one word, too few to answer on
    assert bot.matcher.analyse("will I get the same result as her").features == ("unique", "result")
    reply = bot.ask("My cousin had botox for her lopsided grin and she looks great. We're a similar age and I've got "
                    "the same problem. If I book with her injector will I get the same result as her?")
    assert parts_of(reply) == [("answer", "individual-needs")]


def test_how_a_result_comes_out_is_the_result(bot):
    assert in_family(bot.ask("if my cousin and I see the same injector, will mine come out the same as hers?").intent,
                     "individual-needs")


def test_it_is_not_botox_beside_an_answer_about_the_face(bot):
    # "is it common?" asks about the uneven face the message tells of, not about Botox
    reply = bot.ask("my little boy's smile is a bit crooked, is it common? and what causes it?")
    assert "botox.what-is-it" not in [p.intent for p in reply.parts]
    assert "asymmetry.about" in [p.intent for p in reply.parts]


def test_a_message_about_something_else_is_read_whole(bot):
    assert bot.ask("can I travel to France, or is it dangerous?").kind == "out-of-scope"
    # "safely" is a word of the subject, but "it" points back at the ask before, about France
    assert bot.ask("can i safely travel to france or is it dangerous").kind == "out-of-scope"


def test_a_follow_up_in_context_still_reads_parts(bot):
    first = bot.ask("what is botox?")
    reply = bot.ask("ok. and does it hurt? and is it expensive?", context=first.context)
    assert parts_of(reply) == [("answer", "side-effects.pain"), ("not-covered", "cost")]
    assert reply.context == Context(topic="side-effects.pain", turns=2)


def test_one_typing_slip_is_one_edit_in_a_word_spelled_right_and_the_same_for_a_seed():
    from rapidfuzz.distance import OSA

    from assistant.evaluation import EvalItem, with_typos
    items = [EvalItem("does botox cause bruising after the jabs, will it swell", ("side-effects",)),
             EvalItem("who shuold inject it", ("provider",), "tag")]
    spelled = {"does", "botox", "cause", "bruising", "after", "jabs", "will", "swell", "inject"}.__contains__
    for seed in range(20):
        slipped = with_typos(items, seed, spelled)
        assert slipped == with_typos(items, seed, spelled)
        for clean, typo in zip(items, slipped):
            assert OSA.distance(clean.question, typo.question) == 1
            assert (typo.expect, typo.tag) == (clean.expect, clean.tag)
        assert "shuold" in slipped[1].question  # only words spelled right get a slip
    assert len({with_typos(items, seed, spelled)[0].question for seed in range(20)}) > 5


def test_a_swap_of_two_letters_is_the_likelier_typo(bot):
    assert bot.lexicon.correct("thakn") == "thank" and bot.lexicon.correct("paln") == "plan"


@pytest.mark.parametrize("message, opens", [
    ("where on earth do you park near the clinic", True), ("how on earth do they choose the dose", True),
    ("we went down to earth with it", False),
])
def test_on_earth_after_a_question_word_still_asks(message, opens):
    # "where on earth do you...", "why on earth would...": the intensifier doesn't hide the question
    assert [s.ask for s in read_message(message)] == [opens]


@pytest.mark.parametrize("message, topic, count", [
    ("is a nurse allowed to do my botox? also where on earth do you park round there", None, 2),
    ("who should do my botox, and what do they charge?", "cost", 2),
    ("what do clinics charge for botox?", "cost", 1), ("is botox worth the money for a wonky smile?", "cost", 1),
    ("what can go wrong with botox, and can it be undone if I hate it?", "reversal", 2),
    ("can botox even out my brows or would a brow lift be better?", "other-treatments", 2),
    ("can botox even out my smile, and how many sessions would I need?", "duration", 2),
    ("does it hurt, and what's the downtime?", "aftercare", 2),
])
def test_an_ask_the_guide_doesnt_answer_is_named(bot, message, topic, count):
    # the price ("charge", "worth the money"), undoing it ("undone"), surgery ("a brow lift"), or no topic at all
    parts = parts_of(bot.ask(message))
    assert ("not-covered", topic) in parts and len(parts) == count, parts


@pytest.mark.parametrize("message, intent", [
    ("my smile has drooped on one side since my stroke and my left eye waters. my physio suggested botox. "
     "what actually is it?", "botox.what-is-it"),
    ("one brow has sat higher than the other for years and it shows in every photo. my sister swears by botox. "
     "is it safe?", "side-effects.safety"),
])
def test_it_right_after_a_clause_naming_botox_last_is_botox(bot, message, intent):
    # "it" points at what the clause just before names last, Botox, not at the face the story told before that
    assert parts_of(bot.ask(message))[0] == ("answer", intent), parts_of(bot.ask(message))
    # ...if that clause names nothing else of the subject: a swelling told with it is what "is it bad?" asks about
    assert bot.ask("my forehead is a bit swollen after botox yesterday, is it bad?").intent == "side-effects.swelling"


@pytest.mark.parametrize("message, topic", [
    ("my left brow has sat higher since I was a teenager and it shows in photos. is botox safe?", None),
    ("my jaw has been wider on one side since my teens. is botox safe for it?", None),
    ("my son is a teenager with a lopsided smile, is botox safe for him?", "eligibility"),
])
def test_a_time_of_life_told_is_no_age_asked_about(bot, message, topic):
    # "since I was a teenager" tells when; "my son is a teenager" tells who would have it, which the guide doesn't cover
    reply = bot.ask(message)
    assert (reply.parts[0].topic if reply.parts else reply.topic) == topic and (topic or reply.intent == "side-effects.safety")


@pytest.mark.parametrize("message", [
    "My knee is swollen from running. Is it bad?", "I'm flying to Spain next week. Is it safe?",
    "I have pain in my shoulder. Is it normal?", "we're going to a wedding next week. what happens at it?",
    "the table's legs are uneven, what's the best way to level it?",
])
def test_it_pointing_back_at_a_thing_of_no_subject_gets_no_botox_answer(bot, message):
    # "it" is the knee, the trip, the shoulder, the wedding, the table: a swelling or a pain of theirs is no Botox's
    assert bot.ask(message).intent is None, parts_of(bot.ask(message))


def test_a_condition_is_no_clause_it_points_back_at(bot):
    assert ("answer", "asymmetry.treatment") not in parts_of(
        bot.ask("does it wear off eventually? and if my face ends up uneven can they just correct it?"))


@pytest.mark.parametrize("message, asks", [
    ("does it sting does it swell how long does the swelling last",
     ["does it sting", "does it swell", "how long does the swelling last"]),
    ("is it safe can my gp do it", ["is it safe", "can my gp do it"]),
    # a question word's own object, a verb after "to" or a modal, no question yet: one ask
    ("how many units will i need", ["how many units will i need"]),
    ("is it ok to do it at home", ["is it ok to do it at home"]),
    ("who should do it", ["who should do it"]),
])
def test_a_question_run_on_from_a_question_asks_again(message, asks):
    # with no stop between them: a yes/no question of three words or more, then another asked of someone
    assert [s.text for s in read_message(message) if s.ask] == asks


def test_a_topic_put_first_with_also_is_what_the_ask_after_it_asks_about(bot):
    reading = read_message("can a nurse do it? also swelling, how bad does it get")
    assert [s.text for s in reading] == ["can a nurse do it", "also swelling, how bad does it get"]
    assert ("answer", "side-effects.swelling") in parts_of(bot.ask("can a nurse do it? also swelling, how bad does it get"))


def test_a_plus_joins_two_asks():
    assert [s.text for s in read_message("what is botox made of + who should do it") if s.ask] == [
        "what is botox made of", "who should do it"]


@pytest.mark.parametrize("question, intent", [
    ("will I look plastic after botox?", "botox.how-it-works.frozen"),
    ("could botox reduce the bigger side?", "asymmetry.treatment"),
])
def test_words_people_use_for_a_covered_ask(bot, question, intent):
    assert bot.ask(question).intent == intent, bot.ask(question).match


def test_it_right_after_a_word_asked_about_is_that_word(bot):
    # "swelling??" asks about a word; "how bad is it?" right after it asks about the swelling, not the story's smile
    reply = bot.ask("having botox for my crooked smile next week and it's my sister's hen do after. bruising? swelling? "
                    "how bad is it?")
    assert ("answer", "asymmetry.about") not in parts_of(reply) and ("answer", "asymmetry.treatment") not in parts_of(reply)
    assert parts_of(bot.ask("how does it work, what is it, and is it safe"))[1] == ("answer", "botox.what-is-it")


def test_an_ask_two_weak_readings_fit_is_named_as_not_found(bot):
    # beside an answer, an ask between two readings that both score under 0.7 is no choice of two answers
    reply = bot.ask("is botox safe, and is there a best month of the year to have it?")
    assert [p.kind for p in reply.parts] == ["answer", "not-covered"], parts_of(reply)
    assert "couldn't find" in reply.parts[1].text and "More than one" not in reply.text


@pytest.mark.parametrize("message", [
    "I'm nervous about it. can botox leave me with more asymmetry than before?",
    "my friend got botox and one eyebrow shot up. why does that happen?",  # a result told of someone else
    "my friend had botox and one brow went up. could that happen to me?",
    "Hi. Can botox cause asymmetry?", "I'm thinking about botox. Could it leave my face lopsided?",  # asked as a risk
    "if my eyelid droops after my botox next week, what do I do?",  # feared in a condition
])
def test_a_result_gone_wrong_asked_or_told_keeps_its_answer(bot, message):
    assert ("answer", "side-effects.asymmetry") in parts_of(bot.ask(message)), parts_of(bot.ask(message))


def test_a_pregnancy_told_is_a_pregnancy_asked_about(bot):
    # had while pregnant or pregnant now, the guide's answers don't speak to it
    assert parts_of(bot.ask("I am pregnant, can botox even out my smile?")) == [("not-covered", "pregnancy")]
    assert ("not-covered", "pregnancy") in parts_of(bot.ask("I had botox when I was pregnant without knowing. Is that dangerous?"))


def test_a_habit_told_as_the_cause_of_an_uneven_jaw_is_a_cause(bot):
    # "from grinding my teeth" says why the jaw is uneven: the asymmetry answer, and causes named beside it
    parts = parts_of(bot.ask("can botox even out a jaw that's wider on one side from grinding my teeth?"))
    assert parts[0] == ("answer", "asymmetry.treatment") and ("not-covered", "causes") in parts, parts
    # asked for itself, clenching is a medical use the guide doesn't cover
    assert parts_of(bot.ask("does botox help with clenching?")) == [("not-covered", "medical-uses")]


@pytest.mark.parametrize("message", [
    "can I have it done in my lunch hour and go straight back to the office, and will it bruise?",
])
def test_it_said_in_the_clause_before_is_what_it_is_here(bot, message):
    # "it" said already in the clause before ("have it done") is what "it" is here: the bruising is asked about
    assert ("answer", "side-effects.bruising") in parts_of(bot.ask(message)), parts_of(bot.ask(message))
    assert bot.ask("can I travel to France, or is it dangerous?").kind == "out-of-scope"


def test_what_is_in_the_syringe_asks_what_botox_is(bot):
    assert ("answer", "botox.what-is-it") in parts_of(bot.ask("is botox safe, and what is it in the syringe exactly?"))
