"""The JSON API in-process (Starlette's test client): the same answers as `ask --json`, the conversation
and the quiz carried in each request, JSON errors with the right status, security headers everywhere."""

from __future__ import annotations

import json

import pytest
from inprocess import run_main

pytest.importorskip("starlette", reason="the web extra is not installed (pip install '.[web]')")
from starlette.testclient import TestClient  # noqa: E402

from assistant.web import create_app  # noqa: E402
from twins import AMBIGUOUS  # noqa: E402
from assistant.web.guard import MAX_BODY  # noqa: E402


@pytest.fixture(scope="module")
def client(bot):
    with TestClient(create_app(bot), raise_server_exceptions=False) as c:
        yield c


def ask(client, question, context=None):
    response = client.post("/api/ask", json={"question": question, "context": context})
    assert response.status_code == 200, response.text
    return response.json()


def test_ask_answers_exactly_as_ask_json_does(client):
    question = "does botx cause brusing?"
    cli = run_main("ask", "--json", question, text=True)
    assert cli.returncode == 0
    assert ask(client, question) == json.loads(cli.stdout)


def test_the_conversation_travels_in_context(client, bot):
    first = ask(client, "does botox cause bruising?")
    assert first["context"] == {"topic": "side-effects.bruising", "turns": 1}
    follow = ask(client, "and is it painful?", first["context"])
    assert follow["intent"] == "side-effects.pain" and follow["context"]["turns"] == 2
    # Without the context the follow-up is not understood the same way: the context is what carries it.
    assert ask(client, "and is it painful?") != follow
    assert follow == bot.ask("and is it painful?", context=bot.ask("does botox cause bruising?").context).to_dict()


def test_every_reply_field_a_page_needs(client):
    reply = ask(client, "how long does botox last")
    assert reply["kind"] == "not-covered" and reply["title"].startswith("Not covered: ")
    for key in ("parts", "urgency", "symptoms", "choices", "suggestions", "disclaimer", "source", "context"):
        assert key in reply
    urgent = ask(client, "my throat is swelling after the injection")
    assert urgent["urgency"] == "emergency" and urgent["symptoms"]


def test_choose_picks_a_choice_of_an_ambiguous_reply(twin_bot):
    client = TestClient(create_app(twin_bot))
    listed = ask(client, AMBIGUOUS)
    assert listed["kind"] == "ambiguous" and [c["number"] for c in listed["choices"]] == [1, 2]
    picked = client.post("/api/choose", json={"question": AMBIGUOUS, "choice": 2, "context": listed["context"]}).json()
    assert picked["kind"] == "answer" and picked["intent"] == listed["choices"][1]["intent"]
    assert picked == twin_bot.choose(twin_bot.ask(AMBIGUOUS), 2).to_dict()
    wrong = client.post("/api/choose", json={"question": AMBIGUOUS, "choice": 3, "context": listed["context"]})
    assert wrong.status_code == 400 and wrong.json()["error"] == "choose a number from 1 to 2, not 3"


def test_choose_on_a_reply_without_choices_is_a_400_with_the_reason(client):
    reply = ask(client, "does botox cause bruising?")
    response = client.post("/api/choose", json={"question": reply["question"], "choice": 1, "context": None})
    assert response.status_code == 400
    assert response.json()["error"] == "only an ambiguous reply has choices; this reply is 'answer'"


def test_topics_and_health(client, kb):
    topics = client.get("/api/topics").json()
    assert topics["disclaimer"] == kb.pack.disclaimer
    assert {t["id"] for t in topics["topics"]} <= {i.id for i in kb.domain_intents} and topics["topics"]
    assert any(t["id"] == "side-effects" for t in topics["quiz_topics"])
    assert client.get("/healthz").json() == {"status": "ok"}


def test_a_quiz_round_trips_through_the_client(client):
    data = client.post("/api/quiz/start", json={"topics": ["side-effects"], "count": 2}).json()
    assert [e["event"] for e in data["events"]] == ["start", "question"]
    state, question = data["quiz"], data["events"][1]
    # Nonsense is "unclear": the same question stands, and the message says what to type.
    unclear = client.post("/api/quiz/answer", json={"quiz": state, "answer": "purple"}).json()
    assert [e["event"] for e in unclear["events"]] == ["feedback"]
    assert unclear["events"][0]["status"] == "unclear" and "as an answer. Type " in unclear["events"][0]["message"]
    statuses = []
    while state is not None:
        answer = "skip" if question is None else ("a" if question["letters"] else "true")
        data = client.post("/api/quiz/answer", json={"quiz": state, "answer": answer}).json()
        statuses += [e.get("status") for e in data["events"] if e["event"] == "feedback"]
        question = next((e for e in data["events"] if e["event"] == "question"), None)
        state = data["quiz"]
        assert all(e["message"] for e in data["events"])
    assert data["events"][-1]["event"] == "summary" and data["events"][-1]["total"] == 2
    assert len(statuses) >= 2 and set(statuses) <= {"correct", "wrong"}


