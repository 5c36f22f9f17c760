/* Unit tests for the experiment runner (study/runner.h): results independent of
 * the thread count, counts and the done mask, failures, and interruption
 * by SIGINT with the previous signal disposition restored. */
#include <check.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "runner.h"
#include "rng.h"
#include "checks.h"

#define TEST_SEED 31337u

/* Caller-owned results, one slot per [point][rep]. */
typedef struct sum_ctx {
    uint64_t seed;
    size_t n_reps;
    double *sum;       /* n_points * n_reps                      */
    atomic_int calls;  /* how often the task function ran        */
    size_t fail_every; /* task numbers t % fail_every == 1 fail  */
} sum_ctx_t;

/* Draw 1000 numbers from stream (seed, rep, 3 + point) and store the sum. */
static int sum_task(void *ctx, size_t point, size_t rep, const atomic_int *stop) {
    sum_ctx_t *c = ctx;
    (void)stop;
    atomic_fetch_add(&c->calls, 1);
    size_t t = point * c->n_reps + rep;
    if (c->fail_every && t % c->fail_every == 1) return -1;
    gsl_rng *g = rng_stream_new(c->seed, (uint32_t)rep, (uint32_t)(3 + point));
    if (!g) return -1;
    double s = 0.0;
    for (int i = 0; i < 1000; i++) s += gsl_rng_uniform(g);
    gsl_rng_free(g);
    c->sum[t] = s;
    return 0;
}

static runner_config_t config(size_t points, size_t reps, unsigned threads) {
    runner_config_t cfg = {points, reps, threads, {NULL, NULL}};
    return cfg;
}

static runner_status_t run_sums(size_t points, size_t reps, unsigned threads, double *sum,
                                unsigned char *mask, size_t fail_every) {
    sum_ctx_t ctx;
    ctx.seed = TEST_SEED;
    ctx.n_reps = reps;
    ctx.sum = sum;
    atomic_init(&ctx.calls, 0);
    ctx.fail_every = fail_every;
    for (size_t i = 0; i < points * reps; i++) sum[i] = -1.0;
    runner_config_t cfg = config(points, reps, threads);
    runner_status_t st = runner_run(&cfg, sum_task, &ctx, mask);
    /* every task ran exactly once (no interruption in these runs) */
    CHECK_EQ((size_t)atomic_load(&ctx.calls), points * reps);
    return st;
}

START_TEST(test_identical_across_thread_counts) {
    enum { P = 6, R = 40, N = P * R };
    double ref[N], got[N];
    unsigned char mask[N];
    runner_status_t st = run_sums(P, R, 1, ref, mask, 0);
    CHECK_EQ(st.done, N);
    CHECK_EQ(st.failed, 0);
    CHECK(!st.interrupted);
    CHECK(st.seconds >= 0.0);
    for (size_t i = 0; i < N; i++) CHECK_EQ(mask[i], 1);
    /* the results are real sums (about 500 each) and differ between tasks,
     * so the comparison below can catch a task writing the wrong slot */
    for (size_t i = 0; i < N; i++) CHECK(ref[i] > 400.0 && ref[i] < 600.0);
    for (size_t i = 1; i < N; i++) CHECK(ref[i] != ref[i - 1]);
    const unsigned threads[] = {2, 4, 7, 0};
    for (size_t k = 0; k < sizeof threads / sizeof threads[0]; k++) {
        memset(mask, 0, sizeof mask);
        st = run_sums(P, R, threads[k], got, mask, 0);
        CHECK_EQ(st.done, N);
        CHECK_EQ(st.failed, 0);
        CHECK(!st.interrupted);
        for (size_t i = 0; i < N; i++) CHECK_EQ(mask[i], 1);
        CHECK(memcmp(ref, got, sizeof ref) == 0);
    }
}
END_TEST

/* The slot of task (point, rep) really is point * n_reps + rep: compute one
 * slot independently. */
START_TEST(test_slot_layout) {
    enum { P = 3, R = 5 };
    double sum[P * R];
    unsigned char mask[P * R];
    run_sums(P, R, 2, sum, mask, 0);
    gsl_rng *g = rng_stream_new(TEST_SEED, 4, 3 + 2); /* point 2, rep 4 */
    double s = 0.0;
    for (int i = 0; i < 1000; i++) s += gsl_rng_uniform(g);
    gsl_rng_free(g);
    CHECK(sum[2 * R + 4] == s);
}
END_TEST

START_TEST(test_failures_counted) {
    enum { P = 4, R = 25, N = P * R };
    double sum[N];
    unsigned char mask[N];
    memset(mask, 0xAA, sizeof mask);                      /* runner_run must overwrite every byte */
    runner_status_t st = run_sums(P, R, 3, sum, mask, 7); /* t % 7 == 1 fail */
    size_t want_failed = 0;
    for (size_t t = 0; t < N; t++) {
        bool fails = t % 7 == 1;
        want_failed += fails;
        CHECK_EQ(mask[t], fails ? 0 : 1);
        if (fails) CHECK(sum[t] == -1.0); /* untouched */
    }
    CHECK_EQ(st.failed, want_failed);
    CHECK_EQ(st.done, N - want_failed);
    CHECK(!st.interrupted);
}
END_TEST

