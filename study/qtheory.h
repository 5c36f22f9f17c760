/*
 * qtheory.h - closed-form queueing results the engine is checked against.
 *
 * Everything `govsim validate` compares with lives here, computed from first
 * principles so that the check is independent of the simulator: M/M/1,
 * M/M/c (Erlang C), M/G/1 (Pollaczek-Khinchine), M/M/c with exponential
 * patience (Erlang A, by the birth-death chain), and open Jackson networks
 * (traffic equations solved with GSL's LU, then M/M/c at each station).
 *
 * Notation: lambda arrival rate, mu service rate per server, c servers,
 * rho = lambda / (c mu).  All results are steady state.  Queues without
 * abandonment need rho < 1 (functions return NaN otherwise); Erlang A with
 * patience theta > 0 is stable at any load.  Times in the unit of 1/lambda.
 */
#ifndef GOVSIM_QTHEORY_H
#define GOVSIM_QTHEORY_H

#include <stddef.h>

typedef struct qt_mmc {
    double rho;    /* utilization per server                 */
    double p_wait; /* probability an arrival waits (Erlang C) */
    double lq;     /* mean number waiting                     */
    double l;      /* mean number in system                   */
    double wq;     /* mean wait in queue                      */
    double w;      /* mean time in system (response time R)   */
} qt_mmc_t;

/* M/M/c steady state; all fields NaN if rho >= 1 or an argument <= 0. */
qt_mmc_t qt_mmc(double lambda, double mu, unsigned c);

/* M/G/1 by Pollaczek-Khinchine: service with mean es and squared
 * coefficient of variation cs2 (0 for deterministic, 1 for exponential). */
qt_mmc_t qt_mg1(double lambda, double es, double cs2);

/* P(W_q > t) for M/M/c (FCFS): p_wait * exp(-(c mu - lambda) t). */
double qt_mmc_wait_tail(double lambda, double mu, unsigned c, double t);

/* The p-quantile of the waiting time in M/M/c (0 if p <= 1 - p_wait). */
double qt_mmc_wait_quantile(double lambda, double mu, unsigned c, double p);

/* M/M/c+M (Erlang A): exponential patience with rate theta (mean 1/theta),
 * customers abandon while waiting.  Computed from the birth-death chain
 * (birth lambda, death min(n,c) mu + max(n-c,0) theta), truncated where the
 * tail probability falls below 1e-15. */
typedef struct qt_erlang_a {
    double p_abandon; /* share of arrivals that abandon              */
    double p_wait;    /* share of arrivals that find all servers busy */
    double lq;        /* mean number waiting                          */
    double util;      /* mean busy servers / c                        */
    double wq;        /* mean wait of all arrivals, Lq / lambda       */
    double wq_served; /* mean wait of those served: with j waiting
                         ahead, an arrival is served with probability
                         c mu / (c mu + (j+1) theta) after a mean
                         sum_{i=0..j} 1 / (c mu + (i+1) theta)        */
} qt_erlang_a_t;
qt_erlang_a_t qt_erlang_a(double lambda, double mu, unsigned c, double theta);

/* Open Jackson network of k stations.  ext[i]: external arrival rate at i;
 * route[i*k + j]: probability to go from i to j (row sums <= 1, the rest
 * leaves); mu[i], c[i]: service rate and servers at i.  Fills per-station
 * throughput lambda_out[i] (solution of the traffic equations) and the
 * M/M/c results st[i].  Returns 0, or -1 if the routing has no exit
 * (singular system) or a station is unstable. */
int qt_jackson(size_t k, const double *ext, const double *route, const double *mu,
               const unsigned *c, double *lambda_out, qt_mmc_t *st);

#endif
