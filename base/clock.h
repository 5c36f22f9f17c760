/*
 * clock.h - wall-clock time for timing runs (not the simulated clock).
 */
#ifndef GOVSIM_CLOCK_H
#define GOVSIM_CLOCK_H

/* Seconds on a monotonic clock, from an arbitrary origin.  This function
 * can't fail. */
double clock_wall_seconds(void);

#endif
