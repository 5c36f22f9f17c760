/*
 * qnet.h - an open network of multi-server stations, built on the kernel.
 *
 * This is the smallest complete model: external arrivals (Poisson or a
 * piecewise-constant rate profile) enter stations; each station is a
 * multi-server resource with a service-time distribution and optional
 * exponential patience (customers abandon the line); after service a
 * customer moves to station j with probability route[i][j] or leaves.
 * That is enough to express any open Jackson network, M/G/c queues, and
 * Erlang-A systems, so `govsim validate` checks the event calendar, the
 * resource, the RNG streams, the distributions and the statistics against
 * queueing theory through exactly the code paths the government models
 * use, and `govsim bench mm1` measures the same code.
 *
 * Random streams (common random numbers): station i draws its external
 * arrivals from stream 4i, its service times from 4i+1, its routing from
 * 4i+2 and its patience from 4i+3; stream 4k (k = number of stations) is
 * used for random initial states.
 */
#ifndef GOVSIM_QNET_H
#define GOVSIM_QNET_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "dist.h"
#include "nhpp.h"

#define QNET_MAX_STATIONS 16
#define QNET_MAX_WINDOWS  8

typedef struct qnet_station {
    unsigned servers;                /* >= 1                                     */
    dist_t service;                  /* service time                             */
    double arrival_rate;             /* external Poisson rate (0: none)           */
    const nhpp_t *arrival_profile;   /* or a rate profile (overrides rate)    */
    double patience_mean;            /* exponential patience; 0: infinitely patient */
    unsigned initial;                /* customers present at time 0              */
    double initial_geometric;        /* > 0: initial count ~ Geometric, P(n) =
                                        (1-g) g^n (the M/M/1 stationary law with
                                        rho = g); overrides `initial`             */
    double route[QNET_MAX_STATIONS]; /* probability to go to station j next */
} qnet_station_t;

typedef struct qnet_spec {
    size_t k; /* stations                        */
    qnet_station_t station[QNET_MAX_STATIONS];
    double warmup;                       /* statistics start here           */
    double horizon;                      /* the run ends here               */
    size_t n_windows;                    /* count external arrivals in      */
    double window[QNET_MAX_WINDOWS + 1]; /* [window[w], window[w+1])         */
} qnet_spec_t;

typedef struct qnet_station_result {
    double arrivals;               /* arrivals (external + routed) after warm-up   */
    double served;                 /* services started after warm-up               */
    double utilization;            /* busy servers / servers, time-averaged        */
    double l;                      /* number present (waiting + in service)        */
    double lq;                     /* number waiting                               */
    double wq;                     /* mean wait of those served                    */
    double w;                      /* mean time per visit (wait + service), of
                                      visits completed after warm-up               */
    double p_wait;                 /* share of those served who waited > 0         */
    double p_abandon;              /* abandoned / (served + abandoned)             */
    double wq_p50, wq_p90, wq_p95; /* waiting-time quantiles              */
} qnet_station_result_t;

typedef struct qnet_result {
    size_t k;
    qnet_station_result_t station[QNET_MAX_STATIONS];
    double response;                       /* mean time from entering to leaving the network
                                              (customers who left after warm-up, served or
                                              abandoned)                                    */
    double completed;                      /* customers who left the network after warm-up  */
    double throughput;                     /* completed / (horizon - warmup)                */
    double window_count[QNET_MAX_WINDOWS]; /* external arrivals per window  */
    uint64_t events;                       /* events handled                                */
    double peak_in_system;                 /* most customers present at once                */
    int interrupted;                       /* the stop flag ended the run early             */
} qnet_result_t;

/* Check a spec: returns 0, or -1 with a message in err. */
int qnet_check(const qnet_spec_t *spec, char *err, size_t errlen);

/* One replication.  Returns 0, 1 if stopped by *stop (result partial), or
 * -1 when out of memory. */
int qnet_run(const qnet_spec_t *spec, uint64_t seed, uint32_t replication, const atomic_int *stop,
             qnet_result_t *out);

#endif
