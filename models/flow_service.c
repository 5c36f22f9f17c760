/*
 * flow_service.c - what service days (halls open on days that are not
 * working days, sim/wcal.h) change in the workflow model's demand.
 */
#include "flow_internal.h"

double flow_hall_minutes_per_day(const scn_t *s, double horizon, double minutes_per_day) {
    const wcal_t *c = &s->calendar;
    if (!wcal_has_service(c)) return minutes_per_day;
    double work = wcal_working_time(c, 0.0, horizon), hall = wcal_demand_time(c, 0.0, horizon);
    return work > 0 && hall > 0 ? minutes_per_day * hall / work : minutes_per_day;
}
