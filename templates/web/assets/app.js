// Breach Desk pages: a little script on top of server-rendered HTML. It keeps countdowns live and sends forms to the
// same JSON API that machines use (same validation, same access rules, same audit), showing the API's messages beside
// the fields they name. No framework, no build step.
(function () {
  'use strict';
  var meta = function (name) {
    var el = document.querySelector('meta[name="' + name + '"]');
    return el ? el.getAttribute('content') : null;
  };
  var zone = meta('time-zone') || 'UTC';
  // Countdowns run on the service's clock: the device's may be wrong, and a deadline shown must be the service's.
  var serverNow = Date.parse(meta('server-now') || '');
  var skew = isNaN(serverNow) ? 0 : serverNow - Date.now();
  var nowMs = function () { return Date.now() + skew; };

  // ---- Countdowns and the share of a window used -------------------------------------------------------------
  function span(ms) {
    var s = Math.floor(Math.abs(ms) / 1000);
    var d = Math.floor(s / 86400), h = Math.floor((s % 86400) / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
    var two = function (n) { return (n < 10 ? '0' : '') + n; };
    return (d ? d + 'd ' : '') + (d || h ? h + 'h ' : '') + two(m) + 'm ' + two(sec) + 's';
  }
  function tick() {
    var now = nowMs();
    document.querySelectorAll('[data-countdown]').forEach(function (el) {
      var left = Date.parse(el.getAttribute('data-countdown')) - now;
      el.textContent = (left < 0 ? '−' : '') + span(left);
      el.classList.toggle('late', left < 0);
    });
    document.querySelectorAll('[data-window-start][data-window-end]').forEach(function (el) {
      var start = Date.parse(el.getAttribute('data-window-start'));
      var end = Date.parse(el.getAttribute('data-window-end'));
      var pct = Math.max(0, Math.min(100, Math.round(((now - start) / Math.max(end - start, 1)) * 100)));
      el.value = pct;
      el.textContent = pct + '%';
      var label = el.parentElement && el.parentElement.querySelector('.pct');
      if (label) label.textContent = pct + '%';
    });
  }

  // ---- Instants: a wall-clock time in the user's zone, sent with its offset ------------------------------------
  function offsetMinutes(instantMs) {
    var name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
      .formatToParts(new Date(instantMs)).find(function (p) { return p.type === 'timeZoneName'; }).value;
    var m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
    return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] || 0)) : 0;
  }
  function pad(n, w) { return String(Math.abs(n)).padStart(w || 2, '0'); }
  /** "2026-12-01T09:30" on the user's wall clock → "2026-12-01T09:30:00+01:00". */
  function withOffset(local) {
    var m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
    if (!m) return local;
    var wall = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] || 0));
    var off = offsetMinutes(wall - offsetMinutes(wall) * 60000);
    return m[1] + '-' + m[2] + '-' + m[3] + 'T' + m[4] + ':' + m[5] + ':' + (m[6] || '00') +
      (off < 0 ? '-' : '+') + pad(Math.floor(Math.abs(off) / 60)) + ':' + pad(Math.abs(off) % 60);
  }
  /** The wall-clock value of a datetime-local input for an instant, in the user's zone. */
  function toLocalInput(iso) {
    var ms = Date.parse(iso);
    var d = new Date(ms + offsetMinutes(ms) * 60000);
    return d.toISOString().slice(0, 16);
  }

  // ---- Forms to the API ------------------------------------------------------------------------------------------
  /** A field's value as the API wants it; data-type says how: instant, number, boolean, list, lines, json. */
  function valueOf(el) {
    var type = el.getAttribute('data-type');
    if (el.type === 'checkbox' && type !== 'list') return el.checked;
    var v = el.value;
    if (v === '' && el.hasAttribute('data-null-if-empty')) return null;
    if (v === '' && type !== 'string') return undefined;
    switch (type) {
      case 'instant': return withOffset(v);
      case 'number': return Number(v);
      case 'boolean': return v === 'true';
      case 'lines': return v.split('\n').map(function (s) { return s.trim(); }).filter(Boolean);
      case 'json': try { return JSON.parse(v); } catch (e) { return v; }
      default: return v;
    }
  }
  /** The body: fields by name; `a.b` nests; checkboxes with data-type="list" collect their checked values. */
  function bodyOf(form) {
    var body = {};
    form.querySelectorAll('[name]').forEach(function (el) {
      if (el.disabled || el.closest('[data-skip]')) return;
      var name = el.name, value;
      if (el.getAttribute('data-type') === 'list') {
        var list = getPath(body, name) || [];
        if ((el.type === 'checkbox' && el.checked) || (el.type !== 'checkbox' && el.value)) {
          if (el.tagName === 'SELECT' && el.multiple) {
            Array.prototype.forEach.call(el.selectedOptions, function (o) { list.push(o.value); });
          } else list.push(el.value);
        }
        setPath(body, name, list);
        return;
      }
      if (el.type === 'radio' && !el.checked) return;
      value = valueOf(el);
      if (value !== undefined) setPath(body, name, value);
    });
    return body;
  }
  function getPath(o, path) { return path.split('.').reduce(function (a, k) { return a && a[k]; }, o); }
  function setPath(o, path, value) {
    var keys = path.split('.');
    keys.slice(0, -1).forEach(function (k) { o = o[k] = o[k] || {}; });
    o[keys[keys.length - 1]] = value;
  }
  function clearErrors(form) {
    form.querySelectorAll('[data-error-for]').forEach(function (el) { el.textContent = ''; });
    form.querySelectorAll('[aria-invalid]').forEach(function (el) { el.removeAttribute('aria-invalid'); });
  }
  function showErrors(form, err) {
    var unplaced = [];
    (Array.isArray(err.details) ? err.details : []).forEach(function (d) {
      if (!d || !d.field) return;
      var slot = form.querySelector('[data-error-for="' + CSS.escape(d.field) + '"]') ||
        form.querySelector('[data-error-for="' + CSS.escape(String(d.field).split(/[.[]/)[0]) + '"]');
      var input = form.querySelector('[name="' + CSS.escape(d.field) + '"]');
      if (input) { input.setAttribute('aria-invalid', 'true'); if (slot) input.setAttribute('aria-describedby', slot.id); }
      if (slot) slot.textContent = (slot.textContent ? slot.textContent + ' ' : '') + d.messages.join('; ');
      else unplaced.push(d.field + ': ' + d.messages.join('; '));
    });
    return [err.message].concat(unplaced).join(' · ');
  }
  function status(form, kind, message) {
    var el = form.querySelector('[data-form-status]') || document.querySelector('[data-form-status]');
    if (!el) { if (kind === 'failed') alert(message); return; }
    el.classList.toggle('failed', kind === 'failed');
    el.textContent = kind === 'failed' ? el.getAttribute('data-failed').replace('{message}', message)
      : el.getAttribute('data-' + kind);
  }
  function fill(template, result) {
    return template.replace(/\{(\w+)\}/g, function (_, k) { return encodeURIComponent(result && result[k] != null ? result[k] : ''); });
  }
  /**
   * A form with data-upload="file" sends multipart/form-data when a file is chosen in that field: the file and the
   * form's other fields that have a value (a text field is left out, as the API takes a file or a text, not both).
   */
  function uploadOf(form) {
    var name = form.getAttribute('data-upload');
    var input = name && form.querySelector('input[type="file"][name="' + CSS.escape(name) + '"]');
    if (!input || !input.files || !input.files.length) return null;
    var data = new FormData();
    data.append(name, input.files[0]);
    form.querySelectorAll('[name]').forEach(function (el) {
      if (el === input || el.name === 'text' || el.disabled || !el.value) return;
      data.append(el.name, el.value);
    });
    return data;
  }
  async function send(form) {
    var button = form.querySelector('[type="submit"]');
    if (form.dataset.busy === '1') {
      // A double click sends once; but a change made while an autosave is under way is sent once that one is done.
      if (form.hasAttribute('data-autosave')) form.dataset.again = '1';
      return;
    }
    form.dataset.busy = '1';
    if (button) button.disabled = true;
    clearErrors(form);
    status(form, 'saving');
    var headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
    var csrf = meta('csrf-token');
    if (csrf) headers['X-CSRF-Token'] = csrf;
    // One key per form as rendered: a retry after a lost answer is the same request, never a second record.
    if (form.hasAttribute('data-idempotent')) {
      form.dataset.idempotencyKey = form.dataset.idempotencyKey || crypto.randomUUID();
      headers['Idempotency-Key'] = form.dataset.idempotencyKey;
    }
    try {
      var method = (form.getAttribute('data-method') || 'POST').toUpperCase();
      var upload = uploadOf(form);
      if (upload) delete headers['Content-Type']; // the browser sets multipart/form-data with its boundary
      var res = await fetch(form.getAttribute('data-api'), {
        method: method, headers: headers, credentials: 'same-origin',
        body: method === 'GET' ? undefined : upload || JSON.stringify(bodyOf(form)),
      });
      var text = await res.text();
      var result = text ? JSON.parse(text) : null;
      if (!res.ok) { status(form, 'failed', showErrors(form, result || { message: res.statusText })); return; }
      status(form, 'saved');
      // Sections below may show what the API answered (a key shown once, a draft read from a DPA).
      form.dispatchEvent(new CustomEvent('api:answered', { bubbles: true, detail: result }));
      var then = form.getAttribute('data-then');
      if (then) window.location.assign(fill(then, result));
      else if (!form.hasAttribute('data-stay')) window.location.reload();
    } catch (e) {
      status(form, 'failed', String(e && e.message || e));
    } finally {
      form.dataset.busy = '';
      if (button) button.disabled = false;
      if (form.dataset.again === '1') { form.dataset.again = ''; send(form); }
    }
  }
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-api')) return;
    event.preventDefault();
    send(form);
  });
  // "Saved as you go": a form with data-autosave sends itself when a field changes.
  document.addEventListener('change', function (event) {
    var form = event.target && event.target.form;
    if (form && form.hasAttribute('data-autosave') && form.hasAttribute('data-api')) send(form);
  });
  // Copy buttons: <button data-copy="#id"> puts that element's text on the clipboard.
  document.addEventListener('click', function (event) {
    var button = event.target.closest && event.target.closest('[data-copy]');
    if (!button) return;
    var source = document.querySelector(button.getAttribute('data-copy'));
    if (source && navigator.clipboard) navigator.clipboard.writeText(source.value || source.textContent.trim());
    button.setAttribute('data-copied', '1');
  });

  // ---- Answers shown once: <form data-stay data-reveal="#box"> fills [data-result="field"] in #box and shows it ---
  // For what the API gives only in its answer (a new API key): nothing of it is kept in the page's HTML.
  document.addEventListener('api:answered', function (event) {
    var box = event.target.getAttribute('data-reveal') && document.querySelector(event.target.getAttribute('data-reveal'));
    if (!box || !event.detail) return;
    box.querySelectorAll('[data-result]').forEach(function (el) {
      var value = getPath(event.detail, el.getAttribute('data-result'));
      if ('value' in el) el.value = value == null ? '' : String(value); else el.textContent = value == null ? '' : String(value);
    });
    box.hidden = false;
    var first = box.querySelector('[data-result]');
    if (first) { first.focus(); if (first.select) first.select(); }
  });

  // ---- Filters with instants: <form method="get" data-instant-query> sends each instant with the user's offset --
  // The API takes instants only with an offset; a datetime-local input has none, so it is added here, as for JSON.
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-instant-query')) return;
    event.preventDefault();
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      if (value === '') return; // an empty filter is no filter
      var el = form.elements[name];
      params.append(name, el && el.getAttribute && el.getAttribute('data-type') === 'instant' ? withOffset(value) : value);
    });
    var query = params.toString();
    window.location.assign(form.getAttribute('action') + (query ? '?' + query : ''));
  });

  // ---- The DPA reader: <form data-draft-result="#box" data-draft-fill="#form"> shows the draft, fills the form ----
  // Each value is shown with its status, clause and the sentence quoted; the profile form below is filled from the
  // draft so that a person checks and corrects it before saving it through POST /agreements.
  function cell(row, label, text) {
    var td = document.createElement('td');
    td.setAttribute('data-label', label);
    td.textContent = text;
    row.appendChild(td);
    return td;
  }
  function shownValue(value) {
    if (value == null) return '—';
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  function fillForm(form, profile) {
    form.querySelectorAll('[name]').forEach(function (el) {
      var value = getPath(profile, el.name);
      var type = el.getAttribute('data-type');
      if (type === 'list') el.checked = Array.isArray(value) && value.indexOf(el.value) >= 0;
      else if (el.type === 'checkbox') el.checked = !!value;
      else if (type === 'json') el.value = JSON.stringify(value == null ? null : value, null, 2);
      else el.value = value == null ? '' : String(value);
    });
  }
  /** The id of a value's row, and of a quote's highlight, for links between them. */
  function rowId(field) { return 'draft-field-' + field.replace(/[^A-Za-z0-9_-]/g, '-'); }
  /** Where a quote is in the text: the quote's words with any white space between them (a quote's is one space). */
  function findQuote(text, quote) {
    var pattern = quote.trim().split(/\s+/).map(function (w) { return w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); }).join('\\s+');
    var m = pattern ? new RegExp(pattern).exec(text) : null;
    return m ? { start: m.index, end: m.index + m[0].length } : null;
  }
  /**
   * The agreement's text with each quoted sentence marked: a link to the first value it is quoted for (its title names
   * them all). Returns the id of each quote's mark, so that each value can link back to its sentence.
   */
  function showText(box, text, values) {
    var quotes = [];
    values.forEach(function (v) {
      var evidence = (v.quote ? [v.quote] : []).concat((v.more || []).map(function (m) { return m.quote; }));
      evidence.forEach(function (q) {
        var known = quotes.find(function (e) { return e.quote === q; });
        if (known) { if (known.fields.indexOf(v.field) < 0) known.fields.push(v.field); return; }
        var at = findQuote(text, q);
        if (at) quotes.push({ quote: q, fields: [v.field], start: at.start, end: at.end, id: 'draft-quote-' + quotes.length });
      });
    });
    var shown = quotes.slice().sort(function (a, b) { return a.start - b.start; })
      .filter(function (q, i, all) { return i === 0 || q.start >= all[i - 1].end; });
    box.textContent = '';
    var at = 0;
    var quoteOf = box.getAttribute('data-quote-of') || '{fields}';
    shown.forEach(function (q) {
      box.appendChild(document.createTextNode(text.slice(at, q.start)));
      var link = document.createElement('a');
      link.className = 'quote';
      link.id = q.id;
      link.href = '#' + rowId(q.fields[0]);
      link.title = quoteOf.replace('{fields}', q.fields.join(', '));
      link.setAttribute('data-fields', q.fields.join(' '));
      var mark = document.createElement('mark');
      mark.textContent = text.slice(q.start, q.end);
      link.appendChild(mark);
      box.appendChild(link);
      at = q.end;
    });
    box.appendChild(document.createTextNode(text.slice(at)));
    var ids = {};
    quotes.forEach(function (q) {
      var mark = shown.find(function (s) { return s.start <= q.start && q.end <= s.end; });
      if (mark) ids[q.quote] = mark.id;
    });
    return ids;
  }
  function listInto(list, items) {
    if (!list) return;
    list.textContent = '';
    (items.length ? items : [list.getAttribute('data-none')]).forEach(function (text) {
      var li = document.createElement('li');
      li.textContent = text;
      list.appendChild(li);
    });
  }
  document.addEventListener('api:answered', function (event) {
    var form = event.target, draft = event.detail;
    var box = form.getAttribute('data-draft-result') && document.querySelector(form.getAttribute('data-draft-result'));
    if (!box || !draft) return;
    var textBox = box.querySelector('[data-draft-text]');
    var markOf = textBox && typeof draft.text === 'string' ? showText(textBox, draft.text, draft.values || []) : {};
    var body = box.querySelector('tbody');
    var labels = (body.getAttribute('data-labels') || '').split('|');
    body.textContent = '';
    (draft.values || []).forEach(function (v) {
      var row = document.createElement('tr');
      row.setAttribute('data-field', v.field);
      row.id = rowId(v.field);
      row.tabIndex = -1;
      var th = document.createElement('th');
      th.scope = 'row';
      th.setAttribute('data-label', labels[0]);
      v.field.split('.').forEach(function (part, i) { // a field's path may break after each dot
        if (i) { th.appendChild(document.createTextNode('.')); th.appendChild(document.createElement('wbr')); }
        th.appendChild(document.createTextNode(part));
      });
      row.appendChild(th);
      cell(row, labels[1], shownValue(v.value));
      cell(row, labels[2], v.status);
      var evidence = (v.quote ? [{ quote: v.quote, clause: v.clause }] : []).concat(v.more || []);
      cell(row, labels[3], evidence.map(function (e) { return e.clause || '—'; }).join(', ') || '—');
      var quote = cell(row, labels[4], evidence.length ? '' : '—');
      evidence.forEach(function (e) {
        var q = document.createElement('q');
        q.textContent = e.quote;
        if (markOf[e.quote]) {
          var link = document.createElement('a');
          link.href = '#' + markOf[e.quote];
          link.appendChild(q);
          quote.appendChild(link);
        } else quote.appendChild(q);
      });
      if (v.note) {
        var note = document.createElement('p');
        note.className = 'muted';
        note.textContent = v.note;
        quote.appendChild(note);
      }
      body.appendChild(row);
    });
    var lang = box.querySelector('[data-draft-language]');
    if (lang && draft.language) lang.textContent = draft.language.name + ' (' + Math.round(draft.language.confidence * 100) + ' %)';
    listInto(box.querySelector('[data-draft-problems]'),
      (draft.problems || []).map(function (p) { return p.field + ': ' + p.messages.join('; '); }));
    listInto(box.querySelector('[data-draft-unsupported]'),
      (draft.unsupported || []).map(function (u) { return u.field + ': ' + u.note; }));
    listInto(box.querySelector('[data-draft-warnings]'),
      (draft.warnings || []).map(function (w) { return w.message; }));
    box.hidden = false;
    var target = form.getAttribute('data-draft-fill') && document.querySelector(form.getAttribute('data-draft-fill'));
    if (target && draft.profile) fillForm(target, draft.profile);
  });
  // "Save as": <select data-save-as="#form"> points the form at POST /agreements or at PUT /agreements/:id (a new
  // version of the agreement chosen; the id is then the path's, so the id field is not sent).
  document.addEventListener('change', function (event) {
    var select = event.target;
    if (!select.hasAttribute || !select.hasAttribute('data-save-as')) return;
    var form = document.querySelector(select.getAttribute('data-save-as'));
    var option = select.selectedOptions[0];
    if (!form || !option) return;
    ['data-api', 'data-method', 'data-then'].forEach(function (a) { form.setAttribute(a, option.getAttribute(a)); });
    var id = form.querySelector('[name="id"]');
    if (id) {
      id.disabled = !!select.value;
      id.required = !select.value;
      if (select.value) id.value = select.value;
    }
  });

  // ---- Signing in: the second step, and back to where the person was -------------------------------------------
  // A form with data-sign-in posts {email, password[, totp]} to /auth/sign-in. The answer "totp" means the password
  // was right and a code is needed: the code field appears and the same form is sent again with it. Signed in, the
  // browser goes to data-next (a path of this site, checked by the server) or to the landing page the API names.
  async function signIn(form) {
    if (form.dataset.busy === '1') return;
    form.dataset.busy = '1';
    clearErrors(form);
    status(form, 'saving');
    try {
      var res = await fetch('/auth/sign-in', {
        method: 'POST', credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(bodyOf(form)),
      });
      var result = await res.json().catch(function () { return null; });
      if (!res.ok) { status(form, 'failed', showErrors(form, result || { message: res.statusText })); return; }
      if (result.step === 'totp') {
        var step = form.querySelector('[data-totp-step]');
        var code = step.querySelector('input');
        step.hidden = false;
        code.disabled = false;
        status(form, 'totp');
        code.focus();
        return;
      }
      status(form, 'saved');
      var next = form.getAttribute('data-next');
      window.location.assign(result.step === 'done' && next ? next : result.next);
    } catch (e) {
      status(form, 'failed', String(e && e.message || e));
    } finally {
      form.dataset.busy = '';
    }
  }
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-sign-in')) return;
    event.preventDefault();
    signIn(form);
  });

  // ---- Incident pages: a filter box over a list of checkboxes --------------------------------------------------
  // <input data-filter="#list"> hides the list's [data-filter-item] rows whose text lacks what was typed; a checked
  // row stays checked (and is sent) while hidden.
  document.addEventListener('input', function (event) {
    var box = event.target;
    if (!box.matches || !box.matches('input[data-filter]')) return;
    var list = document.querySelector(box.getAttribute('data-filter'));
    var q = box.value.trim().toLowerCase();
    if (!list) return;
    list.querySelectorAll('[data-filter-item]').forEach(function (row) {
      row.hidden = q !== '' && row.textContent.toLowerCase().indexOf(q) < 0;
    });
  });

  // ---- Incident pages: GET filters with instants -----------------------------------------------------------------
  // A filter form with data-instant-filter sends each input[data-query] as that query parameter, with the offset of
  // the user's zone (the API takes no instant without one).
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-instant-filter')) return;
    form.querySelectorAll('input[data-query]').forEach(function (el) {
      var hidden = form.querySelector('input[type="hidden"][name="' + el.getAttribute('data-query') + '"]');
      if (!el.value) { if (hidden) hidden.remove(); return; }
      if (!hidden) {
        hidden = document.createElement('input');
        hidden.type = 'hidden';
        hidden.name = el.getAttribute('data-query');
        form.appendChild(hidden);
      }
      hidden.value = withOffset(el.value);
    });
    // An empty choice ("any") is left out of the query rather than sent empty, which the API refuses.
    form.querySelectorAll('select[name], input[name]').forEach(function (el) {
      if (el.value === '' && !el.disabled) { el.disabled = true; el.setAttribute('data-was-empty', ''); }
    });
  }, true);
  // Back to a filter form from the page it led to: its empty choices are usable again.
  window.addEventListener('pageshow', function () {
    document.querySelectorAll('[data-was-empty]').forEach(function (el) { el.disabled = false; el.removeAttribute('data-was-empty'); });
  });

  // ---- Walk-through: known / unknown / not applicable -------------------------------------------------------------
  // Choosing a state shows (and sends) only its part: the value when known, the reason when not applicable; an
  // unknown field sends no value. Runs in the capture phase, before the autosave sends the form.
  document.addEventListener('change', function (event) {
    var radio = event.target;
    if (!radio.matches || !radio.matches('input[data-state-choice]')) return;
    var answer = radio.closest('[data-answer]');
    if (!answer) return;
    answer.querySelectorAll('[data-state-part]').forEach(function (part) {
      var on = part.getAttribute('data-state-part') === radio.value;
      part.hidden = !on;
      if (on) part.removeAttribute('data-skip'); else part.setAttribute('data-skip', '');
    });
  }, true);
  // After a save, the API's view says what each phase still misses: the MISSING marks follow it.
  document.addEventListener('api:answered', function (event) {
    var view = event.detail;
    if (!event.target.hasAttribute('data-walk') || !view || !Array.isArray(view.phases)) return;
    var missing = {};
    view.phases.forEach(function (p) { p.missing.forEach(function (k) { missing[k] = true; }); });
    document.querySelectorAll('[data-missing-for]').forEach(function (el) {
      el.hidden = !missing[el.getAttribute('data-missing-for')];
    });
  });

  // ---- ENISA calculator: score and band live as the inputs change ----------------------------------------------------
  // SE = DPC × EI + CB, with the rounding, the bonus for malicious intent and the band limits taken from the model the
  // server renders into data-enisa-model (the server's own ENISA_MODEL), so the band shown is the band recorded.
  function enisa(box) {
    var model = JSON.parse(box.getAttribute('data-enisa-model'));
    var v = {};
    box.querySelectorAll('[data-enisa-input]').forEach(function (el) { v[el.getAttribute('data-enisa-input')] = el.value; });
    var scoreEl = box.querySelector('[data-enisa-score]'), bandEl = box.querySelector('[data-enisa-band]');
    var complete = ['dpc', 'ei', 'confidentiality', 'integrity', 'availability', 'malicious'].every(function (k) { return v[k] !== ''; });
    if (!complete) { scoreEl.textContent = '—'; bandEl.textContent = '—'; bandEl.removeAttribute('data-band'); return; }
    var cb = Number(v.confidentiality) + Number(v.integrity) + Number(v.availability) +
      (v.malicious === 'true' ? model.maliciousBonus : 0);
    var scale = Math.pow(10, model.decimals);
    var score = Math.round((Number(v.dpc) * Number(v.ei) + cb) * scale) / scale;
    var band = model.lowest;
    model.bands.forEach(function (b) { if (score >= b.from) band = b.band; });
    scoreEl.textContent = String(score);
    bandEl.textContent = bandEl.getAttribute('data-band-' + band) || band;
    bandEl.setAttribute('data-band', band);
  }
  document.addEventListener('input', function (event) {
    var box = event.target.closest && event.target.closest('[data-enisa]');
    if (box) enisa(box);
  });
  document.addEventListener('change', function (event) {
    var box = event.target.closest && event.target.closest('[data-enisa]');
    if (box) enisa(box);
  });
  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('[data-enisa]').forEach(enisa);
  });

  // ---- Authority form: say that a field was copied ------------------------------------------------------------------
  document.addEventListener('click', function (event) {
    var button = event.target.closest && event.target.closest('[data-copy]');
    var line = document.querySelector('[data-copy-status]');
    if (button && line) line.textContent = line.getAttribute('data-copied-text');
  });


  // ---- Notice jobs: the notice to every controller, its progress followed until nothing more happens by itself ------
  // <form data-notice-job="#box"> starts the job (POST …/notices); #box polls GET …/notices/:jobId and shows the bar,
  // the counts, and which controllers failed (with why) or wait for their instruction.
  function showJob(box, job, names) {
    box.hidden = false;
    var bar = box.querySelector('progress');
    bar.value = job.percentDone;
    bar.textContent = job.percentDone + '%';
    var pct = box.querySelector('.pct');
    if (pct) pct.textContent = job.percentDone + '%';
    var summary = box.getAttribute('data-summary').replace(/\{(\w+)\}/g, function (_, k) { return job[k] != null ? job[k] : ''; });
    box.querySelector('[data-job-summary]').textContent =
      box.getAttribute(job.settled ? 'data-settled' : 'data-running') + ': ' + summary;
    box.setAttribute('data-job-settled', job.settled ? 'true' : 'false');
    box.querySelectorAll('[data-job-list]').forEach(function (section) {
      var status = section.getAttribute('data-job-list');
      var items = (job.items || []).filter(function (i) { return i.status === status; });
      var list = section.querySelector('ul');
      list.textContent = '';
      items.forEach(function (i) {
        var li = document.createElement('li');
        li.setAttribute('data-controller', i.controllerId);
        li.textContent = (names[i.controllerId] || i.controllerId) + (i.lastError ? ': ' + i.lastError : '');
        list.appendChild(li);
      });
      section.hidden = items.length === 0;
    });
  }
  function followJob(box) {
    var id = box.getAttribute('data-job-id');
    if (!id || box.dataset.following === id) return;
    box.dataset.following = id;
    var names = JSON.parse(box.getAttribute('data-names') || '{}');
    async function poll() {
      if (box.dataset.following !== id) return; // a newer job is followed instead
      try {
        var res = await fetch(box.getAttribute('data-job-base') + encodeURIComponent(id), {
          headers: { Accept: 'application/json' }, credentials: 'same-origin',
        });
        if (res.ok) {
          var job = await res.json();
          showJob(box, job, names);
          if (job.settled) return;
        }
      } catch (e) { /* the next poll tries again */ }
      setTimeout(poll, 1000);
    }
    poll();
  }
  document.addEventListener('api:answered', function (event) {
    var target = event.target.getAttribute && event.target.getAttribute('data-notice-job');
    var box = target && document.querySelector(target);
    if (!box || !event.detail || !event.detail.id) return;
    box.setAttribute('data-job-id', event.detail.id);
    followJob(box);
  });

  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('input[data-type="instant"][data-value]').forEach(function (el) {
      el.value = toLocalInput(el.getAttribute('data-value'));
    });
    document.querySelectorAll('[data-notice-job]').forEach(function (form) {
      var box = document.querySelector(form.getAttribute('data-notice-job'));
      if (box) followJob(box);
    });
    tick();
    setInterval(tick, 1000);
  });
  window.BreachDesk = { withOffset: withOffset, toLocalInput: toLocalInput };
})();
