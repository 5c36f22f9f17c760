/* The animation page (out_anim.h): a skeleton, the day's data as JSON,
 * and a small player in plain JavaScript. */
#include "out_anim.h"

#include <math.h>
#include <string.h>

#include "i18n.h"
#include "text.h"

/* A JSON string safe inside <script>: besides JSON's escapes, < > & as
 * \u003c \u003e \u0026, so no "</script>" or "<!--" can appear. */
static void js_string(FILE *fp, const char *s) {
    putc('"', fp);
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        if (*p == '"' || *p == '\\') fprintf(fp, "\\%c", *p);
        else if (*p < 0x20 || *p == '<' || *p == '>' || *p == '&' || *p == 0x7f)
            fprintf(fp, "\\u%04x", *p);
        else putc(*p, fp);
    }
    putc('"', fp);
}

/* A finite number, 3 decimals (minutes to the tenth of a second). */
static void js_number(FILE *fp, double x) { fprintf(fp, "%.3f", isfinite(x) ? x : 0.0); }

static void write_box(FILE *fp, const out_anim_box_t *b) {
    fputs("{\"name\":", fp);
    js_string(fp, b->name);
    fputs(",\"windows\":", fp);
    js_string(fp, b->windows);
    fputs(",\"officers\":", fp);
    if (b->officers) js_string(fp, b->officers);
    else fputs("null", fp);
    fprintf(fp, ",\"nw\":%u,\"no\":%u,\"waiting\":[%u,%u],\"busy\":[%u,%u]}", b->n_windows,
            b->n_officers, b->waiting[0], b->waiting[1], b->busy[0], b->busy[1]);
}

static void write_variant(FILE *fp, const out_anim_variant_t *v) {
    fputs("{\"label\":", fp);
    js_string(fp, v->label);
    fputs(",\"boxes\":[", fp);
    for (size_t i = 0; i < v->n_boxes; i++) {
        if (i) putc(',', fp);
        write_box(fp, &v->boxes[i]);
    }
    fputs("],\"links\":[", fp);
    for (size_t i = 0; i < v->n_links; i++) {
        fprintf(fp, "%s[%u,%u,", i ? "," : "", v->links[i].from, v->links[i].to);
        js_string(fp, v->links[i].mode);
        putc(']', fp);
    }
    fputs("],\"events\":[", fp);
    for (size_t i = 0; i < v->n_events; i++) {
        const out_anim_event_t *e = &v->events[i];
        fputs(i ? ",\n[" : "\n[", fp);
        js_number(fp, e->t);
        fprintf(fp, ",\"%c\",%u,%u,%llu,%u,", e->kind, e->box, e->lane, (unsigned long long)e->who,
                e->from);
        js_number(fp, e->until);
        putc(']', fp);
    }
    fputs("]}", fp);
}

static const char *const STYLE =
    "<style>\n"
    "body{font-family:sans-serif;margin:12px;color:#222}\n"
    "#controls{margin:8px 0;display:flex;gap:12px;align-items:center;flex-wrap:wrap}\n"
    "#clock{font-size:22px;font-variant-numeric:tabular-nums;min-width:12em}\n"
    "#slider{width:420px}\n"
    "#panes{display:flex;gap:16px;flex-wrap:wrap;align-items:flex-start}\n"
    ".pane h2{font-size:16px;margin:4px 0}\n"
    "svg{border:1px solid #ccc;background:#fbfbf8}\n"
    ".box{fill:#fff;stroke:#556;stroke-width:1.5}\n"
    ".win{fill:#fff;stroke:#556}.win.busy{fill:#2a7ab8}\n"
    ".citizen{fill:#d9822b}.file{fill:#999}.data{fill:#3a9d4b}.trav{fill:#d9822b;opacity:.6}\n"
    ".link{stroke-width:2}.link.api,.link.hub{stroke:#3a9d4b}"
    ".link.manual{stroke:#d9822b;stroke-dasharray:6 4}.link.none{stroke:#c33;stroke-dasharray:2 "
    "4}\n"
    "text{font-size:12px}.name{font-weight:bold;font-size:13px}\n"
    "#govsim-state{display:none}\n"
    ".legend{font-size:12px;color:#555}\n"
    "</style>\n";

