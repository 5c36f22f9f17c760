/* Unit tests for the closed-form queueing results (study/qtheory.h).
 *
 * These numbers are what the simulator is validated against, so each one is
 * checked against something computed another way: values published in
 * textbooks (to the precision published), hand calculations, the direct
 * sum formula for Erlang C, the Poisson law that the Erlang A chain follows
 * when patience equals service rate, a linear solve of the truncated
 * generator, and numerical integration of the waiting-time tail. */
#include <check.h>
#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_randist.h>

#include "qtheory.h"
#include "checks.h"

static void check_all_nan(qt_mmc_t r) {
    ck_assert(isnan(r.rho) && isnan(r.p_wait) && isnan(r.lq) && isnan(r.l) && isnan(r.wq) &&
              isnan(r.w));
}

static void check_erlang_a_nan(qt_erlang_a_t r) {
    ck_assert(isnan(r.p_abandon) && isnan(r.p_wait) && isnan(r.lq) && isnan(r.util));
}

/* Little's law and W = Wq + E[S] must hold for any result. */
static void check_little(qt_mmc_t r, double lambda, double es) {
    CHECK_REL(r.lq, lambda * r.wq, 1e-12);
    CHECK_REL(r.l, lambda * r.w, 1e-12);
    CHECK_REL(r.w, r.wq + es, 1e-12);
}

/* ---- M/M/c ------------------------------------------------------------ */

/* Published M/M/2 and M/M/4 with lambda = 9, mu = 5 (Lq and R to three
 * decimals). */
START_TEST(test_mmc_published_two_and_four_servers) {
    qt_mmc_t two = qt_mmc(9, 5, 2);
    CHECK_NEAR(two.lq, 7.674, 0.0005);
    CHECK_NEAR(two.w, 1.053, 0.0005);
    CHECK_NEAR(two.rho, 0.9, 1e-15);
    check_little(two, 9, 0.2);
    qt_mmc_t four = qt_mmc(9, 5, 4);
    CHECK_NEAR(four.lq, 0.105, 0.0005);
    CHECK_NEAR(four.w, 0.212, 0.0005);
    check_little(four, 9, 0.2);
}
END_TEST

/* Published M/M/3 with a = 2.4 (six decimals). */
START_TEST(test_mmc_published_three_servers) {
    qt_mmc_t r = qt_mmc(2.4, 1, 3);
    CHECK_NEAR(r.p_wait, 0.647191, 1e-6);
    CHECK_NEAR(r.lq, 2.588764, 1e-6);
    check_little(r, 2.4, 1);
}
END_TEST

/* M/M/1 at rho = 0.8: Lq = rho^2/(1-rho) = 3.2, W = 1/(mu-lambda) = 5. */
START_TEST(test_mm1_hand) {
    qt_mmc_t r = qt_mmc(0.8, 1, 1);
    CHECK_NEAR(r.rho, 0.8, 1e-15);
    CHECK_NEAR(r.p_wait, 0.8, 1e-14);
    CHECK_NEAR(r.lq, 3.2, 1e-12);
    CHECK_NEAR(r.l, 4.0, 1e-12);
    CHECK_NEAR(r.wq, 4.0, 1e-12);
    CHECK_NEAR(r.w, 5.0, 1e-12);
}
END_TEST

/* The textbook formula, summed term by term (fine for c <= 20). */
static double erlang_c_direct(double a, unsigned c) {
    double term = 1, head = 0; /* a^k / k!, sum over k < c */
    for (unsigned k = 0; k < c; k++) {
        head += term;
        term *= a / (k + 1);
    }
    double top = term / (1 - a / c);
    return top / (head + top);
}

START_TEST(test_erlang_c_against_direct_sum) {
    static const double rhos[] = {0.05, 0.3, 0.5, 0.8, 0.95, 0.999};
    for (unsigned c = 1; c <= 20; c++) {
        for (size_t i = 0; i < sizeof rhos / sizeof rhos[0]; i++) {
            double mu = 1.7, lambda = rhos[i] * c * mu;
            qt_mmc_t r = qt_mmc(lambda, mu, c);
            double want = erlang_c_direct(lambda / mu, c);
            CHECK_REL(r.p_wait, want, 1e-10);
            CHECK_REL(r.lq, want * rhos[i] / (1 - rhos[i]), 1e-10);
        }
    }
}
END_TEST

