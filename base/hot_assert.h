/*
 * hot_assert.h - invariant checks on the event loop's hot path.
 *
 * STYLE.md: validate at the boundary (the loaders, the CLI), trust inside.
 * Invariants that hold on every event (clock monotone, no NaN times, a
 * handler for every type, a server to release) are still worth checking
 * while testing, but not on every one of the millions of events a planner's
 * run handles.  hot_assert(x) is assert(x) when GOVSIM_DEBUG is defined
 * (`make check-asan` and `make debug` define it) and nothing otherwise.
 * Ordinary assert() stays on for everything off the hot path.
 */
#ifndef GOVSIM_HOT_ASSERT_H
#define GOVSIM_HOT_ASSERT_H

#include <assert.h>

#ifdef GOVSIM_DEBUG
#define hot_assert(x) assert(x)
#else
#define hot_assert(x) ((void)0)
#endif

#endif
