/* bm-check-in-flow.h: check-in, the client's three steps — where it
 * hurts, about you, review — on one fresh intake
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "bm-intake.h"

G_BEGIN_DECLS

#define BM_TYPE_CHECK_IN_FLOW (bm_check_in_flow_get_type ())

G_DECLARE_FINAL_TYPE (BmCheckInFlow, bm_check_in_flow, BM, CHECK_IN_FLOW, GtkWidget)

typedef enum
{
  BM_CHECK_IN_STEP_MAP,
  BM_CHECK_IN_STEP_ABOUT,
  BM_CHECK_IN_STEP_REVIEW,
} BmCheckInStep;

#define BM_CHECK_IN_N_STEPS 3

/* A flow on a new, empty intake of its own. One client's: the next
 * client gets a new flow, so no widget keeps anything typed before. */
GtkWidget     *bm_check_in_flow_new          (void);
BmIntake      *bm_check_in_flow_get_intake   (BmCheckInFlow *self);

/* Whether the client gave anything: a mark, an answer, a tick */
gboolean       bm_check_in_flow_has_input    (BmCheckInFlow *self);

BmCheckInStep  bm_check_in_flow_get_step     (BmCheckInFlow *self);
/* Goes to @step; going past "About you" needs its answers (FALSE, and
 * the form says what is missing, when they are not there) */
gboolean       bm_check_in_flow_go_to_step   (BmCheckInFlow *self,
                                              BmCheckInStep  step);
/* "I'm done", as if tapped: ::finished when everything needed is there */
void           bm_check_in_flow_finish       (BmCheckInFlow *self);
/* Says under the review that the answers could not be handed in */
void           bm_check_in_flow_show_error   (BmCheckInFlow *self,
                                              const char    *message);

/* The step, for people: "Step 2 of 3: About you" */
char          *bm_check_in_flow_dup_step_text (BmCheckInFlow *self);

GtkWidget     *bm_check_in_flow_get_body_map (BmCheckInFlow *self);
GtkWidget     *bm_check_in_flow_get_form     (BmCheckInFlow *self);

G_END_DECLS