/* The player (see out_anim.h for what it exposes). */
static const char *const PLAYER[] = {
    "<script>\n",
    "\"use strict\";\n",
    "(function () {\n",
    "  var D = GOVSIM, NS = 'http://www.w3.org/2000/svg', TRAVEL = 10;\n",
    "  var W = 230, H = 150, GAP = 60, TOP = 30;\n",
    "  function el(tag, attrs, parent, text) {\n",
    "    var e = document.createElementNS(NS, tag);\n",
    "    for (var k in attrs) e.setAttribute(k, attrs[k]);\n",
    "    if (text !== undefined) e.textContent = text;\n",
    "    if (parent) parent.appendChild(e);\n",
    "    return e;\n",
    "  }\n",
    "  function cols(v) { return Math.max(1, Math.ceil(Math.sqrt(v.boxes.length))); }\n",
    "  function pos(v, i) {\n",
    "    var c = cols(v);\n",
    "    return {x: GAP / 2 + (i % c) * (W + GAP), y: TOP + Math.floor(i / c) * (H + GAP)};\n",
    "  }\n",
    "  function center(v, i) { var p = pos(v, i); return {x: p.x + W / 2, y: p.y + H / 2}; }\n",
    "  function stateAt(v, t) {\n",
    "    var wait = [], busy = [], flying = [], travel = [], k, e;\n",
    "    for (k = 0; k < v.boxes.length; k++) {\n",
    "      wait.push(v.boxes[k].waiting.slice());\n",
    "      busy.push(v.boxes[k].busy.slice());\n",
    "    }\n",
    "    for (k = 0; k < v.events.length; k++) {\n",
    "      e = v.events[k];\n",
    "      if (e[0] > t) {\n",
    "        if (e[0] > t + TRAVEL) break;\n",
    "        if (e[1] === 'v') travel.push({to: e[2], f: 1 - (e[0] - t) / TRAVEL});\n",
    "        continue;\n",
    "      }\n",
    "      var b = e[2], l = e[3];\n",
    "      if (e[1] === 'j') wait[b][l]++;\n",
    "      else if (e[1] === 's') { wait[b][l]--; busy[b][l]++; }\n",
    "      else if (e[1] === 'g') wait[b][l]--;\n",
    "      else if (e[1] === 'c') busy[b][l]--;\n",
    "      else if (e[1] === 'd' && e[6] > t)\n",
    "        flying.push({from: e[5], to: b, f: (t - e[0]) / Math.max(e[6] - e[0], 1e-9)});\n",
    "    }\n",
    "    return {wait: wait, busy: busy, flying: flying, travel: travel};\n",
    "  }\n",
    "  window.govsimState = function (t) {\n",
    "    return {t: t, variants: D.variants.map(function (v) {\n",
    "      var s = stateAt(v, D.day0 + t), lines = {};\n",
    "      v.boxes.forEach(function (b, i) {\n",
    "        lines[b.windows] = s.wait[i][0];\n",
    "        if (b.officers !== null) lines[b.officers] = s.wait[i][1];\n",
    "      });\n",
    "      return {label: v.label, lines: lines};\n",
    "    })};\n",
    "  };\n",
    "  var panes = document.getElementById('panes'), svgs = [];\n",
    "  var names = [];\n",
    "  D.variants.forEach(function (v) {\n",
    "    var div = document.createElement('div'), h = document.createElement('h2');\n",
    "    div.className = 'pane';\n",
    "    h.textContent = v.label;\n",
    "    div.appendChild(h);\n",
    "    var c = cols(v), rows = Math.ceil(v.boxes.length / c);\n",
    "    var svg = el('svg', {width: c * (W + GAP), height: TOP + rows * (H + GAP)}, div);\n",
    "    v.links.forEach(function (l) {\n",
    "      var a = center(v, l[0]), b = center(v, l[1]);\n",
    "      el('line', {x1: a.x, y1: a.y, x2: b.x, y2: b.y, 'class': 'link ' + l[2]}, svg);\n",
    "    });\n",
    "    v.boxes.forEach(function (b, i) {\n",
    "      var p = pos(v, i);\n",
    "      el('rect', {x: p.x, y: p.y, width: W, height: H, rx: 6, 'class': 'box'}, svg);\n",
    "      var name = el('text', {x: p.x + 8, y: p.y + 18, 'class': 'name'}, svg, b.name);\n",
    "      el('title', {}, name, b.name);\n",
    "      names.push(name);\n",
    "    });\n",
    "    var dyn = el('g', {}, svg);\n",
    "    panes.appendChild(div);\n",
    "    names.forEach(function (t) {  /* a long name ends in an ellipsis inside its box */\n",
    "      var full = t.firstChild.nodeValue, n = full.length;\n",
    "      while (n > 1 && t.getComputedTextLength() > W - 16)\n",
    "        t.firstChild.nodeValue = full.slice(0, --n) + '\\u2026';\n",
    "    });\n",
    "    names = [];\n",
    "    svgs.push({v: v, g: dyn, h: TOP + rows * (H + GAP)});\n",
    "  });\n",
    "  function draw(t) {\n",
    "    svgs.forEach(function (p) {\n",
    "      var v = p.v, s = stateAt(v, D.day0 + t), g = p.g;\n",
    "      while (g.firstChild) g.removeChild(g.firstChild);\n",
    "      v.boxes.forEach(function (b, i) {\n",
    "        var q = pos(v, i), j, n = Math.min(b.nw, 10);\n",
    "        for (j = 0; j < n; j++)\n",
    "          el('rect', {x: q.x + 8 + j * 21, y: q.y + 28, width: 16, height: 16,\n",
    "                      'class': j < s.busy[i][0] ? 'win busy' : 'win'}, g);\n",
    "        var w = Math.max(0, s.wait[i][0]);\n",
    "        for (j = 0; j < Math.min(w, 40); j++)\n",
    "          el('circle', {cx: q.x + 14 + (j % 10) * 21,\n",
    "            cy: q.y + 60 + Math.floor(j / 10) * 12,\n",
    "            r: 4.5, 'class': 'citizen'}, g);\n",
    "        if (w > 40) el('text', {x: q.x + W - 40, y: q.y + 100}, g, '+' + (w - 40));\n",
    "        el('text', {x: q.x + 8, y: q.y + H - 26}, g, D.text.inLine + ' ' + w);\n",
    "        if (b.officers !== null)\n",
    "          el('text', {x: q.x + 8, y: q.y + H - 10}, g, D.text.officersBusy + ' ' +\n",
    "             Math.max(0, s.busy[i][1]) + '/' + b.no + ', ' + D.text.filesWaiting + ' ' +\n",
    "             Math.max(0, s.wait[i][1]));\n",
    "      });\n",
    "      s.flying.forEach(function (f) {\n",
    "        var a = center(v, f.from), b = center(v, f.to);\n",
    "        el('circle', {cx: a.x + (b.x - a.x) * f.f, cy: a.y + (b.y - a.y) * f.f, r: 4,\n",
    "                      'class': 'data'}, g);\n",
    "      });\n",
    "      s.travel.forEach(function (f) {\n",
    "        var b = pos(v, f.to);\n",
    "        el('circle', {cx: 8 + (b.x + 14 - 8) * f.f,\n",
    "            cy: p.h - 8 + (b.y + 60 - p.h + 8) * f.f,\n",
    "            r: 4.5, 'class': 'trav'}, g);\n",
    "      });\n",
    "    });\n",
    "    var m = Math.floor(t), hh = Math.floor(m / 60) % 24, mm = m % 60;\n",
    "    document.getElementById('clock').textContent =\n",
    "        D.dayLabel + ', ' + (hh < 10 ? '0' : '') + hh + ':' + (mm < 10 ? '0' : '') + mm;\n",
    "    document.getElementById('slider').value = t;\n",
    "  }\n",
    "  var t = D.from, playing = false, last = 0;\n",
    "  var slider = document.getElementById('slider'), play = document.getElementById('play');\n",
    "  var speed = document.getElementById('speed');\n",
    "  slider.min = D.from; slider.max = D.to; slider.step = 1;\n",
    "  slider.addEventListener('input', function () { t = Number(slider.value); draw(t); });\n",
    "  function frame(now) {\n",
    "    if (!playing) return;\n",
    "    if (last) t = Math.min(D.to, t + (now - last) / 1000 * Number(speed.value));\n",
    "    last = now;\n",
    "    draw(t);\n",
    "    if (t >= D.to) { playing = false; play.textContent = D.text.play; return; }\n",
    "    requestAnimationFrame(frame);\n",
    "  }\n",
    "  play.addEventListener('click', function () {\n",
    "    playing = !playing;\n",
    "    play.textContent = playing ? D.text.pause : D.text.play;\n",
    "    last = 0;\n",
    "    if (playing) { if (t >= D.to) t = D.from; requestAnimationFrame(frame); }\n",
    "  });\n",
    "  var m = /#t=([0-9.]+)/.exec(location.hash);\n",
    "  if (m) {\n",
    "    t = Number(m[1]);\n",
    "    var st = window.govsimState(t);\n",
    "    document.getElementById('govsim-state').textContent = JSON.stringify(st);\n",
    "    document.title = 'govsim state t=' + m[1];\n",
    "  }\n",
    "  draw(t);\n",
    "})();\n",
    "</script>\n",
    NULL};