START_TEST(test_empty_experiment) {
    sum_ctx_t ctx;
    memset(&ctx, 0, sizeof ctx);
    atomic_init(&ctx.calls, 0);
    runner_config_t cfg = config(0, 10, 4);
    runner_status_t st = runner_run(&cfg, sum_task, &ctx, NULL);
    CHECK_EQ(st.done, 0);
    CHECK_EQ(st.failed, 0);
    CHECK(!st.interrupted);
    CHECK_EQ(atomic_load(&ctx.calls), 0);
}
END_TEST

/* Processors the kernel lists as online in /sys/devices/system/cpu/online
 * (ranges such as "0-3,8,10-11"), or 0 when it cannot be read. */
static unsigned sysfs_online_cpus(void) {
    FILE *f = fopen("/sys/devices/system/cpu/online", "r");
    if (!f) return 0;
    char line[4096];
    bool ok = fgets(line, sizeof line, f) != NULL;
    fclose(f);
    if (!ok) return 0;
    unsigned n = 0;
    for (char *p = line; *p && *p != '\n';) {
        char *end;
        unsigned long lo = strtoul(p, &end, 10), hi = lo;
        if (end == p) return 0;
        if (*end == '-') hi = strtoul(end + 1, &end, 10);
        n += (unsigned)(hi - lo + 1);
        p = *end == ',' ? end + 1 : end;
    }
    return n;
}

/* The default is the number of online processors, as the kernel lists
 * them (a different route from the sysconf call in runner.c). */
START_TEST(test_default_threads) {
    unsigned want = sysfs_online_cpus();
    if (want == 0) return; /* no sysfs: nothing independent to compare */
    CHECK_EQ(runner_default_threads(), want);
}
END_TEST

/* ---- interruption -------------------------------------------------------- */

typedef struct int_ctx {
    size_t n_reps;
    size_t raiser;      /* task number that raises SIGINT          */
    unsigned char *ran; /* task t was called                        */
    atomic_int calls;
    bool wait_for_stop; /* other tasks wait until the flag is up   */
} int_ctx_t;

static void sleep_ms(long ms) {
    struct timespec ts = {0, ms * 1000000L};
    nanosleep(&ts, NULL);
}

/* Task `raiser` sends SIGINT to the process as Ctrl-C would; in the
 * multi-threaded variant every other task works until it sees the stop
 * flag (at most 5 s) and then returns 1 as a stopped task should. */
static int int_task(void *ctx, size_t point, size_t rep, const atomic_int *stop) {
    int_ctx_t *c = ctx;
    size_t t = point * c->n_reps + rep;
    c->ran[t] = 1;
    atomic_fetch_add(&c->calls, 1);
    if (t == c->raiser) {
        raise(SIGINT);
        return atomic_load(stop) ? 1 : 0;
    }
    if (c->wait_for_stop) {
        for (int i = 0; i < 5000 && !atomic_load(stop); i++) sleep_ms(1);
        return atomic_load(stop) ? 1 : 0;
    }
    return 0;
}

/* The handler currently installed for SIGINT. */
static void (*sigint_handler(void))(int) {
    struct sigaction now;
    sigaction(SIGINT, NULL, &now);
    return now.sa_handler;
}

/* Runs int_task over points x ctx->n_reps on `threads` threads with `before`
 * installed as the SIGINT disposition, then puts the caller's disposition
 * back; *after is the one runner_run left installed. */
static runner_status_t run_with_sigint_disposition(void (*before)(int), size_t points,
                                                   unsigned threads, int_ctx_t *ctx,
                                                   unsigned char *mask, void (**after)(int)) {
    struct sigaction sa, saved;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = before;
    sigemptyset(&sa.sa_mask);
    CHECK_EQ(sigaction(SIGINT, &sa, &saved), 0);
    runner_config_t cfg = config(points, ctx->n_reps, threads);
    runner_status_t st = runner_run(&cfg, int_task, ctx, mask);
    *after = sigint_handler();
    sigaction(SIGINT, &saved, NULL); /* leave the process as we found it */
    return st;
}

/* Run 100 tasks where one raises SIGINT (task 5 on one thread; task 0 on
 * several, the others then busy until they see the flag), with `before`
 * installed as the SIGINT disposition; check the interruption and that
 * `before` is back afterwards. */
