// After a failed submit the error summary at the top of the form takes the focus, so that a
// screen reader reads it and a keyboard user starts from it; its links lead to each field.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }
});