/* Large c, where a^c/c! overflows: compare with the direct sum in log
 * space (lgamma), which is independent of the Erlang B recursion. */
START_TEST(test_erlang_c_large_c_log_space) {
    static const unsigned cs[] = {200, 1000, 5000};
    for (size_t i = 0; i < sizeof cs / sizeof cs[0]; i++) {
        unsigned c = cs[i];
        double rho = 0.97, a = rho * c;
        double log_top = c * log(a) - lgamma(c + 1.0) - log1p(-rho);
        double head = 0; /* sum_{k<c} exp(log term - log_top) */
        for (unsigned k = 0; k < c; k++) head += exp(k * log(a) - lgamma(k + 1.0) - log_top);
        double want = 1 / (1 + head);
        qt_mmc_t r = qt_mmc(a * 2.0, 2.0, c);
        ck_assert(isfinite(r.p_wait) && r.p_wait > 0 && r.p_wait < 1);
        CHECK_REL(r.p_wait, want, 1e-9);
    }
}
END_TEST

START_TEST(test_mmc_more_servers_wait_less) {
    double prev = 1.0;
    for (unsigned c = 2; c <= 12; c++) {
        qt_mmc_t r = qt_mmc(1.5, 1, c);
        ck_assert_msg(r.p_wait < prev, "c=%u p_wait %g", c, r.p_wait);
        prev = r.p_wait;
    }
}
END_TEST

START_TEST(test_mmc_invalid_is_nan) {
    check_all_nan(qt_mmc(1, 1, 1)); /* rho = 1 */
    check_all_nan(qt_mmc(5, 1, 4)); /* rho > 1 */
    check_all_nan(qt_mmc(0, 1, 1));
    check_all_nan(qt_mmc(-1, 1, 1));
    check_all_nan(qt_mmc(1, 0, 2));
    check_all_nan(qt_mmc(1, -2, 2));
    check_all_nan(qt_mmc(1, 2, 0));
    check_all_nan(qt_mmc(NAN, 2, 1));
    check_all_nan(qt_mmc(1, INFINITY, 1));
    check_all_nan(qt_mmc(INFINITY, 1, 1));
}
END_TEST

/* ---- M/G/1 ------------------------------------------------------------ */

START_TEST(test_md1_hand) {
    /* Wq = lambda es^2 / (2 (1 - rho)) = 0.5 * 1 / 1 = 0.5 */
    qt_mmc_t r = qt_mg1(0.5, 1, 0);
    CHECK_NEAR(r.wq, 0.5, 1e-15);
    CHECK_NEAR(r.lq, 0.25, 1e-15);
    CHECK_NEAR(r.rho, 0.5, 1e-15);
    CHECK_NEAR(r.p_wait, 0.5, 1e-15);
    check_little(r, 0.5, 1);
    /* M/D/1 waits half as long as M/M/1 */
    CHECK_NEAR(r.wq, qt_mmc(0.5, 1, 1).wq / 2, 1e-14);
}
END_TEST

START_TEST(test_mg1_exponential_equals_mm1) {
    static const double rhos[] = {0.1, 0.5, 0.8, 0.99};
    for (size_t i = 0; i < sizeof rhos / sizeof rhos[0]; i++) {
        double es = 2.5, lambda = rhos[i] / es;
        qt_mmc_t g = qt_mg1(lambda, es, 1), m = qt_mmc(lambda, 1 / es, 1);
        CHECK_REL(g.rho, m.rho, 1e-12);
        CHECK_REL(g.p_wait, m.p_wait, 1e-12);
        CHECK_REL(g.lq, m.lq, 1e-12);
        CHECK_REL(g.l, m.l, 1e-12);
        CHECK_REL(g.wq, m.wq, 1e-12);
        CHECK_REL(g.w, m.w, 1e-12);
    }
}
END_TEST

/* Hyperexponential-like cs2 = 4 at rho = 0.6, es = 2: Wq = 0.3*4*5/0.8. */
START_TEST(test_mg1_high_variance_hand) {
    qt_mmc_t r = qt_mg1(0.3, 2, 4);
    CHECK_NEAR(r.wq, 0.3 * 4 * 5 / 0.8, 1e-12);
    check_little(r, 0.3, 2);
}
END_TEST

