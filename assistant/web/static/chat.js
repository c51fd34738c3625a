// The chat page: sends each question with the conversation's context and shows the reply.
// Nothing is stored in the browser: the context and a running quiz live in these variables only.
"use strict";

(function () {
  const log = document.getElementById("log");
  const form = document.getElementById("ask-form");
  const box = document.getElementById("question");
  const send = document.getElementById("send");
  const quizButton = document.getElementById("quiz-start");
  const alertBox = document.getElementById("alert");

  let context = null;   // what the server gave back last; sent with the next question
  let quiz = null;      // a running quiz's state, as the server gave it
  let busy = false;

  // -- small DOM helpers (text only: nothing the server or the user sends is parsed as HTML) --------
  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function paragraphs(parent, text, className) {
    String(text || "").split(/\n{2,}|\n(?=\d+\. )/).forEach(function (chunk) {
      if (chunk.trim()) parent.appendChild(el("p", className, chunk.trim()));
    });
  }

  function button(label, onClick, className) {
    const b = el("button", className || "chip", label);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }

  // A new message comes into view; a long reply (or an emergency) from its top, so its title shows.
  function add(node, fromTop) {
    log.appendChild(node);
    const room = window.innerHeight - form.offsetHeight;
    node.scrollIntoView({ block: fromTop || node.offsetHeight > room ? "start" : "nearest" });
    return node;
  }

  function setBusy(value) {
    busy = value;
    send.disabled = value;
    log.setAttribute("aria-busy", value ? "true" : "false");
  }

  // -- talking to the server ---------------------------------------------------------------------
  async function post(path, body) {
    const response = await fetch(path, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
      cache: "no-store",
      credentials: "same-origin",
      referrerPolicy: "no-referrer",
    });
    let data = null;
    try { data = await response.json(); } catch (e) { data = null; }
    if (!response.ok) {
      throw new Error((data && data.error) || ("the server answered " + response.status));
    }
    return data;
  }

  function problem(message) {
    const note = add(el("article", "msg bot problem"));
    note.appendChild(el("p", null, "Sorry, that didn't work: " + message + ". Please try again."));
  }

  async function ask(question, shown) {
    if (busy) return;
    const text = question.trim();
    if (!text) { box.focus(); return; }
    add(el("article", "msg you", shown || question)).setAttribute("aria-label", "You asked");
    setBusy(true);
    try {
      showReply(await post("api/ask", { question: question, context: context }), question);
    } catch (e) {
      problem(e.message);
    } finally {
      setBusy(false);
    }
  }

  async function choose(reply, choice) {
    if (busy) return;
    add(el("article", "msg you", choice.ask)).setAttribute("aria-label", "You chose");
    setBusy(true);
    try {
      showReply(await post("api/choose", { question: reply.sent, choice: choice.number, context: reply.context }), reply.sent);
    } catch (e) {
      problem(e.message);
    } finally {
      setBusy(false);
    }
  }

  // -- a reply ------------------------------------------------------------------------------------
  // ``sent`` is the question as typed (the reply echoes it shortened), needed to pick an ambiguous choice.
  function showReply(reply, sent) {
    context = reply.context;
    const urgency = reply.urgency;
    const card = el("article", "msg bot reply kind-" + reply.kind);
    card.setAttribute("aria-label", "Reply: " + (reply.title || reply.kind));
    if (urgency === "emergency") {
      card.classList.add("emergency");
      const banner = el("div", "banner");
      banner.appendChild(el("strong", "banner-title", "Emergency: get medical help now"));
      banner.appendChild(el("span", null, "Call your local emergency number. Don't drive yourself."));
      card.appendChild(banner);
    } else if (urgency === "contact-doctor") {
      card.classList.add("contact-doctor");
      card.appendChild(el("p", "notice", "Contact your doctor about this soon."));
    }
    // Why it is urgent, first: the symptoms the check read.
    if (Array.isArray(reply.symptoms) && reply.symptoms.length) {
      const what = reply.symptoms.map(function (s) { return typeof s === "string" ? s : (s.label || s.name || JSON.stringify(s)); });
      const label = urgency === "emergency" ? "What I read as urgent: " : "Symptoms I read: ";
      card.appendChild(el("p", "symptoms", label + what.join(", ")));
    }
    const parts = Array.isArray(reply.parts) && reply.parts.length ? reply.parts : [reply];
    const several = parts.length > 1;
    if (several) card.appendChild(el("h2", "title", "Your message, in " + parts.length + " parts"));
    parts.forEach(function (part) {
      const section = several ? card.appendChild(el("section", "part")) : card;
      section.appendChild(el(several ? "h3" : "h2", "title", part.title || reply.title || ""));
      paragraphs(section, part.answer !== undefined ? part.answer : reply.answer, "answer");
      if (part.source) section.appendChild(el("p", "source", "Source: " + part.source));
    });
    const choices = Array.isArray(reply.choices) ? reply.choices : [];
    if (choices.length) {
      const group = el("div", "buttons choices");
      group.setAttribute("role", "group");
      group.setAttribute("aria-label", "Which did you mean?");
      choices.forEach(function (choice) {
        group.appendChild(button(choice.number + ". " + choice.ask, function () {
          choose({ sent: sent, context: reply.context }, choice);
        }, "chip choice"));
      });
      card.appendChild(group);
    } else if (Array.isArray(reply.suggestions) && reply.suggestions.length) {
      card.appendChild(el("p", "label", reply.kind === "answer" ? "You could also ask:" : "Related questions I can answer:"));
      const group = el("div", "buttons suggestions");
      group.setAttribute("role", "group");
      group.setAttribute("aria-label", "Suggested questions");
      reply.suggestions.forEach(function (s) {
        group.appendChild(button(s, function () { ask(s); }, "chip suggestion"));
      });
      card.appendChild(group);
    }
    if (reply.disclaimer && reply.kind !== "answer") {
      card.appendChild(el("p", "note", reply.disclaimer));
    }
    add(card, urgency === "emergency");
    if (urgency === "emergency") {
      alertBox.textContent = "";
      alertBox.textContent = "Emergency: get medical help now. " + (reply.answer || "");
    }
  }

  // -- the quiz -----------------------------------------------------------------------------------
  // One quiz step: show what the person did, send it, show the events and keep the quiz state.
  async function quizStep(path, body, label) {
    add(el("article", "msg you", label));
    setBusy(true);
    try {
      const data = await post(path, body);
      quiz = data.quiz;
      showQuizEvents(data.events);
    } catch (e) {
      problem(e.message);
    } finally {
      setBusy(false);
    }
  }

  async function startQuiz() {
    if (busy) return;
    await quizStep("api/quiz/start", { count: 5 }, "Take the quiz");
  }

  async function answerQuiz(answer, label) {
    if (busy || !quiz) return;
    await quizStep("api/quiz/answer", { quiz: quiz, answer: answer }, label);
  }

  function retireQuizButtons() {
    log.querySelectorAll(".quiz-options button").forEach(function (b) { b.disabled = true; });
  }

  function showQuizEvents(events) {
    let focusTarget = null;
    events.forEach(function (event) {
      const card = el("article", "msg bot quiz quiz-" + event.event);
      if (event.event === "start") {
        card.appendChild(el("h2", "title", "Quiz"));
        paragraphs(card, event.message);
      } else if (event.event === "question") {
        retireQuizButtons();
        card.appendChild(el("h2", "title", (event.retry ? "Once more " : "Question ") + event.number + " of " + event.total));
        card.appendChild(el("p", "question", event.question));
        const group = el("div", "buttons quiz-options");
        group.setAttribute("role", "group");
        group.setAttribute("aria-label", "Answers");
        event.options.forEach(function (option, i) {
          const letter = event.letters ? event.letters[i] : option.toLowerCase();
          const label = event.letters ? letter + ") " + option : option;
          group.appendChild(button(label, function () { answerQuiz(letter, label); }, "chip option"));
        });
        group.appendChild(button("Skip", function () { answerQuiz("skip", "Skip"); }, "chip secondary"));
        group.appendChild(button("Stop the quiz", function () { answerQuiz("quit", "Stop the quiz"); }, "chip secondary"));
        card.appendChild(group);
        focusTarget = group.querySelector("button");
      } else if (event.event === "feedback") {
        card.classList.add("status-" + event.status);
        paragraphs(card, event.message);
      } else if (event.event === "summary") {
        retireQuizButtons();
        card.appendChild(el("h2", "title", "Your score"));
        paragraphs(card, event.message.replace(/\n(?=\S)/g, "\n\n"));
        (event.review_questions || []).forEach(function (q) {
          card.appendChild(button("Ask: " + q, function () { ask(q); }, "chip suggestion"));
        });
        focusTarget = box;
      }
      add(card);
    });
    if (focusTarget) focusTarget.focus();
  }

  // -- the question box ----------------------------------------------------------------------------
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    const question = box.value;
    if (!question.trim() || busy) return;
    box.value = "";
    ask(question);
  });

  box.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  quizButton.addEventListener("click", startQuiz);

  // The starters and the pack's own disclaimer.
  fetch("api/topics", { cache: "no-store" }).then(function (r) { return r.ok ? r.json() : null; }).then(function (data) {
    if (!data) return;
    if (data.disclaimer) document.getElementById("disclaimer-text").textContent = data.disclaimer;
    const starters = document.getElementById("starters");
    (data.topics || []).slice(0, 4).forEach(function (t) {
      starters.appendChild(button(t.ask, function () { ask(t.ask); }, "chip suggestion"));
    });
  }).catch(function () { /* the page still works without starters */ });
})();
