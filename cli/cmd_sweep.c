/*
 * govsim sweep SWEEP.cfg [-r N] [--days D] [--seed S] [-j N] [-o DIR]
 *                        [--resume] [--quiet] [--progress MODE]
 *                        [--set PATH=VALUE]... [--design POINTS.csv]
 *
 * Runs every point of a sweep's design (models/sweep.h) for the sweep's
 * replications, on the thread pool, with common random numbers: every
 * point's replication r uses the same streams.  Files in DIR (default
 * results/<sweep>-sweep/), docs/sweeps.md:
 *
 *   design.csv       point, then each factor's value
 *   results.csv      point, replication, then each KPI (all cases)
 *   summary_wide.csv point, then each KPI's mean, ci_low, ci_high; n (wide:
 *                    a column per KPI, unlike run's and compare's tidy
 *                    summary.csv, hence its own name)
 *   sensitivity.csv  Sobol indices with bootstrap CIs (saltelli designs) or
 *                    standardized regression coefficients (the others)
 *   charts           response curves, heat maps, Sobol indices
 *
 * Nothing is lost: as soon as a point's replications are all done its rows
 * are appended to results.partial.csv, flushed and fsync'ed.  An
 * interrupted sweep (Ctrl-C, a killed process) resumes with --resume: the
 * points found whole in results.partial.csv are not run again.  A resume
 * reads the file only up to its last whole row and cuts it there before
 * appending, so a line a crash cut short is never glued to a new row nor
 * read as one, however often the sweep is resumed.  The final
 * files are written whole at the end (sorted by point and replication), so
 * they are byte-identical to an uninterrupted run's.  design.csv is written
 * first; --resume refuses to go on if the sweep's design has changed since.
 *
 * Memory: a point's scenario is built when its first replication starts
 * and freed after its last (every point is built and checked once, one at
 * a time, before the run), so a design of 100,000 points costs its
 * results, not 100,000 scenarios.
 */
#include <assert.h>
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "i18n.h"
#include "clock.h"
#include "errmsg.h"
#include "runner.h"
#include "runner_mpi.h"
#include "out_csv.h"
#include "text.h"
#include "out_file.h"
#include "sweep.h"
#include "sweep_out.h"
#include "sweep_partial.h"

typedef struct sweep_run {
    sweep_t sw;
    scn_t **scn;                /* per point: built while its replications
                                   run (lazily), else NULL                   */
    unsigned char *state;       /* per point: POINT_NONE, _BUILDING, ...     */
    pthread_mutex_t build_lock; /* guards scn and state                      */
    pthread_cond_t built;       /* a point left POINT_BUILDING               */
    size_t mpi_point;           /* MPI worker: the point it holds, or SIZE_MAX */
    double *reform_cost;        /* per point, yuan per year                  */
    size_t n_points, n_reps, n_kpis;
    double *results;      /* [point][rep][kpi]                         */
    unsigned char *have;  /* per point: 1 when all its results are in  */
    atomic_size_t *left;  /* per point: replications still running     */
    FILE *partial;        /* results.partial.csv, appended             */
    pthread_mutex_t lock; /* guards partial and have                   */
    int write_failed;
    sweep_partial_shape_t shape; /* of results.partial.csv */
    const char *kpi_names[SWEEP_MAX_KPIS];
} sweep_run_t;

static double *slot(const sweep_run_t *r, size_t p, size_t rep) {
    return r->results + (p * r->n_reps + rep) * r->n_kpis;
}

/* Point p is whole: append its rows, durably, before counting it done. */
static void point_done(sweep_run_t *r, size_t p) {
    pthread_mutex_lock(&r->lock);
    if (r->partial && !r->write_failed) { /* after a failed write, none: no glued rows */
        for (size_t rep = 0; rep < r->n_reps; rep++)
            sweep_partial_write_row(r->partial, &r->shape, p, rep, slot(r, p, rep));
        if (fflush(r->partial) != 0 || fsync(fileno(r->partial)) != 0) r->write_failed = errno;
    }
    r->have[p] = 1;
    pthread_mutex_unlock(&r->lock);
}

