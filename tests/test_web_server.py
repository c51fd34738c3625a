"""`botox-faq serve` for real: uvicorn on loopback, several workers, concurrent clients, and nothing of
what they ask in the server's output."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from importlib.util import find_spec

import pytest
from inprocess import run_main
from web_server import running_server

pytestmark = pytest.mark.skipif(find_spec("uvicorn") is None,  # looked for, not imported, while collecting
                                reason="the web extra is not installed (pip install '.[web]')")

# Eight conversations, each a few turns; every question is marked so it can be searched for in logs.
CONVERSATIONS = [
    ["does botox cause bruising? zq1", "and is it painful zq2", "who should do it zq3"],
    ["can botox fix my lopsided smile zq4", "how does it work zq5"],
    ["my throat is swelling after the injection zq6", "what should I do zq7"],
    ["how long does botox last zq8", "how much does it cost zq9"],
    ["what is the capital of france zq10", "hello zq11"],
    ["do I need a consultation before botox zq12", "why zq13", "thanks zq14"],
    ["is botox a neurotoxin zq15", "what else is it used for zq16"],
    ["will my face look the same as my friend's after botox zq17", "and the side effects zq18"],
]


def converse(ask, questions):
    context, replies = None, []
    for question in questions:
        reply = ask(question, context)
        replies.append(reply)
        context = reply["context"]
    return replies


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with running_server(tmp_path_factory.mktemp("serve"), "--workers", "2") as s:
        yield s
    # Stopped: the log is complete.


def test_eight_concurrent_clients_get_the_serial_answers_and_none_of_their_questions_is_logged(server, bot):
    def local(question, context):
        from assistant import Context
        return bot.ask(question, context=Context.from_dict(context)).to_dict()

    def remote(question, context):
        status, reply = server.post("/api/ask", {"question": question, "context": context})
        assert status == 200, reply
        return reply

    serial = [converse(local, c) for c in CONVERSATIONS]
    with ThreadPoolExecutor(max_workers=8) as pool:
        concurrent = list(pool.map(lambda c: converse(remote, c), CONVERSATIONS * 3))
    assert concurrent == serial * 3
    server.process.send_signal(2)  # Ctrl-C: let it flush and stop before reading what it printed
    server.process.wait(timeout=10)
    output = server.output()
    assert "Uvicorn running on http://127.0.0.1:" in output and "Questions are never logged" in output
    for conversation in CONVERSATIONS:
        for question in conversation:
            assert question.split()[-1] not in output and question not in output
    assert "/api/ask" not in output and "POST" not in output  # no access log lines at all


def test_serve_answers_exactly_as_ask_json(tmp_path):
    question = "can botx fix my lopsided smiel"
    cli = run_main("ask", "--json", question, text=True)
    assert cli.returncode == 0
    with running_server(tmp_path) as server:
        status, reply = server.post("/api/ask", {"question": question})
        assert status == 200 and reply == json.loads(cli.stdout)
        status, error = server.post("/api/ask", {"context": None})
        assert status == 400 and error["error"] == "missing field 'question'"


def test_serve_without_a_good_pack_is_one_line(tmp_path):
    result = run_main("serve", "--knowledge", str(tmp_path / "nope"), text=True)
    assert result.returncode == 2 and result.stderr.startswith("Error: ") and len(result.stderr.splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_serve_rejects_a_bad_port(tmp_path):
    result = run_main("serve", "--port", "70000", text=True)
    assert result.returncode == 2 and "at most 65535" in result.stderr


def test_the_listening_socket_is_marked_tcp_so_connections_get_nodelay():
    # uvicorn's own bind leaves proto 0 with --workers > 1, and asyncio then leaves Nagle on (~40 ms a request).
    import socket

    from assistant.web.server import _Config
    sock = _Config("assistant.web:app", host="127.0.0.1", port=0, workers=2).bind_socket()
    try:
        assert sock.proto == socket.IPPROTO_TCP
        sock.listen(1)
        client = socket.create_connection(sock.getsockname()[:2])
        accepted, _ = sock.accept()
        assert accepted.proto == socket.IPPROTO_TCP  # what asyncio checks before setting TCP_NODELAY
        accepted.close()
        client.close()
    finally:
        sock.close()
