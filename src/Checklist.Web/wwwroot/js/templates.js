// "Expand all" and "Collapse all" for the template page's sections. The buttons stay hidden without script:
// every section is a <details> element that a person can open and close on its own.
(function () {
    var buttons = document.querySelectorAll('[data-sections]');
    if (buttons.length === 0) return;
    buttons.forEach(function (button) {
        button.hidden = false;
        button.addEventListener('click', function () {
            var open = button.getAttribute('data-sections') === 'open';
            document.querySelectorAll('details.template-section').forEach(function (section) { section.open = open; });
        });
    });
})();