/* ------------------------------------------------------- points, lazily */

/* A point's scenario exists only while its replications run: built by the
 * first task of the point (the others wait for it), freed when its last
 * replication is done, so memory holds about one point per thread, not
 * the whole design (100,000 points of a province would need gigabytes).
 * Every point was built and checked once before the run (check_points),
 * so a build here fails only when memory runs out. */
enum { POINT_NONE, POINT_BUILDING, POINT_READY, POINT_FAILED };

/* Point p's scenario, built on first use; NULL if that failed (the
 * message is on stderr, once). */
static scn_t *point_scn(sweep_run_t *r, size_t p) {
    pthread_mutex_lock(&r->build_lock);
    while (r->state[p] == POINT_BUILDING) pthread_cond_wait(&r->built, &r->build_lock);
    if (r->state[p] == POINT_NONE) {
        r->state[p] = POINT_BUILDING;
        pthread_mutex_unlock(&r->build_lock);
        char err[2048];
        double cost;
        scn_t *scn = malloc(sizeof *scn);
        if (!scn) snprintf(err, sizeof err, "out of memory");
        else if (sweep_build_point(&r->sw, p, scn, &cost, err, sizeof err) != 0) {
            free(scn);
            scn = NULL;
        }
        if (!scn) fprintf(stderr, "govsim sweep: point %zu: %s\n", p, err);
        pthread_mutex_lock(&r->build_lock);
        r->scn[p] = scn;
        r->state[p] = scn ? POINT_READY : POINT_FAILED;
        pthread_cond_broadcast(&r->built);
    }
    scn_t *scn = r->state[p] == POINT_READY ? r->scn[p] : NULL;
    pthread_mutex_unlock(&r->build_lock);
    return scn;
}

/* Free point p's scenario (its replications are done). */
static void point_release(sweep_run_t *r, size_t p) {
    pthread_mutex_lock(&r->build_lock);
    scn_t *scn = r->scn[p];
    r->scn[p] = NULL;
    if (r->state[p] == POINT_READY) r->state[p] = POINT_NONE;
    pthread_mutex_unlock(&r->build_lock);
    if (scn) scn_free(scn);
    free(scn);
}

/* Replication rep of point p into its slot. */
static int compute(sweep_run_t *r, size_t p, size_t rep, const atomic_int *stop, double *out) {
    scn_t *scn = point_scn(r, p);
    if (!scn) return -1;
    flow_result_t fr;
    int rc = flow_run(scn, (uint32_t)rep, stop, &fr);
    if (rc != 0) {
        flow_result_free(&fr);
        return rc;
    }
    for (size_t k = 0; k < r->n_kpis; k++) {
        out[k] = flow_kpi(&fr, 0, r->sw.kpis[k]);
        if (r->sw.kpis[k] == FLOW_K_COST_YEAR) out[k] += r->reform_cost[p];
    }
    flow_result_free(&fr);
    return 0;
}

static int task(void *ctx, size_t p, size_t rep, const atomic_int *stop) {
    sweep_run_t *r = ctx;
    if (r->have[p]) return 0; /* resumed: already in results.partial.csv */
    int rc = compute(r, p, rep, stop, slot(r, p, rep));
    if (rc != 0) return rc;
    if (atomic_fetch_sub(&r->left[p], 1) == 1) {
        point_done(r, p);
        point_release(r, p);
    }
    return 0;
}

/* MPI: workers compute; rank 0 stores each result as it arrives.  A
 * worker gets its tasks in order, in batches: it keeps the point it is on
 * and frees it when it moves to another. */
