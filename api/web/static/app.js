// A character counter under fields with data-counter: the page works the same without it.
(function () {
  "use strict";
  document.querySelectorAll("textarea[data-counter]").forEach(function (field) {
    var out = document.getElementById(field.getAttribute("data-counter"));
    var max = field.maxLength;
    if (!out || max <= 0) { return; }
    // Numbers as the page's language writes them, like the hint above the field: "10 000" in Norwegian.
    var format = new Intl.NumberFormat(document.documentElement.lang || "nb").format;
    var show = function () { out.textContent = format(field.value.length) + " / " + format(max); };
    field.addEventListener("input", show);
    show();
  });
}());

// A message the server rendered at the place it concerns (a triage card's confirmation, an error no field carries)
// takes the focus, so keyboard and screen-reader users land where the page says what happened. On "load": the
// browser's own jump to the address's #fragment comes before it and would otherwise take the focus away again.
window.addEventListener("load", function () {
  "use strict";
  var message = document.querySelector("[data-focus]");
  if (message && !document.querySelector("[autofocus]")) { message.focus(); }
});

// Shared ideas like the one being written ("Støtt dette i stedet"), asked for once typing pauses: the server
// renders the fragment (POST, so the words stay out of addresses), and the section stays hidden when there are
// none, or without scripts.
(function () {
  "use strict";
  var box = document.querySelector("[data-similar]");
  var field = box && document.getElementById(box.getAttribute("data-similar-for"));
  var form = field && field.form;
  var token = form && form.querySelector("input[name='csrf_token']");
  if (!field || !token) { return; }
  var timer = null, asked = "", latest = 0;
  var ask = function () {
    var words = field.value.trim();
    if (words === asked) { return; }
    asked = words;
    var mine = ++latest;
    if (words.length < 12) { box.hidden = true; box.innerHTML = ""; return; }
    var body = new URLSearchParams();
    body.set(token.name, token.value);
    body.set("text", words.slice(0, 2000));
    fetch(box.getAttribute("data-similar"), {method: "POST", body: body, credentials: "same-origin"})
      .then(function (answer) { return answer.ok ? answer.text() : ""; })
      .then(function (html) {
        if (mine !== latest) { return; }  // a later question is on its way: its answer counts
        box.innerHTML = html;
        box.hidden = !html.trim();
      })
      .catch(function () { /* no suggestions: the form works the same */ });
  };
  field.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(ask, 500);
  });
  if (field.value.trim()) { ask(); }
}());
