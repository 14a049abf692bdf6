/**
 * The page's script: reads the spec and the data blocks, builds the filters, renders the visible rows
 * of the table on demand (a 100,000-row table has a few dozen rows in the DOM at any time), sorts,
 * searches, filters and shows a row's details. Data only ever reaches the page as text
 * (textContent, option values), never as markup. Plain ES2017 in one function, no dependencies; it is
 * checked by the browser tests (test/render/html-browser.test.ts).
 */
export const CLIENT_SCRIPT = String.raw`(function () {
  'use strict';
  var byId = function (id) { return document.getElementById(id); };
  var spec = JSON.parse(byId('page-spec').textContent);
  var S = [], E = [], rows = [];
  var decode = function (v) { return typeof v === 'number' ? S[v] : Array.isArray(v) ? v[0] : v; };
  // A NUL in a string stands for the row's own name (see page-data.ts).
  var named = function (v, name) { return typeof v === 'string' && v.indexOf('\u0000') !== -1 ? v.split('\u0000').join(name) : v; };
  (function load() {
    var data = JSON.parse(byId('page-data').textContent);
    for (var i = 0; i < data.length; i++) {
      var x = data[i];
      if (typeof x === 'string') S.push(x);
      else if (!Array.isArray(x)) E.push(x.e.map(decode));
      else {
        var name = decode(x[0][0]);
        rows.push({ cells: x[0].map(function (v) { return named(decode(v), name); }), lists: x[1], blocks: x[2], hay: null });
      }
    }
  })();

  var main = byId('main');
  var overview = byId('overview');
  if (overview) main.insertBefore(overview, main.firstChild);

  var columns = spec.columns;
  var text = function (v) { return v === null || v === undefined ? '' : String(v); };
  var toneOf = function (v) { return spec.tones[text(v)] || 'plain'; };
  var el = function (tag, className, content) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (content !== undefined) node.textContent = content;
    return node;
  };
  var badge = function (v) { return el('span', 'badge badge-' + toneOf(v), text(v)); };

  // Filters: a select per filterable column with few enough values, one per filterable list (codes).
  var controls = byId('controls');
  var filters = [];
  var addSelect = function (label, values, test) {
    var wrap = el('div', 'filter');
    var labelElement = el('label', '', label);
    var select = el('select');
    select.id = 'filter-' + filters.length;
    labelElement.htmlFor = select.id;
    wrap.appendChild(labelElement);
    select.appendChild(el('option', '', 'any'));
    select.options[0].value = '';
    values.forEach(function (value) { var o = el('option', '', value); o.value = value; select.appendChild(o); });
    wrap.appendChild(select);
    controls.appendChild(wrap);
    var filter = { select: select, test: test };
    filters.push(filter);
    select.addEventListener('change', function () { update(); });
  };
  columns.forEach(function (column, c) {
    if (!column.filter) return;
    var seen = {};
    rows.forEach(function (row) { seen[text(row.cells[c])] = true; });
    var values = Object.keys(seen).sort();
    if (values.length < 2 || values.length > 40) return;
    addSelect(column.name, values, function (row, value) { return text(row.cells[c]) === value; });
  });
  spec.lists.forEach(function (list, l) {
    if (!list.filter) return;
    var seen = {};
    rows.forEach(function (row) { row.lists[l].forEach(function (e) { seen[E[e][0]] = true; }); });
    var values = Object.keys(seen).sort();
    if (values.length === 0) return;
    addSelect(list.filter, values, function (row, value) {
      return row.lists[l].some(function (e) { return E[e][0] === value; });
    });
  });

  // Sorting: by any column; numbers numerically, empty cells last, ties in input order.
  var sortColumn = -1, sortDirection = 1;
  var compare = function (a, b) {
    var x = rows[a].cells[sortColumn], y = rows[b].cells[sortColumn];
    var ex = x === null || x === '', ey = y === null || y === '';
    if (ex || ey) return ex === ey ? a - b : ex ? 1 : -1;
    if (typeof x === 'number' && typeof y === 'number') return (x - y) * sortDirection || a - b;
    x = text(x); y = text(y);
    return (x < y ? -1 : x > y ? 1 : 0) * sortDirection || a - b;
  };
  var headRow = byId('head');
  columns.forEach(function (column, c) {
    var th = el('th');
    th.scope = 'col';
    var button = el('button', '', column.name);
    button.type = 'button';
    // The arrow is not part of the button's name: aria-sort on the heading says the order.
    var arrow = el('span', 'arrow');
    arrow.setAttribute('aria-hidden', 'true');
    button.appendChild(arrow);
    button.addEventListener('click', function () {
      sortDirection = sortColumn === c ? -sortDirection : 1;
      sortColumn = c;
      Array.prototype.forEach.call(headRow.children, function (h) { h.removeAttribute('aria-sort'); h.querySelector('.arrow').textContent = ''; });
      th.setAttribute('aria-sort', sortDirection > 0 ? 'ascending' : 'descending');
      arrow.textContent = sortDirection > 0 ? ' ▲' : ' ▼';
      update();
    });
    th.appendChild(button);
    headRow.appendChild(th);
  });

  var search = byId('search');
  var haystack = function (row) {
    if (row.hay === null) row.hay = row.cells.map(text).join('\u0001').toLowerCase();
    return row.hay;
  };
  var view = [];
  var status = byId('status');
  var update = function () {
    var query = search.value.trim().toLowerCase();
    var active = filters.filter(function (f) { return f.select.value !== ''; });
    view = [];
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i];
      if (query && haystack(row).indexOf(query) === -1) continue;
      if (active.some(function (f) { return !f.test(row, f.select.value); })) continue;
      view.push(i);
    }
    if (sortColumn >= 0) view.sort(compare);
    table.setAttribute('aria-rowcount', String(view.length + 1));
    status.setAttribute('data-query', query);
    status.textContent = 'Showing ' + view.length.toLocaleString('en-US') + ' of ' + rows.length.toLocaleString('en-US') + ' ' + spec.subject;
    scroller.scrollTop = 0;
    render(true);
  };
  var searchTimer = 0;
  search.addEventListener('input', function () { clearTimeout(searchTimer); searchTimer = setTimeout(update, 150); });

  // Rows on demand: a spacer above and below the rows in view.
  var table = byId('table');
  var body = byId('rows');
  var scroller = byId('scroller');
  var rowHeight = 0, shown = '', selected = -1, printing = false;
  var spacer = function (height) {
    var tr = el('tr');
    tr.setAttribute('aria-hidden', 'true');
    var td = el('td');
    td.colSpan = columns.length;
    td.style.height = height + 'px';
    td.style.padding = '0';
    td.style.border = '0';
    tr.appendChild(td);
    return tr;
  };
  var rowElement = function (position) {
    var index = view[position], row = rows[index];
    var tr = el('tr', index === selected ? 'selected' : '');
    tr.setAttribute('aria-rowindex', String(position + 2));
    row.cells.forEach(function (value, c) {
      var td = el('td');
      if (c === 0) {
        var open = el('button', 'open', text(value));
        open.type = 'button';
        open.addEventListener('click', function () { showDetail(index); });
        td.appendChild(open);
      } else if (columns[c].badge && text(value) !== '') td.appendChild(badge(value));
      else td.textContent = text(value);
      td.title = text(value);
      tr.appendChild(td);
    });
    return tr;
  };
  var render = function (force) {
    if (!rowHeight && view.length > 0) {
      body.replaceChildren(rowElement(0));
      rowHeight = body.firstChild.getBoundingClientRect().height || 30;
    }
    var height = rowHeight || 30;
    var first = printing ? 0 : Math.max(0, Math.floor(scroller.scrollTop / height) - 10);
    var count = printing ? Math.min(view.length, 2000) : Math.ceil(scroller.clientHeight / height) + 20;
    var last = Math.min(view.length, first + count);
    var key = first + ':' + last;
    if (!force && key === shown) return;
    shown = key;
    var parts = [];
    if (first > 0) parts.push(spacer(first * height));
    for (var p = first; p < last; p++) parts.push(rowElement(p));
    if (last < view.length && !printing) parts.push(spacer((view.length - last) * height));
    body.replaceChildren.apply(body, parts);
  };
  var frame = 0;
  scroller.addEventListener('scroll', function () {
    if (frame) return;
    frame = requestAnimationFrame(function () { frame = 0; render(false); });
  });
  window.addEventListener('resize', function () { render(true); });
  window.addEventListener('beforeprint', function () { printing = true; render(true); });
  window.addEventListener('afterprint', function () { printing = false; render(true); });

  // The detail view: every cell, every list entry with its reference and fix, the blocks as published.
  var detail = byId('detail');
  var detailTitle = byId('detail-title');
  var detailBody = byId('detail-body');
  var showDetail = function (index) {
    selected = index;
    var row = rows[index];
    detail.classList.remove('empty');
    detailTitle.textContent = text(row.cells[0]);
    var parts = [];
    var facts = el('dl', 'facts');
    row.cells.forEach(function (value, c) {
      if (c === 0) return;
      facts.appendChild(el('dt', '', columns[c].name));
      var dd = el('dd');
      if (columns[c].badge && text(value) !== '') dd.appendChild(badge(value)); else dd.textContent = text(value) || '—';
      facts.appendChild(dd);
    });
    parts.push(facts);
    spec.lists.forEach(function (list, l) {
      var entries = row.lists[l];
      parts.push(el('h3', '', list.title + ' (' + entries.length + ')'));
      if (entries.length === 0) { parts.push(el('p', 'note', list.empty)); return; }
      var ul = el('ul', 'entries');
      entries.forEach(function (e) {
        var entry = E[e].map(function (part) { return named(part, text(row.cells[0])); }), li = el('li'), head = el('p');
        head.appendChild(badge(entry[1]));
        head.appendChild(document.createTextNode(' '));
        head.appendChild(el('strong', '', entry[0]));
        li.appendChild(head);
        li.appendChild(el('p', '', entry[2]));
        if (entry[3]) li.appendChild(el('p', '', 'Fix: ' + entry[3]));
        if (entry[4]) li.appendChild(el('p', 'note', 'Reference: ' + entry[4]));
        ul.appendChild(li);
      });
      parts.push(ul);
    });
    row.blocks.forEach(function (block) {
      parts.push(el('h3', '', text(named(decode(block[0]), row.cells[0]))));
      parts.push(el('pre', '', block[1].map(function (v) { return named(decode(v), text(row.cells[0])); }).join('\n')));
    });
    detailBody.replaceChildren.apply(detailBody, parts);
    render(true);
    detailTitle.focus();
  };

  update();
})();
`;