static int mpi_task(void *ctx, size_t p, size_t rep, double *out) {
    sweep_run_t *r = ctx;
    if (r->mpi_point != p && r->mpi_point != SIZE_MAX) point_release(r, r->mpi_point);
    r->mpi_point = p;
    return compute(r, p, rep, NULL, out) == 0 ? 0 : -1;
}
static void mpi_done(void *ctx, size_t p, size_t rep, const double *out) {
    sweep_run_t *r = ctx;
    memcpy(slot(r, p, rep), out, r->n_kpis * sizeof *out);
    if (atomic_fetch_sub(&r->left[p], 1) == 1) point_done(r, p);
}

/* ------------------------------------------------------------- command */

typedef struct sweep_options {
    const char *file, *out_dir;
    unsigned threads;
    bool resume, quiet;
    int progress;             /* --progress, or CLI_PROGRESS_AUTO */
    sweep_overrides_t change; /* -r, --days, --seed, --set, --design */
} sweep_options_t;

/* Returns 0, 1 after printing help, -1 after a usage error. */
static int parse(int argc, char **argv, sweep_options_t *o, cli_args_t *args) {
    cli_args_t a = {0};
    int rc = cli_args_parse(cli_command_find("sweep"), argc, argv, &a);
    if (rc != 0) return rc;
    *args = a;
    o->progress = a.progress;
    o->change = (sweep_overrides_t){a.reps,  (int)a.days, a.given[CLI_OPT_SEED], a.seed, args->set,
                                    a.n_set, a.design};
    o->file = a.positional[0];
    o->out_dir = a.out_dir;
    o->threads = a.threads;
    o->resume = a.given[CLI_OPT_RESUME];
    o->quiet = a.given[CLI_OPT_QUIET];
    return 0;
}

/* Build and check every point's scenario before anything runs (a point
 * that cannot be built is an input error, better found now than after an
 * hour of runs), one at a time: memory for one point, whatever the
 * design's size.  Each point's reform cost is kept. */
static int check_points(sweep_run_t *r, char *err, size_t errlen) {
    for (size_t p = 0; p < r->n_points; p++) {
        scn_t scn;
        if (sweep_build_point(&r->sw, p, &scn, &r->reform_cost[p], err, errlen) != 0) {
            char *tail = strdup(err);
            errmsg_format(err, errlen, "point %zu: %s", p, tail ? tail : "out of memory");
            free(tail);
            return -1;
        }
        scn_free(&scn);
    }
    return 0;
}

/* design.csv as text, to write or to compare with a run being resumed. */
static char *design_text(const sweep_t *s, size_t *len) {
    char *buf = NULL;
    FILE *fp = open_memstream(&buf, len);
    if (!fp) return NULL;
    const char **head = malloc((s->n_factors + 1) * sizeof *head);
    if (!head) {
        fclose(fp);
        free(buf);
        return NULL;
    }
    head[0] = "point";
    for (size_t j = 0; j < s->n_factors; j++) head[j + 1] = s->factors[j].name;
    out_csv_header(fp, head, s->n_factors + 1);
    free(head);
    for (size_t p = 0; p < s->n_points; p++) {
        fprintf(fp, "%zu", p);
        for (size_t j = 0; j < s->n_factors; j++) {
            char v[512];
            sweep_value_text(s, p, j, v, sizeof v);
            fputc(',', fp);
            text_csv_field(fp, v);
        }
        fputc('\n', fp);
    }
    fclose(fp);
    return buf;
}

static int write_text(const char *dir, const char *name, const char *text, size_t len, char *err,
                      size_t errlen) {
    out_file_t f;
    FILE *fp = out_file_open(&f, dir, name, err, errlen);
    if (!fp) return -1;
    fwrite(text, 1, len, fp);
    return out_file_commit(&f, err, errlen);
}