/* The words the player writes into the page (translated), as the
 * GOVSIM object's "text" member. */
static void write_words(FILE *fp) {
    static const char *const WORDS[][2] = {{"play", N_("Play")},
                                           {"pause", N_("Pause")},
                                           {"inLine", N_("in line:")},
                                           {"officersBusy", N_("officers busy")},
                                           {"filesWaiting", N_("files waiting")}};
    fputs("\"text\":{", fp);
    for (size_t i = 0; i < sizeof WORDS / sizeof *WORDS; i++) {
        fprintf(fp, "%s\"%s\":", i ? "," : "", WORDS[i][0]);
        js_string(fp, _(WORDS[i][1]));
    }
    fputs("},", fp);
}

void out_anim_write(FILE *fp, const char *title, const char *day_label, double t_from, double t_to,
                    const out_anim_variant_t *v, size_t n_variants) {
    /* TRANSLATORS: the code of the language of this translation (zh). */
    fprintf(fp, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n<title>",
            _("en"));
    text_html_escape(fp, title);
    fputs("</title>\n", fp);
    fputs(STYLE, fp);
    fputs("</head>\n<body>\n<h1>", fp);
    text_html_escape(fp, title);
    fputs("</h1>\n<div id=\"controls\"><button id=\"play\">", fp);
    text_html_escape(fp, _("Play"));
    fputs("</button>\n<label>", fp);
    text_html_escape(fp, _("speed"));
    fputs(" <select id=\"speed\"><option value=\"2\">2 min/s</option>"
          "<option value=\"10\" selected>10 min/s</option><option value=\"30\">30 min/s</option>"
          "<option value=\"60\">1 h/s</option></select></label>\n"
          "<input type=\"range\" id=\"slider\"> <span id=\"clock\"></span></div>\n"
          "<p class=\"legend\">",
          fp);
    text_html_escape(fp, _("Orange dots: citizens in line (and travelling to a hall); blue "
                           "squares: busy windows; green dots: data requests on their way along a "
                           "link (green: api or hub, orange dashes: paper, red dots: no link)."));
    fputs("</p>\n<div id=\"panes\"></div>\n<pre id=\"govsim-state\"></pre>\n<script>\n"
          "var GOVSIM = {",
          fp);
    write_words(fp);
    fputs("\"dayLabel\":", fp);
    js_string(fp, day_label);
    fputs(",\"day0\":0,\"from\":", fp);
    js_number(fp, t_from);
    fputs(",\"to\":", fp);
    js_number(fp, t_to);
    fputs(",\"variants\":[", fp);
    for (size_t i = 0; i < n_variants; i++) {
        if (i) putc(',', fp);
        write_variant(fp, &v[i]);
    }
    fputs("]};\n</script>\n", fp);
    for (size_t i = 0; PLAYER[i]; i++) fputs(PLAYER[i], fp);
    fputs("</body>\n</html>\n", fp);
}
