/* global window, document */
/*
 * The pane's fallback, copied to dist/web as is (never bundled): ES5 only, because it must run where the
 * pane's ES2022 bundle cannot (Internet Explorer 11 and EdgeHTML web views in old Office builds) and when
 * the page is opened outside Excel. It shows the plain-HTML message of taskpane.html that says what MAM
 * Prep needs, without waiting for the bundle wherever it can tell on its own:
 * - office.js (a blocking script above this one) did not load: at once;
 * - office.js says there is no Office host: as soon as it says so;
 * - the bundle never started (it marks <html data-mam-prep="started"> first thing): when the page has
 *   loaded, or after GIVE_UP_MS at the latest.
 * The first two texts are host-gate.ts's HOST_PROBLEM_TEXT (a test keeps them equal); the bundle takes
 * over as soon as it runs.
 */
(function () {
  var GIVE_UP_MS = 3000;
  var NO_OFFICE_SCRIPT =
    'Office\u2019s script (office.js) could not be loaded, so MAM Prep cannot talk to Excel. This happens when the page is opened outside Excel or the network blocks Microsoft\u2019s script.';
  var OUTSIDE_OFFICE = 'This page was opened outside Excel. MAM Prep is an Excel add-in and only works in Excel\u2019s task pane.';
  var TOO_OLD = 'This version of Excel (or its web view) is too old to run MAM Prep.';

  function bundleStarted() {
    return document.documentElement.getAttribute('data-mam-prep') === 'started';
  }

  function show(reasonText) {
    var box = document.getElementById('needs-excel');
    if (!box) return;
    var reason = document.getElementById('needs-excel-reason');
    if (reason) reason.textContent = reasonText;
    var loading = document.getElementById('loading');
    if (loading) loading.setAttribute('hidden', '');
    box.removeAttribute('hidden');
    box.style.display = 'block';
  }

  function unlessBundleStarted() {
    if (!bundleStarted()) show(TOO_OLD);
  }

  if (typeof window.Office === 'undefined') {
    show(NO_OFFICE_SCRIPT);
    return;
  }
  if (typeof window.Office.onReady === 'function') {
    window.Office.onReady(function (info) {
      if (!info || !info.host) show(OUTSIDE_OFFICE);
    });
  }
  // Deferred scripts (the bundle) run before the load event, so by then it has started or never will.
  window.addEventListener('load', function () {
    window.setTimeout(unlessBundleStarted, 0);
  });
  // In case the load event is held up (a slow image or style), give up waiting anyway.
  window.setTimeout(unlessBundleStarted, GIVE_UP_MS);
})();