/* design.csv: written, or (resuming) compared with the one on disk. */
static int design_file(const sweep_run_t *r, const char *dir, bool resume, char *err,
                       size_t errlen) {
    size_t len;
    char *text = design_text(&r->sw, &len);
    if (!text) {
        errmsg_format(err, errlen, "out of memory");
        return -1;
    }
    int rc = 0;
    char path[1200];
    snprintf(path, sizeof path, "%s/design.csv", dir);
    FILE *old = resume ? fopen(path, "r") : NULL;
    if (old) {
        char *buf = malloc(len + 2);
        size_t got = buf ? fread(buf, 1, len + 1, old) : 0;
        fclose(old);
        if (!buf || got != len || memcmp(buf, text, len) != 0) {
            errmsg_format(err, errlen,
                          "%s: the sweep's design has changed since the interrupted "
                          "run; run without --resume (or another -o folder)",
                          path);
            rc = -2;
        }
        free(buf);
    } else {
        rc = write_text(dir, "design.csv", text, len, err, errlen);
    }
    free(text);
    return rc;
}

static int write_results(const sweep_run_t *r, const char *dir, char *err, size_t errlen) {
    out_file_t f;
    FILE *fp = out_file_open(&f, dir, "results.csv", err, errlen);
    if (!fp) return -1;
    sweep_partial_write_header(fp, &r->shape);
    for (size_t p = 0; p < r->n_points; p++)
        for (size_t rep = 0; rep < r->n_reps; rep++)
            sweep_partial_write_row(fp, &r->shape, p, rep, slot(r, p, rep));
    return out_file_commit(&f, err, errlen);
}

static void free_run(sweep_run_t *r, bool locks) {
    for (size_t p = 0; r->scn && p < r->n_points; p++) point_release(r, p); /* interrupted */
    if (locks) {
        pthread_mutex_destroy(&r->build_lock);
        pthread_cond_destroy(&r->built);
    }
    free(r->scn);
    free(r->state);
    free(r->reform_cost);
    free(r->results);
    free(r->have);
    free(r->left);
    sweep_free(&r->sw);
}

/* Run what is not done yet; threads, or MPI ranks when there are several. */
static int run_points(sweep_run_t *r, const sweep_options_t *o, runner_status_t *st) {
    memset(st, 0, sizeof *st);
    if (runner_mpi_size() > 1) {
        out_progress_t prog; /* log lines when mpirun gives rank 0 a pipe */
        runner_mpi_config_t mc = {r->n_points, r->n_reps, r->n_kpis, NULL,
                                  cli_progress_as(&prog, o->quiet, o->progress, "sweep")};
        unsigned char *skip = calloc(r->n_points * r->n_reps, 1);
        bool ready = runner_mpi_all_ok(skip != NULL);
        if (!ready || !skip) {
            free(skip);
            return -1;
        }
        for (size_t p = 0; p < r->n_points; p++)
            if (r->have[p]) memset(skip + p * r->n_reps, 1, r->n_reps);
        mc.skip = skip;
        int rc = runner_mpi_run(&mc, mpi_task, mpi_done, r);
        free(skip);
        return rc;
    }
    out_progress_t prog;
    runner_config_t cfg = {r->n_points, r->n_reps, o->threads,
                           cli_progress_as(&prog, o->quiet, o->progress, "sweep")};
    *st = runner_run(&cfg, task, r, NULL);
    return st->failed ? -1 : 0;
}

/* results.partial.csv ready to append to: cut to its first `keep` bytes
 * (its header and whole rows, so nothing is ever glued to a line a crash
 * cut short), or written anew with its header when keep is 0; the header
 * is on disk before any row.  Returns 0, or -1 with errno set. */
static int open_partial(sweep_run_t *r, const char *path, long keep) {
    if (keep > 0 && truncate(path, (off_t)keep) != 0) return -1;
    r->partial = fopen(path, keep > 0 ? "a" : "w");
    if (!r->partial) return -1;
    if (keep == 0) sweep_partial_write_header(r->partial, &r->shape);
    if (fflush(r->partial) != 0 || fsync(fileno(r->partial)) != 0) {
        int e = errno;
        fclose(r->partial);
        r->partial = NULL;
        errno = e;
        return -1;
    }
    return 0;
}

