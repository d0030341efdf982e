// The date picker in the top bar: moving to another date reloads the page for it.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector(".rs-date");
  if (!form) return;
  const input = form.querySelector("input[type=date]");
  input.addEventListener("change", () => {
    if (input.value && input.checkValidity()) form.submit();
  });
});