def test_a_damaged_quiz_state_is_a_400(client):
    response = client.post("/api/quiz/answer", json={"quiz": {"version": 1, "round": "x"}, "answer": "a"})
    assert response.status_code == 400 and "quiz state" in response.json()["error"]


@pytest.mark.parametrize("body, message", [
    (b"{not json", "the body is not valid JSON"),
    (b"\xff\xfe", "the body is not valid JSON"),
    (b"[1, 2]", "the body must be a JSON object"),
    (b"[" * 16000, "the body is not valid JSON"),
    (b'{"question": "hi", "context": ' + b"[" * 15000 + b"}", "the body is not valid JSON"),
    (b"{}", "missing field 'question'"),
    (b'{"question": 3}', "'question' must be a string"),
    (b'{"question": "hi", "context": {"turns": -2}}', "context turns must be a whole number of at least 0"),
])
def test_malformed_requests_are_400_with_a_json_error(client, body, message):
    response = client.post("/api/ask", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 400
    assert response.json() == {"error": message, "status": 400}


def test_a_lone_surrogate_is_read_as_a_replacement_character(client):
    body = b'{"question": "does botox hurt \\ud800", "context": {"topic": "side-\\udfffeffects"}}'
    response = client.post("/api/ask", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 200
    assert response.json()["question"] == "does botox hurt \ufffd"
    assert response.json()["intent"] == "side-effects.pain"


def test_bodies_over_16_kB_are_413(client):
    story = "my face droops on one side " * 700
    assert len(story) > MAX_BODY
    response = client.post("/api/ask", json={"question": story})
    assert response.status_code == 413 and "too large" in response.json()["error"]
    # ...also when the client doesn't say how long the body is (chunked).
    response = client.post("/api/ask", content=iter([b'{"question": "', b"x" * MAX_BODY, b'"}']),
                           headers={"content-type": "application/json"})
    assert response.status_code == 413


def test_a_body_that_is_not_json_by_type_is_415(client):
    response = client.post("/api/ask", content=b'{"question": "hi"}', headers={"content-type": "text/plain"})
    assert response.status_code == 415 and "application/json" in response.json()["error"]


@pytest.mark.parametrize("method, path", [("GET", "/api/ask"), ("PUT", "/api/quiz/start"), ("POST", "/api/topics"),
                                          ("DELETE", "/healthz"), ("POST", "/")])
def test_wrong_methods_are_405_with_a_json_error(client, method, path):
    response = client.request(method, path)
    assert response.status_code == 405 and response.json()["status"] == 405 and response.headers["allow"]


def test_unknown_paths_are_404_in_json(client):
    response = client.get("/api/nothing-here")
    assert response.status_code == 404 and response.json()["error"]


@pytest.mark.parametrize("method, path", [("GET", "/"), ("GET", "/static/chat.js"), ("POST", "/api/ask"),
                                          ("GET", "/healthz"), ("GET", "/nope"), ("GET", "/api/ask")])
def test_security_headers_on_every_response(client, method, path):
    response = client.request(method, path, json={"question": "hi"} if method == "POST" else None)
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "default-src 'none'" in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert "access-control-allow-origin" not in response.headers


def test_the_page_has_no_inline_script_or_style(client):
    page = client.get("/").text
    assert '<script src="static/chat.js"' in page and "<script>" not in page.replace(" ", "")
    assert "style=" not in page and "<style" not in page
    assert "not medical advice" in page.lower()
    # Even with JavaScript off, submitting can't put a question in a URL: a POST form, and no field name.
    assert '<form id="ask-form" class="ask" method="post"' in page and "name=" not in page.split("<form", 1)[1]


def test_cross_origin_use_only_for_allowed_origins(bot):
    headers = {"origin": "https://clinic.example", "access-control-request-method": "POST",
               "access-control-request-headers": "content-type"}
    closed = TestClient(create_app(bot))
    assert "access-control-allow-origin" not in closed.options("/api/ask", headers=headers).headers
    opened = TestClient(create_app(bot, allow_origins=["https://clinic.example"]))
    preflight = opened.options("/api/ask", headers=headers)
    assert preflight.headers["access-control-allow-origin"] == "https://clinic.example"
    other = opened.options("/api/ask", headers={**headers, "origin": "https://evil.example"})
    assert "access-control-allow-origin" not in other.headers


def test_a_bug_is_a_json_500_without_traceback_or_question(bot, caplog):
    class Broken:
        knowledge = bot.knowledge

        def ask(self, question, context=None):
            raise RuntimeError(f"exploded on {question}")

    from assistant.web.api import Api
    app = create_app(bot)
    for route in app.routes:  # swap the real endpoint's assistant for one that fails
        endpoint = getattr(route, "endpoint", None)
        if getattr(endpoint, "__self__", None).__class__ is Api:
            endpoint.__self__.bot = Broken()
    response = TestClient(app, raise_server_exceptions=False).post("/api/ask", json={"question": "my secret rash"})
    assert response.status_code == 500
    assert response.json()["error"].startswith("internal error")
    assert "Traceback" not in response.text and "secret" not in response.text
    assert "secret" not in caplog.text and "RuntimeError" in caplog.text