/* The files a sweep writes at its end, and the kinds of temporary files
 * it may leave when killed (results.partial.csv and design.csv are kept:
 * --resume reads them). */
static const char *const CHART_NAMES[] = {"response", "heatmap", "points", "sobol_indices"};
static const char *const CHART_EXTS[] = {"dat", "gp", "png", "svg"};
static const char *const FINAL_FILES[] = {"results.csv", "summary_wide.csv", "summary.csv",
                                          "sensitivity.csv"};
static const char *const SWEEP_KINDS[] = {
    "design.csv", "results.csv", "summary_wide.csv", "summary.csv",     "sensitivity.csv",
    "response.*", "heatmap.*",   "points.*",         "sobol_indices.*", NULL};

/* Remove what an earlier sweep into DIR left: its final files and charts
 * (another design draws other charts, which must not pass for this one's),
 * and the temporary files of a killed run.  Nothing else is touched.
 * Returns 0, or -1 with a message. */
static int remove_old_outputs(const char *dir, char *err, size_t errlen) {
    if (out_file_remove_stale(dir, SWEEP_KINDS, err, errlen) < 0) return -1;
    size_t n_final = sizeof FINAL_FILES / sizeof *FINAL_FILES;
    size_t n_charts = sizeof CHART_NAMES / sizeof *CHART_NAMES;
    size_t n_exts = sizeof CHART_EXTS / sizeof *CHART_EXTS;
    char path[1200];
    for (size_t i = 0; i < n_final + n_charts * n_exts; i++) {
        if (i < n_final) {
            snprintf(path, sizeof path, "%s/%s", dir, FINAL_FILES[i]);
        } else {
            size_t c = (i - n_final) / n_exts, x = (i - n_final) % n_exts;
            snprintf(path, sizeof path, "%s/%s.%s", dir, CHART_NAMES[c], CHART_EXTS[x]);
        }
        if (unlink(path) != 0 && errno != ENOENT) {
            errmsg_format(err, errlen, "cannot remove the earlier run's '%s': %s", path,
                          strerror(errno));
            return -1;
        }
    }
    return 0;
}

/* Rank 0's preparation of the output folder: design.csv written (or
 * checked, resuming), results.partial.csv read (resuming), what an earlier
 * sweep left removed, results.partial.csv opened.
 * Returns a CLI code, the message on stderr. */
static int prepare_output(sweep_run_t *r, const sweep_options_t *o, const char *dir,
                          const char *partial) {
    char err[2048];
    if (out_mkdir_p(dir, err, sizeof err) != 0) {
        fprintf(stderr, "govsim sweep: %s\n", err);
        return CLI_FAILURE;
    }
    int d = design_file(r, dir, o->resume, err, sizeof err);
    if (d != 0) {
        fprintf(stderr, "govsim sweep: %s\n", err);
        return d == -2 ? CLI_USAGE : CLI_FAILURE;
    }
    sweep_partial_state_t ps = {0, 0, 0};
    if (o->resume &&
        sweep_partial_read(&r->shape, partial, r->results, r->have, &ps, err, sizeof err) != 0) {
        fprintf(stderr, "govsim sweep: %s\n", err);
        return CLI_USAGE;
    }
    if (remove_old_outputs(dir, err, sizeof err) != 0) {
        fprintf(stderr, "govsim sweep: %s\n", err);
        return CLI_FAILURE;
    }
    if (open_partial(r, partial, ps.keep) != 0) {
        fprintf(stderr, "govsim sweep: cannot write %s: %s\n", partial, strerror(errno));
        return CLI_FAILURE;
    }
    if (ps.dropped > 0 && !o->quiet)
        fprintf(stderr,
                "govsim sweep: warning: %s: %ld line%s from a damaged row on "
                "dropped; their points run again\n",
                partial, ps.dropped, ps.dropped == 1 ? "" : "s");
    if (ps.recovered > 0 && !o->quiet)
        fprintf(stderr, _("govsim sweep: resuming: %ld of %zu points already done\n"), ps.recovered,
                r->n_points);
    return CLI_OK;
}

