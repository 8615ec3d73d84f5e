// Polls the run page's verification panel while a verification is queued or running, and reloads the page when it
// is done so that the items show their new states. A script file (not inline) keeps the CSP strict.
(function () {
    if (window.checklistVerificationPolling) return;
    window.checklistVerificationPolling = true;
    var inProgress = function (panel) {
        var status = panel && panel.getAttribute('data-status');
        return status === 'queued' || status === 'running';
    };
    var poll = function () {
        var panel = document.getElementById('verification');
        if (!inProgress(panel)) return;
        window.setTimeout(function () {
            fetch(panel.getAttribute('data-refresh'), { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
                .then(function (response) { return response.ok ? response.text() : null; })
                .then(function (html) {
                    if (html === null) return;
                    var holder = document.createElement('div');
                    holder.innerHTML = html;
                    var fresh = holder.querySelector('#verification');
                    if (!fresh) return;
                    if (!inProgress(fresh)) {
                        window.location.reload();
                        return;
                    }
                    panel.replaceWith(fresh);
                    poll();
                })
                .catch(function () { window.setTimeout(poll, 5000); });
        }, 2000);
    };
    poll();
})();
