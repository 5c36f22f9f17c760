/*
 * checks.h - fast assertions shared by the unit tests.
 *
 * Check 0.15 logs every passing ck_assert (one write(2) each), which costs
 * seconds over the millions of checks the tests make in loops.  These macros
 * test the condition themselves and call into Check only on failure, with
 * the expression and the values involved in the message.
 *
 * Integers are compared as unsigned long long (CHECK_CMP, CHECK_EQ); doubles
 * exactly (CHECK_EQ_D), within an absolute or relative tolerance
 * (CHECK_NEAR, CHECK_REL), or up to rounding (CHECK_APPROX); estimates
 * against the truth by the 5-standard-error criterion (CHECK_5SE).
 */
#ifndef GOVSIM_TESTS_CHECKS_H
#define GOVSIM_TESTS_CHECKS_H

#include <check.h>
#include <math.h>
#include <stdbool.h>
#include <string.h>

#define CHECK(expr)                                                                                \
    do {                                                                                           \
        if (!(expr)) ck_abort_msg("check failed: %s", #expr);                                      \
    } while (0)

/* a op b on integers, both widened to unsigned long long. */
#define CHECK_CMP(a, op, b)                                                                        \
    do {                                                                                           \
        unsigned long long a_ = (a), b_ = (b);                                                     \
        if (!(a_ op b_))                                                                           \
            ck_abort_msg("check failed: %s %s %s (%llu vs %llu)", #a, #op, #b, a_, b_);            \
    } while (0)
#define CHECK_EQ(a, b) CHECK_CMP(a, ==, b)

/* Doubles that must be equal exactly. */
#define CHECK_EQ_D(a, b)                                                                           \
    do {                                                                                           \
        double a_ = (a), b_ = (b);                                                                 \
        if (!(a_ == b_)) ck_abort_msg("check failed: %s == %s (%.17g vs %.17g)", #a, #b, a_, b_);  \
    } while (0)

/* |a - b| <= tol, where tol may use b_ (the value of b, evaluated once);
 * fails on NaN.  The texts name the operands in the message (taken by the
 * callers, before their arguments are macro-expanded). */
#define CHECK_WITHIN_(a, b, tol, a_text, b_text, tol_text)                                         \
    do {                                                                                           \
        double a_ = (a), b_ = (b);                                                                 \
        double t_ = (tol);                                                                         \
        if (!(fabs(a_ - b_) <= t_))                                                                \
            ck_abort_msg("check failed: |%s - %s| <= %s (%.17g vs "                                \
                         "%.17g, off %.3g, tol %.3g)",                                             \
                         a_text, b_text, tol_text, a_, b_, fabs(a_ - b_), t_);                     \
    } while (0)
/* Absolute closeness: |a - b| <= tol. */
#define CHECK_NEAR(a, b, tol) CHECK_WITHIN_(a, b, (tol), #a, #b, #tol)
/* Relative closeness, for quantities that may be far from 1:
 * |a - b| <= rel |b|. */
#define CHECK_REL(a, b, rel) CHECK_WITHIN_(a, b, fabs(b_) * (rel), #a, #b, #rel " * |b|")
/* Equal up to the rounding of a few operations on moderate numbers:
 * |a - b| <= 1e-12 (1 + |b|). */
#define CHECK_APPROX(a, b)                                                                         \
    CHECK_WITHIN_(a, b, 1e-12 * (1.0 + fabs(b_)), #a, #b, "1e-12 * (1 + |b|)")

/* Strings that must be equal; NULL is never equal to anything. */
#define CHECK_STR(a, b)                                                                            \
    do {                                                                                           \
        const char *a_ = (a), *b_ = (b);                                                           \
        if (a_ == NULL || b_ == NULL || strcmp(a_, b_) != 0)                                       \
            ck_abort_msg("check failed: %s == \"%s\" (got \"%s\")", #a, b_ ? b_ : "(null)",        \
                         a_ ? a_ : "(null)");                                                      \
    } while (0)

/* The statistical criterion of the tests: an estimate within 5 standard
 * errors of the truth (a correct implementation misses with probability
 * ~6e-7 per check). */
static inline bool within_5se(double estimate, double truth, double se) {
    return fabs(estimate - truth) < 5.0 * se;
}
#define CHECK_5SE(est, truth, se)                                                                  \
    do {                                                                                           \
        double e_ = (est), t_ = (truth), s_ = (se);                                                \
        if (!within_5se(e_, t_, s_))                                                               \
            ck_abort_msg("%s = %.6g, expected %.6g +- 5 * %.3g", #est, e_, t_, s_);                \
    } while (0)

/* A refused call returns -1 and says something that names `word`. */
#define CHECK_REFUSED(call, err, word)                                                             \
    do {                                                                                           \
        (err)[0] = '\0';                                                                           \
        CHECK((call) == -1);                                                                       \
        if (strstr((err), (word)) == NULL)                                                         \
            ck_abort_msg("message \"%s\" does not mention \"%s\"", (err), (word));                 \
    } while (0)

#endif /* GOVSIM_TESTS_CHECKS_H */