/* Load the sweep and build its points (every rank).  Returns a CLI code;
 * rank 0 prints the message. */
static int load_points(sweep_run_t *r, const sweep_options_t *o, bool *locks) {
    char err[2048];
    bool rank0 = runner_mpi_rank() == 0;
    if (sweep_load_with(&r->sw, o->file, &o->change, err, sizeof err) != 0) {
        if (rank0) fprintf(stderr, "%s\n", err);
        return CLI_USAGE;
    }
    if (pthread_mutex_init(&r->build_lock, NULL) != 0) return CLI_FAILURE;
    if (pthread_cond_init(&r->built, NULL) != 0) {
        pthread_mutex_destroy(&r->build_lock);
        return CLI_FAILURE;
    }
    *locks = true;
    r->mpi_point = SIZE_MAX;
    r->n_points = r->sw.n_points;
    r->n_reps = r->sw.replications;
    r->n_kpis = r->sw.n_kpis;
    for (size_t k = 0; k < r->n_kpis; k++) r->kpi_names[k] = flow_kpi_name(r->sw.kpis[k]);
    r->shape = (sweep_partial_shape_t){r->n_points, r->n_reps, r->n_kpis, r->kpi_names};
    assert(r->n_points > 0 && r->n_reps > 0 && r->n_kpis > 0); /* sweep_load guarantees them */
    // NOLINTNEXTLINE(bugprone-sizeof-expression): an array of pointers, one per point
    r->scn = calloc(r->n_points, sizeof *r->scn);
    r->state = calloc(r->n_points, 1);
    r->reform_cost = calloc(r->n_points, sizeof *r->reform_cost);
    r->results = calloc(r->n_points * r->n_reps * r->n_kpis, sizeof *r->results);
    r->have = calloc(r->n_points, 1);
    r->left = calloc(r->n_points, sizeof *r->left);
    if (!r->scn || !r->state || !r->reform_cost || !r->results || !r->have || !r->left) {
        fprintf(stderr, "govsim sweep: out of memory\n");
        return CLI_FAILURE;
    }
    if (check_points(r, err, sizeof err) != 0) {
        if (rank0) fprintf(stderr, "%s\n", err);
        return CLI_USAGE;
    }
    for (size_t p = 0; p < r->n_points; p++) atomic_init(&r->left[p], r->n_reps);
    return CLI_OK;
}

/* --quiet: every file written, one path a line (the charts: those in
 * DIR now, since which are drawn depends on the design). */
static void print_paths(const char *dir) {
    static const char *const FILES[] = {"design.csv", "results.csv", "summary_wide.csv",
                                        "sensitivity.csv"};
    for (size_t i = 0; i < sizeof FILES / sizeof *FILES; i++) cli_print_path(dir, FILES[i]);
    cli_print_chart_paths(dir, CHART_NAMES, sizeof CHART_NAMES / sizeof *CHART_NAMES, CHART_EXTS,
                          sizeof CHART_EXTS / sizeof *CHART_EXTS);
}

/* Rank 0, every point in: the final files and the tables (none when
 * quiet: the paths instead). */
