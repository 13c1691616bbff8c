// Progressive enhancement of the feedback form; the form works fully without it.
// Shows only the question meant for the chosen role and moves focus to an error summary.
(function () {
  "use strict";
  var form = document.querySelector(".feedback-form");
  if (!form) return;
  document.documentElement.classList.add("js");

  var questions = form.querySelectorAll(".question[data-for-roles]");
  function update() {
    var chosen = form.querySelector('input[name="role"]:checked');
    questions.forEach(function (question) {
      var roles = question.getAttribute("data-for-roles").split(" ");
      var show = !chosen || roles.indexOf(chosen.value) !== -1;
      question.classList.toggle("is-hidden", !show);
      if (!show) {
        question.querySelectorAll("input").forEach(function (input) { input.checked = false; });
      }
    });
  }
  form.addEventListener("change", function (event) {
    if (event.target && event.target.name === "role") update();
  });
  update();

  var summary = document.getElementById("error-summary");
  if (summary) summary.focus();
})();