START_TEST(test_mg1_invalid_is_nan) {
    check_all_nan(qt_mg1(1, 1, 1));
    check_all_nan(qt_mg1(0, 1, 1));
    check_all_nan(qt_mg1(0.5, 0, 1));
    check_all_nan(qt_mg1(0.5, 1, -0.1));
    check_all_nan(qt_mg1(0.5, 1, NAN));
    check_all_nan(qt_mg1(0.5, 1, INFINITY));
}
END_TEST

/* ---- waiting-time distribution ---------------------------------------- */

START_TEST(test_wait_tail_mm1_hand) {
    /* M/M/1, lambda 0.8, mu 1: P(Wq > t) = 0.8 exp(-0.2 t) */
    CHECK_NEAR(qt_mmc_wait_tail(0.8, 1, 1, 0), 0.8, 1e-14);
    CHECK_NEAR(qt_mmc_wait_tail(0.8, 1, 1, 2), 0.8 * exp(-0.4), 1e-14);
    CHECK_NEAR(qt_mmc_wait_tail(0.8, 1, 1, -1), 1.0, 0);
    /* p90: 0.8 exp(-0.2 q) = 0.1 -> q = 5 ln 8 */
    CHECK_NEAR(qt_mmc_wait_quantile(0.8, 1, 1, 0.9), 5 * log(8.0), 1e-12);
    /* the atom at zero: 20% do not wait */
    CHECK_NEAR(qt_mmc_wait_quantile(0.8, 1, 1, 0.2), 0.0, 0);
    CHECK_NEAR(qt_mmc_wait_quantile(0.8, 1, 1, 0.1), 0.0, 0);
    ck_assert(isinf(qt_mmc_wait_quantile(0.8, 1, 1, 1.0)));
}
END_TEST

START_TEST(test_wait_quantile_inverts_tail) {
    double lambda = 2.4, mu = 1;
    unsigned c = 3;
    double pw = qt_mmc(lambda, mu, c).p_wait;
    for (double p = 0.36; p < 0.9999; p += 0.0371) {
        double q = qt_mmc_wait_quantile(lambda, mu, c, p);
        ck_assert(q > 0);
        CHECK_NEAR(qt_mmc_wait_tail(lambda, mu, c, q), 1 - p, 1e-12);
    }
    ck_assert(1 - pw < 0.36);
}
END_TEST

/* The mean wait is the integral of the tail: Simpson's rule on the tail
 * must give qt_mmc's Wq (a check that tail and mean agree on the decay
 * rate c mu - lambda). */
START_TEST(test_wait_tail_integrates_to_mean) {
    double lambda = 9, mu = 5;
    unsigned c = 4;
    double rate = c * mu - lambda, upper = 60 / rate;
    int n = 4000; /* even */
    double h = upper / n, sum = 0;
    for (int i = 0; i <= n; i++) {
        double w = (i == 0 || i == n) ? 1 : (i % 2 ? 4 : 2);
        sum += w * qt_mmc_wait_tail(lambda, mu, c, i * h);
    }
    CHECK_REL(sum * h / 3, qt_mmc(lambda, mu, c).wq, 1e-9);
}
END_TEST

START_TEST(test_wait_tail_invalid_is_nan) {
    ck_assert(isnan(qt_mmc_wait_tail(1, 1, 1, 1)));
    ck_assert(isnan(qt_mmc_wait_tail(0.5, 1, 1, NAN)));
    ck_assert(isnan(qt_mmc_wait_quantile(1, 1, 1, 0.5)));
    ck_assert(isnan(qt_mmc_wait_quantile(0.5, 1, 1, -0.1)));
    ck_assert(isnan(qt_mmc_wait_quantile(0.5, 1, 1, 1.1)));
    ck_assert(isnan(qt_mmc_wait_quantile(0.5, 1, 1, NAN)));
}
END_TEST

/* ---- Erlang A --------------------------------------------------------- */

/* Patience that (almost) never runs out is M/M/c. */
START_TEST(test_erlang_a_tiny_theta_is_erlang_c) {
    static const unsigned cs[] = {1, 3, 10, 50};
    for (size_t i = 0; i < sizeof cs / sizeof cs[0]; i++) {
        double mu = 1, lambda = 0.8 * cs[i] * mu;
        qt_erlang_a_t a = qt_erlang_a(lambda, mu, cs[i], 1e-6);
        qt_mmc_t m = qt_mmc(lambda, mu, cs[i]);
        CHECK_NEAR(a.p_wait, m.p_wait, 1e-3);
        CHECK_REL(a.lq, m.lq, 1e-3);
        CHECK_NEAR(a.util, 0.8, 1e-3);
        ck_assert(a.p_abandon > 0 && a.p_abandon < 1e-4);
    }
}
END_TEST

