// Forms that ask for confirmation carry data-confirm; a script file (not inline) keeps the CSP strict.
document.addEventListener('submit', function (event) {
    var message = event.target.getAttribute && event.target.getAttribute('data-confirm');
    if (message && !window.confirm(message)) event.preventDefault();
});
