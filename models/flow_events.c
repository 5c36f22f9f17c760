/* The observer's records (flow_events.h), filled from the model's state. */
#include "flow_events.h"

#include "flow_internal.h"

static const char *const KIND_NAMES[FLOW_EV_KIND_COUNT] = {
    [FLOW_EV_ARRIVE] = "arrive",       [FLOW_EV_OUTAGE] = "outage",
    [FLOW_EV_CLOSED] = "closed",       [FLOW_EV_TRIP] = "trip",
    [FLOW_EV_JOIN] = "join",           [FLOW_EV_START] = "start",
    [FLOW_EV_COMPLETE] = "complete",   [FLOW_EV_DATA_SENT] = "data_sent",
    [FLOW_EV_FETCH_NEEDED] = "fetch",  [FLOW_EV_DATA_ARRIVED] = "data_arrived",
    [FLOW_EV_REWORK] = "rework",       [FLOW_EV_GIVE_UP] = "give_up",
    [FLOW_EV_SENT_HOME] = "sent_home", [FLOW_EV_RETURN] = "return",
    [FLOW_EV_FINISH] = "finish",       [FLOW_EV_LOST] = "lost"};

const char *flow_ev_kind_name(flow_ev_kind_t k) {
    return k >= 0 && k < FLOW_EV_KIND_COUNT ? KIND_NAMES[k] : "?";
}

const char *flow_ev_mode_name(flow_ev_mode_t m) {
    static const char *const names[] = {"", "api", "manual", "hub", "fallback", "fetch"};
    return m >= 0 && m <= FLOW_MODE_FETCH ? names[m] : "?";
}

const char *flow_ev_why_name(flow_ev_why_t w) {
    static const char *const names[] = {"",           "incomplete", "officer_error",
                                        "data_error", "balked",     "never_returned"};
    return w >= 0 && w <= FLOW_WHY_NEVER_BACK ? names[w] : "?";
}

/* Resource r of the model as a place: 2d windows of department d, 2d + 1
 * its officers, 2n + g the one-stop hall of region g (flow.c's layout). */
static void place_of(const flow_model_t *m, int r, flow_event_t *ev) {
    size_t nd = m->s->n_departments;
    ev->place = FLOW_PLACE_NONE;
    ev->res_index = -1;
    if (r < 0) return;
    if ((size_t)r >= 2 * nd) {
        ev->place = FLOW_PLACE_HALL;
        ev->res_index = (int)((size_t)r - 2 * nd);
    } else {
        ev->place = (r & 1) ? FLOW_PLACE_OFFICERS : FLOW_PLACE_WINDOWS;
        ev->res_index = r / 2;
    }
}

void flow_note(const flow_model_t *m, const task_t *tk, int r, flow_event_t *ev) {
    const flow_case_t *c = pool_at(&m->cases, tk->case_id);
    const scn_service_t *sv = &m->s->services[c->service];
    bool data = ev->kind == FLOW_EV_DATA_SENT || ev->kind == FLOW_EV_FETCH_NEEDED;
    ev->time = m->sim.now;
    ev->case_id = c->serial;
    ev->slot = tk->case_id;
    ev->arrival_index = c->arrival_index;
    ev->rep = m->rep;
    ev->service = c->service;
    ev->region = c->region;
    ev->channel = c->channel;
    ev->online = c->online;
    ev->step = ev->kind == FLOW_EV_FINISH || ev->kind == FLOW_EV_LOST ? -1 : tk->step;
    ev->dept = ev->step >= 0 ? sv->steps[ev->step].dept : -1;
    if (data) ev->dept = m->s->items[ev->item].owner;
    else ev->item = -1;
    if (ev->kind != FLOW_EV_JOIN) ev->line = -1;
    ev->trips = c->trips;
    ev->fetch = !data && tk->state == TASK_FETCH;
    if (ev->fetch && !data && ev->kind != FLOW_EV_DATA_ARRIVED) ev->dept = tk->fetch_owner;
    place_of(m, r, ev);
    m->obs.fn(m->obs.ctx, ev);
}
