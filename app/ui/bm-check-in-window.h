/* bm-check-in-window.h: check-in, the clinic's tablet — a full-screen
 * window where a client marks the map and answers a few questions, and
 * reaches nothing else; leaving it takes the staff's passcode
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bm-check-in-flow.h"
#include "bm-library.h"

G_BEGIN_DECLS

#define BM_TYPE_CHECK_IN_WINDOW (bm_check_in_window_get_type ())

G_DECLARE_FINAL_TYPE (BmCheckInWindow, bm_check_in_window, BM, CHECK_IN_WINDOW, AdwWindow)

/* Seconds without input before "Are you still there?", and of its countdown */
#define BM_CHECK_IN_IDLE_SECONDS      (3 * 60)
#define BM_CHECK_IN_COUNTDOWN_SECONDS 30

/* A check-in on @library's waiting list; @passcode_path: where the
 * staff's passcode is kept (NULL: this device's, bm_passcode_dup_default_path()) */
BmCheckInWindow *bm_check_in_window_new     (GtkApplication  *application,
                                             BmLibrary       *library,
                                             const char      *passcode_path);
/* Full screen, first asking for a passcode when none is set. While it
 * runs, the app's other windows are hidden and its keyboard shortcuts do
 * nothing; leaving (with the passcode) brings them back. */
void             bm_check_in_window_start   (BmCheckInWindow *self);

/* The check-in running in @application, if any */
BmCheckInWindow *bm_check_in_window_find    (GtkApplication  *application);

/* app.start-check-in (the main menu: the library of the window it is
 * started from) and app.check-in (LIBRARY: the command line's, "" the
 * default) */
void             bm_check_in_install_actions (GtkApplication *application);

/* For tests */
/* "setup", "flow", "leave", "idle" or "thanks" */
const char      *bm_check_in_window_get_page  (BmCheckInWindow *self);
BmCheckInFlow   *bm_check_in_window_get_flow  (BmCheckInWindow *self);
void             bm_check_in_window_set_idle_seconds (BmCheckInWindow *self,
                                                      guint            idle_seconds,
                                                      guint            countdown_seconds);
/* The seconds of the countdown left; 0 when none runs */
guint            bm_check_in_window_get_countdown (BmCheckInWindow *self);

G_END_DECLS
