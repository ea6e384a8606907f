// A character counter under fields with data-counter: the page works the same without it.
(function () {
  "use strict";
  document.querySelectorAll("textarea[data-counter]").forEach(function (field) {
    var out = document.getElementById(field.getAttribute("data-counter"));
    var max = field.maxLength;
    if (!out || max <= 0) { return; }
    var show = function () { out.textContent = field.value.length + " / " + max; };
    field.addEventListener("input", show);
    show();
  });
}());