/* No patience at all is M/M/c: the published M/M/3 with a = 2.4 (as in
 * test_mmc_published_three_servers; qt_erlang_a hands theta = 0 to
 * qt_mmc, so comparing the two would check the code against itself). */
START_TEST(test_erlang_a_zero_theta_is_mmc) {
    qt_erlang_a_t a = qt_erlang_a(2.4, 1, 3, 0);
    CHECK_NEAR(a.p_abandon, 0, 0);
    CHECK_NEAR(a.p_wait, 0.647191, 1e-6);
    CHECK_NEAR(a.lq, 2.588764, 1e-6);
    CHECK_NEAR(a.util, 0.8, 1e-15);
    check_erlang_a_nan(qt_erlang_a(3, 1, 3, 0)); /* rho = 1, no patience */
}
END_TEST

/* With theta = mu every customer present leaves at rate mu whether served
 * or waiting, so N ~ Poisson(a), a = lambda/mu, for any c (M/M/infinity).
 * Then Lq = E[(N-c)^+], p_abandon = theta Lq / lambda = E[(N-c)^+] / a,
 * p_wait = P(N >= c), util = E[min(N, c)] / c. */
static void check_poisson_case(double lambda, double mu, unsigned c, double tol) {
    double a = lambda / mu, excess = 0, busy = 0;
    unsigned top = (unsigned)(a + 60 * sqrt(a) + 100);
    for (unsigned n = 0; n <= top; n++) {
        double p = gsl_ran_poisson_pdf(n, a);
        if (n > c) excess += (n - c) * p;
        busy += (n < c ? n : c) * p;
    }
    double p_wait = gsl_cdf_poisson_Q(c - 1, a); /* P(N > c-1) */
    qt_erlang_a_t r = qt_erlang_a(lambda, mu, c, mu);
    CHECK_NEAR(r.p_abandon, excess / a, tol);
    CHECK_NEAR(r.lq, excess, tol * fmax(1, a));
    CHECK_NEAR(r.p_wait, p_wait, tol);
    CHECK_NEAR(r.util, busy / c, tol);
}

START_TEST(test_erlang_a_theta_equals_mu_is_poisson) {
    check_poisson_case(9, 5, 2, 1e-9);
    check_poisson_case(2.4, 1, 3, 1e-9);
    check_poisson_case(12, 1, 5, 1e-9);    /* overloaded: rho = 2.4 */
    check_poisson_case(0.3, 2, 4, 1e-9);   /* light load */
    check_poisson_case(40, 0.5, 60, 1e-9); /* a = 80 > c */
}
END_TEST

/* c = 1000, a = 950: the unnormalised weights reach about e^950, so this
 * only passes if the chain is rescaled. */
START_TEST(test_erlang_a_large_c_rescaling) {
    check_poisson_case(950, 1, 1000, 1e-9);
    check_poisson_case(3000, 1, 2500, 1e-9);
    qt_erlang_a_t r = qt_erlang_a(950, 1, 1000, 1);
    ck_assert(r.p_abandon > 0 && r.p_abandon < 0.01);
}
END_TEST

/* M/M/1+M, lambda = mu = theta = 1: N ~ Poisson(1), so p_abandon =
 * E[(N-1)^+] = E[N] - 1 + P(N = 0) = 1/e. */
START_TEST(test_erlang_a_hand_mm1m) {
    qt_erlang_a_t r = qt_erlang_a(1, 1, 1, 1);
    CHECK_NEAR(r.p_abandon, exp(-1.0), 1e-12);
    CHECK_NEAR(r.lq, exp(-1.0), 1e-12);
    CHECK_NEAR(r.p_wait, 1 - exp(-1.0), 1e-12);
    CHECK_NEAR(r.util, 1 - exp(-1.0), 1e-12);
}
END_TEST

/* Stationary law of the chain truncated at N states, by solving
 * pi Q = 0, sum pi = 1 with an LU solve (a method unrelated to the product
 * form in qtheory.c). */
