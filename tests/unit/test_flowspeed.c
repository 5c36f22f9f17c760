/* The workflow model's short cuts keep the numbers (docs/performance.md,
 * "Workflow model, session 4"): flow_region_admit without migrants or a
 * proactive share steps over the three numbers it would draw, so the
 * case's LUCK_EXTRA substream (couriers, audits) is where the drawing path
 * leaves it, and the case is a local, applied-for one. */
#include <check.h>

#include "checks.h"
#include "flow_internal.h"
#include "rng.h"
#include "scn.h"

#define MINIMAL "tests/scenarios/good/minimal.cfg"

static void load(scn_t *s) {
    char err[512];
    if (scn_load(s, MINIMAL, err, sizeof err) != 0) ck_abort_msg("%s", err);
}

/* A fresh case of service 0, region 0 with LUCK_EXTRA at `luck`, admitted. */
static flow_case_t admitted(const scn_t *s, uint64_t luck) {
    flow_model_t m = {.s = s};
    flow_case_t c = {.service = 0, .region = 0};
    c.luck[LUCK_EXTRA] = luck;
    flow_region_admit(&m, &c);
    return c;
}

/* Where three uniform draws leave the substream word w. */
static uint64_t after_three(uint64_t w) {
    gsl_rng g = rng_substream(&w);
    for (int i = 0; i < 3; i++) (void)rng_uniform(&g);
    return w;
}

START_TEST(test_admit_steps_over_three_numbers) {
    scn_t s;
    load(&s);
    CHECK(!s.travel.migrant && !(s.services[0].proactive_share > 0)); /* the short cut */
    for (uint64_t luck = 1; luck < 1000000; luck += 99991) {
        flow_case_t c = admitted(&s, luck * 0x9E3779B97F4A7C15ull);
        CHECK_EQ(c.luck[LUCK_EXTRA], after_three(luck * 0x9E3779B97F4A7C15ull));
        CHECK(c.home == 0 && !c.proactive);
    }
    scn_free(&s);
}
END_TEST

/* The drawing path (a proactive share too small to hit) and the short cut
 * leave the substream at the same place. */
START_TEST(test_admit_paths_agree) {
    scn_t s;
    load(&s);
    for (uint64_t luck = 7; luck < 1000000; luck += 77773) {
        s.services[0].proactive_share = 0;
        flow_case_t quick = admitted(&s, luck);
        s.services[0].proactive_share = 1e-300;
        flow_case_t drawn = admitted(&s, luck);
        CHECK_EQ(quick.luck[LUCK_EXTRA], drawn.luck[LUCK_EXTRA]);
        CHECK(quick.home == drawn.home && quick.proactive == drawn.proactive);
    }
    scn_free(&s);
}
END_TEST

extern Suite *suite_flowspeed(void);
Suite *suite_flowspeed(void) {
    Suite *s = suite_create("flowspeed");
    TCase *tc = tcase_create("shortcuts");
    tcase_add_test(tc, test_admit_steps_over_three_numbers);
    tcase_add_test(tc, test_admit_paths_agree);
    suite_add_tcase(s, tc);
    return s;
}
