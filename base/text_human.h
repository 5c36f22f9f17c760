/*
 * text_human.h - numbers as people read them: thousands separators and
 * fixed decimals, never e-notation (the report, the terminal tables, the
 * front page).  Files for programs keep text_format_number (text.h).
 * The separator is ',' and the decimal point '.', whatever the language:
 * both are what Chinese official statistics print too.
 */
#ifndef GOVSIM_TEXT_HUMAN_H
#define GOVSIM_TEXT_HUMAN_H

#include <stdbool.h>
#include <stddef.h>

/* x with `decimals` (0 to 6) decimals and a ',' between each group of
 * three digits: 1234567.891, 1 -> "1,234,567.9"; a sign only when x is
 * negative (after rounding); NaN and infinities as "-".  buf (len >= 2)
 * always receives a NUL-terminated string, cut when it does not fit. */
void text_thousands(char *buf, size_t len, double x, int decimals);

/* An amount of yuan for people: below ten million, in yuan with
 * thousands separators ("2,500,000 yuan"); from ten million up, in
 * millions with one decimal ("12.7 million yuan").  `yuan` and `million`
 * are the words to use (already translated by the caller). */
void text_money(char *buf, size_t len, double yuan, const char *yuan_word,
                const char *million_word);

/* A value in a table people read, to four significant digits where that
 * needs no exponent: a share (share true) as a percentage with one
 * decimal ("91.8"); from 1000 up, whole with thousands separators
 * ("12,740,000"); below, "%.4g" (0.0001 up) or fixed decimals (smaller
 * than that, "0.00001"); NaN as "-". */
void text_human_value(char *buf, size_t len, double x, bool share);

#endif