static void generator_solution(double lambda, double mu, unsigned c, double theta, size_t states,
                               double *pi) {
    gsl_matrix *qt = gsl_matrix_calloc(states, states); /* Q transposed */
    gsl_vector *rhs = gsl_vector_calloc(states);
    gsl_permutation *perm = gsl_permutation_alloc(states);
    ck_assert(qt && rhs && perm);
    for (size_t n = 0; n < states; n++) {
        double up = n + 1 < states ? lambda : 0;
        double down = n <= c ? n * mu : c * mu + (n - c) * theta;
        if (n + 1 < states) gsl_matrix_set(qt, n + 1, n, up);
        if (n > 0) gsl_matrix_set(qt, n - 1, n, down);
        gsl_matrix_set(qt, n, n, -(up + (n > 0 ? down : 0)));
    }
    for (size_t n = 0; n < states; n++) gsl_matrix_set(qt, states - 1, n, 1);
    gsl_vector_set(rhs, states - 1, 1);
    gsl_vector_view x = gsl_vector_view_array(pi, states);
    int signum;
    ck_assert(gsl_linalg_LU_decomp(qt, perm, &signum) == 0);
    ck_assert(gsl_linalg_LU_solve(qt, perm, rhs, &x.vector) == 0);
    gsl_permutation_free(perm);
    gsl_vector_free(rhs);
    gsl_matrix_free(qt);
}

START_TEST(test_erlang_a_against_generator_solve) {
    static const struct {
        double lambda, mu;
        unsigned c;
        double theta;
    } k[] = {{5, 1, 3, 0.5}, {3, 1, 4, 2}, {1.2, 1, 1, 0.1}, {20, 1, 15, 0.3}};
    enum { STATES = 400 };
    double pi[STATES];
    for (size_t i = 0; i < sizeof k / sizeof k[0]; i++) {
        generator_solution(k[i].lambda, k[i].mu, k[i].c, k[i].theta, STATES, pi);
        double lq = 0, wait = 0, busy = 0;
        for (unsigned n = 0; n < STATES; n++) {
            if (n >= k[i].c) wait += pi[n];
            if (n > k[i].c) lq += (n - k[i].c) * pi[n];
            busy += (n < k[i].c ? n : k[i].c) * pi[n];
        }
        qt_erlang_a_t r = qt_erlang_a(k[i].lambda, k[i].mu, k[i].c, k[i].theta);
        CHECK_REL(r.lq, lq, 1e-9);
        CHECK_NEAR(r.p_wait, wait, 1e-10);
        CHECK_NEAR(r.util, busy / k[i].c, 1e-10);
        CHECK_NEAR(r.p_abandon, k[i].theta * lq / k[i].lambda, 1e-10);
    }
}
END_TEST

/* Flow balance: every arrival is served or abandons, so
 * lambda (1 - p_abandon) = c mu util. This ties the busy-server sum to the
 * queue sum, which the code accumulates separately. */
START_TEST(test_erlang_a_flow_balance) {
    static const struct {
        double lambda, mu;
        unsigned c;
        double theta;
    } k[] = {{5, 1, 3, 0.5},   {3, 1, 4, 2},       {1.2, 1, 1, 0.1},
             {20, 1, 15, 0.3}, {100, 2, 40, 0.05}, {0.5, 1, 2, 5}};
    for (size_t i = 0; i < sizeof k / sizeof k[0]; i++) {
        qt_erlang_a_t r = qt_erlang_a(k[i].lambda, k[i].mu, k[i].c, k[i].theta);
        CHECK_REL(k[i].lambda * (1 - r.p_abandon), k[i].c * k[i].mu * r.util, 1e-11);
        ck_assert(r.p_abandon > 0 && r.p_abandon < 1);
        ck_assert(r.p_wait > 0 && r.p_wait <= 1); /* 1 - 1e-20 rounds to 1 */
        ck_assert(r.util > 0 && r.util < 1);
    }
}
END_TEST

START_TEST(test_erlang_a_invalid_is_nan) {
    check_erlang_a_nan(qt_erlang_a(1, 1, 1, -1));
    check_erlang_a_nan(qt_erlang_a(0, 1, 1, 1));
    check_erlang_a_nan(qt_erlang_a(1, 0, 1, 1));
    check_erlang_a_nan(qt_erlang_a(1, 1, 0, 1));
    check_erlang_a_nan(qt_erlang_a(1, 1, 1, NAN));
    check_erlang_a_nan(qt_erlang_a(1, 1, 1, INFINITY));
    /* overloaded with patience ~1e-12: would need ~1e12 states */
    check_erlang_a_nan(qt_erlang_a(2, 1, 1, 1e-12));
}
END_TEST

