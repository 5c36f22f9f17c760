/* Numbers for people (text_human.h). */
#include "text_human.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

void text_thousands(char *buf, size_t len, double x, int decimals) {
    if (decimals < 0) decimals = 0;
    if (decimals > 6) decimals = 6;
    if (!isfinite(x) || fabs(x) >= 1e18) {
        snprintf(buf, len, "-");
        return;
    }
    char plain[64];
    snprintf(plain, sizeof plain, "%.*f", decimals, x);
    const char *digits = plain + (plain[0] == '-');
    size_t n_int = strcspn(digits, ".");
    char out[96];
    size_t o = 0;
    if (plain[0] == '-' && strspn(digits, "0.") != strlen(digits)) out[o++] = '-';
    for (size_t i = 0; i < n_int; i++) {
        if (i > 0 && (n_int - i) % 3 == 0) out[o++] = ',';
        out[o++] = digits[i];
    }
    snprintf(out + o, sizeof out - o, "%s", digits + n_int);
    snprintf(buf, len, "%s", out);
}

void text_money(char *buf, size_t len, double yuan, const char *yuan_word,
                const char *million_word) {
    char num[64];
    if (fabs(yuan) >= 1e7) {
        text_thousands(num, sizeof num, yuan / 1e6, 1);
        snprintf(buf, len, "%s %s %s", num, million_word, yuan_word);
    } else {
        text_thousands(num, sizeof num, yuan, 0);
        snprintf(buf, len, "%s %s", num, yuan_word);
    }
}

void text_human_value(char *buf, size_t len, double x, bool share) {
    if (isnan(x)) snprintf(buf, len, "-");
    else if (share) text_thousands(buf, len, 100 * x, 1);
    else if (fabs(x) >= 999.95) text_thousands(buf, len, x, 0);
    else if (x == 0 || fabs(x) >= 1e-4) snprintf(buf, len, "%.4g", x);
    else snprintf(buf, len, "%.6f", x);
}
