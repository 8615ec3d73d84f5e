// Audit pages. Verification walks the whole chain and may take some seconds on a long log: the button says so
// and cannot be pressed twice. Without script the form works the same, only without the feedback.
(function () {
    document.querySelectorAll('form[data-busy-text]').forEach(function (form) {
        form.addEventListener('submit', function () {
            var button = form.querySelector('button[type="submit"]');
            if (!button) return;
            button.disabled = true;
            button.textContent = form.getAttribute('data-busy-text');
        });
    });
})();