/* ---- Jackson networks ------------------------------------------------- */

/* The published central-server model: 3 jobs/s into the CPU (station 0),
 * then disk 1 w.p. 7/16, disk 2 w.p. 8/16, leave w.p. 1/16; disks return
 * to the CPU. Service times 0.01, 0.02, 0.03 s. */
START_TEST(test_jackson_published_central_server) {
    double ext[3] = {3, 0, 0};
    double route[9] = {0, 7.0 / 16, 8.0 / 16, 1, 0, 0, 1, 0, 0};
    double mu[3] = {1 / 0.01, 1 / 0.02, 1 / 0.03};
    unsigned c[3] = {1, 1, 1};
    double lam[3];
    qt_mmc_t st[3];
    ck_assert_int_eq(qt_jackson(3, ext, route, mu, c, lam, st), 0);
    CHECK_NEAR(lam[0], 48, 1e-9);
    CHECK_NEAR(lam[1], 21, 1e-9);
    CHECK_NEAR(lam[2], 24, 1e-9);
    static const double u[3] = {0.48, 0.42, 0.72}, r[3] = {0.0192, 0.0345, 0.107};
    for (int i = 0; i < 3; i++) {
        CHECK_NEAR(st[i].rho, u[i], 0.0005);
        CHECK_NEAR(st[i].w, r[i], 0.0005);
        /* single server: R = S / (1 - U) exactly */
        CHECK_REL(st[i].w, (1 / mu[i]) / (1 - st[i].rho), 1e-12);
    }
}
END_TEST

/* Three M/M/1 in a row at lambda = 2, mu = 3, 4, 2.5: rho = 2/3, 1/2, 4/5,
 * Lq = rho^2 / (1 - rho) = 4/3, 1/2, 16/5 and W = 1 / (mu - lambda) = 1,
 * 1/2, 2 (by hand: qt_jackson computes each station with qt_mmc, so
 * comparing with qt_mmc would check the code against itself). */
START_TEST(test_jackson_tandem_is_sum_of_mm1) {
    double ext[3] = {2, 0, 0};
    double route[9] = {0, 1, 0, 0, 0, 1, 0, 0, 0};
    double mu[3] = {3, 4, 2.5};
    unsigned c[3] = {1, 1, 1};
    const double want_lq[3] = {4.0 / 3, 0.5, 3.2}, want_w[3] = {1, 0.5, 2};
    double lam[3], total = 0;
    qt_mmc_t st[3];
    ck_assert_int_eq(qt_jackson(3, ext, route, mu, c, lam, st), 0);
    for (int i = 0; i < 3; i++) {
        CHECK_NEAR(lam[i], 2, 1e-12);
        CHECK_REL(st[i].w, want_w[i], 1e-12);
        CHECK_REL(st[i].lq, want_lq[i], 1e-12);
        total += st[i].w;
    }
    CHECK_REL(total, 3.5, 1e-12); /* 1 + 0.5 + 2 */
}
END_TEST

/* Feedback to itself (Bernoulli feedback) and a multi-server station:
 * station 0 returns half its customers to itself, so lambda_0 = 2 ext;
 * station 1 (c = 3) gets 0.3 of lambda_0 plus its own external stream. */
START_TEST(test_jackson_feedback_and_multiserver) {
    double ext[2] = {1, 0.5};
    double route[4] = {0.5, 0.3, 0, 0};
    double mu[2] = {3, 0.5};
    unsigned c[2] = {1, 3};
    double lam[2];
    qt_mmc_t st[2];
    ck_assert_int_eq(qt_jackson(2, ext, route, mu, c, lam, st), 0);
    CHECK_NEAR(lam[0], 2, 1e-12);
    CHECK_NEAR(lam[1], 0.5 + 0.3 * 2, 1e-12);
    /* station 1 is M/M/3 with a = 1.1 / 0.5 = 2.2, rho = 11/15, by hand
     * (not qt_mmc, which qt_jackson itself calls): sum_{k<3} a^k/k! = 1 +
     * 2.2 + 2.42 = 5.62, a^3/3! / (1 - rho) = 1.774667 / (4/15) = 6.655,
     * Erlang C = 6.655 / 12.275 = 1331/2455, Wq = C / (3 mu - lambda) =
     * C / 0.4, W = Wq + 1/mu = 3295/982.  Station 0 is M/M/1 with
     * lambda 2, mu 3: W = 1 / (3 - 2) = 1. */
    CHECK_REL(st[1].p_wait, 1331.0 / 2455, 1e-12);
    CHECK_REL(st[1].w, 3295.0 / 982, 1e-12);
    CHECK_REL(st[0].w, 1.0, 1e-12);
}
END_TEST