static void check_interrupt(unsigned threads, void (*before)(int)) {
    enum { P = 4, R = 25, N = P * R };
    unsigned char ran[N] = {0}, mask[N];
    size_t raiser = threads == 1 ? 5 : 0;
    int_ctx_t ctx = {R, raiser, ran, 0, threads > 1};
    atomic_init(&ctx.calls, 0);
    void (*after)(int);
    runner_status_t st = run_with_sigint_disposition(before, P, threads, &ctx, mask, &after);
    /* we are still alive: SIGINT did not take its default action */
    CHECK(st.interrupted);
    CHECK_CMP(st.done, <, N);
    CHECK_EQ(st.failed, 0);
    CHECK(after == before); /* exp's handler is gone again */
    size_t marked = 0;
    for (size_t t = 0; t < N; t++) {
        marked += mask[t];
        if (mask[t]) CHECK(ran[t]);
    }
    CHECK_EQ(marked, st.done);
    CHECK_EQ(mask[raiser], 0); /* it saw the flag and stopped early */
    if (threads == 1) {
        /* tasks run in order: 0..4 finished, 5 stopped, none started after */
        CHECK_EQ(st.done, 5);
        for (size_t t = 0; t < 5; t++) CHECK_EQ(mask[t], 1);
        CHECK_EQ(atomic_load(&ctx.calls), 6);
    } else {
        /* each thread had at most one task under way: all stopped early */
        CHECK_EQ(st.done, 0);
        CHECK_CMP(atomic_load(&ctx.calls), <=, threads);
    }
}

START_TEST(test_sigint_single_thread_default_disposition) { check_interrupt(1, SIG_DFL); }
END_TEST

/* An ignored SIGINT (nohup, background jobs) stays ignored: the raise in
 * task 5 changes nothing, every task finishes, the disposition is kept. */
START_TEST(test_sigint_single_thread_ignored_disposition) {
    enum { P = 4, R = 25, N = P * R };
    unsigned char ran[N] = {0}, mask[N];
    int_ctx_t ctx = {R, 5, ran, 0, false};
    atomic_init(&ctx.calls, 0);
    void (*after)(int);
    runner_status_t st = run_with_sigint_disposition(SIG_IGN, P, 1, &ctx, mask, &after);
    CHECK(!st.interrupted);
    CHECK_EQ(st.done, N);
    CHECK(after == SIG_IGN);
}
END_TEST

/* A second Ctrl-C is not caught (SA_RESETHAND): after the first, the
 * disposition inside the run is the default again. */
static void (*seen_during_run)(int);
static int reset_task(void *ctx, size_t point, size_t rep, const atomic_int *stop) {
    (void)ctx;
    (void)point;
    (void)stop;
    if (rep == 0) {
        raise(SIGINT);
        seen_during_run = sigint_handler();
    }
    return 0;
}

START_TEST(test_second_sigint_not_caught) {
    runner_config_t cfg = config(1, 1, 1);
    seen_during_run = NULL;
    runner_status_t st = runner_run(&cfg, reset_task, NULL, NULL);
    CHECK(st.interrupted);
    CHECK(seen_during_run == SIG_DFL);
}
END_TEST

START_TEST(test_sigint_four_threads) { check_interrupt(4, SIG_DFL); }
END_TEST

/* An interrupted run does not poison the next one. */
START_TEST(test_run_after_interrupt) {
    check_interrupt(1, SIG_DFL);
    enum { P = 2, R = 10, N = P * R };
    double sum[N];
    unsigned char mask[N];
    runner_status_t st = run_sums(P, R, 2, sum, mask, 0);
    CHECK(!st.interrupted);
    CHECK_EQ(st.done, N);
}
END_TEST

/* What a progress sink saw: every count, in call order. */
typedef struct seen {
    size_t calls, finals, last_done, total;
    bool went_back; /* a count smaller than the one before   */
} seen_t;

static void record_progress(void *arg, size_t done, size_t total, bool final) {
    seen_t *s = arg;
    if (done < s->last_done) s->went_back = true;
    s->last_done = done;
    s->total = total;
    s->calls++;
    s->finals += final;
}

/* The sink hears of every task, with counts that never go back, and
 * exactly one final call with everything done. */
START_TEST(test_progress_sink) {
    enum { P = 3, R = 7, N = P * R };
    double sum[N];
    sum_ctx_t ctx = {TEST_SEED, R, sum, 0, 0};
    seen_t seen = {0};
    runner_config_t cfg = {P, R, 4, {record_progress, &seen}};
    runner_status_t st = runner_run(&cfg, sum_task, &ctx, NULL);
    CHECK_EQ(st.done, N);
    CHECK_EQ(seen.calls, N + 1);
    CHECK_EQ(seen.finals, 1);
    CHECK_EQ(seen.last_done, N);
    CHECK_EQ(seen.total, N);
    CHECK(!seen.went_back);
}
END_TEST

/* The runner's entry (declared here for -Wmissing-prototypes; the line does
 * not start with `Suite *` so the suite is listed once). */
extern Suite *suite_runner(void);
Suite *suite_runner(void) {
    Suite *s = suite_create("runner");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_identical_across_thread_counts);
    tcase_add_test(tc, test_slot_layout);
    tcase_add_test(tc, test_failures_counted);
    tcase_add_test(tc, test_empty_experiment);
    tcase_add_test(tc, test_default_threads);
    tcase_add_test(tc, test_sigint_single_thread_default_disposition);
    tcase_add_test(tc, test_sigint_single_thread_ignored_disposition);
    tcase_add_test(tc, test_sigint_four_threads);
    tcase_add_test(tc, test_second_sigint_not_caught);
    tcase_add_test(tc, test_run_after_interrupt);
    tcase_add_test(tc, test_progress_sink);
    suite_add_tcase(s, tc);
    return s;
}
