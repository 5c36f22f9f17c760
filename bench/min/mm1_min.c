/*
 * mm1_min.c - the ceiling for `govsim bench mm1`: a minimal hand-written
 * M/M/1 at utilization 0.9 (issue 15).
 *
 * Everything govsim's M/M/1 needs and nothing else: one random stream
 * (govsim's taus2, the same seeding), exponential draws by the same method
 * (rng_exp1 of sim/rng.h: the ziggurat), a two-event calendar (the next
 * arrival and the next departure, compared), and counters (customers in
 * the system, customers served, the time-integral of the number in the
 * system, printed so the work cannot be optimised away).  No entities, no
 * queue of waiting customers (the M/M/1's FIFO order does not change the
 * departure times), no statistics beyond that integral.
 *
 *   build/bench-mm1-min [CUSTOMERS]     (default 10,000,000)
 *
 * prints one line in the format of `govsim bench mm1`:
 *   bench mm1-min customers=N seconds=S customers_per_s=R mean_in_system=L
 * make bench (bench/run.sh) runs it alternately with govsim and prints the
 * ratio of their customers per second.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "rng.h"

#define ARRIVAL_MEAN (1.0 / 0.9) /* utilization 0.9 with service mean 1 */
#define SERVICE_MEAN 1.0

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* Serve `customers` customers; returns the time-average number in the
 * system.  The calendar is two times: the earlier one is the next event. */
static double mm1_run(gsl_rng *r, long customers) {
    double now = 0, area = 0;
    double next_arrival = rng_exponential(r, ARRIVAL_MEAN), next_departure = INFINITY;
    long in_system = 0, served = 0;
    while (served < customers) {
        if (next_arrival < next_departure) {
            area += in_system * (next_arrival - now);
            now = next_arrival;
            if (in_system++ == 0) next_departure = now + rng_exponential(r, SERVICE_MEAN);
            next_arrival = now + rng_exponential(r, ARRIVAL_MEAN);
        } else {
            area += in_system * (next_departure - now);
            now = next_departure;
            served++;
            next_departure = --in_system > 0 ? now + rng_exponential(r, SERVICE_MEAN) : INFINITY;
        }
    }
    return area / now;
}

int main(int argc, char **argv) {
    long customers = argc > 1 ? strtol(argv[1], NULL, 10) : 10000000L;
    if (customers <= 0) {
        fprintf(stderr, "usage: bench-mm1-min [CUSTOMERS > 0]\n");
        return 2;
    }
    gsl_rng *r = rng_stream_new(20261124, 0, 1);
    if (!r) return 1;
    double t0 = now_seconds();
    double mean_in_system = mm1_run(r, customers);
    double seconds = now_seconds() - t0;
    printf("bench mm1-min customers=%ld seconds=%.3f customers_per_s=%.0f mean_in_system=%.3f\n",
           customers, seconds, customers / seconds, mean_in_system);
    gsl_rng_free(r);
    return 0;
}