/* Station 2 gets no customers: reported as an idle station, not NaN. */
START_TEST(test_jackson_unreached_station_is_idle) {
    double ext[3] = {1, 0, 0};
    double route[9] = {0, 0.5, 0, 0, 0, 0, 0, 0, 0};
    double mu[3] = {2, 2, 4};
    unsigned c[3] = {1, 1, 2};
    double lam[3];
    qt_mmc_t st[3];
    ck_assert_int_eq(qt_jackson(3, ext, route, mu, c, lam, st), 0);
    CHECK_NEAR(lam[2], 0, 0);
    CHECK_NEAR(st[2].rho, 0, 0);
    CHECK_NEAR(st[2].l, 0, 0);
    CHECK_NEAR(st[2].w, 0.25, 1e-15);
    CHECK_NEAR(lam[1], 0.5, 1e-12);
}
END_TEST

static void check_jackson_fails(size_t k, const double *ext, const double *route, const double *mu,
                                const unsigned *c) {
    double lam[4];
    qt_mmc_t st[4];
    ck_assert(k <= 4);
    ck_assert_int_eq(qt_jackson(k, ext, route, mu, c, lam, st), -1);
    for (size_t i = 0; i < k; i++) check_all_nan(st[i]);
}

START_TEST(test_jackson_rejects_bad_networks) {
    double mu[3] = {5, 5, 5};
    unsigned c[3] = {1, 1, 1};
    /* 0 -> 1 -> 0 with no exit: customers pile up forever */
    double ext2[2] = {1, 0}, loop[4] = {0, 1, 1, 0};
    check_jackson_fails(2, ext2, loop, mu, c);
    /* a trap reachable from outside (2 <-> 1), while 0 can exit */
    double ext3[3] = {1, 0, 0}, trap[9] = {0, 0.5, 0, 0, 0, 1, 0, 1, 0};
    check_jackson_fails(3, ext3, trap, mu, c);
    /* unstable station: 6 > 5 */
    double ext_hi[1] = {6}, none[1] = {0};
    check_jackson_fails(1, ext_hi, none, mu, c);
    /* unstable only because of feedback: 3 / (1 - 0.5) = 6 > 5 */
    double ext_fb[1] = {3}, fb[1] = {0.5};
    check_jackson_fails(1, ext_fb, fb, mu, c);
    /* row sum above 1 */
    double over[4] = {0.7, 0.7, 0, 0};
    check_jackson_fails(2, ext2, over, mu, c);
    /* negative probability, negative rate, no servers, no mu */
    double neg[4] = {0, -0.1, 0, 0};
    check_jackson_fails(2, ext2, neg, mu, c);
    double ext_neg[2] = {-1, 0}, open[4] = {0, 0.5, 0, 0};
    check_jackson_fails(2, ext_neg, open, mu, c);
    unsigned c0[2] = {1, 0};
    check_jackson_fails(2, ext2, open, mu, c0);
    double mu0[2] = {5, 0};
    check_jackson_fails(2, ext2, open, mu0, c);
    /* the same open network with valid data passes (the failures above are
     * due to what was changed) */
    double lam[2];
    qt_mmc_t st[2];
    ck_assert_int_eq(qt_jackson(2, ext2, open, mu, c, lam, st), 0);
    ck_assert_int_eq(qt_jackson(0, ext2, open, mu, c, lam, st), -1);
}
END_TEST

/* Row sums that are 1 up to rounding (thirds) are accepted. */
START_TEST(test_jackson_row_sum_rounding) {
    double ext[3] = {0.3, 0, 0};
    double t = 1.0 / 3;
    double route[9] = {0, t, t, t, 0, t, t, t, 0}; /* each row exits 1/3 */
    double mu[3] = {5, 5, 5};
    unsigned c[3] = {2, 2, 2};
    double lam[3];
    qt_mmc_t st[3];
    ck_assert_int_eq(qt_jackson(3, ext, route, mu, c, lam, st), 0);
    /* total throughput: ext / exit probability = 0.9; by symmetry of the
     * routing among 1 and 2, lam1 = lam2; lam0 = 0.3 + 2 lam1 / 3,
     * lam1 = lam0/3 + lam1/3 -> lam1 = lam0 / 2 -> lam0 = 0.45 */
    CHECK_NEAR(lam[0], 0.45, 1e-12);
    CHECK_NEAR(lam[1], 0.225, 1e-12);
    CHECK_NEAR(lam[2], 0.225, 1e-12);
}
END_TEST

