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
