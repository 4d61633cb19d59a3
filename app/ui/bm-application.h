/* bm-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define BM_TYPE_APPLICATION (bm_application_get_type ())

G_DECLARE_FINAL_TYPE (BmApplication, bm_application, BM, APPLICATION, AdwApplication)

BmApplication *bm_application_new (void);
/* g_get_monotonic_time() at the top of main(), for the start-up benchmark */
void           bm_application_set_start_time (BmApplication *self,
                                              gint64         start_us);

/* Writes the atlas as text, one region a line (for --list-regions) */
void           bm_application_print_regions (GString *out);

G_END_DECLS