/* ---- the tolerances above can fail ------------------------------------ */

/* Each published tolerance would reject a slightly wrong model: 1% off in
 * lambda, one server fewer or more, or routing read as R instead of R^T. */
START_TEST(test_tolerances_catch_wrong_values) {
    ck_assert(fabs(qt_mmc(9.09, 5, 2).lq - 7.674) > 0.0005);
    ck_assert(fabs(qt_mmc(9, 5, 3).w - 1.053) > 0.0005);
    ck_assert(fabs(qt_mmc(2.4, 1, 4).p_wait - 0.647191) > 1e-6);
    ck_assert(fabs(qt_mmc(2.4 * 1.000001, 1, 3).lq - 2.588764) > 1e-6);
    ck_assert(fabs(qt_mg1(0.5, 1, 0.01).wq - 0.5) > 1e-15);
    qt_erlang_a_t a = qt_erlang_a(1, 1, 1, 1.001);
    ck_assert(fabs(a.p_abandon - exp(-1.0)) > 1e-12);
    /* central server: 1% more traffic at disk 2 leaves the published R.
     * (Reading the routing as R instead of R^T is caught by
     * test_jackson_unreached_station_is_idle, where it would give
     * lambda_1 = 0.) */
    ck_assert(fabs(qt_mmc(24 * 1.01, 100.0 / 3, 1).w - 0.107) > 0.0005);
}
END_TEST

/* Defined with `extern` on its own line first so the pattern the build
 * greps for (a line starting with `Suite *suite_`) is matched once. */
extern Suite *suite_qtheory(void);
Suite *suite_qtheory(void) {
    Suite *s = suite_create("qtheory");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_mmc_published_two_and_four_servers);
    tcase_add_test(tc, test_mmc_published_three_servers);
    tcase_add_test(tc, test_mm1_hand);
    tcase_add_test(tc, test_erlang_c_against_direct_sum);
    tcase_add_test(tc, test_erlang_c_large_c_log_space);
    tcase_add_test(tc, test_mmc_more_servers_wait_less);
    tcase_add_test(tc, test_mmc_invalid_is_nan);
    tcase_add_test(tc, test_md1_hand);
    tcase_add_test(tc, test_mg1_exponential_equals_mm1);
    tcase_add_test(tc, test_mg1_high_variance_hand);
    tcase_add_test(tc, test_mg1_invalid_is_nan);
    tcase_add_test(tc, test_wait_tail_mm1_hand);
    tcase_add_test(tc, test_wait_quantile_inverts_tail);
    tcase_add_test(tc, test_wait_tail_integrates_to_mean);
    tcase_add_test(tc, test_wait_tail_invalid_is_nan);
    tcase_add_test(tc, test_erlang_a_tiny_theta_is_erlang_c);
    tcase_add_test(tc, test_erlang_a_zero_theta_is_mmc);
    tcase_add_test(tc, test_erlang_a_theta_equals_mu_is_poisson);
    tcase_add_test(tc, test_erlang_a_large_c_rescaling);
    tcase_add_test(tc, test_erlang_a_hand_mm1m);
    tcase_add_test(tc, test_erlang_a_against_generator_solve);
    tcase_add_test(tc, test_erlang_a_flow_balance);
    tcase_add_test(tc, test_erlang_a_invalid_is_nan);
    tcase_add_test(tc, test_jackson_published_central_server);
    tcase_add_test(tc, test_jackson_tandem_is_sum_of_mm1);
    tcase_add_test(tc, test_jackson_feedback_and_multiserver);
    tcase_add_test(tc, test_jackson_unreached_station_is_idle);
    tcase_add_test(tc, test_jackson_rejects_bad_networks);
    tcase_add_test(tc, test_jackson_row_sum_rounding);
    tcase_add_test(tc, test_tolerances_catch_wrong_values);
    suite_add_tcase(s, tc);
    return s;
}
