// Run pages. Loaded as a file: the CSP allows no inline script.
(function () {
    'use strict';

    // Create form: show only the deployment fields of the chosen method.
    function showDeployFields(select) {
        var kind = select.value;
        document.querySelectorAll('[data-deploy-for]').forEach(function (field) {
            var kinds = field.getAttribute('data-deploy-for').split(' ');
            field.hidden = kinds.indexOf(kind) < 0;
        });
    }
    document.querySelectorAll('[data-deploy-kind]').forEach(function (select) {
        showDeployFields(select);
        select.addEventListener('change', function () { showDeployFields(select); });
    });

    // Evidence uploads: refuse a file above the limit before sending it; the server refuses it too.
    document.addEventListener('submit', function (event) {
        var form = event.target;
        if (!form.getAttribute || !form.hasAttribute('data-max-bytes')) return;
        var max = Number(form.getAttribute('data-max-bytes'));
        var input = form.querySelector('input[type=file]');
        var file = input && input.files && input.files[0];
        var old = form.querySelector('.upload-refused');
        if (old) old.remove();
        if (file && file.size > max) {
            event.preventDefault();
            var message = document.createElement('div');
            message.className = 'alert alert-danger py-1 px-2 my-1 upload-refused';
            message.setAttribute('role', 'alert');
            message.textContent = '"' + file.name + '" is larger than the evidence file limit of ' + form.getAttribute('data-max-size') +
                '; attach a smaller file, or a link to where the large one is kept.';
            form.appendChild(message);
        }
    });
})();
