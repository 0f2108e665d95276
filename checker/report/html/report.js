// mtlint HTML report. Reads only ids and data attributes that mtlint wrote;
// never builds markup from text (only textContent): the page works without it.
(function () {
  'use strict';
  var selftest = location.hash === '#mtlint-selftest';
  var dialogs = 0;
  var violations = 0;
  if (selftest) {
    // The browser test asks: did the page open a dialog, or did the
    // Content-Security-Policy have to block anything?
    ['alert', 'confirm', 'prompt', 'print'].forEach(function (name) {
      window[name] = function () { dialogs++; return null; };
    });
    document.addEventListener('securitypolicyviolation', function () { violations++; });
  }
  document.documentElement.classList.add('js');

  function articleOf(el) { return el.closest('section.article'); }

  function marksOf(sec, id) {
    return sec.querySelectorAll('mark[data-f="' + CSS.escape(id) + '"]');
  }

  // activate highlights the findings ids of the article sec and shows their
  // details, and their rules' explanations, in its panel.
  function activate(sec, ids) {
    if (!sec) { return; }
    sec.querySelectorAll('.active').forEach(function (el) { el.classList.remove('active'); });
    sec.querySelectorAll('.panel .detail, .panel .expl').forEach(function (el) { el.hidden = true; });
    var hint = sec.querySelector('.panel .hint');
    if (hint) { hint.hidden = ids.length > 0; }
    ids.forEach(function (id) {
      marksOf(sec, id).forEach(function (m) { m.classList.add('active'); });
      var item = document.getElementById(id + '-l');
      if (item) { item.classList.add('active'); }
      var detail = document.getElementById(id + '-d');
      if (detail) {
        detail.hidden = false;
        var expl = document.getElementById(detail.getAttribute('data-x') || '');
        if (expl) { expl.hidden = false; }
      }
    });
  }

  function fromHash() {
    var id = '';
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (e) { return; }
    var el = id ? document.getElementById(id) : null;
    if (el && el.matches('mark[data-f]')) { activate(articleOf(el), [id]); }
  }

  function sortTable(button) {
    var th = button.closest('th');
    var table = button.closest('table');
    var key = button.getAttribute('data-sort');
    var dir = th.getAttribute('aria-sort') === 'descending' ? 'ascending' : 'descending';
    if (key === 'name' && !th.hasAttribute('aria-sort')) { dir = 'ascending'; }
    table.querySelectorAll('th[aria-sort]').forEach(function (h) { h.removeAttribute('aria-sort'); });
    th.setAttribute('aria-sort', dir);
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = a.getAttribute('data-' + key) || '';
      var y = b.getAttribute('data-' + key) || '';
      var c = key === 'name' ? x.localeCompare(y) : (parseFloat(x) || 0) - (parseFloat(y) || 0);
      if (c === 0) { c = parseInt(a.getAttribute('data-n'), 10) - parseInt(b.getAttribute('data-n'), 10); return c; }
      return dir === 'ascending' ? c : -c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }

  document.addEventListener('click', function (ev) {
    var t = ev.target;
    if (!(t instanceof Element)) { return; }
    var link = t.closest('a[data-f]');
    if (link) {
      // The link's own jump to the highlighted text goes on.
      activate(articleOf(link), [link.getAttribute('data-f')]);
      return;
    }
    var mark = t.closest('mark[data-f]');
    if (mark) {
      // Every finding that covers the clicked text, innermost first.
      var ids = [];
      for (var el = mark; el && el.tagName !== 'PRE'; el = el.parentElement) {
        var id = el.tagName === 'MARK' ? el.getAttribute('data-f') : null;
        if (id && ids.indexOf(id) < 0) { ids.push(id); }
      }
      activate(articleOf(mark), ids);
      return;
    }
    var button = t.closest('button[data-sort]');
    if (button) { sortTable(button); }
  });

  window.addEventListener('hashchange', fromHash);
  document.addEventListener('DOMContentLoaded', fromHash);

  window.addEventListener('load', function () {
    if (!selftest) { return; }
    // Click the first finding of the side list, then write down what the
    // page shows, for the browser test to read from the dumped DOM.
    var first = document.querySelector('section.article ol.list a[data-f]');
    var clicked = '';
    if (first) {
      clicked = first.getAttribute('data-f');
      first.click();
    }
    var byName = [];
    var sortButton = document.querySelector('table.files button[data-sort="name"]');
    if (sortButton) {
      sortButton.click();
      document.querySelectorAll('table.files tbody tr').forEach(function (r) { byName.push(r.getAttribute('data-name')); });
    }
    setTimeout(function () {
      var open = Array.prototype.filter.call(document.querySelectorAll('.panel .detail'), function (d) { return !d.hidden; });
      var msg = open.length ? open[0].querySelector('.msg') : null;
      var out = {
        articles: document.querySelectorAll('section.article').length,
        highlighted: document.querySelectorAll('mark[data-f][id]').length,
        fragments: document.querySelectorAll('mark[data-f]').length,
        listed: document.querySelectorAll('ol.list a[data-f]').length,
        clicked: clicked,
        open: open.map(function (d) { return d.id; }),
        message: msg ? msg.textContent : '',
        active: document.querySelectorAll('mark.active').length,
        dialogs: dialogs,
        violations: violations,
        scripts: document.scripts.length,
        byName: byName
      };
      var pre = document.createElement('pre');
      pre.id = 'mtlint-selftest-result';
      pre.textContent = JSON.stringify(out);
      document.body.appendChild(pre);
      // Back to the top, for a screenshot of the page as it opens with the
      // finding chosen: headless Chromium paints a scrolled page blank.
      window.scrollTo(0, 0);
    }, 50);
  });
}());
