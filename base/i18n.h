/*
 * i18n.h - marking the text people read for translation (gettext).
 *
 * Every string a person reads on the terminal, in a chart or in a report
 * is written as _("...") (or N_("...") where it sits in a static table and
 * is translated when used), so that xgettext can collect it into po/ and a
 * translator can work on it with the ecosystem's standard tools.  Strings
 * meant for programs (CSV headers, JSON keys, ids) are never marked.
 *
 * Until a catalogue is bound (see the translation module), _() returns its
 * argument unchanged, so English output does not depend on the locale.
 */
#ifndef GOVSIM_I18N_H
#define GOVSIM_I18N_H

#include <libintl.h>

#define _(text)  gettext(text)
#define N_(text) (text)

#endif