static int finish(sweep_run_t *r, const char *dir, const char *partial, const runner_status_t *st,
                  bool quiet) {
    char err[2048];
    sweep_out_t so = {&r->sw, r->results, r->n_reps, dir};
    FILE *table = quiet ? fopen("/dev/null", "w") : stdout;
    int rc = table ? 0 : -1;
    if (!table) snprintf(err, sizeof err, "cannot open /dev/null");
    if (rc == 0 &&
        (sweep_out_clear(&so, err, sizeof err) != 0 ||
         write_results(r, dir, err, sizeof err) != 0 ||
         sweep_out_summary(&so, err, sizeof err) != 0 || sweep_out_table(&so, table, 40) != 0 ||
         sweep_out_sensitivity(&so, table, err, sizeof err) != 0 ||
         sweep_out_plots(&so, err, sizeof err) != 0))
        rc = -1;
    if (table && table != stdout) fclose(table);
    if (rc != 0) {
        fprintf(stderr, "govsim sweep: %s\n", err);
        return CLI_FAILURE;
    }
    unlink(partial);
    if (quiet) {
        print_paths(dir);
        return CLI_OK;
    }
    /* TRANSLATORS: the design's name (grid, lhs, sobol, saltelli, csv) stays as it is. */
    printf(_("\n%zu points x %zu replications (%s design), %.1f s\n"), r->n_points, r->n_reps,
           sweep_design_name(r->sw.design), st->seconds);
    printf(_("Files: design.csv, results.csv, summary_wide.csv, sensitivity.csv and charts in "
             "%s/\n"),
           dir);
    return CLI_OK;
}

int cmd_sweep(int argc, char **argv) {
    sweep_options_t o = {0};
    cli_args_t args;
    int parsed = parse(argc, argv, &o, &args);
    if (parsed != 0) return parsed > 0 ? CLI_OK : CLI_USAGE;
    sweep_run_t *r = calloc(1, sizeof *r);
    if (!r) return CLI_FAILURE;
    char dir[1024], partial[1200];
    bool rank0 = runner_mpi_rank() == 0, locks = false;
    int rc = load_points(r, &o, &locks);
    if (rc == CLI_OK) {
        if (o.out_dir) snprintf(dir, sizeof dir, "%s", o.out_dir);
        else snprintf(dir, sizeof dir, "results/%s-sweep", r->sw.id);
        snprintf(partial, sizeof partial, "%s/results.partial.csv", dir);
        if (rank0) rc = prepare_output(r, &o, dir, partial);
    }
    /* under MPI every rank goes on only if all are ready (no worker is
     * left waiting for a rank 0 that gave up) */
    if (!runner_mpi_all_ok(rc == CLI_OK)) {
        if (rc == CLI_OK) rc = CLI_FAILURE;
        goto out;
    }
    pthread_mutex_init(&r->lock, NULL);
    runner_status_t st;
    double t0 = clock_wall_seconds(); /* runner_run times itself; MPI runs are timed here */
    int run_rc = run_points(r, &o, &st);
    if (runner_mpi_size() > 1) st.seconds = clock_wall_seconds() - t0;
    pthread_mutex_destroy(&r->lock);
    rc = CLI_FAILURE;
    if (!rank0) {
        rc = run_rc == 0 ? CLI_OK : CLI_FAILURE;
        goto out;
    }
    if (r->partial && fclose(r->partial) != 0 && !r->write_failed) r->write_failed = errno;
    r->partial = NULL;
    size_t whole = 0;
    for (size_t p = 0; p < r->n_points; p++) whole += r->have[p];
    if (r->write_failed) {
        fprintf(stderr, "govsim sweep: writing %s failed: %s\n", partial,
                strerror(r->write_failed));
        goto out;
    }
    if (run_rc != 0 || st.interrupted || whole < r->n_points) {
        fprintf(stderr,
                "govsim sweep: %s: %zu of %zu points done and saved; run again with "
                "--resume to finish\n",
                st.interrupted ? "interrupted" : "a replication failed", whole, r->n_points);
        goto out;
    }
    rc = finish(r, dir, partial, &st, o.quiet);
out:
    if (r->partial) fclose(r->partial);
    free_run(r, locks);
    free(r);
    return rc;
}
