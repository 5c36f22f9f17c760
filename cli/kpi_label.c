/* What a KPI is called where a person reads it (kpi_label.h). */
#include "kpi_label.h"

#include <string.h>

#include "i18n.h"

/* One row per KPI of flow.h, in its order; a unit starting "share" is a
 * share (flow_kpi_unit's convention), shown as a percentage. */
static const struct {
    const char *label, *unit;
} LABEL[FLOW_K_COUNT] = {
    [FLOW_K_COMPLETED] = {N_("cases completed"), N_("cases")},
    [FLOW_K_THROUGHPUT] = {N_("cases finished"), N_("cases/day")},
    [FLOW_K_CYCLE_WD] = {N_("cycle time"), N_("working days")},
    [FLOW_K_CYCLE_P50_WD] = {N_("cycle time, median"), N_("working days")},
    [FLOW_K_CYCLE_P90_WD] = {N_("cycle time, 90th percentile"), N_("working days")},
    [FLOW_K_CYCLE_P95_WD] = {N_("cycle time, 95th percentile"), N_("working days")},
    [FLOW_K_CYCLE_CD] = {N_("cycle time in calendar days"), N_("days")},
    [FLOW_K_WINDOW_WAIT] = {N_("wait at the window"), N_("minutes")},
    [FLOW_K_TRIPS] = {N_("trips per case"), N_("trips")},
    [FLOW_K_ONE_TRIP] = {N_("at most one trip"), "%"},
    [FLOW_K_ZERO_TRIP] = {N_("no trip at all"), "%"},
    [FLOW_K_WITHIN_LIMIT] = {N_("within the statutory limit"), "%"},
    [FLOW_K_ABANDON] = {N_("gave up waiting in line"),
                        /* xgettext:no-c-format */
                        N_("% of window visits")},
    [FLOW_K_REWORK] = {N_("sent back or redone (rework)"), "%"},
    [FLOW_K_DATA_REQUESTS] = {N_("data requests per case"), N_("requests")},
    [FLOW_K_DATA_DELAY] = {N_("wait for data"), N_("minutes")},
    [FLOW_K_DATA_MANUAL] = {N_("data requests handled by hand"), "%"},
    [FLOW_K_DATA_FETCHED] = {N_("data fetched by the citizen"), "%"},
    [FLOW_K_ONLINE] = {N_("applied online"), "%"},
    [FLOW_K_CITIZEN_HOURS] = {N_("citizen hours per case"), N_("hours")},
    [FLOW_K_WIP] = {N_("cases in the system"), N_("cases")},
    [FLOW_K_WIP_CASES] = {N_("cases in the system (by case)"), N_("cases")},
    [FLOW_K_CYCLE_MIN] = {N_("cycle time in minutes"), N_("minutes")},
    [FLOW_K_ARRIVAL_RATE] = {N_("cases arriving"), N_("cases/day")},
    [FLOW_K_BACKLOG] = {N_("backlog (cases open at the end)"), N_("cases")},
    [FLOW_K_FRONT_UTIL] = {N_("window utilization"), "%"},
    [FLOW_K_BACK_UTIL] = {N_("officer utilization"), "%"},
    [FLOW_K_COST_YEAR] = {N_("government cost"), N_("yuan/year")},
    [FLOW_K_CITIZEN_COST_YEAR] = {N_("citizens' cost (time, trips)"), N_("yuan/year")},
    [FLOW_K_COST_PER_CASE] = {N_("cost per case"), N_("yuan")},
    [FLOW_K_SATISFACTION] = {N_("satisfaction"), N_("index 0-100")},
    [FLOW_K_REGION_GAP] = {N_("gap between regions"), N_("ratio slowest/fastest")},
    [FLOW_K_LOST_BALKED] = {N_("cases lost: line too long"), N_("cases/day")},
    [FLOW_K_LOST_ABANDONED] = {N_("cases lost: gave up"), N_("cases/day")},
    [FLOW_K_WINDOW_WAIT_P90] = {N_("wait at the window, 90th percentile"), N_("minutes")},
    [FLOW_K_LINE_LENGTH] = {N_("citizens in line"), N_("citizens")},
    [FLOW_K_LINE_MAX] = {N_("longest line"), N_("citizens")},
    [FLOW_K_BACK_WAIT] = {N_("wait for an officer"), N_("minutes")},
    [FLOW_K_WINDOW_SERVED] = {N_("served at windows"), N_("turns/day")},
    [FLOW_K_BACK_SERVED] = {N_("back-office tasks"), N_("tasks/day")},
    [FLOW_K_NO_SHOW] = {N_("missed appointments"), N_("cases/day")},
    [FLOW_K_BREACHES] = {N_("security breaches"), N_("breaches/year")},
    [FLOW_K_SHARING_SUSPENDED] = {N_("data sharing suspended"), N_("days/year")},
    [FLOW_K_BREACH_COST] = {N_("cost of breaches"), N_("yuan/year")},
    [FLOW_K_PLATFORM_LATENCY] = {N_("online platform response"), N_("seconds")},
    [FLOW_K_PLATFORM_P95] = {N_("online platform response, p95"), N_("seconds")},
    [FLOW_K_PLATFORM_TIMEOUTS] = {N_("online submissions timed out"), "%"},
    [FLOW_K_HUB_P95] = {N_("data hub response, p95"), N_("seconds")},
    [FLOW_K_HUB_TIMEOUTS] = {N_("data hub requests timed out"), "%"},
    [FLOW_K_CALLS_ANSWERED] = {N_("hotline calls answered"), N_("calls/day")},
    [FLOW_K_CALLS_15S] = {N_("hotline calls answered within 15 s"), "%"},
    [FLOW_K_CALLS_ABANDONED] = {N_("hotline callers who hung up"), "%"},
    [FLOW_K_CALL_WAIT] = {N_("hotline wait"), N_("minutes")},
    [FLOW_K_CALLS_WAITED] = {N_("hotline calls that waited"), "%"},
    [FLOW_K_APPEALS_WITHIN] = {N_("appeals resolved within limit"), "%"},
    [FLOW_K_APPEALS_PER_1000] = {N_("appeals per 1,000 cases"), N_("appeals")},
    [FLOW_K_BAD_RATING] = {N_("appeals rated bad"), "%"},
};

/* A KPI added to flow.h without a row here shows its id and unit rather
 * than crash (tests/unit/test_labels.c fails on it, to have a row added). */
const char *cli_kpi_label(flow_kpi_t k) {
    return LABEL[k].label ? _(LABEL[k].label) : flow_kpi_name(k);
}

const char *cli_kpi_unit(flow_kpi_t k) {
    return LABEL[k].unit ? _(LABEL[k].unit) : flow_kpi_unit(k);
}

bool cli_kpi_is_share(flow_kpi_t k) { return strncmp(flow_kpi_unit(k), "share", 5) == 0; }
