/* global window, document */
/*
 * The pane's fallback, copied to dist/web as is (never bundled): ES5 only, because it must run where the
 * pane's ES2022 bundle cannot (Internet Explorer 11 and EdgeHTML web views in old Office builds) and when
 * the page is opened outside Excel. The bundle marks <html data-mam-prep="started"> as soon as it runs and
 * takes over from there; if the page has loaded and the bundle has not started, the bundle failed to
 * parse or load, so this shows the plain-HTML message that says what MAM Prep needs.
 */
(function () {
  var GIVE_UP_MS = 3000;
  var shown = false;

  function bundleStarted() {
    return document.documentElement.getAttribute('data-mam-prep') === 'started';
  }

  function reasonText() {
    if (typeof window.Office === 'undefined') {
      return 'This page is not running inside Excel, or Office\u2019s script could not be loaded, so MAM Prep cannot start.';
    }
    return 'This version of Excel (or its web view) is too old to run MAM Prep.';
  }

  function show() {
    if (shown || bundleStarted()) return;
    var box = document.getElementById('needs-excel');
    if (!box) return;
    shown = true;
    var reason = document.getElementById('needs-excel-reason');
    if (reason) reason.textContent = reasonText();
    var loading = document.getElementById('loading');
    if (loading && loading.parentNode) loading.parentNode.removeChild(loading);
    box.removeAttribute('hidden');
    box.style.display = 'block';
  }

  // Deferred scripts (the bundle) run before the load event, so by then it has started or never will.
  window.addEventListener('load', function () {
    window.setTimeout(show, 0);
  });
  // In case the load event is held up (a slow image or style), give up waiting anyway.
  window.setTimeout(show, GIVE_UP_MS);
})();
